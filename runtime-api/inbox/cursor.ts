import { problems } from '../problems';

/** Where a page of the inbox stopped: the sort key of its last dossier. */
export interface InboxCursor {
  priority: number;
  dueAt: string;
  id: string;
}

const INVALID = 'Le curseur « after » est invalide ou périmé : reprenez la liste depuis le début, sans « after ».';

/** An opaque token for the client: it sends it back as `after` and never reads it. */
export function encodeCursor(cursor: InboxCursor): string {
  return Buffer.from(JSON.stringify([cursor.priority, cursor.dueAt, cursor.id]), 'utf8').toString('base64url');
}

/** The cursor a client sent back, or a 400 when it was not made by `encodeCursor`. */
export function decodeCursor(token: string): InboxCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw problems.badRequest(INVALID, [{ pointer: '/after', field: 'after', message: INVALID }]);
  }
  if (
    !Array.isArray(value) || value.length !== 3
    || !Number.isInteger(value[0]) || typeof value[1] !== 'string' || value[1].length > 24
    || typeof value[2] !== 'string' || value[2].length === 0 || value[2].length > 36
  ) {
    throw problems.badRequest(INVALID, [{ pointer: '/after', field: 'after', message: INVALID }]);
  }
  return { priority: value[0] as number, dueAt: value[1] as string, id: value[2] as string };
}
