import { EntitySchema } from 'typeorm';
import type { DossierSnapshot } from '../../../engine';
import { column } from '../columns';

/**
 * The due date of a dossier with no running délai. A real value rather than NULL so that the
 * inbox index sorts those dossiers last on both databases (NULL sorts first on both).
 */
export const NO_DUE_DATE = '9999-12-31T23:59:59.999Z';

export type DossierStatus = 'brouillon' | 'en_cours' | 'clos';

/**
 * A citizen's request. The engine's snapshot is the truth; the other columns copy what the
 * inbox filters and sorts on, so that those queries use indexes and never parse JSON.
 */
export interface DossierRow {
  id: string;
  /** Human reference given to the citizen, e.g. « AA-2026-4F7K2 ». */
  reference: string;
  demarcheId: string;
  demarcheVersion: number;
  status: DossierStatus;
  /** Active leaf states, comma-separated (`instruction.attente_pieces`). */
  state: string;
  citizenStatus: string;
  snapshot: DossierSnapshot | null;
  data: Record<string, unknown>;
  service: string | null;
  site: string | null;
  queue: string | null;
  /** 0 = urgente … 3 = basse: sorts ascending. */
  priority: number;
  ownerId: string;
  /** How it was filed: online by the citizen, or at the desk by an agent on their behalf. */
  channel: 'en_ligne' | 'guichet';
  /** The agent who took the dossier, if any. */
  assigneeId: string | null;
  /** When the dossier entered its current states (for their service level). */
  stateSince: string;
  /** The nearest running délai, for « overdue » and sorting; NO_DUE_DATE when none runs. */
  dueAt: string;
  outcome: string | null;
  createdAt: string;
  submittedAt: string | null;
  updatedAt: string;
  closedAt: string | null;
  /** Optimistic lock: every transition writes `WHERE version = ?` and increments it. */
  version: number;
}

export const Dossier = new EntitySchema<DossierRow>({
  name: 'Dossier',
  tableName: 'dossiers',
  columns: {
    id: { ...column.id(), primary: true },
    reference: column.text(32, { unique: true }),
    demarcheId: column.slug({ name: 'demarche_id' }),
    demarcheVersion: column.int({ name: 'demarche_version' }),
    status: column.text(16),
    state: column.text(255),
    citizenStatus: column.text(255, { name: 'citizen_status' }),
    snapshot: column.json({ nullable: true }),
    data: column.json(),
    service: column.slug({ nullable: true }),
    site: column.slug({ nullable: true }),
    queue: column.slug({ nullable: true }),
    priority: column.int(),
    ownerId: { ...column.id(), name: 'owner_id' },
    channel: column.text(16),
    assigneeId: { ...column.id(), name: 'assignee_id', nullable: true },
    stateSince: column.instant({ name: 'state_since' }),
    dueAt: column.instant({ name: 'due_at' }),
    outcome: column.text(16, { nullable: true }),
    createdAt: column.instant({ name: 'created_at' }),
    submittedAt: column.instant({ name: 'submitted_at', nullable: true }),
    updatedAt: column.instant({ name: 'updated_at' }),
    closedAt: column.instant({ name: 'closed_at', nullable: true }),
    version: column.int(),
  },
  indices: [
    // The inbox: open dossiers of some services, by priority then due date (keyset on id), then
    // the columns it filters on, so that its counts read the index alone.
    { name: 'idx_dossiers_inbox', columns: ['status', 'service', 'priority', 'dueAt', 'id', 'queue', 'site', 'demarcheId', 'assigneeId', 'state'] },
    { name: 'idx_dossiers_owner', columns: ['ownerId', 'updatedAt'] },
    { name: 'idx_dossiers_demarche_state', columns: ['demarcheId', 'state'] },
    { name: 'idx_dossiers_queue', columns: ['queue'] },
    { name: 'idx_dossiers_site', columns: ['site'] },
    { name: 'idx_dossiers_assignee', columns: ['assigneeId'] },
    // Closed dossiers by closing date (open ones have none), to erase those past their démarche's
    // retention; not led by status, which the inbox's index must remain the only one to be.
    { name: 'idx_dossiers_closed_at', columns: ['closedAt'] },
  ],
});
