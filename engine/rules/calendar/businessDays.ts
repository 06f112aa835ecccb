import type { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import { assertBusinessCalendar, type BusinessCalendarKind } from './calendarKind';
import { holidayNameOfDay } from './holidays';
import { dayKey, toParis } from './paris';

/** Business-day test on a date already in Paris (internal: loops avoid re-parsing). */
export function isBusinessParisDay(day: TZDate, calendar: BusinessCalendarKind): boolean {
  const weekday = day.getDay(); // 0 = Sunday, 6 = Saturday, read in Paris
  if (weekday === 0) return false;
  if (weekday === 6 && calendar === 'ouvres') return false;
  // Weekday first: the cheaper test rules out most non-business days before the holiday lookup.
  return holidayNameOfDay(day) === null;
}

/** True when `at` falls, in Europe/Paris, on a business day (ouvres: Mon–Fri, ouvrables: Mon–Sat; public holidays excluded). */
export function isBusinessDay(at: Date | string, calendar: BusinessCalendarKind): boolean {
  assertBusinessCalendar(calendar);
  return isBusinessParisDay(toParis(at), calendar);
}

/** Business days strictly after `from`'s Paris day up to and including `to`'s; negative when `to` is before `from`. */
export function businessDaysBetween(
  from: Date | string,
  to: Date | string,
  calendar: BusinessCalendarKind,
): number {
  assertBusinessCalendar(calendar);
  const start = startOfDay(toParis(from));
  const end = startOfDay(toParis(to));
  // Counting always forwards and flipping the sign gives between(a, b) = -between(b, a).
  const sign = dayKey(end) < dayKey(start) ? -1 : 1;
  const [first, last] = sign === 1 ? [start, end] : [end, start];
  const lastKey = dayKey(last);
  let cursor = first;
  let count = 0;
  // Day by day in Paris wall-clock time: addDays on a TZDate keeps midnight across DST changes.
  while (dayKey(cursor) < lastKey) {
    cursor = addDays(cursor, 1);
    if (isBusinessParisDay(cursor, calendar)) count += 1;
  }
  return sign * count;
}
