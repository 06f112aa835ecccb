import { TZDate } from '@date-fns/tz';

/** Every calendar question (which day, which weekday, month ends) is asked in this zone. */
export const PARIS = 'Europe/Paris';

// Offset-less ISO strings ("2026-03-15", "2026-03-15T10:00") are read as Paris wall-clock time:
// `new Date()` would read them in the host's zone (or UTC for a bare date), so the same definition
// would give different deadlines on a server and in a browser abroad.
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** The instant `at` seen in Europe/Paris; throws a RangeError (in French) when it is not a date. */
export function toParis(at: Date | string): TZDate {
  let result: TZDate;
  if (at instanceof Date) {
    result = new TZDate(at.getTime(), PARIS);
  } else if (typeof at === 'string') {
    const local = LOCAL_ISO.exec(at.trim());
    if (local) {
      const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = local;
      result = new TZDate(+y, +mo - 1, +d, +h, +mi, +s, +ms.padEnd(3, '0'), PARIS);
      // TZDate rolls "2026-02-30" over to March (and reads year 0099 as 1999, like Date):
      // refuse such input rather than silently move the date.
      if (result.getFullYear() !== +y || result.getMonth() !== +mo - 1 || result.getDate() !== +d) {
        result = new TZDate(NaN, PARIS);
      }
    } else {
      result = new TZDate(new Date(at).getTime(), PARIS);
    }
  } else {
    result = new TZDate(NaN, PARIS);
  }
  if (Number.isNaN(result.getTime())) {
    throw new RangeError(
      `"${String(at)}" n'est pas une date valide : écrivez-la au format ISO 8601, par exemple 2026-03-15 ou 2026-03-15T10:00:00+01:00.`,
    );
  }
  return result;
}

/** 'YYYY-MM-DD' of a Paris date: the key of the holiday cache, and sortable as a string. */
export function dayKey(d: TZDate): string {
  const month = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${month}-${day}`;
}

/** Plain Date for callers: a TZDate leaks its zone into toString/toISOString and into snapshots. */
export function toPlainDate(d: TZDate): Date {
  return new Date(d.getTime());
}

const HOUR_MS = 3_600_000;
const SINCE_1981 = Date.UTC(1981, 0, 1);

/** The instant of a Date, or of an ISO string that names its offset ("Z", "+01:00"); null for Paris wall-clock strings and non-dates. */
export function instantOf(at: Date | string): number | null {
  if (at instanceof Date) return Number.isNaN(at.getTime()) ? null : at.getTime();
  if (typeof at !== 'string' || !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(at.trim())) return null;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The UTC hour of an instant, for what is the same all through it in Paris; null before 1981.
 * Since 1981 Paris changes its offset (+1 h, +2 h) only at 01:00 UTC, so its midnight and every
 * change of offset fall on a whole UTC hour: within one UTC hour, every instant has the same Paris
 * date, weekday, hour and offset. Reading those goes through Intl; an answer kept per hour serves
 * every instant of it.
 */
export function uniformParisHour(instant: number): number | null {
  return instant < SINCE_1981 ? null : Math.floor(instant / HOUR_MS);
}
