import type { Effect } from '../../engine';
import type { EffectContext } from './context';
import { derivedId } from './ids';
import { deliver } from './recipients';
import { NOTHING_TO_WRITE, type EffectWrites } from './types';

type Callout = Extract<Effect, { type: 'callout' }>;

/** How long another system may take to answer before the call counts as failed (and is retried). */
const TIMEOUT_MS = 15_000;

/** The environment variable holding a service's URL: `GUICHET_CALLOUT_<SERVICE>_URL`. */
export function calloutVariable(service: string): string {
  return `GUICHET_CALLOUT_${service.toUpperCase().replace(/-/g, '_')}_URL`;
}

function cause(e: unknown): string {
  if (e instanceof Error && e.name === 'TimeoutError') return `pas de réponse en ${TIMEOUT_MS / 1000} s`;
  const inner = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  return inner?.code ?? inner?.message ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Hands the dossier to another system (CERT, CAF, centre du service national…) by POSTing it to
 * the URL configured for that service. The effect's id goes with it (body and Idempotency-Key),
 * so that the other side can recognise a retry. Without a URL the exchange is done by hand: the
 * agents are asked to do it, and the effect is done.
 */
export async function callout(ctx: EffectContext, effect: Callout): Promise<EffectWrites> {
  const { dossier, origin } = ctx;
  const url = ctx.env[calloutVariable(effect.service)];
  if (!url) {
    return (m) => deliver(m, [{
      id: derivedId(origin.id, 'callout:manuel'), dossierId: dossier.id, userId: null, role: 'agent',
      subject: `Dossier ${dossier.reference} : transmission manuelle au service ${effect.service}`,
      body: `Transmettre le dossier ${dossier.reference} au service ${effect.service} (${effect.operation}) : aucun connecteur n’est configuré.`,
      createdAt: ctx.now, readAt: null,
    }], origin.inTransition);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': origin.id },
      body: JSON.stringify({
        id: origin.id,
        dossier: { id: dossier.id, reference: dossier.reference },
        demarche: { id: dossier.demarcheId, version: dossier.demarcheVersion },
        operation: effect.operation,
        data: dossier.data,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new Error(`Le service « ${effect.service} » est injoignable pour « ${effect.operation} » (${cause(e)}).`);
  }
  if (!response.ok) {
    const text = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 300);
    throw new Error(`Le service « ${effect.service} » a répondu ${response.status} à « ${effect.operation} »${text ? ` : ${text}` : ''}.`);
  }
  await response.body?.cancel().catch(() => undefined);
  return NOTHING_TO_WRITE;
}
