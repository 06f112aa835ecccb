/** The routing table as the editor holds it, and back to what the API takes. Pure. */
import type { Api } from '../../api';

export type Priority = Api.Priority;

export const PRIORITIES: { value: Priority; label: string }[] = [
  { value: 'urgente', label: 'Urgente' },
  { value: 'haute', label: 'Haute' },
  { value: 'normale', label: 'Normale' },
  { value: 'basse', label: 'Basse' },
];

export const priorityLabel = (p: string | null | undefined) => PRIORITIES.find((x) => x.value === p)?.label ?? p ?? '—';

/** The French names of the platform's services and sites (any other slug is shown as it is). */
export const SERVICE_NAMES: Record<string, string> = {
  'guichet-unique': 'Guichet unique',
  citoyennete: 'Citoyenneté',
  'affaires-generales': 'Affaires générales',
  'etat-civil': 'État civil',
  famille: 'Famille',
  titres: 'Titres sécurisés',
  'affaires-militaires': 'Affaires militaires',
  facturation: 'Facturation',
};

export const SITE_NAMES: Record<string, string> = {
  'hotel-de-ville': 'Hôtel de ville',
  'mairie-annexe': 'Mairie annexe',
  'france-services': 'France Services',
};

export const serviceName = (s: string | null | undefined) => (s ? SERVICE_NAMES[s] ?? s : '—');
export const siteName = (s: string | null | undefined) => (s ? SITE_NAMES[s] ?? s : '—');

/** Where a rule sends a dossier, as the editor holds it (an empty site: none). */
export interface EditedAssignment {
  service: string;
  site: string;
  queue: string;
  priority: Priority;
}

export interface EditedRule {
  /** The editor's own key (stable while moving rules). */
  key: string;
  /** The rule's id in the table; empty for a new rule (made from its label when sent). */
  id: string;
  label: string;
  /** JSON Logic, `true`, or undefined while the new rule has no condition yet. */
  when: unknown;
  /** The builder says every condition is complete. */
  complete: boolean;
  /** What the builder says is missing. */
  problems: string[];
  then: EditedAssignment;
}

export interface EditedTable {
  rules: EditedRule[];
  default: EditedAssignment;
}

let counter = 0;
export const newKey = () => `r${++counter}`;

function edited(a: Api.RoutingAssignment): EditedAssignment {
  return { service: a.service, site: a.site ?? '', queue: a.queue, priority: a.priority };
}

/** A table from the API, ready to edit. */
export function toEdited(table: Api.RoutingTable): EditedTable {
  return {
    rules: table.rules.map((r) => ({ key: newKey(), id: r.id, label: r.label, when: r.when, complete: true, problems: [], then: edited(r.then) })),
    default: edited(table.default),
  };
}

/** A new rule at the end of the table: same destination as the default, to be changed. */
export function newRule(table: EditedTable): EditedRule {
  return { key: newKey(), id: '', label: '', when: undefined, complete: false, problems: ['Condition 1 : choisissez le champ à tester.'], then: { ...table.default } };
}

/** « Quartier nord : mairie annexe » → « quartier-nord-mairie-annexe ». */
export function slugify(text: string): string {
  const slug = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  return /^[a-z]/.test(slug) ? slug : `regle-${slug || 'sans-nom'}`.replace(/-$/, '');
}

const SLUG = /^[a-z][a-z0-9_-]*$/;

function assignment(a: EditedAssignment): Api.RoutingAssignment {
  return { service: a.service.trim(), ...(a.site.trim() ? { site: a.site.trim() } : {}), queue: a.queue.trim(), priority: a.priority };
}

/** The ids the rules will have: their own, or one made from the label, never twice the same. */
export function ruleIds(rules: EditedRule[]): string[] {
  const taken = new Set(rules.filter((r) => r.id).map((r) => r.id));
  return rules.map((r) => {
    if (r.id) return r.id;
    const base = slugify(r.label);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  });
}

/** The table to send. */
export function toTable(demarche: string, table: EditedTable): Api.RoutingTable {
  const ids = ruleIds(table.rules);
  return {
    demarche,
    rules: table.rules.map((r, i) => ({ id: ids[i], label: r.label.trim(), when: (r.when ?? false) as Api.RoutingRule['when'], then: assignment(r.then) })),
    default: assignment(table.default),
  };
}

/** Which control a problem is about: a rule's part or the default's. */
export type Target =
  | { kind: 'rule'; key: string; part: 'label' | 'when' | 'service' | 'site' | 'queue' | 'priority' | 'rule' }
  | { kind: 'default'; part: 'service' | 'site' | 'queue' | 'priority' | 'rule' }
  | { kind: 'table' };

export const targetId = (t: Target) => (t.kind === 'rule' ? `regle-${t.key}-${t.part}` : t.kind === 'default' ? `defaut-${t.part}` : 'table');

export interface Located {
  target: Target;
  message: string;
}

const PARTS = ['service', 'site', 'queue', 'priority'] as const;

/** The control a JSON pointer of the sent table names (`/rules/2/then/queue`, `/rules/0/when/in/1`, `/default`). */
export function locate(pointer: string, rules: EditedRule[]): Target {
  const tokens = pointer.split('/').slice(1);
  if (tokens[0] === 'rules' && tokens.length >= 2) {
    const rule = rules[Number(tokens[1])];
    if (!rule) return { kind: 'table' };
    const key = rule.key;
    if (tokens[2] === 'label' || tokens[2] === 'id') return { kind: 'rule', key, part: 'label' };
    if (tokens[2] === 'when') return { kind: 'rule', key, part: 'when' };
    if (tokens[2] === 'then') {
      const part = PARTS.find((p) => p === tokens[3]);
      return { kind: 'rule', key, part: part ?? 'rule' };
    }
    return { kind: 'rule', key, part: 'rule' };
  }
  if (tokens[0] === 'default') {
    const part = PARTS.find((p) => p === tokens[1]);
    return { kind: 'default', part: part ?? 'rule' };
  }
  return { kind: 'table' };
}

function checkAssignment(a: EditedAssignment, at: (part: 'service' | 'site' | 'queue') => Target): Located[] {
  const out: Located[] = [];
  const slugMessage = (what: string) => `${what} : uniquement des lettres minuscules sans accents, des chiffres et des tirets, en commençant par une lettre (par exemple « annexe-nord »).`;
  if (!a.service.trim()) out.push({ target: at('service'), message: 'Choisissez le service.' });
  else if (!SLUG.test(a.service.trim())) out.push({ target: at('service'), message: slugMessage('Service') });
  if (a.site.trim() && !SLUG.test(a.site.trim())) out.push({ target: at('site'), message: slugMessage('Site') });
  if (!a.queue.trim()) out.push({ target: at('queue'), message: 'Choisissez la file.' });
  else if (!SLUG.test(a.queue.trim())) out.push({ target: at('queue'), message: slugMessage('File') });
  return out;
}

/** What keeps the table from being sent, located on its controls. */
export function checkTable(table: EditedTable): Located[] {
  const out: Located[] = [];
  table.rules.forEach((r) => {
    if (!r.label.trim()) out.push({ target: { kind: 'rule', key: r.key, part: 'label' }, message: 'Donnez un libellé à la règle (ce qu’elle fait, en quelques mots).' });
    else if (r.label.trim().length > 200) out.push({ target: { kind: 'rule', key: r.key, part: 'label' }, message: 'Le libellé ne doit pas dépasser 200 caractères.' });
    if (!r.complete) {
      out.push({ target: { kind: 'rule', key: r.key, part: 'when' }, message: r.problems.length > 0 ? `La condition est incomplète. ${r.problems.join(' ')}` : 'La condition est incomplète.' });
    }
    out.push(...checkAssignment(r.then, (part) => ({ kind: 'rule', key: r.key, part })));
  });
  out.push(...checkAssignment(table.default, (part) => ({ kind: 'default', part })));
  return out;
}

/** The known values of a part (service, site, queue) in these tables, sorted, plus the platform's own names. */
export function knownValues(tables: Api.RoutingTable[], edited: EditedTable | null, part: 'service' | 'site' | 'queue'): string[] {
  const values = new Set<string>();
  const add = (a: { service: string; site?: string; queue: string }) => { const v = a[part]; if (v) values.add(v); };
  for (const t of tables) { t.rules.forEach((r) => add(r.then)); add(t.default); }
  if (edited) { edited.rules.forEach((r) => add(r.then)); add(edited.default); }
  if (part === 'service') Object.keys(SERVICE_NAMES).forEach((s) => values.add(s));
  if (part === 'site') Object.keys(SITE_NAMES).forEach((s) => values.add(s));
  return [...values].filter((v) => SLUG.test(v)).sort((a, b) => a.localeCompare(b, 'fr'));
}

const dateTime = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** « 2 mars 2026 à 10:00 » (Paris time). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d).replace(':', ' h ');
}

export const staffName = (s: Api.StaffName | null | undefined) => (s ? `${s.givenName} ${s.familyName}`.trim() || 'un compte supprimé' : null);

/** Where a dossier is, in words: « Titres sécurisés · Hôtel de ville · file validation · priorité haute ». */
export function placementText(p: Api.Placement): string {
  return [serviceName(p.service), p.site ? siteName(p.site) : 'sans site', `file ${p.queue ?? '—'}`, `priorité ${priorityLabel(p.priority).toLowerCase()}`].join(' · ');
}
