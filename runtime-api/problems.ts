import type { FieldError } from '../engine';

/**
 * An error the client caused or must know about, answered as an RFC 9457 problem document.
 * `code` names its type (`urn:guichet:probleme:<code>`); `detail` says in French what is wrong
 * and how to fix it; `errors` points at the invalid fields.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const problems = {
  badRequest: (detail: string, errors: FieldError[] = []) => new HttpProblem(400, 'requete-invalide', 'Requête invalide', detail, errors),
  unauthenticated: (detail = 'Connectez-vous pour continuer.') => new HttpProblem(401, 'non-authentifie', 'Authentification requise', detail),
  forbidden: (detail: string) => new HttpProblem(403, 'interdit', 'Action non autorisée', detail),
  notFound: (detail: string) => new HttpProblem(404, 'introuvable', 'Introuvable', detail),
  conflict: (detail: string, extensions: Record<string, unknown> = {}) => new HttpProblem(409, 'conflit', 'Conflit', detail, [], extensions),
  tooLarge: (detail: string) => new HttpProblem(413, 'trop-volumineux', 'Contenu trop volumineux', detail),
  unsupportedMediaType: (detail: string) => new HttpProblem(415, 'type-non-supporte', 'Type de contenu non pris en charge', detail),
  unprocessable: (code: string, title: string, detail: string, errors: FieldError[] = [], extensions: Record<string, unknown> = {}) =>
    new HttpProblem(422, code, title, detail, errors, extensions),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new HttpProblem(429, 'trop-de-tentatives', 'Trop de tentatives', detail, [], {}, { 'Retry-After': String(retryAfterSeconds) }),
};

/** The problem document sent to the client. */
export function problemBody(problem: HttpProblem, instance: string): Record<string, unknown> {
  return {
    type: `urn:guichet:probleme:${problem.code}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
    ...problem.extensions,
  };
}
