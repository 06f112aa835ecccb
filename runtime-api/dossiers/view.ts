import { available, describe, PRIORITIES, type AvailableEvent, type Demarche, type DossierSnapshot, type DossierStatus } from '../../engine';
import { NO_DUE_DATE, type DossierRow } from '../store';
import type { DossierAccess } from './access';

/** A dossier as the API shows it to one user. */
export interface DossierView {
  id: string;
  reference: string;
  demarche: { id: string; version: number; title: string };
  status: DossierRow['status'];
  /** What the engine says of it now: states with labels, citizen status, délais, missing pièces. */
  etat: DossierStatus | null;
  data: Record<string, unknown>;
  /** Values recorded during the instruction (motif, quotient familial…). */
  instruction: Record<string, unknown>;
  routing: { service: string | null; site: string | null; queue: string | null; priority: string };
  ownerId: string;
  channel: DossierRow['channel'];
  assigneeId: string | null;
  dueAt: string | null;
  createdAt: string;
  submittedAt: string | null;
  updatedAt: string;
  closedAt: string | null;
  /** Send it back in If-Match to act only if nobody moved the dossier meanwhile. */
  version: number;
  /** The démarche's roles under which this user acts on the dossier. */
  roles: string[];
  /** What this user may do now. */
  actions: AvailableEvent[];
}

/** `status`: the engine's description of the row's snapshot at `now`, when the caller has it already (a transition computes it). */
export function dossierView(row: DossierRow, definition: Demarche, access: DossierAccess, now: Date, status?: DossierStatus): DossierView {
  const snapshot = row.snapshot as DossierSnapshot | null;
  return {
    id: row.id,
    reference: row.reference,
    demarche: { id: row.demarcheId, version: row.demarcheVersion, title: definition.title },
    status: row.status,
    etat: snapshot ? status ?? describe(definition, snapshot, now) : null,
    data: row.data,
    instruction: snapshot?.context.instruction ?? {},
    routing: { service: row.service, site: row.site, queue: row.queue, priority: PRIORITIES[row.priority] ?? 'normale' },
    ownerId: row.ownerId,
    channel: row.channel,
    assigneeId: row.assigneeId,
    dueAt: row.dueAt === NO_DUE_DATE ? null : row.dueAt,
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    version: row.version,
    roles: access.roles,
    actions: snapshot ? available(definition, snapshot, { roles: access.roles }, now) : [],
  };
}
