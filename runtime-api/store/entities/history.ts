import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/** One line of a dossier's history. Append-only: never updated, never deleted while the dossier lives. */
export interface HistoryRow {
  id?: number;
  dossierId: string;
  /** The dossier's version this event produced: orders the history and makes a line unique. */
  seq: number;
  event: string;
  label: string;
  payload: Record<string, unknown>;
  actorId: string;
  role: string;
  at: string;
  fromStates: string[];
  toStates: string[];
}

export const History = new EntitySchema<HistoryRow>({
  name: 'History',
  tableName: 'history',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    dossierId: { ...column.id(), name: 'dossier_id' },
    seq: column.int(),
    event: column.text(128),
    label: column.text(255),
    payload: column.json(),
    actorId: { ...column.id(), name: 'actor_id' },
    role: column.slug(),
    at: column.instant(),
    fromStates: column.json({ name: 'from_states' }),
    toStates: column.json({ name: 'to_states' }),
  },
  indices: [{ name: 'idx_history_dossier_seq', columns: ['dossierId', 'seq'], unique: true }],
});
