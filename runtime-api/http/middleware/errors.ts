import { randomUUID } from 'node:crypto';
import type { Next } from 'koa';
import type { Logger } from '../../log';
import type { AppContext } from '../context';
import { HttpProblem, problemBody } from '../../problems';

/** Koa's own HTTP errors (router, body reading) carry a status; give them a French problem document. */
function fromHttpError(error: { status: number; message: string; expose?: boolean }): HttpProblem {
  switch (error.status) {
    case 405:
      return new HttpProblem(405, 'methode-non-autorisee', 'Méthode non autorisée', 'Cette adresse n’accepte pas cette méthode HTTP.');
    case 501:
      return new HttpProblem(501, 'non-implemente', 'Non pris en charge', 'Cette méthode HTTP n’est pas prise en charge.');
    default:
      return new HttpProblem(error.status, 'requete-invalide', 'Requête invalide', error.expose ? error.message : 'La requête est invalide.');
  }
}

/**
 * First in the chain: decides what the client sees. A problem the client caused becomes its
 * RFC 9457 document; anything else is a bug: a generic 500 for the client, the details in the log.
 */
export function errors(log: Logger) {
  return async (ctx: AppContext, next: Next): Promise<void> => {
    ctx.state.requestId = randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    try {
      await next();
      // The router answers a method an address does not take with 405 (or 501) and the Allow header it
      // must carry (RFC 9110, 15.5.6), and no body: the problem document is given here.
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) throw fromHttpError({ status: ctx.status, message: '' });
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api')) {
        throw new HttpProblem(404, 'introuvable', 'Introuvable', `L’adresse ${ctx.method} ${ctx.path} n’existe pas dans l’API. La liste des adresses est dans /api/openapi.json.`);
      }
    } catch (e) {
      let problem: HttpProblem;
      if (e instanceof HttpProblem) problem = e;
      else if (e && typeof e === 'object' && 'status' in e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
        problem = fromHttpError(e as { status: number; message: string; expose?: boolean });
      } else {
        log.error('Erreur interne', { requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, error: e instanceof Error ? e.stack : String(e) });
        problem = new HttpProblem(500, 'erreur-interne', 'Erreur interne', `Une erreur inattendue s’est produite ; rien n’a été modifié. Référence : ${ctx.state.requestId}.`);
      }
      ctx.status = problem.status;
      for (const [name, value] of Object.entries(problem.headers)) ctx.set(name, value);
      ctx.type = 'application/problem+json';
      ctx.body = problemBody(problem, ctx.path);
    }
  };
}
