import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the bytes of documents live: `<DATA_DIR>/files/<dossierId>/<documentId>` (generated
 * documents add « .pdf »), the `storage_path` column holding the part under `files`. Uploads are
 * first written to `files/.tmp`, on the same file system, so that accepting one is an atomic rename.
 */

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Uploads older than this in the temporary folder belong to no request still running. */
const STALE_UPLOAD_MS = 60 * 60 * 1000;

export function filesRoot(dataDir: string): string {
  return path.join(dataDir, 'files');
}

/** The folder of uploads being received. */
export function uploadsDir(dataDir: string): string {
  return path.join(filesRoot(dataDir), '.tmp');
}

/** The `storage_path` of an uploaded document. Both ids are UUIDs: the path cannot leave its folder. */
export function pieceStoragePath(dossierId: string, documentId: string): string {
  if (!ID.test(dossierId) || !ID.test(documentId)) throw new Error(`Identifiants de document invalides : « ${dossierId} », « ${documentId} ».`);
  return `${dossierId}/${documentId}`;
}

/** The absolute path of a stored document; refuses a `storage_path` that would point outside `files`. */
export function storedFile(dataDir: string, storagePath: string): string {
  const root = filesRoot(dataDir);
  const absolute = path.resolve(root, storagePath);
  const relative = path.relative(root, absolute);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative) || relative.startsWith('.tmp')) {
    throw new Error(`Chemin de document hors du dossier des fichiers : « ${storagePath} ».`);
  }
  return absolute;
}

/** Moves a received upload to its place; returns the absolute path it now has. */
export async function moveIntoPlace(dataDir: string, tempPath: string, storagePath: string): Promise<string> {
  const target = storedFile(dataDir, storagePath);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(tempPath, target);
  return target;
}

/** Deletes a file if it is there; a cleanup never fails the request it cleans up after. */
export async function removeQuietly(file: string): Promise<void> {
  await rm(file, { force: true }).catch(() => undefined);
}

/**
 * Removes uploads a stopped process left half-received. Only old ones: another process sharing
 * the folder may be receiving the recent ones right now.
 */
export async function sweepStaleUploads(dataDir: string, now = Date.now()): Promise<number> {
  const dir = uploadsDir(dataDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && now - info.mtimeMs > STALE_UPLOAD_MS) {
      await removeQuietly(file);
      removed += 1;
    }
  }
  return removed;
}

/** Deletes every file of a dossier (its folder under `files`), as when the dossier itself is erased. */
export async function removeDossierFiles(dataDir: string, dossierId: string): Promise<void> {
  if (!ID.test(dossierId)) throw new Error(`Identifiant de dossier invalide : « ${dossierId} ».`);
  await rm(path.join(filesRoot(dataDir), dossierId), { recursive: true, force: true });
}
