/**
 * What the citizen pages say in plain French: durations, whether a pièce is needed, what happened
 * to a dossier. No engine import here: these pages must stay light.
 */
import type { Api } from '../../api';

const UNITS: Record<string, [string, string]> = {
  Y: ['an', 'ans'],
  M: ['mois', 'mois'],
  W: ['semaine', 'semaines'],
  D: ['jour', 'jours'],
  H: ['heure', 'heures'],
  MIN: ['minute', 'minutes'],
};

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/**
 * An ISO 8601 duration in words: `P7D` → « 7 jours », `P1M` → « 1 mois », `P1M15D` → « 1 mois et
 * 15 jours », `PT48H` → « 48 heures ». Anything else is returned unchanged.
 */
export function formatDuration(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) return iso;
  const keys = ['Y', 'M', 'W', 'D', 'H', 'MIN'];
  const parts: string[] = [];
  keys.forEach((key, i) => {
    const raw = match[i + 1];
    if (!raw) return;
    const value = Number(raw.replace(',', '.'));
    if (value === 0) return;
    const [one, many] = UNITS[key];
    parts.push(`${number.format(value)} ${value >= 2 ? many : one}`);
  });
  if (match[7] && Number(match[7].replace(',', '.')) > 0) parts.push(`${match[7]} secondes`);
  if (parts.length === 0) return iso;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

export type Requirement = 'obligatoire' | 'selon votre situation' | 'facultative';

/** How the catalogue words a pièce's `required`: true, false, or a condition on the form. */
export function requirementOf(required: unknown): Requirement {
  if (required === true) return 'obligatoire';
  if (required === false || required === null || required === undefined) return 'facultative';
  return 'selon votre situation';
}

const OUTCOMES: Record<string, string> = {
  accepte: 'Demande acceptée',
  refuse: 'Demande refusée',
  sans_suite: 'Demande classée sans suite',
  abandonne: 'Demande abandonnée',
};

/** The end of a dossier in words. */
export function outcomeWords(outcome: string | undefined): string | null {
  return outcome ? OUTCOMES[outcome] ?? null : null;
}

/** Who acted, as a citizen may know it: never a staff member's name. */
export function actorWords(role: string, myRoles: readonly string[]): string {
  if (myRoles.includes(role)) return 'vous';
  if (role === 'systeme') return 'automatiquement';
  if (role === 'usager') return 'le demandeur';
  if (role === 'coparent') return 'l’autre parent';
  return 'la mairie';
}

interface StateNode {
  states?: Record<string, StateNode>;
  meta?: { citizenStatus?: string };
}

/** The citizen's status of a state path: its own, or the nearest ancestor's. */
export function citizenStatusOf(workflow: unknown, path: string): string | undefined {
  let node = workflow as StateNode | undefined;
  let found: string | undefined;
  for (const key of path.split('.')) {
    node = node?.states?.[key];
    if (node?.meta?.citizenStatus) found = node.meta.citizenStatus;
  }
  return found;
}

/** A line of history in plain words: what happened, the status it led to, and who did it. */
export function historyWords(
  line: Api.HistoryLine,
  workflow: unknown,
  myRoles: readonly string[],
  pieceLabel: (id: string) => string,
): { what: string; status: string | null; by: string | null } {
  const by = actorWords(line.role, myRoles);
  const before = new Set(line.from.map((p) => citizenStatusOf(workflow, p)).filter(Boolean));
  const after = [...new Set(line.to.map((p) => citizenStatusOf(workflow, p)).filter((s): s is string => !!s))];
  const changed = after.filter((s) => !before.has(s));
  const status = changed.length ? changed.join(' · ') : null;
  if (line.event === 'depot' || line.from.length === 0) {
    return { what: 'Demande déposée', status: null, by: myRoles.includes(line.role) ? null : by };
  }
  if (line.event === 'pieces.deposees') {
    const pieces = line.payload && typeof line.payload.pieces === 'object' && line.payload.pieces ? Object.keys(line.payload.pieces) : [];
    return { what: pieces.length ? `Pièces déposées : ${pieces.map(pieceLabel).join(', ')}` : 'Pièces déposées', status, by };
  }
  // An event is told by where it led the dossier: the buttons' words (« Demander des pièces »,
  // « Retirer ma demande ») are not those of a history.
  if (status) return { what: status, status: null, by };
  return { what: line.label, status, by };
}
