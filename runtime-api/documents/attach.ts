import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PIECES_EVENT, type Demarche, type PieceRef } from '../../engine';
import { dossierView, openDossier, sendEvent, type DossierView } from '../dossiers';
import { HttpProblem, problems } from '../problems';
import type { Runtime } from '../runtime';
import { DocumentFile, Dossier, writable, type DocumentRow, type DossierRow, type UserRow } from '../store';
import type { ReceivedUpload } from './receive';
import { moveIntoPlace, pieceStoragePath, removeQuietly } from './storage';
import { documentView, type DocumentView } from './view';

/** What an upload created, and the dossier as it now stands. */
export interface Attached {
  documents: DocumentView[];
  dossier: DossierView;
}

/** The draft was submitted (or changed) between reading it and writing: decide again. */
class DossierMoved extends Error {}

/** Tries when the dossier keeps moving under the upload (a 409 after the last). */
const ATTEMPTS = 5;

const closed = () => new HttpProblem(409, 'dossier-clos', 'Dossier clos', 'Ce dossier est clos : il n’accepte plus de pièces.');

/**
 * The dossier a user attaches documents to, checked before a byte of the upload is read: they
 * see it, act on it (its citizen party, or staff working on it), and it is not closed.
 */
export async function openForUpload(rt: Runtime, user: UserRow, dossierId: string): Promise<{ row: DossierRow; definition: Demarche }> {
  const { row, definition, access } = await openDossier(rt, user, dossierId);
  if (access.roles.length === 0) throw problems.forbidden('Vous pouvez consulter ce dossier, mais pas y joindre de pièces.');
  if (row.status === 'clos') throw closed();
  return { row, definition };
}

/**
 * Attaches received files to a dossier. On a draft, the document rows are written (the submission
 * counts them) and the draft's version moves, so that a submission running at the same time cannot
 * miss them. On a submitted dossier, the rows are written in the very transaction of the engine's
 * `pieces.deposees` event, sent as the uploading user: if the workflow refuses the event, no row
 * is written and the upload is refused. Files are moved into place inside that transaction, and
 * removed again if it does not commit.
 */
export async function attachDocuments(rt: Runtime, user: UserRow, dossierId: string, upload: ReceivedUpload): Promise<Attached> {
  const at = rt.clock.now().toISOString();
  const rows: DocumentRow[] = upload.files.map((file) => {
    const id = randomUUID();
    return {
      id, dossierId, kind: 'piece', pieceId: upload.piece.id, template: null, name: file.name, mediaType: file.mediaType,
      size: file.size, sha256: file.sha256, storagePath: pieceStoragePath(dossierId, id), uploadedBy: user.id, createdAt: at,
    };
  });
  const placed: string[] = [];
  const place = async (m: EntityManager): Promise<void> => {
    await m.insert(DocumentFile, rows.map((r) => writable(r)));
    for (const [i, row] of rows.entries()) placed.push(await moveIntoPlace(rt.config.dataDir, upload.files[i].tempPath, row.storagePath));
  };
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const dossier = await attachOnce(rt, user, dossierId, rows, place);
        return { documents: rows.map(documentView), dossier };
      } catch (e) {
        // Someone else moved the dossier first (another upload, an agent's event): attaching does
        // not depend on the step, so try again. Nothing was placed then: the files are still there.
        const moved = e instanceof DossierMoved || (e instanceof HttpProblem && e.code === 'conflit');
        if (moved && placed.length === 0 && attempt < ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
          continue;
        }
        throw e;
      }
    }
  } catch (e) {
    await Promise.all(placed.map(removeQuietly));
    if (e instanceof DossierMoved) throw problems.conflict('Le dossier a changé pendant l’envoi : renvoyez les fichiers.');
    throw e;
  }
}

async function attachOnce(
  rt: Runtime, user: UserRow, dossierId: string, rows: DocumentRow[], place: (m: EntityManager) => Promise<void>,
): Promise<DossierView> {
  const { row: current } = await openDossier(rt, user, dossierId);
  if (current.status === 'clos') throw closed();
  if (current.status === 'brouillon') {
    return rt.db.write(async (m) => {
      const { row, definition, access } = await openDossier(rt, user, dossierId, m);
      if (row.status !== 'brouillon') throw new DossierMoved();
      const changes = { version: row.version + 1, updatedAt: rt.clock.now().toISOString() };
      const result = await m.update(Dossier, { id: row.id, version: row.version, status: 'brouillon' }, writable<DossierRow>(changes));
      if (result.affected !== 1) throw new DossierMoved();
      await place(m);
      return dossierView({ ...row, ...changes }, definition, access, rt.clock.now());
    });
  }
  const refs: PieceRef[] = rows.map((r) => ({ id: r.id, name: r.name, at: r.createdAt, type: r.mediaType, size: r.size }));
  const pieceId = rows[0].pieceId as string;
  const answer = await sendEvent(rt, user, dossierId, { event: { type: PIECES_EVENT, payload: { pieces: { [pieceId]: refs } } } }, place);
  return answer.body as DossierView;
}
