/**
 * The pièces justificatives as one more page of the démarche's form, just before its
 * récapitulatif: a field of the form (« ui:field ») that holds no answer of its own but shows
 * <PieceUpload>, and whose value — what was sent for each pièce — the récapitulatif lists.
 * The field is never saved nor sent: FileDemarche takes it out of the data.
 */
import { createContext, useContext } from 'react';
import type { Api } from '../../api';
import { formatSize, pieceRequirement, PieceUpload } from '../../forms';
import type { PieceView } from './pieces';

/** The key of the pièces' page and field in the form (not a field of any démarche). */
export const PIECES_FIELD = 'piecesJustificativesDuDossier';
export const PIECES_PAGE = 'pieces-justificatives';

export interface PiecesContextValue {
  pieces: PieceView[];
  documents: Api.Document[];
  data: Record<string, unknown>;
  upload: (pieceId: string, file: File, onProgress: (fraction: number) => void) => Promise<unknown>;
  /** No draft yet: it is created with the first file. */
  draftPending: boolean;
  loading: boolean;
}

export const PiecesContext = createContext<PiecesContextValue | null>(null);

type Definition = Api.Demarche['definition'];

/** The definition with the pièces' page added before the récapitulatif (when the démarche has pièces). */
export function withPiecesPage(definition: Definition): Definition {
  const pieces = definition.pieces ?? {};
  if (Object.keys(pieces).length === 0) return definition;
  const schema = definition.form.schema as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const pages = definition.form.pages?.length
    ? definition.form.pages
    : [{ id: 'demande', title: 'Votre demande', fields: Object.keys(properties) }];
  return {
    ...definition,
    form: {
      ...definition.form,
      schema: {
        ...schema,
        type: 'object',
        properties: {
          ...properties,
          [PIECES_FIELD]: {
            type: 'object',
            title: 'Documents joints',
            properties: Object.fromEntries(Object.entries(pieces).map(([id, p]) => [id, { type: 'string', title: p.label }])),
          },
        },
      },
      uiSchema: { ...(definition.form.uiSchema ?? {}), [PIECES_FIELD]: { 'ui:field': PiecesField } },
      pages: [
        ...pages,
        {
          id: PIECES_PAGE,
          title: 'Pièces justificatives',
          description: 'Joignez ici les documents qui justifient votre demande. Ils sont enregistrés avec votre brouillon au fur et à mesure.',
          fields: [PIECES_FIELD],
        },
      ],
    },
  };
}

/** What the récapitulatif shows for each pièce: the files sent, or what is still to send. */
export function piecesSummary(pieces: PieceView[], documents: Api.Document[], data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const piece of pieces) {
    const files = documents.filter((d) => d.kind === 'piece' && d.piece === piece.id);
    const requirement = pieceRequirement({ label: piece.label, required: piece.required }, data);
    if (files.length > 0) out[piece.id] = files.map((f) => `${f.name} (${formatSize(f.size)})`).join(', ');
    else if (requirement === 'required') out[piece.id] = 'Pas encore déposée : à joindre';
    else if (requirement === 'optional') out[piece.id] = 'Aucun fichier (pièce facultative)';
    else out[piece.id] = 'Sans objet pour votre demande';
  }
  return out;
}

/** The field of the pièces' page. */
function PiecesField() {
  const context = useContext(PiecesContext);
  if (!context) return null;
  const { pieces, documents, data, upload, draftPending, loading } = context;
  const uploaded = documents.filter((d) => d.kind === 'piece');
  const missing = pieces.filter((p) => pieceRequirement({ label: p.label, required: p.required }, data) === 'required'
    && !uploaded.some((d) => d.piece === p.id));
  return (
    <div className="fr-mb-2w">
      {draftPending && (
        <p className="fr-text--sm">Votre demande sera enregistrée en brouillon dès le premier fichier envoyé.</p>
      )}
      {loading && <p role="status">Chargement des pièces déjà envoyées…</p>}
      <PieceUpload pieces={pieces} uploaded={uploaded} data={data} upload={upload} idPrefix="piece" />
      {missing.length > 0 && (
        <div className="fr-notice fr-notice--info">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                {missing.length === 1 ? 'Il manque une pièce obligatoire' : `Il manque ${missing.length} pièces obligatoires`}
                {missing.length === 1 ? ' : vous pouvez continuer et la joindre' : ' : vous pouvez continuer et les joindre'} plus tard depuis votre
                dossier, mais la mairie n’examinera votre demande qu’une fois complète.
              </p>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
