/** How days are counted: every day, Monday–Friday, or Monday–Saturday (holidays excluded). */
export type CalendarKind = 'calendaires' | 'ouvres' | 'ouvrables';

/** The calendars that skip weekends and French public holidays. */
export type BusinessCalendarKind = Exclude<CalendarKind, 'calendaires'>;

/** Business days in one week: a week of « jours ouvrés » is 5 days, of « jours ouvrables » 6. */
export const BUSINESS_DAYS_PER_WEEK: Readonly<Record<BusinessCalendarKind, number>> = {
  ouvres: 5,
  ouvrables: 6,
};

/** French label of the unit counted by each calendar, for messages. */
export const CALENDAR_LABEL: Readonly<Record<CalendarKind, string>> = {
  calendaires: 'jours calendaires',
  ouvres: 'jours ouvrés',
  ouvrables: 'jours ouvrables',
};

const KINDS: readonly string[] = ['calendaires', 'ouvres', 'ouvrables'];

/** True when `value` names a known calendar (definitions are JSON, so it is checked at runtime). */
export function isCalendarKind(value: unknown): value is CalendarKind {
  return typeof value === 'string' && KINDS.includes(value);
}

/** French message for an unknown calendar name. */
export function unknownCalendarMessage(value: unknown): string {
  return `Calendrier "${String(value)}" inconnu : choisissez calendaires, ouvres (du lundi au vendredi) ou ouvrables (du lundi au samedi).`;
}

/** Throws a RangeError unless `value` is a business calendar (callers may be untyped JSON). */
export function assertBusinessCalendar(value: unknown): asserts value is BusinessCalendarKind {
  if (value !== 'ouvres' && value !== 'ouvrables') {
    throw new RangeError(
      value === 'calendaires'
        ? 'En jours calendaires, tous les jours sont comptés : choisissez ouvres ou ouvrables pour compter des jours ouvrés.'
        : unknownCalendarMessage(value),
    );
  }
}
