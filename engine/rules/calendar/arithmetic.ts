import type { TZDate } from '@date-fns/tz';
import { add, addDays, sub } from 'date-fns';
import { isBusinessParisDay } from './businessDays';
import {
  BUSINESS_DAYS_PER_WEEK,
  type BusinessCalendarKind,
  type CalendarKind,
  isCalendarKind,
  unknownCalendarMessage,
} from './calendarKind';
import { durationProblem, parseDuration, type Duration } from './duration';
import { toParis, toPlainDate } from './paris';

type Direction = 1 | -1;

/** Parses `iso` for `calendar` or throws the French explanation as a RangeError. */
function checkedDuration(iso: string, calendar: CalendarKind): Duration {
  if (!isCalendarKind(calendar)) throw new RangeError(unknownCalendarMessage(calendar));
  const problem = durationProblem(iso, calendar);
  const duration = parseDuration(iso);
  if (problem !== null || duration === null) throw new RangeError(problem ?? `"${iso}" n'est pas une durée valide.`);
  return duration;
}

/**
 * Moves `count` business days from `start` in `direction`, keeping the time of day; with
 * count = 0 it rolls to the nearest business day in that direction, so that the result is always
 * a business day (a deadline never falls on a Sunday or a holiday).
 */
function stepBusinessDays(start: TZDate, count: number, direction: Direction, calendar: BusinessCalendarKind): TZDate {
  // Each candidate is computed from `start` (not from the previous candidate) so that a DST
  // change crossed on the way cannot shift the time of day of the days after it.
  let offset = 0;
  let cursor = start;
  let remaining = count;
  while (remaining > 0) {
    offset += 1;
    cursor = addDays(start, direction * offset);
    if (isBusinessParisDay(cursor, calendar)) remaining -= 1;
  }
  while (!isBusinessParisDay(cursor, calendar)) {
    offset += 1;
    cursor = addDays(start, direction * offset);
  }
  return cursor;
}

function move(at: Date | string, iso: string, calendar: CalendarKind, direction: Direction): Date {
  const duration = checkedDuration(iso, calendar);
  const start = toParis(at);
  let result: TZDate;
  if (calendar === 'calendaires') {
    // date-fns on a TZDate does calendar arithmetic in Paris: years/months first (clamped at the
    // month's end: 31 January + P1M = 28/29 February), then days and weeks on the wall clock
    // (P1D is "same time tomorrow" even across DST), then hours/minutes/seconds as elapsed time
    // (PT24H across the spring change lands at 11:00, not 10:00), as Temporal does.
    result = direction === 1 ? add(start, duration) : sub(start, duration);
  } else {
    const count = duration.weeks * BUSINESS_DAYS_PER_WEEK[calendar] + duration.days;
    result = stepBusinessDays(start, count, direction, calendar);
  }
  if (Number.isNaN(result.getTime())) {
    throw new RangeError(`Le calcul de "${iso}" à partir de cette date sort des dates représentables.`);
  }
  return toPlainDate(result);
}

// Time-zone arithmetic goes through Intl and costs microseconds; the engine asks the same
// questions again and again (a délai's warning date at each event). The functions are pure, so
// their answers are kept, within a bound.
const memo = new Map<string, number>();
const MEMO_LIMIT = 10_000;

function memoMove(at: Date | string, iso: string, calendar: CalendarKind, direction: Direction): Date {
  const key = `${typeof at === 'string' ? at : at.getTime()}|${iso}|${calendar}|${direction}`;
  const known = memo.get(key);
  if (known !== undefined) return new Date(known);
  const result = move(at, iso, calendar, direction);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result.getTime());
  return result;
}

/** `at` plus the ISO 8601 duration `iso` counted in `calendar` in Europe/Paris; throws a RangeError (French message) if invalid. */
export function addDuration(at: Date | string, iso: string, calendar: CalendarKind = 'calendaires'): Date {
  return memoMove(at, iso, calendar, 1);
}

/** `at` minus the ISO 8601 duration `iso` (e.g. a reminder 7 days before a deadline); same rules as addDuration. */
export function subtractDuration(at: Date | string, iso: string, calendar: CalendarKind = 'calendaires'): Date {
  return memoMove(at, iso, calendar, -1);
}
