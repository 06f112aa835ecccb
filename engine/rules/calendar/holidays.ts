import type { TZDate } from '@date-fns/tz';
import Holidays from 'date-holidays-parser';
// France only, extracted by `npm run holidays:data`: the full `date-holidays` package embeds every
// country (~450 kB minified) and the engine also runs in the browser. Beware that the parser itself
// still pulls in moment-timezone with every zone (~730 kB minified, through caldate) and astronomia.
import franceData from './holidays-fr.generated.json';
import { dayKey, PARIS, toParis } from './paris';

// Built on first use, not at import: constructing the parser compiles every rule of the data.
let parser: Holidays | undefined;

// year → ('YYYY-MM-DD' → French name). The keys are the "set of holidays" of the year; keeping the
// names alongside lets publicHolidayName share the cache. Business-day loops hit it on every day.
const holidaysByYear = new Map<number, ReadonlyMap<string, string>>();

function publicHolidaysOf(year: number): ReadonlyMap<string, string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    // No state/region: metropolitan France only (Alsace's Good Friday and 26 December are not
    // counted). `types` drops observances such as Mother's Day or Whit Sunday.
    parser ??= new Holidays(franceData, 'FR', { languages: 'fr', timezone: PARIS, types: ['public'] });
    const found = new Map<string, string>();
    for (const holiday of parser.getHolidays(year, 'fr')) {
      // `date` is the Paris-local "YYYY-MM-DD hh:mm:ss"; `start` would be a UTC instant.
      if (holiday.type === 'public') found.set(holiday.date.slice(0, 10), holiday.name);
    }
    days = found;
    holidaysByYear.set(year, days);
  }
  return days;
}

/** French name of the public holiday on this Paris day, or null (internal: avoids re-parsing). */
export function holidayNameOfDay(day: TZDate): string | null {
  return publicHolidaysOf(day.getFullYear()).get(dayKey(day)) ?? null;
}

/** True when `at` falls, in Europe/Paris, on a public holiday of metropolitan France. */
export function isPublicHoliday(at: Date | string): boolean {
  return holidayNameOfDay(toParis(at)) !== null;
}

/** French name of the public holiday on which `at` falls in Europe/Paris (« Lundi de Pâques »), or null. */
export function publicHolidayName(at: Date | string): string | null {
  return holidayNameOfDay(toParis(at));
}
