import Router from '@koa/router';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  attachDocuments, contentDisposition, listDocuments, openDocument, openForUpload, pieceRules, receiveUpload, removeQuietly,
  sweepStaleUploads, uploadsDir,
} from '../../documents';
import { problems } from '../../problems';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';
import { requireUser } from '../guards';

/** Formats a browser shows by itself: only these are ever sent « inline ». */
const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Documents of a dossier:
 * - `POST /dossiers/:id/documents` (multipart/form-data: field `piece`, then one or more `file`;
 *   the pièce may also be given as `?piece=`): its citizen party or staff acting on it attach
 *   pièces; 201 `{ documents, dossier }`.
 * - `GET /dossiers/:id/documents`: whoever sees the dossier lists its documents; `{ documents }`.
 * - `GET /dossiers/:id/documents/:documentId` (`?inline=1` to preview a PDF or an image):
 *   whoever sees the dossier downloads one of its documents, also once it is closed.
 */
export function documentsRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  sweepStaleUploads(rt.config.dataDir)
    .then((removed) => { if (removed > 0) rt.log.info('Envois interrompus supprimés', { fichiers: removed }); })
    .catch((e: unknown) => rt.log.error('Nettoyage des envois interrompus impossible', { error: e instanceof Error ? e.message : String(e) }));

  router.post('/dossiers/:id/documents', async (ctx) => {
    try {
      const user = requireUser(ctx);
      if (!ctx.is('multipart/form-data')) {
        throw problems.unsupportedMediaType('Envoyez les fichiers en « multipart/form-data » (FormData) : un champ « piece » (l’identifiant de la pièce), puis un ou plusieurs champs « file ».');
      }
      const { row, definition } = await openForUpload(rt, user, ctx.params.id);
      const upload = await receiveUpload(ctx.req, {
        tempDir: uploadsDir(rt.config.dataDir),
        piece: typeof ctx.query.piece === 'string' ? ctx.query.piece : undefined,
        rules: (pieceId) => pieceRules(definition, pieceId),
      });
      try {
        ctx.body = await attachDocuments(rt, user, row.id, upload);
        ctx.status = 201;
      } finally {
        // Placed files are gone from the temporary folder; anything still there was refused.
        await Promise.all(upload.files.map((f) => removeQuietly(f.tempPath)));
      }
    } catch (e) {
      // A refused upload is not read to its end: the connection closes after the answer.
      if (!ctx.req.complete) ctx.set('Connection', 'close');
      throw e;
    }
  });

  router.get('/dossiers/:id/documents', async (ctx) => {
    const user = requireUser(ctx);
    ctx.body = { documents: await listDocuments(rt, user, ctx.params.id) };
  });

  router.get('/dossiers/:id/documents/:documentId', async (ctx) => {
    const user = requireUser(ctx);
    const { document, file } = await openDocument(rt, user, ctx.params.id, ctx.params.documentId);
    const info = await stat(file).catch(() => null);
    // A row without its file is a fault of the platform, not of the request: a 500 and a log line.
    if (!info?.isFile()) throw new Error(`Fichier absent sur le disque pour le document ${document.id} (${document.storagePath}).`);
    const inline = ctx.query.inline === '1' && PREVIEWABLE.has(document.mediaType);
    ctx.set('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', document.name));
    ctx.set('X-Content-Type-Options', 'nosniff');
    // Personal documents: never kept by a shared computer's browser or a proxy.
    ctx.set('Cache-Control', 'private, no-store');
    // The UI previews in a frame of its own origin.
    if (inline) ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.type = document.mediaType;
    ctx.length = info.size;
    ctx.body = createReadStream(file);
  });

  return router;
}
