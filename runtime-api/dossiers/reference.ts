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

/**
 * A reference as someone typed it (« rc-2026-wnar9 », spaces, an O read for a 0) as it is stored:
 * in capitals, and in its random part the letters Crockford's alphabet reads as digits.
 */
export function typedReference(typed: string): string {
  const upper = typed.replace(/\s+/g, '').toUpperCase();
  const random = upper.lastIndexOf('-') + 1;
  return upper.slice(0, random) + upper.slice(random).replace(/O/g, '0').replace(/[IL]/g, '1');
}
