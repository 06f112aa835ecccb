import type { EntityManager } from 'typeorm';

/**
 * What an effect writes to the database, run by the dispatcher in the transaction that marks the
 * effect done: the writes and « done » commit together, or neither does and the effect runs again.
 */
export type EffectWrites = (m: EntityManager) => Promise<void>;

export const NOTHING_TO_WRITE: EffectWrites = async () => undefined;

