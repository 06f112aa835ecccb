import DateHolidays from 'date-holidays';
import dateHolidaysPackage from 'date-holidays/package.json';
import {
  addDuration,
  businessDaysBetween,
  type CalendarKind,
  durationProblem,
  formatDuration,
  isBusinessDay,
  isPublicHoliday,
  isValidDuration,
  parseDuration,
  publicHolidayName,
  subtractDuration,
} from '../../engine';
// eslint-disable-next-line no-restricted-imports -- the cache is checked against the computation it keeps.
import { moveUncached } from '../../engine/rules/calendar/arithmetic';
// eslint-disable-next-line no-restricted-imports -- the staleness test reads the committed data file itself.
import franceData from '../../engine/rules/calendar/holidays-fr.generated.json';

/** A result as a UTC ISO string, so that each expectation names the exact instant. */
const iso = (at: Date): string => at.toISOString();

describe('parseDuration', () => {
  it.each([
    ['P1M', { years: 0, months: 1, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 }],
    ['P15D', { years: 0, months: 0, weeks: 0, days: 15, hours: 0, minutes: 0, seconds: 0 }],
    ['P2W', { years: 0, months: 0, weeks: 2, days: 0, hours: 0, minutes: 0, seconds: 0 }],
    ['PT48H', { years: 0, months: 0, weeks: 0, days: 0, hours: 48, minutes: 0, seconds: 0 }],
    ['P1Y2M10DT2H30M', { years: 1, months: 2, weeks: 0, days: 10, hours: 2, minutes: 30, seconds: 0 }],
    ['P0D', { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 }],
    ['P1W2D', { years: 0, months: 0, weeks: 1, days: 2, hours: 0, minutes: 0, seconds: 0 }],
    ['PT1M30S', { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 1, seconds: 30 }],
  ])('parses %s into its components', (input, expected) => {
    expect(parseDuration(input)).toEqual(expected);
    expect(isValidDuration(input)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['P', 'no component'],
    ['PT', 'a T with no time component'],
    ['P1DT', 'a trailing T'],
    ['1M', 'no leading P'],
    ['P15', 'a number without unit'],
    ['P1.5D', 'a fraction'],
    ['P1,5D', 'a fraction with a comma'],
    ['-P1D', 'a negative duration'],
    ['+P1D', 'a signed duration'],
    ['p1d', 'lower case'],
    [' P1D', 'surrounding spaces'],
    ['P48H', 'hours without T'],
    ['PT1D', 'days after T'],
    ['P1D2M', 'components out of order'],
    ['P99999999999999999999D', 'a number too large to count exactly'],
  ])('refuses %p (%s)', (input) => {
    expect(parseDuration(input)).toBeNull();
    expect(isValidDuration(input)).toBe(false);
  });
});

describe('durationProblem', () => {
  it('returns null for a valid duration in any calendar it suits', () => {
    expect(durationProblem('P1M')).toBeNull();
    expect(durationProblem('PT48H', 'calendaires')).toBeNull();
    expect(durationProblem('P10D', 'ouvres')).toBeNull();
    expect(durationProblem('P2W', 'ouvrables')).toBeNull();
    expect(durationProblem('P1W2D', 'ouvres')).toBeNull();
  });

  it('explains in French what an ISO 8601 duration looks like', () => {
    expect(durationProblem('P15')).toBe(
      '"P15" n\'est pas une durée ISO 8601 valide : écrivez par exemple P15D (15 jours), P1M (1 mois) ou PT48H (48 heures).',
    );
  });

  it('says the duration is empty rather than quoting an empty string', () => {
    expect(durationProblem('')).toMatch(/^La durée est vide : écrivez par exemple P15D/);
  });

  it('explains a number given instead of a string, as may come from a JSON definition', () => {
    expect(durationProblem(15 as unknown as string)).toMatch(/^"15" n'est pas une durée ISO 8601 valide : écrivez par exemple P15D/);
  });

  it('names the likely mistake and gives the corrected duration when it can', () => {
    expect(durationProblem('P48H')).toMatch(/après la lettre T, écrivez PT48H\.$/);
    expect(durationProblem('P1D2H')).toMatch(/écrivez P1DT2H\.$/);
    expect(durationProblem('p15d')).toMatch(/majuscules, écrivez P15D\.$/);
    expect(durationProblem(' P15D ')).toMatch(/enlevez les espaces autour, écrivez P15D\.$/);
    expect(durationProblem('P1.5D')).toMatch(/nombres décimaux ne sont pas acceptés.*PT36H/);
    expect(durationProblem('-P7D')).toMatch(/ne peut pas être négative/);
    expect(durationProblem('P99999999999999999999D')).toMatch(/trop grand/);
  });

  it('refuses months, years and hours in jours ouvrés, naming what is wrong and how to fix it', () => {
    expect(durationProblem('P1M', 'ouvres')).toBe(
      'En jours ouvrés, une durée se compte en jours ou en semaines entiers, or "P1M" contient des mois : ' +
        'écrivez par exemple P10D (10 jours ouvrés) ou P2W (2 semaines, soit 10 jours ouvrés), ou comptez en jours calendaires.',
    );
    expect(durationProblem('P1YT2H', 'ouvres')).toMatch(/contient des années et des heures/);
  });

  it('counts 6 days per week in jours ouvrables', () => {
    expect(durationProblem('PT48H', 'ouvrables')).toMatch(
      /^En jours ouvrables, .*"PT48H" contient des heures : .*P2W \(2 semaines, soit 12 jours ouvrables\)/,
    );
  });

  it('still reports a syntax error first in a business calendar', () => {
    expect(durationProblem('P15', 'ouvres')).toMatch(/n'est pas une durée ISO 8601 valide/);
  });

  it('refuses business-day counts too long to be meant', () => {
    expect(durationProblem('P10000D', 'ouvres')).toBeNull();
    expect(durationProblem('P10001D', 'ouvres')).toMatch(/trop long pour un décompte en jours ouvrés : 10\u202f000 jours ouvrés au plus\.$/);
    expect(durationProblem('P2000W', 'ouvrables')).toMatch(/trop long/);
    expect(durationProblem('P200000D', 'calendaires')).toBeNull();
  });

  it('explains an unknown calendar, e.g. one spelt with an accent in a JSON definition', () => {
    expect(durationProblem('P1D', 'ouvrés' as CalendarKind)).toMatch(/^Calendrier "ouvrés" inconnu : choisissez calendaires, ouvres/);
  });
});

describe('addDuration', () => {
  it('adds P1M across the spring DST change keeping the Paris wall-clock time', () => {
    // 2026-03-15 10:00 is UTC+1, 2026-04-15 10:00 is UTC+2.
    expect(iso(addDuration('2026-03-15T10:00', 'P1M'))).toBe('2026-04-15T08:00:00.000Z');
    expect(iso(addDuration(new Date('2026-03-15T09:00:00Z'), 'P1M'))).toBe('2026-04-15T08:00:00.000Z');
    expect(iso(addDuration('2026-03-15T10:00:00+01:00', 'P1M'))).toBe('2026-04-15T08:00:00.000Z');
  });

  it('adds P1M across the autumn DST change keeping the Paris wall-clock time', () => {
    expect(iso(addDuration('2026-10-15T10:00', 'P1M'))).toBe('2026-11-15T09:00:00.000Z');
  });

  it('treats P1D as the same time the next day but PT24H as 24 elapsed hours across DST', () => {
    // 28 March 2026 10:00 Paris is 09:00Z; the clocks go forward on 29 March.
    expect(iso(addDuration('2026-03-28T10:00', 'P1D'))).toBe('2026-03-29T08:00:00.000Z'); // 10:00 Paris
    expect(iso(addDuration('2026-03-28T10:00', 'PT24H'))).toBe('2026-03-29T09:00:00.000Z'); // 11:00 Paris
  });

  it('clamps at the end of a shorter month', () => {
    expect(iso(addDuration('2026-01-31T10:00', 'P1M'))).toBe('2026-02-28T09:00:00.000Z');
    expect(iso(addDuration('2028-01-31T10:00', 'P1M'))).toBe('2028-02-29T09:00:00.000Z');
    expect(iso(addDuration('2028-02-29T10:00', 'P1Y'))).toBe('2029-02-28T09:00:00.000Z');
    expect(iso(addDuration('2026-03-31T10:00', 'P1M'))).toBe('2026-04-30T08:00:00.000Z');
  });

  it('applies every component of a combined duration, largest first', () => {
    // 2026-01-31 + 1 year 1 month = 2027-02-28 (clamped), + 1 day = 2027-03-01, + 2h30.
    expect(iso(addDuration('2026-01-31T10:00', 'P1Y1M1DT2H30M'))).toBe('2027-03-01T11:30:00.000Z');
    expect(iso(addDuration('2026-06-01T10:00', 'P2W'))).toBe('2026-06-15T08:00:00.000Z');
  });

  it('returns the same instant for P0D in calendar days', () => {
    expect(iso(addDuration('2026-05-09T10:00', 'P0D'))).toBe('2026-05-09T08:00:00.000Z');
  });

  it('reads a date without offset as Paris time whatever the host time zone', () => {
    expect(iso(addDuration('2026-05-08', 'P0D'))).toBe('2026-05-07T22:00:00.000Z');
  });

  it('returns a plain Date, not a time-zoned subclass', () => {
    expect(Object.getPrototypeOf(addDuration('2026-05-08', 'P1D'))).toBe(Date.prototype);
  });

  it('counts 10 jours ouvrés from Friday 8 May 2026 (a holiday) skipping weekends, Ascension and Whit Monday', () => {
    // 11, 12, 13, (14 Ascension), 15, 18, 19, 20, 21, 22, (25 Whit Monday), 26.
    expect(iso(addDuration('2026-05-08T09:00', 'P10D', 'ouvres'))).toBe('2026-05-26T07:00:00.000Z');
  });

  it('counts Saturdays in jours ouvrables', () => {
    // 9, 11, 12, 13, (14 Ascension), 15, 16, 18, 19, 20, 21.
    expect(iso(addDuration('2026-05-08T09:00', 'P10D', 'ouvrables'))).toBe('2026-05-21T07:00:00.000Z');
    expect(iso(addDuration('2026-06-05T09:00', 'P1D', 'ouvrables'))).toBe('2026-06-06T07:00:00.000Z'); // Saturday
    expect(iso(addDuration('2026-06-05T09:00', 'P1D', 'ouvres'))).toBe('2026-06-08T07:00:00.000Z'); // Monday
  });

  it('counts a week as 5 jours ouvrés or 6 jours ouvrables, holidays excluded', () => {
    // From Wednesday 8 July 2026: 9, 10, 13, (14 July), 15, 16.
    expect(iso(addDuration('2026-07-08T09:00', 'P1W', 'ouvres'))).toBe('2026-07-16T07:00:00.000Z');
    // 9, 10, 11, 13, (14 July), 15, 16.
    expect(iso(addDuration('2026-07-08T09:00', 'P1W', 'ouvrables'))).toBe('2026-07-16T07:00:00.000Z');
    expect(iso(addDuration('2026-07-08T09:00', 'P1W2D', 'ouvres'))).toBe('2026-07-20T07:00:00.000Z');
  });

  it('keeps the time of day across a DST change when counting business days', () => {
    // Friday 27 March 2026 10:00 (UTC+1) + 1 jour ouvré = Monday 30 March 10:00 (UTC+2).
    expect(iso(addDuration('2026-03-27T10:00', 'P1D', 'ouvres'))).toBe('2026-03-30T08:00:00.000Z');
  });

  it('rolls P0D forward to the next business day, and leaves a business day unchanged', () => {
    expect(iso(addDuration('2026-05-09T10:00', 'P0D', 'ouvres'))).toBe('2026-05-11T08:00:00.000Z');
    expect(iso(addDuration('2026-05-12T10:00', 'P0D', 'ouvres'))).toBe('2026-05-12T08:00:00.000Z');
  });

  it('always lands on a business day', () => {
    for (const calendar of ['ouvres', 'ouvrables'] as const) {
      for (let day = 1; day <= 31; day += 1) {
        const start = `2026-05-${String(day).padStart(2, '0')}T12:00`;
        for (let count = 0; count <= 12; count += 1) {
          expect(isBusinessDay(addDuration(start, `P${count}D`, calendar), calendar)).toBe(true);
        }
      }
    }
  });

  it('throws a RangeError carrying the French explanation when the duration is invalid', () => {
    expect(() => addDuration('2026-05-08', 'P15')).toThrow(RangeError);
    expect(() => addDuration('2026-05-08', 'P15')).toThrow(/"P15" n'est pas une durée ISO 8601 valide/);
    expect(() => addDuration('2026-05-08', 'P1M', 'ouvres')).toThrow(/En jours ouvrés, .* contient des mois/);
    expect(() => addDuration('2026-05-08', 'P1D', 'ouvrés' as CalendarKind)).toThrow(/Calendrier "ouvrés" inconnu/);
  });

  it('throws a RangeError in French when the date is invalid', () => {
    expect(() => addDuration('demain', 'P1D')).toThrow(RangeError);
    expect(() => addDuration('demain', 'P1D')).toThrow(/"demain" n'est pas une date valide/);
    expect(() => addDuration('2026-02-30', 'P1D')).toThrow(/n'est pas une date valide/);
    expect(() => addDuration(new Date(Number.NaN), 'P1D')).toThrow(RangeError);
  });

  it('throws a RangeError when the result cannot be represented', () => {
    expect(() => addDuration('2026-05-08', 'P999999Y')).toThrow(/sort des dates représentables/);
  });
});

describe('subtractDuration', () => {
  it('places a warning 7 days before a due date, keeping the Paris time across DST', () => {
    expect(iso(subtractDuration('2026-04-02T10:00', 'P7D'))).toBe('2026-03-26T09:00:00.000Z');
  });

  it('subtracts months with clamping at the end of a shorter month', () => {
    expect(iso(subtractDuration('2026-03-31T10:00', 'P1M'))).toBe('2026-02-28T09:00:00.000Z');
    expect(iso(subtractDuration('2026-04-15T10:00', 'P1M'))).toBe('2026-03-15T09:00:00.000Z');
  });

  it('counts business days backwards, skipping weekends and holidays', () => {
    // Before Tuesday 26 May 2026: (25 Whit Monday), 22, 21, 20, 19, 18, 15, (14 Ascension), 13.
    expect(iso(subtractDuration('2026-05-26T09:00', 'P7D', 'ouvres'))).toBe('2026-05-13T07:00:00.000Z');
  });

  it('rolls P0D back to the previous business day', () => {
    expect(iso(subtractDuration('2026-05-10T10:00', 'P0D', 'ouvres'))).toBe('2026-05-07T08:00:00.000Z');
  });

  it('undoes addDuration for business days starting on a business day', () => {
    for (let day = 1; day <= 30; day += 1) {
      const start = `2026-11-${String(day).padStart(2, '0')}T10:00`;
      if (!isBusinessDay(start, 'ouvres')) continue;
      for (const count of [1, 5, 10, 20]) {
        const due = addDuration(start, `P${count}D`, 'ouvres');
        expect(iso(subtractDuration(due, `P${count}D`, 'ouvres'))).toBe(iso(addDuration(start, 'P0D')));
      }
    }
  });

  it('throws a RangeError carrying the French explanation when the duration is invalid', () => {
    expect(() => subtractDuration('2026-05-08', 'PT', 'calendaires')).toThrow(/"PT" n'est pas une durée ISO 8601 valide/);
  });
});

describe('the cache of addDuration and subtractDuration', () => {
  // Instants 7 minutes apart (so every minute of an hour is met) through both changes of offset of
  // 2026, a month's end and the holidays of May, each moved by every kind of duration both ways:
  // the answer kept per UTC hour is the one computed in full for that very instant.
  const windows = ['2026-03-27T00:03:00Z', '2026-10-23T00:05:00Z', '2026-01-29T00:01:00Z', '2026-04-30T00:02:00Z', '1981-03-27T00:04:00Z'];
  const cases: [string, CalendarKind][] = [
    ['P1D', 'calendaires'], ['PT24H', 'calendaires'], ['P1M', 'calendaires'], ['P1Y', 'calendaires'], ['P2W', 'calendaires'],
    ['P1M2DT3H', 'calendaires'], ['PT90M', 'calendaires'], ['P3D', 'ouvres'], ['P0D', 'ouvres'], ['P5D', 'ouvrables'], ['P1W', 'ouvres'],
  ];
  it.each(cases)('%s (%s) gives, from every instant, the answer computed in full', (duration, calendar) => {
    for (const window of windows) {
      for (let at = Date.parse(window); at < Date.parse(window) + 4 * 86_400_000; at += 7 * 60_000 + 13_001) {
        const instant = new Date(at);
        expect(iso(addDuration(instant, duration, calendar))).toBe(iso(moveUncached(instant, duration, calendar, 1)));
        expect(iso(subtractDuration(instant.toISOString(), duration, calendar))).toBe(iso(moveUncached(instant, duration, calendar, -1)));
      }
    }
  });

  it('still refuses an invalid duration after a valid one was kept for the same hour', () => {
    addDuration('2026-05-07T10:00:00Z', 'P1D');
    expect(() => addDuration('2026-05-07T10:00:00Z', 'P1X')).toThrow(RangeError);
  });
});

describe('isPublicHoliday', () => {
  it.each([
    ['2026-01-01', 'Nouvel An'],
    ['2026-04-06', 'Lundi de Pâques'],
    ['2026-05-01', 'Fête du travail'],
    ['2026-05-08', 'Fête de la Victoire 1945'],
    ['2026-05-14', 'Ascension'],
    ['2026-05-25', 'Lundi de Pentecôte'],
    ['2026-07-14', 'Fête Nationale de la France'],
    ['2026-08-15', 'Assomption'],
    ['2026-11-01', 'Toussaint'],
    ['2026-11-11', 'Armistice 1918'],
    ['2026-12-25', 'Noël'],
  ])('knows %s is a public holiday (%s)', (day, name) => {
    expect(isPublicHoliday(day)).toBe(true);
    expect(isPublicHoliday(`${day}T23:59`)).toBe(true);
    expect(publicHolidayName(day)).toBe(name);
  });

  it.each([
    ['2026-05-24', 'Whit Sunday, an observance'],
    ['2026-05-26', 'the day after Whit Monday'],
    ['2026-05-31', "Mother's Day, an observance"],
    ['2026-04-03', 'Good Friday, a holiday in Alsace only'],
    ['2026-12-26', 'St Stephen, a holiday in Alsace only'],
    ['2026-06-10', 'an ordinary Wednesday'],
  ])('knows %s is not a public holiday (%s)', (day) => {
    expect(isPublicHoliday(day)).toBe(false);
    expect(publicHolidayName(day)).toBeNull();
  });

  it('decides the day in Europe/Paris, not in UTC', () => {
    expect(isPublicHoliday(new Date('2026-04-05T22:30:00Z'))).toBe(true); // 6 April 00:30 Paris
    expect(isPublicHoliday(new Date('2026-04-06T22:30:00Z'))).toBe(false); // 7 April 00:30 Paris
  });

  it('throws a RangeError in French for an invalid date', () => {
    expect(() => isPublicHoliday('le 6 avril')).toThrow(/n'est pas une date valide/);
  });
});

describe('isBusinessDay', () => {
  it('counts Saturday only in jours ouvrables, and Sunday in neither', () => {
    expect(isBusinessDay('2026-06-06', 'ouvres')).toBe(false);
    expect(isBusinessDay('2026-06-06', 'ouvrables')).toBe(true);
    expect(isBusinessDay('2026-06-07', 'ouvres')).toBe(false);
    expect(isBusinessDay('2026-06-07', 'ouvrables')).toBe(false);
  });

  it('excludes public holidays falling on a weekday', () => {
    expect(isBusinessDay('2026-05-25', 'ouvres')).toBe(false);
    expect(isBusinessDay('2026-05-25', 'ouvrables')).toBe(false);
    expect(isBusinessDay('2026-05-26', 'ouvres')).toBe(true);
  });

  it('refuses the calendaires calendar and unknown names with a French RangeError', () => {
    expect(() => isBusinessDay('2026-05-26', 'calendaires' as 'ouvres')).toThrow(RangeError);
    expect(() => isBusinessDay('2026-05-26', 'ouvrés' as 'ouvres')).toThrow(/Calendrier "ouvrés" inconnu/);
  });
});

describe('businessDaysBetween', () => {
  it('counts the business days strictly after the first day up to and including the last', () => {
    expect(businessDaysBetween('2026-05-08T09:00', '2026-05-26T09:00', 'ouvres')).toBe(10);
    expect(businessDaysBetween('2026-05-08T09:00', '2026-05-21T09:00', 'ouvrables')).toBe(10);
    expect(businessDaysBetween('2026-06-05', '2026-06-08', 'ouvres')).toBe(1);
  });

  it('returns 0 within a day and ignores the time of day', () => {
    expect(businessDaysBetween('2026-06-01T08:00', '2026-06-01T18:00', 'ouvres')).toBe(0);
    expect(businessDaysBetween('2026-06-01T23:00', '2026-06-02T01:00', 'ouvres')).toBe(1);
  });

  it('is negative when the end is before the start', () => {
    expect(businessDaysBetween('2026-05-26', '2026-05-08', 'ouvres')).toBe(-10);
  });

  it('agrees with addDuration from a business day', () => {
    for (const calendar of ['ouvres', 'ouvrables'] as const) {
      for (const count of [0, 1, 7, 15, 40, 250]) {
        const due = addDuration('2026-04-30T14:00', `P${count}D`, calendar);
        expect(businessDaysBetween('2026-04-30T14:00', due, calendar)).toBe(count);
      }
    }
  });

  it('spans years, using each year’s holidays', () => {
    // 2026 has 261 weekdays, 9 of which are public holidays (15 August and 1 November fall on a weekend).
    expect(businessDaysBetween('2025-12-31', '2026-12-31', 'ouvres')).toBe(261 - 9);
  });
});

describe('formatDuration', () => {
  it.each([
    ['P1M', '1 mois'],
    ['P15D', '15 jours'],
    ['P1D', '1 jour'],
    ['P2W', '2 semaines'],
    ['P1W', '1 semaine'],
    ['PT48H', '48 heures'],
    ['P1Y', '1 an'],
    ['P1Y2M', '1 an et 2 mois'],
    ['P2Y', '2 ans'],
    ['P1Y2M10DT2H30M', '1 an, 2 mois, 10 jours, 2 heures et 30 minutes'],
    ['PT1M1S', '1 minute et 1 seconde'],
    ['P0D', '0 jour'],
    ['P1000D', '1\u202f000 jours'],
  ])('writes %s as « %s »', (input, expected) => {
    expect(formatDuration(input)).toBe(expected);
  });

  it('returns an invalid duration unchanged', () => {
    expect(formatDuration('P15')).toBe('P15');
    expect(formatDuration('')).toBe('');
  });
});

describe('holidays-fr.generated.json', () => {
  it('was generated from the installed date-holidays (run `npm run holidays:data` after upgrading it)', () => {
    expect(franceData.version).toBe(`date-holidays ${dateHolidaysPackage.version}`);
  });

  it('agrees with the full date-holidays library on every public holiday of 2024–2030', () => {
    const reference = new DateHolidays('FR', { languages: ['fr'], timezone: 'Europe/Paris' });
    for (let year = 2024; year <= 2030; year += 1) {
      const expected = reference
        .getHolidays(year, 'fr')
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => [holiday.date.slice(0, 10), holiday.name]);
      const actual: string[][] = [];
      // Every Paris day of the year, so that an extra holiday in our data fails as well as a missing one.
      for (let day = new Date(Date.UTC(year, 0, 1, 12)); day.getUTCFullYear() === year; day = new Date(day.getTime() + 86_400_000)) {
        const key = day.toISOString().slice(0, 10);
        const name = publicHolidayName(key);
        if (name !== null) actual.push([key, name]);
      }
      expect(actual).toEqual(expected);
    }
  });
});
