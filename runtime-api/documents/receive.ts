import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HttpProblem, problems } from '../problems';
import { safeFileName } from './names';
import { acceptLabel, sizeLabel, type PieceRules } from './pieces';
import { mediaTypeLabel, sniff, SNIFF_BYTES } from './sniff';
import { removeQuietly } from './storage';

/** A file fully received into the temporary folder, checked against its pièce. */
export interface ReceivedFile {
  tempPath: string;
  /** The sanitised name, for display only. */
  name: string;
  /** What the content proved to be (never only what the browser declared). */
  mediaType: string;
  size: number;
  sha256: string;
}

export interface ReceivedUpload {
  piece: PieceRules;
  files: ReceivedFile[];
}

export interface ReceiveOptions {
  /** Where files are written while they arrive. */
  tempDir: string;
  /** The pièce given in the query string (`?piece=`), if any; else the form field `piece` must come before the files. */
  piece?: string;
  /** The rules of a pièce; throws the problem for an unknown one. */
  rules: (pieceId: string) => PieceRules;
}

/** More files in one request is not a citizen attaching pièces. */
export const MAX_FILES_PER_UPLOAD = 20;

const fileError = (name: string, message: string) => [{ pointer: '/file', field: name, message }];

function tooLarge(name: string, piece: PieceRules): HttpProblem {
  const message = `Le fichier « ${name} » dépasse la taille maximale de ${sizeLabel(piece.maxSize)} pour la pièce « ${piece.label} ». Réduisez-le (compression, résolution plus basse) et renvoyez-le.`;
  return new HttpProblem(413, 'trop-volumineux', 'Fichier trop volumineux', message, fileError(name, message));
}

/** The media type the head of the file proves, if the pièce accepts it; else 415 saying what the file is. */
function acceptedType(head: Buffer, name: string, declared: string, piece: PieceRules): string {
  const found = sniff(head);
  if (found && piece.accept.includes(found)) return found;
  const what = found ? `son contenu est celui d’un fichier ${mediaTypeLabel(found)}` : 'son contenu n’est d’aucun format reconnu';
  const claimed = declared && declared !== found && declared !== 'application/octet-stream' ? ` (il se présente comme ${mediaTypeLabel(declared)})` : '';
  const message = `Le fichier « ${name} » n’est pas accepté pour la pièce « ${piece.label} » : ${what}${claimed}. Formats acceptés : ${acceptLabel(piece.accept)}.`;
  throw new HttpProblem(415, 'type-non-supporte', 'Format de fichier non accepté', message, fileError(name, message));
}

/**
 * Receives a multipart/form-data upload: the field `piece` names the pièce, then one or more
 * fields `file` carry the files. Each file is streamed to the temporary folder while its size and
 * sha256 are counted and its first bytes checked: reading stops at the first byte over the pièce's
 * limit (413) or as soon as the content is not an accepted format (415). On any refusal, or if the
 * client goes away, every file written so far is deleted before the promise rejects.
 */
export async function receiveUpload(req: IncomingMessage, options: ReceiveOptions): Promise<ReceivedUpload> {
  let piece = options.piece !== undefined ? options.rules(options.piece) : undefined;
  await mkdir(options.tempDir, { recursive: true });
  return new Promise<ReceivedUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send the file name as raw UTF-8.
        defParamCharset: 'utf8',
        limits: { fields: 5, fieldSize: 1024, fieldNameSize: 64, files: MAX_FILES_PER_UPLOAD, parts: MAX_FILES_PER_UPLOAD + 5, headerPairs: 20 },
      });
    } catch (e) {
      reject(problems.badRequest(`Le corps multipart/form-data est mal formé (${e instanceof Error ? e.message : String(e)}) : envoyez-le avec FormData.`));
      return;
    }

    const files: ReceivedFile[] = [];
    const written: string[] = [];
    const work: Promise<void>[] = [];
    let active: Readable | undefined;
    let count = 0;
    let problem: unknown;
    let parsed = false;
    let ended = false;

    const end = async (): Promise<void> => {
      if (ended) return;
      ended = true;
      await Promise.allSettled(work);
      if (!problem && !piece) problem = problems.badRequest('Indiquez la pièce justifiée dans le champ « piece » (ou le paramètre « ?piece= »).');
      if (!problem && count === 0) problem = problems.badRequest('Aucun fichier reçu : joignez au moins un fichier dans le champ « file ».');
      if (problem) {
        await Promise.all(written.map(removeQuietly));
        reject(problem);
      } else {
        resolve({ piece: piece!, files });
      }
    };
    const fail = (error: unknown): void => {
      if (problem) return;
      problem = error;
      req.unpipe(parser);
      active?.destroy();
      void end();
    };

    const store = async (slot: number, stream: Readable, filename: string | undefined, declared: string, rules: PieceRules): Promise<void> => {
      const name = safeFileName(filename);
      const tempPath = path.join(options.tempDir, `${randomUUID()}.part`);
      active = stream;
      let handle: FileHandle | undefined;
      try {
        written.push(tempPath);
        handle = await open(tempPath, 'wx', 0o600);
        const hash = createHash('sha256');
        let size = 0;
        let head = Buffer.alloc(0);
        let mediaType: string | undefined;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          if (problem) return;
          size += chunk.length;
          if (size > rules.maxSize) throw tooLarge(name, rules);
          if (mediaType === undefined) {
            head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
            if (head.length >= SNIFF_BYTES) mediaType = acceptedType(head, name, declared, rules);
          }
          hash.update(chunk);
          await handle.write(chunk);
        }
        if (size === 0) {
          const message = `Le fichier « ${name} » est vide : choisissez le bon fichier.`;
          throw problems.unprocessable('fichier-vide', 'Fichier vide', message, fileError(name, message));
        }
        mediaType ??= acceptedType(head, name, declared, rules);
        // On disk before the database says it is there.
        await handle.sync();
        // In the order sent: a file may finish syncing after the next one has started.
        files[slot] = { tempPath, name, mediaType, size, sha256: hash.digest('hex') };
      } catch (e) {
        fail(e);
      } finally {
        await handle?.close().catch(() => undefined);
        if (active === stream) active = undefined;
      }
    };

    parser.on('field', (name, value) => {
      if (problem) return;
      if (name !== 'piece') {
        fail(problems.badRequest(`Champ inattendu « ${name} » : le formulaire n’attend que « piece » et « file ».`));
        return;
      }
      try {
        const rules = options.rules(value);
        if (piece && piece.id !== rules.id) fail(problems.badRequest(`Un envoi concerne une seule pièce : « ${piece.id} » ou « ${rules.id} », pas les deux.`));
        piece = rules;
      } catch (e) {
        fail(e);
      }
    });
    parser.on('file', (field, stream, info) => {
      if (problem) {
        stream.resume();
        return;
      }
      if (field !== 'file') {
        stream.resume();
        fail(problems.badRequest(`Champ de fichier inattendu « ${field} » : envoyez les fichiers dans le champ « file ».`));
        return;
      }
      if (!piece) {
        stream.resume();
        fail(problems.badRequest('Indiquez la pièce justifiée (champ « piece ») avant les fichiers, ou dans le paramètre « ?piece= ».'));
        return;
      }
      count += 1;
      if (count > 1 && !piece.multiple) {
        stream.resume();
        fail(problems.unprocessable('un-seul-fichier', 'Un seul fichier', `La pièce « ${piece.label} » se joint en un seul fichier : envoyez-les un par un, ou réunissez-les dans un PDF.`));
        return;
      }
      work.push(store(count - 1, stream, info.filename, info.mimeType, piece));
    });
    parser.on('filesLimit', () => fail(problems.unprocessable('trop-de-fichiers', 'Trop de fichiers', `Envoyez au plus ${MAX_FILES_PER_UPLOAD} fichiers à la fois.`)));
    parser.on('partsLimit', () => fail(problems.badRequest('Le formulaire envoyé compte trop de champs.')));
    parser.on('fieldsLimit', () => fail(problems.badRequest('Le formulaire envoyé compte trop de champs.')));
    parser.on('error', (e) => fail(problems.badRequest(`Le corps multipart/form-data est mal formé ou incomplet (${e instanceof Error ? e.message : String(e)}).`)));
    parser.on('close', () => {
      parsed = true;
      void end();
    });
    // A client that goes away mid-upload leaves nothing behind.
    req.on('close', () => {
      if (!parsed && !req.complete) fail(problems.badRequest('L’envoi a été interrompu avant la fin.'));
    });
    req.pipe(parser);
  });
}
