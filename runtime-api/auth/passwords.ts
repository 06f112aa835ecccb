import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** The CNIL's recommendation for a password alone: at least 12 characters. */
export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`;
  if (password.length > 256) return 'Le mot de passe ne doit pas dépasser 256 caractères.';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash that matches no password: accounts created at the desk until their owner sets one. */
export const NO_PASSWORD = '!';

let decoy: Promise<string> | undefined;

/**
 * Checks a sign-in's password against the account's hash, taking as long when there is no such
 * account or it has no password yet (a decoy hash is checked instead): how long the answer takes
 * does not tell a guesser which e-mail addresses have an account.
 */
export async function checkSignIn(hash: string | undefined, password: string): Promise<boolean> {
  if (hash === undefined || hash === NO_PASSWORD) {
    await verifyPassword(await (decoy ??= hashPassword(randomBytes(16).toString('hex'))), password);
    return false;
  }
  return verifyPassword(hash, password);
}
