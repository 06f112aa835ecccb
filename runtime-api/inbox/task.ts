import { compile, PRIORITIES, type Demarche, type Priority } from '../../engine';
import { NO_DUE_DATE, type DossierRow } from '../store';

/** A person (a member of staff, the citizen) as a task names them. */
export interface StaffName {
  id: string;
  givenName: string;
  familyName: string;
}

/** One line of an agent's inbox. */
export interface Task {
  id: string;
  reference: string;
  demarche: { id: string; version: number; title: string };
  /** The active steps, with the agents' names for them. */
  states: { path: string; label: string }[];
  citizenStatus: string;
  service: string | null;
  site: string | null;
  queue: string | null;
  priority: Priority;
  /** The nearest running délai or service level, if any. */
  dueAt: string | null;
  /** Until the due date (negative once past), in seconds and in words. */
  timeLeft: { seconds: number; label: string } | null;
  overdue: boolean;
  assignee: StaffName | null;
  /** The citizen the dossier belongs to (who filed it, or for whom the desk did). */
  owner: StaffName | null;
  /** Since when the dossier is at its current steps. */
  stateSince: string;
  submittedAt: string | null;
}

/** The columns of a dossier that a task reads. */
export type TaskRow = Pick<DossierRow, 'id' | 'reference' | 'demarcheId' | 'demarcheVersion' | 'state' | 'citizenStatus' | 'service' | 'site' | 'queue' | 'priority' | 'assigneeId' | 'ownerId' | 'dueAt' | 'stateSince' | 'submittedAt'>;

/** The agents' name of each active state, from the state's `meta.label` in the dossier's version. */
export function stateLabels(definition: Demarche | null, stateColumn: string): { path: string; label: string }[] {
  const graph = definition ? compile(definition).graph : null;
  return stateColumn.split(',').filter((p) => p !== '').map((path) => {
    const config = graph?.byPath.get(path)?.config as { meta?: { label?: string } } | undefined;
    return { path, label: config?.meta?.label ?? path };
  });
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n > 1 ? 's' : ''}`;
}

/** « 3 jours », « 5 heures », « 12 minutes »: the largest unit that is at least one. */
export function duration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s >= 86_400) return plural(Math.floor(s / 86_400), 'jour');
  if (s >= 3_600) return plural(Math.floor(s / 3_600), 'heure');
  return plural(Math.max(1, Math.floor(s / 60)), 'minute');
}

export function taskView(row: TaskRow, definition: Demarche | null, people: { assignee: StaffName | null; owner: StaffName | null }, now: Date): Task {
  const due = row.dueAt === NO_DUE_DATE ? null : row.dueAt;
  const seconds = due ? Math.round((Date.parse(due) - now.getTime()) / 1000) : null;
  const overdue = seconds !== null && seconds < 0;
  return {
    id: row.id,
    reference: row.reference,
    demarche: { id: row.demarcheId, version: row.demarcheVersion, title: definition?.title ?? row.demarcheId },
    states: stateLabels(definition, row.state),
    citizenStatus: row.citizenStatus,
    service: row.service,
    site: row.site,
    queue: row.queue,
    priority: PRIORITIES[row.priority] ?? 'normale',
    dueAt: due,
    timeLeft: seconds === null ? null : { seconds, label: overdue ? `En retard de ${duration(seconds)}` : `Reste ${duration(seconds)}` },
    overdue,
    assignee: people.assignee,
    owner: people.owner,
    stateSince: row.stateSince,
    submittedAt: row.submittedAt,
  };
}
