/**
 * The simulated clock as the user sets it: a date and time on the wall clocks of Paris (the input
 * `datetime-local` has no time zone), turned into the instant the engine works with.
 */
import { TZDate } from '@date-fns/tz';

const PARIS = 'Europe/Paris';
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of a `datetime-local` input showing `instant` in Paris: « 2026-03-02T10:00 ». */
export function parisInput(instant: string | Date): string {
  const d = new TZDate(new Date(instant).getTime(), PARIS);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant (ISO 8601, UTC) of a Paris wall-clock time typed in a `datetime-local` input; null if it is not one. */
export function fromParisInput(value: string): string | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [year, month, day, hours, minutes] = m.slice(1).map(Number);
  const d = new TZDate(year, month - 1, day, hours, minutes, PARIS);
  // 2026-02-31 would roll over to March: refuse it rather than file on another day.
  if (Number.isNaN(d.getTime()) || d.getDate() !== day || d.getMonth() !== month - 1) return null;
  return new Date(d.getTime()).toISOString();
}

/** Today at 9 h in Paris: a filing time that reads naturally in letters and délais. */
export function morningOf(now: Date): string {
  const d = new TZDate(now.getTime(), PARIS);
  return new Date(new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), 9, 0, PARIS).getTime()).toISOString();
}
