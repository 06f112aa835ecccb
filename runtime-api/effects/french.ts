/**
 * Values as a French reader expects them in a letter: « 1er juin 2026 », « 15 juin 2026 à 10 h 00 »
 * (Paris time), « 1 234,5 », « oui ». Used by the template renderer on every value it prints.
 */

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const EUROS_WITH_CENTS = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** « 1er juin 2026 », « 15 juin 2026 »: the French ordinal for the first day of a month. */
export function frenchDay(year: number, month: number, day: number): string {
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`;
}

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * An ISO date (« 2026-06-15 ») or instant (« 2026-06-15T08:00:00.000Z ») in French words; null when
 * the string is neither. An instant with an offset is shown in Paris time; one without, as written.
 */
export function frenchDateText(value: string): string | null {
  const date = ISO_DATE.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    return validDay(y, m, d) ? frenchDay(y, m, d) : null;
  }
  const instant = ISO_INSTANT.exec(value);
  if (!instant) return null;
  const [y, m, d] = [Number(instant[1]), Number(instant[2]), Number(instant[3])];
  if (!validDay(y, m, d)) return null;
  if (!instant[6]) return `${frenchDay(y, m, d)} à ${Number(instant[4])} h ${instant[5]}`;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const parts = Object.fromEntries(PARIS.formatToParts(at).map((p) => [p.type, p.value]));
  return `${frenchDay(Number(parts.year), Number(parts.month), Number(parts.day))} à ${Number(parts.hour)} h ${parts.minute}`;
}

/** « 1 234,5 »: French separators, at most two decimals. */
export function frenchNumber(value: number): string {
  return NUMBER.format(value);
}

/** An amount in euros without its symbol (templates write « € » after it): « 86 », « 25,50 ». */
export function frenchEuros(value: number): string {
  return Number.isInteger(value) ? NUMBER.format(value) : EUROS_WITH_CENTS.format(value);
}
