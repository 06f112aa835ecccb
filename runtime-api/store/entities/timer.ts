import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/** A durable timer: when `dueAt` passes, the scheduler sends `event` to the dossier, once. */
export interface TimerRow {
  id: string;
  dossierId: string;
  /** Unique per dossier (`after:…`, `delai.…`): arming again replaces the timer. */
  key: string;
  event: { type: string; payload: Record<string, unknown> };
  dueAt: string;
  /** Failed firings so far (a conflict, a crash): the scheduler retries later. */
  attempts: number;
}

export const Timer = new EntitySchema<TimerRow>({
  name: 'Timer',
  tableName: 'timers',
  columns: {
    id: { ...column.id(), primary: true },
    dossierId: { ...column.id(), name: 'dossier_id' },
    key: { ...column.text(191), name: 'timer_key' },
    event: column.json(),
    dueAt: column.instant({ name: 'due_at' }),
    attempts: column.int(),
  },
  indices: [
    { name: 'idx_timers_dossier_key', columns: ['dossierId', 'key'], unique: true },
    { name: 'idx_timers_due', columns: ['dueAt'] },
  ],
});
