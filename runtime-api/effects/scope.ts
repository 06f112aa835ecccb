import { buildScope, type Demarche, type DossierSnapshot } from '../../engine';
import type { DossierRow } from '../store';

/** The scope routing conditions and templates read for a stored dossier. */
export function dossierScope(definition: Demarche, row: Pick<DossierRow, 'data' | 'snapshot' | 'submittedAt' | 'createdAt'>, now: string): object {
  const snapshot = row.snapshot as DossierSnapshot | null;
  if (snapshot) return buildScope(definition, snapshot.context, now);
  return {
    data: row.data,
    dossier: { instruction: {}, pieces: {}, deadlines: {}, submittedAt: row.submittedAt ?? row.createdAt, piecesManquantes: [] },
    parametres: Object.fromEntries(Object.entries(definition.parameters ?? {}).map(([k, p]) => [k, p.value])),
    now,
  };
}
