import jsonLogic from 'json-logic-js';
import { addDuration, isValidDuration } from './calendar';

/** A JSON Logic expression (https://jsonlogic.com), as stored in definitions and routing tables. */
export type JsonLogic = unknown;

const DAY_MS = 86_400_000;

function toDate(value: unknown): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Whole months from `from` to `to` (a birthday counts on its day). */
function monthsBetween(from: Date, to: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (to.getUTCDate() < from.getUTCDate()) months -= 1;
  return months;
}

/**
 * The operations Guichet adds to JSON Logic, all pure. Dates are ISO 8601 strings; `now` comes
 * from the scope, never from the clock, so an expression gives the same answer when replayed.
 */
export const CUSTOM_OPERATIONS: Record<string, (...args: unknown[]) => unknown> = {
  /** Full years between a birth date and a reference date: `{"age_years": [{"var": "data.dateNaissance"}, {"var": "now"}]}`. */
  age_years: (birth, at) => {
    const b = toDate(birth), n = toDate(at);
    return b && n ? Math.floor(monthsBetween(b, n) / 12) : null;
  },
  /** Full months between a date and a reference date. */
  age_months: (birth, at) => {
    const b = toDate(birth), n = toDate(at);
    return b && n ? monthsBetween(b, n) : null;
  },
  /** Calendar days from a reference date until a date (negative when past). */
  days_until: (date, at) => {
    const d = toDate(date), n = toDate(at);
    return d && n ? Math.floor((d.getTime() - n.getTime()) / DAY_MS) : null;
  },
  /** Calendar days since a date. */
  days_since: (date, at) => {
    const d = toDate(date), n = toDate(at);
    return d && n ? Math.floor((n.getTime() - d.getTime()) / DAY_MS) : null;
  },
  /** A date plus an ISO 8601 duration, as an ISO string. */
  add_duration: (date, duration) => {
    const d = toDate(date);
    return d && typeof duration === 'string' && isValidDuration(duration) ? addDuration(d, duration).toISOString() : null;
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
