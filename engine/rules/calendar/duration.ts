import {
  BUSINESS_DAYS_PER_WEEK,
  CALENDAR_LABEL,
  type CalendarKind,
  isCalendarKind,
  unknownCalendarMessage,
} from './calendarKind';

/** An ISO 8601 duration split into its components (all whole, non-negative numbers). */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

// Whole numbers only: a fraction (P1.5D, P0.5M) has no unambiguous meaning in calendar
// arithmetic (half of which month?), and every fraction has a whole equivalent (PT36H).
// No sign: a deadline placed before a date is expressed with subtractDuration.
// Weeks may be combined with other units (P1W2D), as Temporal.Duration allows.
// `(?!$)` refuses "P" alone; `T(?=\d)` refuses a T with nothing after it ("PT", "P1DT").
const ISO_DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

// Business days are counted one day at a time (~50 µs each): beyond this (~38 years of jours
// ouvrés, ~0.5 s) a definition is certainly wrong, and refusing it keeps the loop short.
/** Largest number of business days a duration may count. */
export const MAX_BUSINESS_DAYS = 10_000;

/** Parses an ISO 8601 duration (P1M, P15D, P2W, PT48H, P1Y2M10DT2H30M, P0D); null when invalid, fractional or negative. */
export function parseDuration(iso: string): Duration | null {
  if (typeof iso !== 'string') return null;
  const match = ISO_DURATION.exec(iso);
  if (!match) return null;
  const values = match.slice(1).map((group) => (group === undefined ? 0 : Number(group)));
  // "P99999999999999999999D" matches the pattern but cannot be counted exactly.
  if (!values.every(Number.isSafeInteger)) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = values;
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** True when `iso` is an ISO 8601 duration that parseDuration accepts. */
export function isValidDuration(iso: string): boolean {
  return parseDuration(iso) !== null;
}

const EXAMPLES = 'écrivez par exemple P15D (15 jours), P1M (1 mois) ou PT48H (48 heures)';

/** French explanation of why `iso` cannot be used with `calendar`, with a fix; null when it is fine. */
export function durationProblem(iso: string, calendar: CalendarKind = 'calendaires'): string | null {
  if (!isCalendarKind(calendar)) return unknownCalendarMessage(calendar);
  // Definitions are JSON: a number (15) or null may arrive here despite the type.
  if (typeof iso !== 'string') return `"${String(iso)}" n'est pas une durée ISO 8601 valide : ${EXAMPLES}.`;
  if (iso.trim() === '') return `La durée est vide : ${EXAMPLES}.`;

  const duration = parseDuration(iso);
  if (!duration) return syntaxProblem(iso);
  if (calendar === 'calendaires') return null;

  // Business days are whole days: "1 month of jours ouvrés" or "48 hours of jours ouvrés" has
  // no definite length, so it is refused instead of guessed.
  const label = CALENDAR_LABEL[calendar];
  const perWeek = BUSINESS_DAYS_PER_WEEK[calendar];
  const offending = (
    [
      [duration.years, 'des années'],
      [duration.months, 'des mois'],
      [duration.hours, 'des heures'],
      [duration.minutes, 'des minutes'],
      [duration.seconds, 'des secondes'],
    ] as const
  )
    .filter(([value]) => value > 0)
    .map(([, unit]) => unit);
  if (offending.length > 0) {
    return (
      `En ${label}, une durée se compte en jours ou en semaines entiers, or "${iso}" contient ${frenchList(offending)} : ` +
      `écrivez par exemple P10D (10 ${label}) ou P2W (2 semaines, soit ${2 * perWeek} ${label}), ` +
      `ou comptez en jours calendaires.`
    );
  }
  if (duration.weeks * perWeek + duration.days > MAX_BUSINESS_DAYS) {
    return `"${iso}" est trop long pour un décompte en ${label} : ${formatNumber(MAX_BUSINESS_DAYS)} ${label} au plus.`;
  }
  return null;
}

/** Names the most likely mistake in a string that is not an ISO 8601 duration. */
function syntaxProblem(iso: string): string {
  const invalid = `"${iso}" n'est pas une durée ISO 8601 valide`;
  const trimmed = iso.trim();
  if (trimmed !== iso && parseDuration(trimmed)) {
    return `${invalid} : enlevez les espaces autour, écrivez ${trimmed}.`;
  }
  if (/^[+-]/.test(trimmed)) {
    return `${invalid} : une durée ne peut pas être négative ni signée, ${EXAMPLES}.`;
  }
  if (/\d[.,]\d/.test(trimmed)) {
    return `${invalid} : les nombres décimaux ne sont pas acceptés, écrivez un nombre entier dans une unité plus petite (par exemple PT36H plutôt que P1.5D).`;
  }
  if (trimmed !== trimmed.toUpperCase() && parseDuration(trimmed.toUpperCase())) {
    return `${invalid} : les lettres s'écrivent en majuscules, écrivez ${trimmed.toUpperCase()}.`;
  }
  // "P48H": hours, minutes and seconds must follow a T (without it, M means months).
  const withT = trimmed.replace(/^P((?:\d+[YMWD])*)(?=\d+[HS])/, 'P$1T');
  if (withT !== trimmed && parseDuration(withT)) {
    return `${invalid} : les heures, minutes et secondes se placent après la lettre T, écrivez ${withT}.`;
  }
  if (ISO_DURATION.test(trimmed)) {
    return `${invalid} : un des nombres est trop grand.`;
  }
  return `${invalid} : ${EXAMPLES}.`;
}

// [singular, plural] of each component, in the order the words are written.
const UNIT_WORDS: ReadonlyArray<readonly [keyof Duration, string, string]> = [
  ['years', 'an', 'ans'],
  ['months', 'mois', 'mois'],
  ['weeks', 'semaine', 'semaines'],
  ['days', 'jour', 'jours'],
  ['hours', 'heure', 'heures'],
  ['minutes', 'minute', 'minutes'],
  ['seconds', 'seconde', 'secondes'],
];

const NUMBER_FORMAT = new Intl.NumberFormat('fr-FR');

function formatNumber(value: number): string {
  return NUMBER_FORMAT.format(value);
}

/** "a", "a et b", "a, b et c": French enumeration. */
function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** French words for a duration: P1M → « 1 mois », P1Y2M → « 1 an et 2 mois »; an invalid input is returned unchanged. */
export function formatDuration(iso: string): string {
  const duration = parseDuration(iso);
  if (!duration) return iso;
  const parts = UNIT_WORDS.filter(([key]) => duration[key] > 0).map(([key, singular, plural]) => {
    const value = duration[key];
    // French: 0 and 1 take the singular.
    return `${formatNumber(value)} ${value >= 2 ? plural : singular}`;
  });
  // P0D, PT0S…: an empty duration still reads as a length.
  return parts.length > 0 ? frenchList(parts) : '0 jour';
}
