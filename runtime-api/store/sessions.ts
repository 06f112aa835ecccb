import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { LessThan } from 'typeorm';
import { Session, type SessionRow } from './entities';

/** Only a hash of the cookie's token is stored: a leaked table opens no session. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  row: SessionRow;
}

export async function createSession(m: EntityManager, userId: string, now: Date, lifetimeMs: number): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const row: SessionRow = {
    tokenHash: tokenHash(token),
    userId,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + lifetimeMs).toISOString(),
  };
  await m.insert(Session, row);
  return { token, row };
}

export async function findSession(m: EntityManager, token: string, now: Date): Promise<SessionRow | null> {
  const row = await m.findOneBy(Session, { tokenHash: tokenHash(token) });
  return row && row.expiresAt > now.toISOString() ? row : null;
}

export async function deleteSession(m: EntityManager, token: string): Promise<void> {
  await m.delete(Session, { tokenHash: tokenHash(token) });
}

export async function deleteExpiredSessions(m: EntityManager, now: Date): Promise<void> {
  await m.delete(Session, { expiresAt: LessThan(now.toISOString()) });
}
