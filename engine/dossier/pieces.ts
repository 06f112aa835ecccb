import type { Demarche } from '../definition';
import { holds } from '../rules';
import type { DossierContext, PieceRef } from './types';

/** The documents of a dossier once new ones are attached. */
export function attachPieces(current: Record<string, PieceRef[]>, added: Record<string, PieceRef[]>): Record<string, PieceRef[]> {
  const out = { ...current };
  for (const [piece, refs] of Object.entries(added)) out[piece] = [...(out[piece] ?? []), ...refs];
  return out;
}

/**
 * The pièces still expected: those the definition requires (given the form data) that have no
 * document, and those an agent asked for again that have no document attached since the request.
 */
export function missingPieces(definition: Demarche, context: DossierContext, conditionScope: object): string[] {
  const missing: string[] = [];
  for (const [id, piece] of Object.entries(definition.pieces ?? {})) {
    const required = piece.required === undefined || piece.required === false ? false : piece.required === true ? true : holds(piece.required, conditionScope);
    const requestedAt = context.requestedPieces[id];
    const docs = context.pieces[id] ?? [];
    if (requestedAt !== undefined ? !docs.some((d) => d.at >= requestedAt) : required && docs.length === 0) missing.push(id);
  }
  return missing;
}
