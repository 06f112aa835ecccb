import type { Demarche } from '../../engine';
import { DesignError, edit, slugify } from '../model';

/** A pièce justificative as the definition declares it (`pieces.<id>`). */
export type Piece = NonNullable<Demarche['pieces']>[string];

/** The media types offered, with their French names. */
export const MEDIA_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** A new pièce, required, accepting PDF, JPEG and PNG up to 5 Mo; its id comes from its label. */
export function addPiece(definition: Demarche, label: string): { definition: Demarche; id: string } {
  if (!label.trim()) throw new DesignError('Donnez un nom à la pièce justificative.');
  const taken = new Set(Object.keys(definition.pieces ?? {}));
  let id = slugify(label);
  for (let i = 2; taken.has(id); i++) id = `${slugify(label)}_${i}`;
  const next = edit(definition, (d) => {
    d.pieces = { ...(d.pieces ?? {}), [id]: { label: label.trim(), required: true, accept: Object.keys(MEDIA_TYPES), maxSize: 5 * 1024 * 1024 } };
  });
  return { definition: next, id };
}

/** Replaces a pièce's declaration (label, description, when it is required, formats, size, several files). */
export function updatePiece(definition: Demarche, id: string, piece: Piece): Demarche {
  if (!definition.pieces?.[id]) throw new DesignError(`La pièce « ${id} » n’existe pas.`);
  if (!piece.label.trim()) throw new DesignError('Une pièce justificative a besoin d’un nom.');
  if (piece.accept && piece.accept.length === 0) throw new DesignError('Acceptez au moins un format de fichier.');
  return edit(definition, (d) => {
    const clean: Piece = { ...piece };
    for (const k of Object.keys(clean) as (keyof Piece)[]) if (clean[k] === undefined || clean[k] === '') delete clean[k];
    d.pieces![id] = clean;
  });
}

/** Removes a pièce; actions that ask for it are reported by the linter. */
export function removePiece(definition: Demarche, id: string): Demarche {
  return edit(definition, (d) => {
    const { [id]: _gone, ...rest } = d.pieces ?? {};
    if (Object.keys(rest).length) d.pieces = rest;
    else delete d.pieces;
  });
}
