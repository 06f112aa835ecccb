/**
 * French formatting of what the forms show: dates (calendar days and instants in Europe/Paris),
 * file sizes, lists (« A, B ou C ») and media types in words.
 */

const PARIS = 'Europe/Paris';
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const parisDayParts = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: PARIS });
const parisTimeParts = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: PARIS });

/** « 1er juin 2026 », « 15 juin 2026 »: French writes the first day of a month as an ordinal. */
function withOrdinal(parts: Intl.DateTimeFormatPart[]): string {
  return parts.map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value)).join('');
}

function toInstant(value: Date | string | number): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A date in words: « 15 juin 2026 ». A calendar day (`2026-06-15`, as a `format: date` field holds it)
 * is shown as written, whatever the time zone; an instant is shown as its day in Paris.
 * Anything that is not a date is returned unchanged.
 */
export function formatDate(value: Date | string | number): string {
  if (typeof value === 'string') {
    const day = CALENDAR_DAY.exec(value);
    if (day) {
      const utc = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
      return withOrdinal(dayFormat.formatToParts(utc));
    }
  }
  const instant = toInstant(value);
  return instant ? withOrdinal(parisDayParts.formatToParts(instant)) : String(value);
}

/** An instant in Paris time: « 15 juin 2026 à 14 h 05 ». */
export function formatDateTime(value: Date | string | number): string {
  const instant = toInstant(value);
  if (!instant) return String(value);
  const time = parisTimeParts.formatToParts(instant);
  const hour = time.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = time.find((p) => p.type === 'minute')?.value ?? '00';
  return `${withOrdinal(parisDayParts.formatToParts(instant))} à ${Number(hour)} h ${minute}`;
}

const sizeNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A size in bytes, in French units (base 1024, as the limits are written): « 850 ko », « 10 Mo ». */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${sizeNumber.format(bytes)} octet${bytes > 1 ? 's' : ''}`;
  const units = ['ko', 'Mo', 'Go', 'To'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${sizeNumber.format(value)} ${units[unit]}`;
}

/** « A », « A ou B », « A, B ou C » (or « et » with `conjunction: 'et'`). */
export function formatList(items: readonly string[], conjunction: 'ou' | 'et' = 'ou'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/jpg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'image/tiff': 'TIFF',
  'image/svg+xml': 'SVG',
  'text/plain': 'texte (TXT)',
  'text/csv': 'CSV',
  'application/msword': 'Word (DOC)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument (ODT)',
  'application/vnd.ms-excel': 'Excel (XLS)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument (ODS)',
  'application/zip': 'ZIP',
};

/** The file extensions a browser's file picker should offer for each media type. */
const MEDIA_TYPE_EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/jpg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'image/heic': ['.heic'],
  'image/heif': ['.heif'],
  'image/tiff': ['.tif', '.tiff'],
  'image/svg+xml': ['.svg'],
  'text/plain': ['.txt'],
  'text/csv': ['.csv'],
  'application/msword': ['.doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.ms-excel': ['.xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'application/zip': ['.zip'],
};

/** A media type's name for people: `application/pdf` → « PDF ». */
export function mediaTypeName(mediaType: string): string {
  const known = MEDIA_TYPE_NAMES[mediaType.toLowerCase()];
  if (known) return known;
  if (mediaType.endsWith('/*')) {
    const family = mediaType.slice(0, -2);
    return family === 'image' ? 'image' : family === 'audio' ? 'audio' : family === 'video' ? 'vidéo' : mediaType;
  }
  const subtype = mediaType.split('/')[1] ?? mediaType;
  return subtype.replace(/^x-/, '').toUpperCase();
}

/** Accepted media types in words, without repeats: « PDF, JPEG ou PNG ». */
export function formatMediaTypes(mediaTypes: readonly string[]): string {
  return formatList([...new Set(mediaTypes.map(mediaTypeName))]);
}

/** The extensions of a media type (`image/jpeg` → `.jpg`, `.jpeg`), empty when unknown. */
export function extensionsOf(mediaType: string): string[] {
  return MEDIA_TYPE_EXTENSIONS[mediaType.toLowerCase()] ?? [];
}
