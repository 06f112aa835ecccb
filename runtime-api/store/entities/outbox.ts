import { EntitySchema } from 'typeorm';
import type { Effect } from '../../../engine';
import { column } from '../columns';

export type OutboxStatus = 'pending' | 'done' | 'dead';

/** An effect to run after commit (a letter, a notification, a document…), retried until it succeeds or gives up. */
export interface OutboxRow {
  id: string;
  dossierId: string;
  /** The history line that produced it. */
  seq: number;
  effect: Effect;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

export const Outbox = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    id: { ...column.id(), primary: true },
    dossierId: { ...column.id(), name: 'dossier_id' },
    seq: column.int(),
    effect: column.json(),
    status: column.text(16),
    attempts: column.int(),
    nextAttemptAt: column.instant({ name: 'next_attempt_at' }),
    lastError: column.longText({ name: 'last_error', nullable: true }),
    createdAt: column.instant({ name: 'created_at' }),
    doneAt: column.instant({ name: 'done_at', nullable: true }),
  },
  indices: [
    { name: 'idx_outbox_pending', columns: ['status', 'nextAttemptAt'] },
    { name: 'idx_outbox_dossier', columns: ['dossierId'] },
  ],
});
