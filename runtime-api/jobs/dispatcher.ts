/** The outbox: effects of committed transitions, run after commit, retried with backoff, dead at last. */
import type { Demarche } from '../../engine';
import type { Runtime } from '../runtime';
import { Dossier, Outbox, holdWrites, updateWhere, type DossierRow, type OutboxRow } from '../store';
import { claimEffects } from './claim';
import { NOTHING_TO_WRITE, PermanentEffectError, deliver, derivedId, describeEffect, prepareEffect } from '../effects';
import { outboxContext } from './context';
import { backoffAfter, type JobsSettings } from './settings';

function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

/** Runs one claimed effect: its outside work, then its writes and « done » in one transaction. */
async function runEffect(rt: Runtime, settings: JobsSettings, row: OutboxRow): Promise<void> {
  try {
    const ctx = await outboxContext(rt, row, settings.env);
    if (!ctx) rt.log.warn('Effet d’un dossier disparu : ignoré', { effect: row.id, dossier: row.dossierId });
    const writes = ctx ? await prepareEffect(ctx, row.effect) : NOTHING_TO_WRITE;
    await rt.db.write(async (m) => {
      // The writes go with the COMMIT (what they read first is sent at once).
      holdWrites(m);
      await writes(m);
      // Whoever finishes first marks it; a late twin (after a lease ran out) finds its rows already there.
      await updateWhere(m, Outbox, { status: 'done', doneAt: rt.clock.now().toISOString(), attempts: row.attempts + 1, lastError: null }, "id = ? AND status = 'pending'", [row.id]);
    });
  } catch (e) {
    await recordFailure(rt, settings, row, e);
  }
}

/** The dossier of an effect and its démarche version, to word a message; null if either is gone. */
async function dossierAbout(rt: Runtime, dossierId: string): Promise<{ dossier: DossierRow; definition: Demarche | null } | null> {
  const dossier = await rt.db.read((m) => m.findOneBy(Dossier, { id: dossierId }));
  return dossier ? { dossier, definition: await rt.catalogue.version(dossier.demarcheId, dossier.demarcheVersion) } : null;
}

/**
 * A failed attempt: tried again after the next wait of the backoff, or, after the last attempt
 * (or at once when no retry can help), dead — kept with its error for the staff, and the
 * dossier's agents are told.
 */
async function recordFailure(rt: Runtime, settings: JobsSettings, row: OutboxRow, e: unknown): Promise<void> {
  const failures = row.attempts + 1;
  const lastError = errorText(e);
  const now = rt.clock.now();
  const wait = e instanceof PermanentEffectError ? null : backoffAfter(settings, failures);
  const about = await dossierAbout(rt, row.dossierId);
  const fields = { effect: row.id, dossier: row.dossierId, type: row.effect.type, attempts: failures, error: lastError };
  if (wait === null) rt.log.warn('Effet abandonné : plus de nouvel essai', fields);
  else rt.log.info('Effet en échec : nouvel essai prévu', { ...fields, nextAttemptInMs: wait });
  await rt.db.write(async (m) => {
    const changes = wait === null
      ? { status: 'dead' as const, attempts: failures, lastError, doneAt: now.toISOString() }
      : { attempts: failures, lastError, nextAttemptAt: new Date(now.getTime() + wait).toISOString() };
    const updated = await m.createQueryBuilder().update(Outbox).set(changes)
      .where('id = :id AND status = :pending', { id: row.id, pending: 'pending' })
      .execute();
    if (wait !== null || updated.affected !== 1 || !about) return;
    const { dossier, definition } = about;
    await deliver(m, [{
      id: derivedId(row.id, `echec:${now.toISOString()}`), dossierId: dossier.id, userId: null, role: 'agent',
      subject: `Dossier ${dossier.reference} : action automatique en échec`,
      body: `L’action « ${describeEffect(row.effect, definition)} » du dossier ${dossier.reference} a échoué${failures > 1 ? ` ${failures} fois` : ''} ; elle n’est plus retentée. `
        + `Dernière erreur : ${lastError}\n\nRéalisez-la à la main, ou relancez-la depuis la liste des actions en échec une fois la cause corrigée.`,
      createdAt: now.toISOString(), readAt: null,
    }]);
  });
}

/** Claims one batch of due effects and runs them. Returns how many were claimed. */
export async function runDueEffects(rt: Runtime, settings: JobsSettings): Promise<number> {
  const rows = await claimEffects(rt, rt.clock.now(), settings.leaseMs, settings.batchSize);
  for (const row of rows) await runEffect(rt, settings, row);
  return rows.length;
}
