import { openDossier } from '../dossiers';
import { problems } from '../problems';
import type { Runtime } from '../runtime';
import { DocumentFile, type DocumentRow, type UserRow } from '../store';
import { storedFile } from './storage';
import { documentView, type DocumentView } from './view';

/** The documents of a dossier the user may see, oldest first; 404 for a dossier they may not see. */
export async function listDocuments(rt: Runtime, user: UserRow, dossierId: string): Promise<DocumentView[]> {
  const { row } = await openDossier(rt, user, dossierId);
  const rows = await rt.db.read((m) => m.find(DocumentFile, { where: { dossierId: row.id }, order: { createdAt: 'ASC', id: 'ASC' } }));
  return rows.map(documentView);
}

/**
 * One document of a dossier the user may see, with where its bytes are. Whoever may see the
 * dossier may download its documents, closed or not (a citizen keeps access to their certificate);
 * anything else is answered 404, like a document that does not exist.
 */
export async function openDocument(rt: Runtime, user: UserRow, dossierId: string, documentId: string): Promise<{ document: DocumentRow; file: string }> {
  const { row } = await openDossier(rt, user, dossierId);
  const document = await rt.db.read((m) => m.findOneBy(DocumentFile, { id: documentId, dossierId: row.id }));
  if (!document) throw problems.notFound(`Le document « ${documentId} » est introuvable dans ce dossier.`);
  return { document, file: storedFile(rt.config.dataDir, document.storagePath) };
}
