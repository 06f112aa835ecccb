/**
 * What a file really is, from its first bytes (its « magic number »), whatever its name or the type
 * the browser declared: a program renamed « .pdf » is still a program.
 */

/** Bytes to read before deciding; every signature below fits in them. */
export const SNIFF_BYTES = 16;

interface Signature {
  mediaType: string;
  label: string;
  /** Whether a pièce may list it in `accept` (the others are named only to explain a refusal). */
  document: boolean;
  matches: (head: Buffer) => boolean;
}

const ascii = (head: Buffer, offset: number, text: string) => head.length >= offset + text.length && head.toString('latin1', offset, offset + text.length) === text;
const bytes = (head: Buffer, offset: number, values: number[]) => head.length >= offset + values.length && values.every((v, i) => head[offset + i] === v);

const SIGNATURES: Signature[] = [
  { mediaType: 'application/pdf', label: 'PDF', document: true, matches: (h) => ascii(h, 0, '%PDF-') },
  { mediaType: 'image/jpeg', label: 'JPEG', document: true, matches: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]) },
  { mediaType: 'image/png', label: 'PNG', document: true, matches: (h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'image/gif', label: 'GIF', document: true, matches: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a') },
  { mediaType: 'image/webp', label: 'WebP', document: true, matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP') },
  { mediaType: 'image/tiff', label: 'TIFF', document: true, matches: (h) => bytes(h, 0, [0x49, 0x49, 0x2a, 0x00]) || bytes(h, 0, [0x4d, 0x4d, 0x00, 0x2a]) },
  { mediaType: 'image/heic', label: 'HEIC', document: true, matches: (h) => ascii(h, 4, 'ftyp') && ['heic', 'heix', 'hevc', 'hevx'].some((b) => ascii(h, 8, b)) },
  { mediaType: 'image/heif', label: 'HEIF', document: true, matches: (h) => ascii(h, 4, 'ftyp') && ['mif1', 'msf1'].some((b) => ascii(h, 8, b)) },
  // Known, never accepted: named so that the refusal says what the file is.
  { mediaType: 'application/x-msdownload', label: 'programme Windows', document: false, matches: (h) => ascii(h, 0, 'MZ') },
  { mediaType: 'application/x-executable', label: 'programme', document: false, matches: (h) => bytes(h, 0, [0x7f, 0x45, 0x4c, 0x46]) },
  { mediaType: 'application/zip', label: 'archive ZIP', document: false, matches: (h) => bytes(h, 0, [0x50, 0x4b, 0x03, 0x04]) },
  { mediaType: 'text/x-script', label: 'script', document: false, matches: (h) => ascii(h, 0, '#!') },
];

/** The media type the content proves, or null when no known signature matches. */
export function sniff(head: Buffer): string | null {
  return SIGNATURES.find((s) => s.matches(head))?.mediaType ?? null;
}

/** The media types whose content can be recognised, so that a pièce may accept them. */
export const RECOGNISED_DOCUMENT_TYPES: readonly string[] = SIGNATURES.filter((s) => s.document).map((s) => s.mediaType);

/** A media type in words (« PDF », « JPEG »), the type itself when it has no short name. */
export function mediaTypeLabel(mediaType: string): string {
  return SIGNATURES.find((s) => s.mediaType === mediaType)?.label ?? mediaType;
}
