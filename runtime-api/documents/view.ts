import type { DocumentKind, DocumentRow } from '../store';

/** A document as the API lists it (never where it lies on disk, nor who uploaded it). */
export interface DocumentView {
  id: string;
  kind: DocumentKind;
  /** The pièce it justifies (uploaded documents). */
  piece: string | null;
  /** The template it was generated from (generated documents). */
  template: string | null;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export function documentView(row: DocumentRow): DocumentView {
  return {
    id: row.id, kind: row.kind, piece: row.pieceId, template: row.template, name: row.name,
    mediaType: row.mediaType, size: row.size, sha256: row.sha256, createdAt: row.createdAt,
  };
}
