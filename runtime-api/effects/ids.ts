import { createHash } from 'node:crypto';

/**
 * A stable id derived from another (an outbox row, a letter) and a purpose: what an effect
 * creates gets the same id however many times it runs, so that a second run finds it and stops.
 * Shaped like a UUID (version nibble 5, as in name-based UUIDs) to fit the 36-character id columns.
 */
export function derivedId(from: string, purpose: string): string {
  const hex = createHash('sha256').update(`${from}\u0000${purpose}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
