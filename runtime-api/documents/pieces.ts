import type { Demarche } from '../../engine';
import { problems } from '../problems';
import { mediaTypeLabel } from './sniff';

/** What a pièce of the definition accepts, with the platform's defaults filled in. */
export interface PieceRules {
  id: string;
  label: string;
  /** Media types accepted, as the content must prove them (magic bytes). */
  accept: string[];
  /** Largest size of one file, in bytes. */
  maxSize: number;
  multiple: boolean;
}

/** The definition format's defaults: PDF, JPEG and PNG, at most 10 Mo per file. */
export const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];
export const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;

/** A size in French (« 2 Mo », « 1,5 Mo », « 300 ko »), counted in binary units as the definitions write them. */
export function sizeLabel(bytes: number): string {
  const format = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${format(bytes / (1024 * 1024))} Mo`;
  if (bytes >= 1024) return `${format(bytes / 1024)} ko`;
  return `${bytes} octets`;
}

/** The accepted types in words a citizen knows (« PDF, JPEG ou PNG »). */
export function acceptLabel(accept: readonly string[]): string {
  const labels = [...new Set(accept.map(mediaTypeLabel))];
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} ou ${labels[labels.length - 1]}`;
}

/** The rules of one pièce of a démarche; 422 naming the pièces that exist when it has no such pièce. */
export function pieceRules(definition: Demarche, pieceId: string): PieceRules {
  const pieces = definition.pieces ?? {};
  const piece = Object.prototype.hasOwnProperty.call(pieces, pieceId) ? pieces[pieceId] : undefined;
  if (!piece) {
    const known = Object.entries(pieces).map(([id, p]) => ({ id, label: p.label }));
    const list = known.length > 0 ? known.map((p) => `« ${p.id} » (${p.label})`).join(', ') : 'aucune';
    throw problems.unprocessable('piece-inconnue', 'Pièce inconnue',
      `La démarche « ${definition.title} » ne demande pas de pièce « ${pieceId} ». Pièces possibles : ${list}.`,
      [{ pointer: '/piece', field: 'piece', message: `Choisissez l’une des pièces de la démarche : ${known.map((p) => p.id).join(', ') || 'aucune'}.` }],
      { pieces: known });
  }
  return {
    id: pieceId,
    label: piece.label,
    accept: piece.accept && piece.accept.length > 0 ? piece.accept : DEFAULT_ACCEPT,
    maxSize: piece.maxSize ?? DEFAULT_MAX_SIZE,
    multiple: piece.multiple ?? false,
  };
}
