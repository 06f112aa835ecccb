import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { LoginFailure } from './entities';
import { deleteWhere, insertRows, selectWhere } from './fast';

/** When the latest `limit` failures of `key` since `since` happened, latest first. */
export async function recentLoginFailures(m: EntityManager, key: string, since: string, limit: number): Promise<string[]> {
  const rows = await selectWhere(m, LoginFailure, `throttle_key = ? AND at > ? ORDER BY at DESC LIMIT ${Number(limit)}`, [key, since]);
  return rows.map((r) => r.at);
}

/** Records a failure against each key, and forgets those older than `forgetBefore` (of every key). */
export async function recordLoginFailure(m: EntityManager, keys: string[], at: string, forgetBefore: string): Promise<void> {
  await deleteWhere(m, LoginFailure, 'at <= ?', [forgetBefore]);
  await insertRows(m, LoginFailure, keys.map((key) => ({ id: randomUUID(), key, at })));
}

/** Forgets the failures of a key (an account that signed in). */
export async function clearLoginFailures(m: EntityManager, key: string): Promise<void> {
  await deleteWhere(m, LoginFailure, 'throttle_key = ?', [key]);
}
