import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Runtime } from '../runtime';
import { writable } from '../store';
import { Idempotency, type IdempotencyRow } from '../store';
import { HttpProblem } from '../problems';

/** An HTTP answer, as stored for replay. */
export interface Answer {
  status: number;
  body: unknown;
}

export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path} ${JSON.stringify(body ?? null)}`).digest('hex');
}

/**
 * Runs a write once per Idempotency-Key: the answer is stored in the same transaction as the
 * write, and a retry with the same key gets that answer back without anything being applied again.
 * Without a key, the work simply runs.
 */
export async function once(
  rt: Runtime, userId: string, key: string | undefined, print: string, work: (m: EntityManager) => Promise<Answer>,
): Promise<Answer> {
  if (!key) return rt.db.write(work);
  if (key.length > 128) throw new HttpProblem(400, 'requete-invalide', 'Requête invalide', 'L’en-tête Idempotency-Key ne doit pas dépasser 128 caractères.');
  const replay = async (): Promise<Answer | null> => {
    const stored = await rt.db.read((m) => m.findOneBy(Idempotency, { userId, key }));
    if (!stored) return null;
    if (stored.fingerprint !== print) {
      throw new HttpProblem(422, 'cle-idempotence-reutilisee', 'Clé d’idempotence déjà utilisée',
        'Cette clé Idempotency-Key a déjà servi pour une autre requête : utilisez une nouvelle clé pour chaque action.');
    }
    return { status: stored.status, body: stored.body };
  };
  const first = await replay();
  if (first) return first;
  try {
    return await rt.db.write(async (m) => {
      const answer = await work(m);
      await m.insert(Idempotency, writable<IdempotencyRow>({ userId, key, fingerprint: print, status: answer.status, body: answer.body, createdAt: rt.clock.now().toISOString() }));
      return answer;
    });
  } catch (e) {
    // The same key ran concurrently and committed first (this one then hit the key, found the
    // dossier moved, or its state no longer taking the event): everything here rolled back;
    // answer as the first did.
    const stored = await replay();
    if (stored) return stored;
    throw e;
  }
}
