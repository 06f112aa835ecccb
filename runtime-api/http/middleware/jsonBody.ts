import parse from 'co-body';
import type { Next } from 'koa';
import { jsonSyntaxError } from '../../../engine';
import type { AppContext } from '../context';
import { problems } from '../../problems';

/** The largest JSON body accepted: a definition with its form and workflow fits well under it. */
export const JSON_LIMIT = '2mb';

/**
 * Reads JSON bodies of writes under /api. A body must say it is JSON, fit the limit and parse;
 * otherwise the request is refused before any handler runs. Multipart uploads are left to their route.
 */
export async function jsonBody(ctx: AppContext, next: Next): Promise<void> {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(ctx.method) && (Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '');
  if (!hasBody || ctx.is('multipart/form-data')) {
    await next();
    return;
  }
  if (!ctx.is('application/json', 'application/*+json')) {
    throw problems.unsupportedMediaType(`Envoyez du JSON avec l’en-tête « Content-Type: application/json » (reçu : « ${ctx.get('content-type') || 'aucun'} »).`);
  }
  try {
    ctx.state.body = await parse.json(ctx.req, { limit: JSON_LIMIT, strict: true });
  } catch (e) {
    const error = e as { type?: string; message?: string; status?: number; body?: unknown };
    if (error.type === 'entity.too.large' || error.status === 413) throw problems.tooLarge(`Le corps de la requête dépasse ${JSON_LIMIT.replace('mb', ' Mo')}.`);
    // co-body marks a syntax error with the raw body it could not parse.
    if (error.type === 'entity.parse.failed' || (error.status === 400 && 'body' in error)) {
      throw problems.badRequest(`Le corps de la requête n’est pas du JSON valide : ${jsonSyntaxError(e, typeof error.body === 'string' ? error.body : undefined)}.`);
    }
    throw e;
  }
  await next();
}
