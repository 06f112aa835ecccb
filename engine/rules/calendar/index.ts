// Durations and the French business calendar. Pure: no I/O, no clock (every date comes in as an
// argument), no Node module; all calendar reasoning happens in Europe/Paris.
export type { BusinessCalendarKind, CalendarKind } from './calendarKind';
export type { Duration } from './duration';
export { durationProblem, formatDuration, isValidDuration, parseDuration } from './duration';
export { addDuration, subtractDuration } from './arithmetic';
export { isPublicHoliday, publicHolidayName } from './holidays';
export { businessDaysBetween, isBusinessDay } from './businessDays';
export { instantOf, toParis, uniformParisHour } from './paris';
