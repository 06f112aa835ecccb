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
import { instantOf, toParis, toPlainDate, uniformParisHour } from './paris';

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

/**
 * Time-zone arithmetic goes through Intl and costs microseconds, and the engine asks it at each
 * event (a step's service level from now, a délai's warning date). Its answers are kept, not per
 * instant, which rarely repeats, but per hour of UTC (see `uniformParisHour`): within one, every
 * instant has the same Paris date, weekday, hour and offset, and a duration moves them all alike
 * (the same wall-clock day and hour, the same business days, the same clamping at a month's end,
 * the same answer for an hour a change of offset skips), so the result is the instant plus the
 * same number of milliseconds.
 */
const shifts = new Map<string, number>();
const SHIFTS_LIMIT = 10_000;

function memoMove(at: Date | string, iso: string, calendar: CalendarKind, direction: Direction): Date {
  const instant = instantOf(at);
  const hour = instant === null ? null : uniformParisHour(instant);
  if (instant === null || hour === null) return move(at, iso, calendar, direction);
  const key = `${hour}|${iso}|${calendar}|${direction}`;
  let shift = shifts.get(key);
  if (shift === undefined) {
    shift = move(new Date(instant), iso, calendar, direction).getTime() - instant;
    if (shifts.size >= SHIFTS_LIMIT) shifts.clear();
    shifts.set(key, shift);
  }
  return new Date(instant + shift);
}

/** The same answer, computed in full every time: what the cache is checked against. */
export function moveUncached(at: Date | string, iso: string, calendar: CalendarKind, direction: Direction): Date {
  return move(at, iso, calendar, direction);
}

/** `at` plus the ISO 8601 duration `iso` counted in `calendar` in Europe/Paris; throws a RangeError (French message) if invalid. */
export function addDuration(at: Date | string, iso: string, calendar: CalendarKind = 'calendaires'): Date {
  return memoMove(at, iso, calendar, 1);
}

/** `at` minus the ISO 8601 duration `iso` (e.g. a reminder 7 days before a deadline); same rules as addDuration. */
export function subtractDuration(at: Date | string, iso: string, calendar: CalendarKind = 'calendaires'): Date {
  return memoMove(at, iso, calendar, -1);
}
