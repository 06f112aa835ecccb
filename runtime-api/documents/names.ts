/** File names as citizens send them, made harmless to store, show and send back. */

/** Longest name kept, in characters (the column holds 255). */
export const MAX_NAME_LENGTH = 200;

// Control characters, and the bidirectional overrides that make « gpj.exe » display as « exe.jpg ».
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g; // eslint-disable-line no-control-regex
const RESERVED = /[<>:"|?*]/g;

/**
 * The name to keep for an uploaded file: its last path segment only (« ../../etc/passwd » and
 * « C:\\Users\\x\\scan.pdf » both lose their folders), without control or reserved characters nor
 * leading dots, at most MAX_NAME_LENGTH characters with its extension kept. The name is only ever
 * shown: files are stored under their document id, never under this name.
 */
export function safeFileName(raw: string | undefined, fallback = 'document'): string {
  const segments = (raw ?? '').normalize('NFC').replace(INVISIBLE, '').split(/[\\/]/);
  let name = (segments[segments.length - 1] ?? '').replace(RESERVED, '_').trim().replace(/^[.\s]+/, '').trim();
  if (!name) name = fallback;
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? Array.from(name.slice(dot)) : [];
    name = [...chars.slice(0, MAX_NAME_LENGTH - extension.length), ...extension].join('');
  }
  return name;
}

/** RFC 8187 encoding of a parameter value (« filename*=UTF-8''… »). */
function encodeParameter(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The Content-Disposition header: the UTF-8 name for every current browser, and an ASCII
 * fallback (accents dropped) for the others.
 */
export function contentDisposition(disposition: 'attachment' | 'inline', name: string): string {
  const fallback = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeParameter(name)}`;
}
