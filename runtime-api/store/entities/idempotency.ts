import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/** The first answer to a request sent with an Idempotency-Key, replayed to its retries. */
export interface IdempotencyRow {
  userId: string;
  key: string;
  /** Method, path and body hash: the same key with another request is refused. */
  fingerprint: string;
  status: number;
  body: unknown;
  createdAt: string;
}

export const Idempotency = new EntitySchema<IdempotencyRow>({
  name: 'Idempotency',
  tableName: 'idempotency_keys',
  columns: {
    userId: { ...column.id(), name: 'user_id', primary: true },
    key: { ...column.text(128), name: 'idem_key', primary: true },
    fingerprint: column.text(64),
    status: column.int(),
    body: column.json(),
    createdAt: column.instant({ name: 'created_at' }),
  },
  // Answers are kept a day for retries, then erased by age.
  indices: [{ name: 'idx_idempotency_created', columns: ['createdAt'] }],
});
