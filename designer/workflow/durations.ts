import type { Demarche } from '../../engine';

const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const UNITS: [string, string][] = [['an', 'ans'], ['mois', 'mois'], ['semaine', 'semaines'], ['jour', 'jours'], ['heure', 'heures'], ['minute', 'minutes'], ['seconde', 'secondes']];

/** An ISO 8601 duration in French words: P15D → « 15 jours », P1M → « 1 mois », PT48H → « 48 heures ». Null when it is not one. */
export function durationInWords(iso: string): string | null {
  const m = ISO.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const parts = m.slice(1).flatMap((v, i) => (v === undefined ? [] : [`${Number(v)} ${Number(v) > 1 ? UNITS[i][1] : UNITS[i][0]}`]));
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

const CALENDARS = { calendaires: '', ouvres: ' ouvrés', ouvrables: ' ouvrables' } as const;

/**
 * What a timer key means, in words: an ISO duration (« 15 jours ») or a named delay of the
 * définition (« 15 jours ouvrés », its label alongside). The key itself when it is neither.
 */
export function delayInWords(definition: Pick<Demarche, 'delays'>, key: string): string {
  const named = definition.delays?.[key];
  if (named) {
    const words = durationInWords(named.duration) ?? named.duration;
    const calendar = named.calendar ? CALENDARS[named.calendar] : '';
    // « 15 jours ouvrés »: the calendar qualifies the days; other units read as they are.
    return calendar && /jours?$/.test(words) ? `${words}${calendar}` : words;
  }
  return durationInWords(key) ?? key;
}

/** The label of a timer transition: « après 15 jours ». */
export function timerLabel(definition: Pick<Demarche, 'delays'>, key: string): string {
  return `après ${delayInWords(definition, key)}`;
}

/** A duration typed in words or numbers by the designer (« 15 jours », « 2 mois », « P15D ») as ISO 8601; null if unreadable. */
export function parseDuration(text: string): string | null {
  const t = text.trim();
  if (ISO.test(t.toUpperCase()) && durationInWords(t.toUpperCase())) return t.toUpperCase();
  const m = /^(\d+)\s*(ans?|mois|semaines?|jours?|j|heures?|h)$/i.exec(t.normalize('NFC'));
  if (!m) return null;
  const n = Number(m[1]);
  if (n <= 0) return null;
  const unit = m[2].toLowerCase();
  if (unit.startsWith('an')) return `P${n}Y`;
  if (unit === 'mois') return `P${n}M`;
  if (unit.startsWith('semaine')) return `P${n}W`;
  if (unit.startsWith('j')) return `P${n}D`;
  return `PT${n}H`;
}
