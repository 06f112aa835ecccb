import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Effect } from '../../engine';
import { storedFile, uploadsDir } from '../documents';
import { DocumentFile, writable, type DocumentRow } from '../store';
import type { EffectContext } from './context';
import { textToPdf } from './pdf';
import { renderTemplate } from './render';
import { NOTHING_TO_WRITE, type EffectWrites } from './types';

type DocumentEffect = Extract<Effect, { type: 'document' }>;

/** Where a dossier's files live: `<DATA_DIR>/files/<dossierId>/<documentId>.pdf` (the row keeps the part under files/). */
export function generatedPath(dossierId: string, documentId: string): string {
  return `${dossierId}/${documentId}.pdf`;
}

/**
 * A certificate or record as a PDF, stored as a file of the dossier. The document's id is the
 * outbox row's: a second run finds the row and writes nothing; a run that crashed between the file
 * and the row rewrites the same file before inserting the row.
 */
export async function document(ctx: EffectContext, effect: DocumentEffect): Promise<EffectWrites> {
  const { rt, dossier, origin } = ctx;
  const id = origin.id;
  if (await rt.db.read((m) => m.existsBy(DocumentFile, { id }))) return NOTHING_TO_WRITE;
  const rendered = renderTemplate(ctx.definition, effect.template, ctx.scope);
  const bytes = await textToPdf({
    title: rendered.title,
    author: rt.config.commune,
    body: rendered.body,
    footer: `${rt.config.commune} — ${rendered.title} — dossier ${dossier.reference}`,
    at: new Date(origin.createdAt),
  });
  const storagePath = generatedPath(dossier.id, id);
  const file = storedFile(rt.config.dataDir, storagePath);
  // Written aside (where half-written uploads are swept) then renamed: a reader never sees half a file.
  const partial = path.join(uploadsDir(rt.config.dataDir), `${id}.pdf.${process.pid}`);
  await mkdir(path.dirname(partial), { recursive: true });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(partial, bytes);
  await rename(partial, file);
  const row: DocumentRow = {
    id, dossierId: dossier.id, kind: 'genere', pieceId: null, template: effect.template,
    name: `${effect.template.replace(/_/g, '-')}-${dossier.reference}.pdf`,
    mediaType: 'application/pdf', size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'),
    storagePath, uploadedBy: null, createdAt: ctx.now,
  };
  return async (m) => {
    if (await m.existsBy(DocumentFile, { id })) return;
    await m.insert(DocumentFile, writable(row));
  };
}
