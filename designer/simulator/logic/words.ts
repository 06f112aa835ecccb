/**
 * The simulator's French: roles, states, events and effects of a draft named as the Procédures team
 * wrote them, refusals explained, durations and time left in words.
 */
import {
  formatDuration, parseDuration, parseReservedEvent, SYSTEM_ROLE,
  type Demarche, type Effect, type RejectionReason, type State, type Workflow,
} from '../../../engine';

const SYSTEM_LABEL = 'Système (minuteurs, autres services)';

/** A role's label in the draft (« Responsable du service »), or its id when it has none. */
export function roleLabel(definition: Demarche, role: string): string {
  if (role === SYSTEM_ROLE) return definition.roles[role]?.label ?? SYSTEM_LABEL;
  return definition.roles[role]?.label ?? role;
}

/** The roles one may act as: those of the draft, and « systeme » when an event is sent by another system. */
export function actingRoles(definition: Demarche): string[] {
  const roles = Object.keys(definition.roles);
  const system = Object.values(definition.events).some((e) => e.roles.includes(SYSTEM_ROLE));
  return system && !roles.includes(SYSTEM_ROLE) ? [...roles, SYSTEM_ROLE] : roles;
}

/** A state's French label from its path (`recueil.rendez_vous_fixe`), or the path when it is not found. */
export function stateLabel(definition: Demarche, path: string): string {
  let node: State | Workflow | undefined = definition.workflow;
  for (const key of path.split('.')) node = node?.states?.[key];
  return (node && 'meta' in node ? node.meta?.label : undefined) ?? path;
}

function delayText(definition: Demarche, delay: string): string {
  const named = definition.delays?.[delay];
  if (named) return named.label ?? formatDuration(named.duration);
  return formatDuration(delay);
}

/** An event's label: the draft's own, or what the engine's reserved events mean. */
export function eventLabel(definition: Demarche, type: string): string {
  const declared = definition.events[type];
  if (declared) return declared.label;
  const reserved = parseReservedEvent(type);
  if (!reserved) return type;
  if (reserved.kind === 'pieces') return 'Dépôt de pièces';
  if (reserved.kind === 'deadline') {
    const label = definition.deadlines?.[reserved.name]?.label ?? reserved.name;
    return reserved.signal === 'echu' ? `Échéance du délai « ${label} »` : `Alerte avant l’échéance du délai « ${label} »`;
  }
  return `Minuteur de l’étape « ${stateLabel(definition, reserved.state)} » (${delayText(definition, reserved.delay)})`;
}

function templateLabel(definition: Demarche, template: string | undefined): string {
  if (!template) return '';
  const title = definition.templates?.[template]?.title;
  return title ? ` « ${title} »` : ` « ${template} »`;
}

function recipients(definition: Demarche, to: string | string[] | undefined): string[] {
  return ([] as string[]).concat(to ?? []).map((r) => roleLabel(definition, r));
}

/** An effect in a sentence: « Notification « Accusé de réception » à Usager ». */
export function effectText(definition: Demarche, effect: Effect): string {
  switch (effect.type) {
    case 'notify': {
      const to = recipients(definition, effect.to);
      return `Notification${templateLabel(definition, effect.template)}${to.length ? ` à ${to.join(', ')}` : ''}`;
    }
    case 'letter':
      return `Courrier${templateLabel(definition, effect.template)} à ${recipients(definition, effect.to).join(', ')}`;
    case 'document':
      return `Document${templateLabel(definition, effect.template)} produit`;
    case 'route':
      return 'Orientation du dossier par les tables de routage';
    case 'callout':
      return `Appel au service « ${effect.service} » (${effect.operation})`;
  }
}

/** The kind of an effect, as a column of the effects table says it. */
export function effectKind(effect: Effect): string {
  return { notify: 'Notification', letter: 'Courrier', document: 'Document', route: 'Routage', callout: 'Appel à un service' }[effect.type];
}

const REJECTION_TITLES: Record<RejectionReason, string> = {
  invalid_data: 'Le formulaire est refusé',
  unknown_event: 'Cette action n’existe pas dans la démarche',
  forbidden: 'Ce rôle n’a pas le droit de faire cette action',
  invalid_payload: 'Les informations de l’action sont refusées',
  guard_failed: 'Une condition de la démarche n’est pas remplie',
  not_in_state: 'Cette action n’est pas possible à cette étape',
};

/** Why the engine refused, as the title of the alert. */
export function rejectionTitle(reason: RejectionReason): string {
  return REJECTION_TITLES[reason];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function amount(n: number, singular: string, plural: string): string {
  return `${n} ${n >= 2 ? plural : singular}`;
}

/** A length of time in words, to the most telling unit: « 14 jours », « 3 heures », « 20 minutes ». */
export function lengthText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return amount(Math.floor(abs / DAY), 'jour', 'jours');
  if (abs >= HOUR) return amount(Math.floor(abs / HOUR), 'heure', 'heures');
  return amount(Math.max(1, Math.ceil(abs / MINUTE)), 'minute', 'minutes');
}

/** Time left before a due date: « reste 14 jours », or « dépassé de 2 jours ». */
export function remainingText(ms: number): string {
  if (ms <= 0) return ms === 0 ? 'échu à l’instant' : `dépassé de ${lengthText(ms)}`;
  return `reste ${lengthText(ms)}`;
}

/**
 * A duration the clock moved by, in words. « Aller au prochain minuteur » moves it by elapsed hours
 * (PT360H), which reads better in days: « 15 jours ».
 */
export function durationText(iso: string): string {
  const d = parseDuration(iso);
  if (!d || d.years || d.months || d.weeks || d.days) return formatDuration(iso);
  const total = d.hours * 3600 + d.minutes * 60 + d.seconds;
  if (total < 86_400) return formatDuration(iso);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = hours || minutes ? `T${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}` : '';
  return formatDuration(`P${days}D${rest}`);
}

export type DurationUnit = 'heures' | 'jours' | 'semaines' | 'mois';

export const DURATION_UNITS: { value: DurationUnit; label: string }[] = [
  { value: 'heures', label: 'heure(s)' },
  { value: 'jours', label: 'jour(s)' },
  { value: 'semaines', label: 'semaine(s)' },
  { value: 'mois', label: 'mois' },
];

/** The ISO 8601 duration of « 15 jours »; null unless the amount is a whole number of at least 1. */
export function isoDuration(count: number, unit: DurationUnit): string | null {
  if (!Number.isSafeInteger(count) || count < 1) return null;
  return { heures: `PT${count}H`, jours: `P${count}D`, semaines: `P${count}W`, mois: `P${count}M` }[unit];
}

/**
 * A scenario id from its title (the format's slug: lower case, no accents, « - »), distinct from
 * the ids the definition already has.
 */
export function scenarioId(title: string, taken: Iterable<string>): string {
  const base = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[’']/g, '-').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56).replace(/-+$/, '');
  const slug = /^[a-z]/.test(base) ? base : `scenario${base ? `-${base}` : ''}`;
  const used = new Set(taken);
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
}
