import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Demarche } from '../../../engine';
import { get, upload, type Api } from '../../api';
import { PieceUpload, formatDateTime, formatSize } from '../../forms';
import { pieceLabel } from './labels';
import { Modal } from './Modal';

const PREVIEWABLE = /^(application\/pdf|image\/(png|jpeg|gif|webp))$/;

const documentUrl = (dossierId: string, documentId: string, inline = false) =>
  `/api/dossiers/${encodeURIComponent(dossierId)}/documents/${encodeURIComponent(documentId)}${inline ? '?inline=1' : ''}`;

function typeName(mediaType: string): string {
  if (mediaType === 'application/pdf') return 'PDF';
  if (mediaType.startsWith('image/')) return `Image ${mediaType.slice(6).toUpperCase()}`;
  return mediaType;
}

/** A document shown in a dialog: PDFs in a frame, images as images, with a download link. */
function Preview({ dossierId, document, label, onClose }: { dossierId: string; document: Api.Document; label: string; onClose: () => void }) {
  const url = documentUrl(dossierId, document.id, true);
  return (
    <Modal title={`${label} : ${document.name}`} onClose={onClose} wide>
      {document.mediaType === 'application/pdf'
        ? <iframe className="guichet-preview" src={url} title={`Aperçu de ${document.name}`} />
        : <img className="guichet-preview guichet-preview--image" src={url} alt={`${label} (${document.name})`} />}
      <p className="fr-mt-2w">
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={documentUrl(dossierId, document.id)} download={document.name}>
          Télécharger {document.name} ({typeName(document.mediaType)}, {formatSize(document.size)})
        </a>
      </p>
    </Modal>
  );
}

interface DocumentsProps {
  dossier: Api.Dossier;
  definition: Demarche | undefined;
  /** Staff may attach scanned pièces (at the desk, or brought later). */
  canUpload: boolean;
  onUploaded: (message: string) => void;
}

/**
 * The documents of a dossier: the pièces sent and the documents the démarche produced, each to
 * download or preview; the pièces still missing; and, for staff, an upload to attach scans.
 */
export function Documents({ dossier, definition, canUpload, onUploaded }: DocumentsProps) {
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<Api.Document | null>(null);
  const documents = useQuery({
    queryKey: ['documents', dossier.id],
    queryFn: () => get<Api.DocumentList>(`/api/dossiers/${dossier.id}/documents`).then((r) => r.documents),
  });
  const missing = dossier.etat?.piecesManquantes ?? [];
  const docs = documents.data ?? [];
  const labelOf = (d: Api.Document) => (d.kind === 'piece' ? pieceLabel(d.piece, definition) : definition?.templates?.[d.template ?? '']?.title ?? 'Document produit');

  return (
    <>
      {missing.length > 0 ? (
        <div className="fr-alert fr-alert--warning fr-mb-3w">
          <h3 className="fr-alert__title">Pièces manquantes</h3>
          <ul>{missing.map((p) => <li key={p}>{pieceLabel(p, definition)}</li>)}</ul>
        </div>
      ) : dossier.status === 'en_cours' && (
        <p className="fr-badge fr-badge--success fr-mb-2w">Aucune pièce manquante</p>
      )}

      {documents.isLoading && <p role="status">Chargement des documents…</p>}
      {documents.isError && <div className="fr-alert fr-alert--error fr-alert--sm" role="alert"><p>Les documents n’ont pas pu être chargés.</p></div>}
      {documents.isSuccess && docs.length === 0 && <p>Aucun document n’est joint à ce dossier.</p>}
      {docs.length > 0 && (
        <div className="fr-table fr-table--no-caption-mobile">
          <table>
            <caption>Documents du dossier</caption>
            <thead>
              <tr><th scope="col">Pièce</th><th scope="col">Fichier</th><th scope="col">Joint le</th><th scope="col">Actions</th></tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id}>
                  <td>{labelOf(d)}{d.kind === 'genere' && <><br /><span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">Produit par la démarche</span></>}</td>
                  <td>{d.name}<br /><span className="fr-text--xs">{typeName(d.mediaType)}, {formatSize(d.size)}</span></td>
                  <td>{formatDateTime(d.createdAt)}</td>
                  <td>
                    <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline fr-btns-group--icon-left">
                      {PREVIEWABLE.test(d.mediaType) && (
                        <li>
                          <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-eye-line fr-btn--icon-left" onClick={() => setPreview(d)}>
                            Aperçu<span className="fr-sr-only"> de {d.name}</span>
                          </button>
                        </li>
                      )}
                      <li>
                        <a className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-download-line fr-btn--icon-left" href={documentUrl(dossier.id, d.id)} download={d.name}>
                          Télécharger<span className="fr-sr-only"> {d.name}</span>
                        </a>
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview && <Preview dossierId={dossier.id} document={preview} label={labelOf(preview)} onClose={() => setPreview(null)} />}

      {canUpload && definition && dossier.status !== 'clos' && (
        <section className="fr-mt-4w" aria-labelledby="joindre-titre">
          <h3 id="joindre-titre" className="fr-h6">Joindre des pièces numérisées</h3>
          <p className="fr-text--sm">Pour les pièces apportées au guichet : numérisez-les puis joignez-les ici, elles sont ajoutées au dossier.</p>
          <PieceUpload
            pieces={definition.pieces}
            data={dossier.data}
            uploaded={docs.filter((d) => d.kind === 'piece')}
            upload={async (pieceId, file, onProgress) => {
              const form = new FormData();
              form.append('piece', pieceId);
              form.append('file', file, file.name);
              const answer = await upload<Api.Attached>(`/api/dossiers/${dossier.id}/documents`, form, onProgress);
              queryClient.setQueryData(['dossier', dossier.id], answer.dossier);
              void queryClient.invalidateQueries({ queryKey: ['documents', dossier.id] });
              void queryClient.invalidateQueries({ queryKey: ['history', dossier.id] });
              onUploaded(`« ${file.name} » est joint au dossier (${pieceLabel(pieceId, definition)}).`);
              return answer.documents;
            }}
          />
        </section>
      )}
    </>
  );
}
