import { PRIORITIES, type FieldError } from '../../engine';
import { problems } from '../problems';
import { decodeCursor, type InboxCursor } from './cursor';
import type { InboxScope } from './scope';

/** What the inbox may be narrowed to. Each one is an indexed column of the dossier. */
export interface InboxFilters {
  demarche?: string;
  /** A leaf state path, matched among the dossier's active states. */
  state?: string;
  site?: string;
  queue?: string;
  /** Rank: 0 = urgente … 3 = basse. */
  priority?: number;
  /** true: due date passed; false: not (or none). */
  overdue?: boolean;
  assignee?: 'me' | 'none';
  service?: string;
}

/** One page of the inbox: filters, size and where the previous page stopped. */
export interface InboxRequest {
  filters: InboxFilters;
  limit: number;
  after: InboxCursor | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const SLUG = /^[a-z][a-z0-9_-]{0,63}$/;
const STATE_PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/** The query parameters the inbox understands, with their French names for error messages. */
const PARAMETERS: Record<string, string> = {
  demarche: 'Démarche',
  state: 'Étape',
  site: 'Site',
  queue: 'File',
  priority: 'Priorité',
  overdue: 'En retard',
  assignee: 'Attribué à',
  service: 'Service',
  limit: 'Nombre par page',
  after: 'Page suivante',
};

export type QueryParameters = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Reads the inbox's query string. Every problem is reported at once, in French, as a 400:
 * an unknown parameter, a repeated one, a malformed value, or a service that is not the user's.
 */
export function parseInboxRequest(query: QueryParameters, scope: InboxScope): InboxRequest {
  const errors: FieldError[] = [];
  const fail = (name: string, message: string) => errors.push({ pointer: `/${name}`, field: PARAMETERS[name] ?? name, message });
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    if (!(name in PARAMETERS)) {
      fail(name, `Le paramètre « ${name} » n’est pas un filtre de la corbeille. Filtres possibles : ${Object.keys(PARAMETERS).map((p) => `« ${p} »`).join(', ')}.`);
    } else if (Array.isArray(raw)) {
      fail(name, `Le paramètre « ${name} » est donné plusieurs fois : donnez-le une seule fois.`);
    } else {
      values[name] = raw;
    }
  }

  const filters: InboxFilters = {};
  const slug = (name: 'demarche' | 'site' | 'queue' | 'service') => {
    const value = values[name];
    if (value === undefined) return;
    if (SLUG.test(value)) filters[name] = value;
    else fail(name, `« ${value} » n’est pas un identifiant valide (lettres minuscules sans accent, chiffres, « - » et « _ »).`);
  };
  slug('demarche');
  slug('site');
  slug('queue');
  slug('service');

  if (values.state !== undefined) {
    if (STATE_PATH.test(values.state) && values.state.length <= 255) filters.state = values.state;
    else fail('state', `« ${values.state} » n’est pas un chemin d’étape (par exemple « instruction.attente_pieces »).`);
  }
  if (values.priority !== undefined) {
    const rank = (PRIORITIES as readonly string[]).indexOf(values.priority);
    if (rank >= 0) filters.priority = rank;
    else fail('priority', `« ${values.priority} » n’est pas une priorité. Priorités : ${PRIORITIES.map((p) => `« ${p} »`).join(', ')}.`);
  }
  if (values.overdue !== undefined) {
    if (values.overdue === 'true' || values.overdue === 'false') filters.overdue = values.overdue === 'true';
    else fail('overdue', `« overdue » vaut « true » (dossiers en retard) ou « false » (dossiers dans les temps), pas « ${values.overdue} ».`);
  }
  if (values.assignee !== undefined) {
    if (values.assignee === 'me' || values.assignee === 'none') filters.assignee = values.assignee;
    else fail('assignee', `« assignee » vaut « me » (mes dossiers) ou « none » (dossiers que personne n’a pris), pas « ${values.assignee} ».`);
  }
  if (filters.service !== undefined && scope.services !== 'all' && !scope.services.includes(filters.service)) {
    const yours = scope.services.length > 0 ? `Vos services : ${scope.services.map((s) => `« ${s} »`).join(', ')}.` : 'Aucun service ne vous est rattaché.';
    fail('service', `Le service « ${filters.service} » n’est pas l’un des vôtres. ${yours}`);
  }

  let limit = DEFAULT_LIMIT;
  if (values.limit !== undefined) {
    const n = Number(values.limit);
    if (/^\d+$/.test(values.limit) && n >= 1 && n <= MAX_LIMIT) limit = n;
    else fail('limit', `« limit » est un nombre entier de 1 à ${MAX_LIMIT}, pas « ${values.limit} ».`);
  }

  let after: InboxCursor | null = null;
  if (values.after !== undefined) {
    try {
      after = decodeCursor(values.after);
    } catch (e) {
      errors.push(...((e as { errors?: FieldError[] }).errors ?? []));
    }
  }

  if (errors.length > 0) {
    throw problems.badRequest(errors.length === 1 ? errors[0].message : 'Plusieurs filtres de la corbeille sont invalides : voir « errors ».', errors);
  }
  return { filters, limit, after };
}
