/** Building blocks of the OpenAPI document: references, responses, parameters, headers, security. */

/** A JSON Schema (2020-12, as OpenAPI 3.1 takes it). */
export type Schema = { [keyword: string]: unknown };

/** One operation of a path (get, post…), as OpenAPI describes it. */
export type Operation = { [field: string]: unknown };

/** The operations of one path, by HTTP method in lower case. */
export type PathItem = { [method: string]: Operation };

/** Paths of the API, each with its operations. */
export type Paths = { [path: string]: PathItem };

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** A reference to a component, or null. */
export const nullable = (name: string): Schema => ({ anyOf: [ref(name), { type: 'null' }] });

export const text = (description?: string): Schema => (description ? { type: 'string', description } : { type: 'string' });
export const nullableText = (description?: string): Schema => (description ? { type: ['string', 'null'], description } : { type: ['string', 'null'] });
export const instant = (description?: string): Schema => ({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });
export const nullableInstant = (description?: string): Schema => ({ type: ['string', 'null'], format: 'date-time', ...(description ? { description } : {}) });
export const integer = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
export const list = (items: Schema, description?: string): Schema => ({ type: 'array', items, ...(description ? { description } : {}) });
export const strings = (description?: string): Schema => list({ type: 'string' }, description);
/** An object whose keys are free (form data, payloads, JSON Schemas…). */
export const openObject = (description: string): Schema => ({ type: 'object', additionalProperties: true, description });

/** An object whose every listed property is always sent. */
export function object(properties: Record<string, Schema>, description?: string, optional: string[] = []): Schema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    required: Object.keys(properties).filter((p) => !optional.includes(p)),
    properties,
  };
}

/** A JSON response. */
export function json(description: string, schema: Schema, headers?: Record<string, unknown>): Operation {
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema } } };
}

/** A problem response (RFC 9457). */
export function problem(description: string, headers?: Record<string, unknown>): Operation {
  return { description, ...(headers ? { headers } : {}), content: { 'application/problem+json': { schema: ref('Problem') } } };
}

/** A JSON request body. */
export function jsonBody(schema: object, description?: string): Operation {
  return { required: true, ...(description ? { description } : {}), content: { 'application/json': { schema } } };
}

export const headerComponents = {
  ETag: { description: 'Version de la ressource, à renvoyer dans If-Match pour ne modifier que ce qu’on a lu.', schema: { type: 'string' } },
  Location: { description: 'Adresse de la ressource créée.', schema: { type: 'string' } },
  RetryAfter: { description: 'Secondes à attendre avant de réessayer.', schema: { type: 'integer' } },
  ContentDisposition: { description: '« attachment » (téléchargement) ou « inline » (aperçu), avec le nom du fichier.', schema: { type: 'string' } },
};

export const parameterComponents = {
  IdempotencyKey: {
    name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 },
    description: 'Une nouvelle tentative avec la même clé, dans les 24 heures, renvoie la première réponse sans rien appliquer deux fois ; '
      + 'la même clé pour une autre requête est refusée (422). Passé ce délai, la clé est oubliée.',
  },
  CsrfToken: {
    name: 'X-CSRF-Token', in: 'header', required: false, schema: { type: 'string' },
    description: 'Obligatoire pour toute écriture faite avec le cookie de session : la valeur « csrfToken » reçue à la connexion (sinon 403).',
  },
};

/** References to the shared headers and parameters, by name. */
export const headers = {
  ETag: { $ref: '#/components/headers/ETag' },
  Location: { $ref: '#/components/headers/Location' },
  RetryAfter: { $ref: '#/components/headers/RetryAfter' },
  ContentDisposition: { $ref: '#/components/headers/ContentDisposition' },
};
export const parameters = {
  IdempotencyKey: { $ref: '#/components/parameters/IdempotencyKey' },
  CsrfToken: { $ref: '#/components/parameters/CsrfToken' },
};

/** A path parameter. */
export function pathParameter(name: string, description: string, schema: Schema = { type: 'string' }): Operation {
  return { name, in: 'path', required: true, schema, description };
}

/** A query parameter. */
export function queryParameter(name: string, description: string, schema: Schema): Operation {
  return { name, in: 'query', required: false, schema, description };
}

/** An If-Match header: what it carries depends on the resource. */
export function ifMatch(description: string): Operation {
  return { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description };
}

export const securitySchemes = {
  session: {
    type: 'apiKey', in: 'cookie', name: 'guichet_session',
    description: 'Cookie de session posé par /api/auth/login (ou /api/auth/register). Les écritures portent aussi l’en-tête X-CSRF-Token.',
  },
};

/** Operations that need a signed-in user. */
export const signedIn = { security: [{ session: [] }] };

/** How an operation is called: who must be signed in, and what its body is. */
export interface Calling {
  /** A session is required (401 without one). */
  signedIn: boolean;
  /** A write: POST or PUT. The JSON body reader runs first (for any body but multipart). */
  write?: 'json' | 'multipart';
  /** Writes with the session cookie need X-CSRF-Token (all but sign-in and sign-up). */
  csrf?: boolean;
  /** Headers of some problem responses, by status (Retry-After of a 429). */
  problemHeaders?: Record<string, Record<string, unknown>>;
}

const BODY_READER = {
  '400': 'Corps JSON mal formé, ou qui ne correspond pas au schéma attendu (chaque champ dans « errors »).',
  '413': 'Corps de plus de 2 Mo.',
  '415': 'Le corps n’est pas du JSON (Content-Type: application/json).',
};

/**
 * The responses of an operation: its successes, and a problem document for each 4xx it may answer,
 * with what every operation of its kind shares (401 without a session, the JSON body reader's
 * 400/413/415, the CSRF check's 403) merged into the route's own descriptions.
 */
export function responses(success: Record<string, Operation>, errors: Record<string, string>, calling: Calling): Record<string, Operation> {
  const found: Record<string, string> = { ...errors };
  const add = (status: string, description: string) => {
    found[status] = found[status] ? `${description} ${found[status]}` : description;
  };
  if (calling.signedIn && !found['401']) found['401'] = 'Non connecté (ou session expirée).';
  if (calling.write === 'json') for (const [status, description] of Object.entries(BODY_READER)) add(status, description);
  if (calling.write && (calling.csrf ?? true)) {
    found['403'] = found['403'] ? `${found['403']} Ou jeton anti-CSRF absent ou invalide.` : 'Jeton anti-CSRF absent ou invalide (écriture avec le cookie de session).';
  }
  const all: Record<string, Operation> = { ...success };
  for (const status of Object.keys(found).sort()) all[status] = problem(found[status], calling.problemHeaders?.[status]);
  return all;
}
