import jsonLogic from 'json-logic-js';
import { addDuration, instantOf, isValidDuration, toParis, uniformParisHour } from './calendar';

/** A JSON Logic expression (https://jsonlogic.com), as stored in definitions and routing tables. */
export type JsonLogic = unknown;

/** A calendar day in Europe/Paris. */
interface ParisDate {
  year: number;
  /** 0 = January. */
  month: number;
  day: number;
}

// Conditions read the same dates at every event (a birth date, `now`); reading a date in Paris
// goes through Intl, so the answers are kept, within a bound: per UTC hour for an instant (`now`
// differs at every event, its Paris day not; see `uniformParisHour`), per text for the others.
const days = new Map<string | number, ParisDate | null>();

/** The Paris calendar day of a date, or null when the value is not a date (a condition must not throw). */
function parisDate(value: unknown): ParisDate | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  const instant = instantOf(value);
  const key = (instant === null ? null : uniformParisHour(instant)) ?? (typeof value === 'string' ? value : value.toISOString());
  if (days.has(key)) return days.get(key)!;
  let day: ParisDate | null = null;
  try {
    const d = toParis(value);
    day = { year: d.getFullYear(), month: d.getMonth(), day: d.getDate() };
  } catch {
    day = null;
  }
  if (days.size >= 10_000) days.clear();
  days.set(key, day);
  return day;
}

/** Whole months from `from` to `to`, on Paris calendar days (a birthday counts from its first minute). */
function monthsBetween(from: ParisDate, to: ParisDate): number {
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  if (to.day < from.day) months -= 1;
  return months;
}

/** Calendar days from `from` to `to`, counted on Paris dates (daylight saving changes do not matter). */
function daysBetween(from: ParisDate, to: ParisDate): number {
  return Math.round((Date.UTC(to.year, to.month, to.day) - Date.UTC(from.year, from.month, from.day)) / 86_400_000);
}

/**
 * The operations Guichet adds to JSON Logic, all pure. Dates are ISO 8601 strings; `now` comes
 * from the scope, never from the clock, so an expression gives the same answer when replayed.
 */
export const CUSTOM_OPERATIONS: Record<string, (...args: unknown[]) => unknown> = {
  /** Full years between a birth date and a reference date: `{"age_years": [{"var": "data.dateNaissance"}, {"var": "now"}]}`. */
  age_years: (birth, at) => {
    const b = parisDate(birth), n = parisDate(at);
    return b && n ? Math.floor(monthsBetween(b, n) / 12) : null;
  },
  /** Full months between a date and a reference date. */
  age_months: (birth, at) => {
    const b = parisDate(birth), n = parisDate(at);
    return b && n ? monthsBetween(b, n) : null;
  },
  /** Calendar days (Paris dates) from a reference date until a date (negative when past). */
  days_until: (date, at) => {
    const d = parisDate(date), n = parisDate(at);
    return d && n ? daysBetween(n, d) : null;
  },
  /** Calendar days (Paris dates) since a date. */
  days_since: (date, at) => {
    const d = parisDate(date), n = parisDate(at);
    return d && n ? daysBetween(d, n) : null;
  },
  /** A date plus an ISO 8601 duration, as an ISO string. */
  add_duration: (date, duration) => {
    if (!parisDate(date) || typeof duration !== 'string' || !isValidDuration(duration)) return null;
    return addDuration(date as string | Date, duration).toISOString();
  },
  /** Items of the first array that are not in the second. */
  difference: (a, b) => (Array.isArray(a) ? a.filter((x) => !(Array.isArray(b) && b.includes(x))) : []),
  /** Keys of an object whose value is not empty. */
  keys: (o) =>
    o && typeof o === 'object' && !Array.isArray(o)
      ? Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)).map(([k]) => k)
      : [],
  /** Number of items of an array (or characters of a string). */
  count: (a) => (Array.isArray(a) || typeof a === 'string' ? a.length : 0),
};

for (const [name, fn] of Object.entries(CUSTOM_OPERATIONS)) jsonLogic.add_operation(name, fn);

/** Every operation a condition may use: JSON Logic's own and Guichet's. `log` is left out: it writes to the console. */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'map', 'filter', 'reduce', 'all', 'none', 'some',
  'merge', 'in', 'cat', 'substr',
  ...Object.keys(CUSTOM_OPERATIONS),
]);

/** Evaluates a JSON Logic expression over a scope. */
export function evaluate(expression: JsonLogic, scope: object): unknown {
  // json-logic-js is typed for its own rule shapes; definitions hold arbitrary JSON.
  return jsonLogic.apply(expression as jsonLogic.RulesLogic, scope);
}

/** Evaluates a condition: JSON Logic truthiness (an empty array is false). */
export function holds(expression: JsonLogic, scope: object): boolean {
  return jsonLogic.truthy(evaluate(expression, scope));
}
