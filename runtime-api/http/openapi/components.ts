/** Schemas shared by many operations of the OpenAPI document. */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const problem = {
  type: 'object',
  description: 'RFC 9457 problem document; `detail` says in French what is wrong and how to fix it.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', examples: ['urn:guichet:probleme:conflit'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'field', 'message'],
        properties: { pointer: { type: 'string', description: 'JSON pointer of the field in the request' }, field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const user = {
  type: 'object',
  required: ['id', 'email', 'givenName', 'familyName', 'roles', 'services'],
  properties: {
    id: { type: 'string' }, email: { type: 'string' }, givenName: { type: 'string' }, familyName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } }, services: { type: 'array', items: { type: 'string' } },
  },
};

const availableEvent = {
  type: 'object',
  required: ['type', 'label', 'payload', 'role', 'enabled'],
  properties: {
    type: { type: 'string' }, label: { type: 'string' }, description: { type: 'string' }, confirm: { type: 'string' },
    payload: { type: 'object', description: 'JSON Schema of the payload' }, uiSchema: { type: 'object' },
    role: { type: 'string' }, enabled: { type: 'boolean', description: 'false when a condition that does not depend on the payload blocks it now' },
  },
};

const dossier = {
  type: 'object',
  required: ['id', 'reference', 'demarche', 'status', 'data', 'version', 'roles', 'actions'],
  properties: {
    id: { type: 'string' },
    reference: { type: 'string', examples: ['PU-2026-4F7K2'] },
    demarche: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' }, title: { type: 'string' } } },
    status: { enum: ['brouillon', 'en_cours', 'clos'] },
    etat: {
      type: ['object', 'null'],
      description: 'The engine’s view: states with labels, citizen status, what is expected from the citizen, délais, missing pièces.',
    },
    data: { type: 'object' },
    instruction: { type: 'object' },
    routing: { type: 'object', properties: { service: { type: ['string', 'null'] }, site: { type: ['string', 'null'] }, queue: { type: ['string', 'null'] }, priority: { type: 'string' } } },
    ownerId: { type: 'string' },
    assigneeId: { type: ['string', 'null'] },
    dueAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
    submittedAt: { type: ['string', 'null'], format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    closedAt: { type: ['string', 'null'], format: 'date-time' },
    version: { type: 'integer', description: 'Send it back in If-Match to act only if nobody moved the dossier meanwhile.' },
    roles: { type: 'array', items: { type: 'string' } },
    actions: { type: 'array', items: ref('AvailableEvent') },
  },
};

export const components = {
  schemas: { Problem: problem, User: user, AvailableEvent: availableEvent, Dossier: dossier },
  securitySchemes: {
    session: { type: 'apiKey', in: 'cookie', name: 'guichet_session', description: 'Session cookie set by /api/auth/login; writes also need the X-CSRF-Token header.' },
  },
  parameters: {
    IdempotencyKey: { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 }, description: 'A retry with the same key returns the first answer and applies nothing twice.' },
    IfMatch: { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The dossier version the client saw (e.g. "3"): 409 if it moved since.' },
    CsrfToken: { name: 'X-CSRF-Token', in: 'header', required: false, schema: { type: 'string' }, description: 'Required on writes made with the session cookie.' },
  },
};

/** A JSON response. */
export const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });

/** A problem response. */
export const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/** A JSON request body. */
export const jsonBody = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });

/** The problems every authenticated write may answer. */
export const writeProblems = {
  '400': problemResponse('Malformed JSON, or a body that does not match its schema (each field named).'),
  '401': problemResponse('Not signed in.'),
  '403': problemResponse('The role may not do this, or the CSRF token is missing.'),
  '413': problemResponse('Body too large.'),
  '415': problemResponse('Not JSON.'),
};
