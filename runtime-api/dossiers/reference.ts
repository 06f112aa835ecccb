import { randomInt } from 'node:crypto';

// Crockford's base 32: no I, L, O, U, so that a reference read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference the citizen can quote: démarche initials, year, five random characters (« AA-2026-4F7K2 »). */
export function newReference(demarcheId: string, at: Date): string {
  const initials = demarcheId.split('-').map((w) => w[0]?.toUpperCase() ?? '').join('').slice(0, 3) || 'DS';
  let random = '';
  for (let i = 0; i < 5; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  return `${initials}-${at.getUTCFullYear()}-${random}`;
}
