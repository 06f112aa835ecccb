import { draftSchema, eventSchema, loginSchema, newDossierSchema, registerSchema } from '../routes';
import { components, json, jsonBody, problemResponse, ref, writeProblems } from './components';

const params = components.parameters;
const idParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const dossierId = idParam('id', 'Dossier id');
const demarcheId = idParam('id', 'Démarche id (slug)');
const authenticated = { security: [{ session: [] }] };
const notFound = { '404': problemResponse('Unknown, or not yours to see (the existence of others’ dossiers is not disclosed).') };

const demarcheSummary = {
  type: 'object',
  properties: {
    id: { type: 'string' }, version: { type: 'integer' }, title: { type: 'string' }, summary: { type: 'string' }, category: { type: 'string' },
    typicalDuration: { type: ['string', 'null'] }, pieces: { type: 'array', items: { type: 'object' } },
  },
};

/** Health, sign-in, the catalogue and the dossiers. */
export const corePaths = {
  '/api/health': {
    get: { tags: ['Service'], summary: 'Is the service up, on which database', responses: { '200': json('Up', { type: 'object', properties: { status: { const: 'ok' }, database: { enum: ['sqlite', 'mysql'] } } }) } },
  },
  '/api/auth/register': {
    post: {
      tags: ['Authentification'], summary: 'A citizen creates an account (and is signed in)', requestBody: jsonBody(registerSchema),
      responses: { '201': json('Account created; keep csrfToken for writes', { type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' } } }), '409': problemResponse('An account exists with this e-mail.'), ...writeProblems },
    },
  },
  '/api/auth/login': {
    post: {
      tags: ['Authentification'], summary: 'Sign in: sets the session cookie', requestBody: jsonBody(loginSchema),
      responses: {
        '200': json('Signed in; keep csrfToken for writes', { type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' } } }),
        '401': problemResponse('Wrong e-mail or password.'), '429': problemResponse('Too many attempts; Retry-After says when to try again.'),
      },
    },
  },
  '/api/auth/logout': { post: { tags: ['Authentification'], summary: 'Sign out', responses: { '204': { description: 'Signed out' } } } },
  '/api/auth/me': {
    get: { tags: ['Authentification'], summary: 'Who is signed in', ...authenticated, responses: { '200': json('The user and the CSRF token', { type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' } } }), '401': problemResponse('Not signed in.') } },
  },
  '/api/demarches': {
    get: { tags: ['Catalogue'], summary: 'The published catalogue', responses: { '200': json('Latest version of each démarche', { type: 'object', properties: { demarches: { type: 'array', items: demarcheSummary } } }) } },
  },
  '/api/demarches/{id}': {
    get: { tags: ['Catalogue'], summary: 'The latest published version, with its full definition', parameters: [demarcheId], responses: { '200': json('The démarche', demarcheSummary), ...notFound } },
  },
  '/api/demarches/{id}/versions': {
    get: { tags: ['Catalogue'], summary: 'Every published version (who published it, when)', parameters: [demarcheId], responses: { '200': json('Versions, newest first', { type: 'object' }), ...notFound } },
  },
  '/api/demarches/{id}/versions/{version}': {
    get: {
      tags: ['Catalogue'], summary: 'One published version', parameters: [demarcheId, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { '200': json('The démarche at that version', demarcheSummary), '400': problemResponse('Not a version number.'), ...notFound },
    },
  },
  '/api/dossiers': {
    post: {
      tags: ['Dossiers'], summary: 'File a dossier (or save a draft); agents file on behalf of a citizen with onBehalfOf', ...authenticated,
      parameters: [params.IdempotencyKey, params.CsrfToken], requestBody: jsonBody(newDossierSchema),
      responses: { '201': json('The dossier, validated and routed', ref('Dossier')), '404': problemResponse('Unknown démarche.'), '422': problemResponse('The form data is invalid: each field with its French message.'), ...writeProblems },
    },
    get: { tags: ['Dossiers'], summary: '« Mes dossiers »: those the user filed or is a party to', ...authenticated, responses: { '200': json('Newest first', { type: 'object', properties: { dossiers: { type: 'array', items: ref('Dossier') } } }), '401': problemResponse('Not signed in.') } },
  },
  '/api/dossiers/{id}': {
    get: { tags: ['Dossiers'], summary: 'One dossier as the user may see it (ETag: its version)', ...authenticated, parameters: [dossierId], responses: { '200': json('The dossier', ref('Dossier')), ...notFound } },
  },
  '/api/dossiers/{id}/draft': {
    put: {
      tags: ['Dossiers'], summary: 'Save a draft’s data (no validation yet)', ...authenticated, parameters: [dossierId, params.CsrfToken], requestBody: jsonBody(draftSchema),
      responses: { '200': json('The draft', ref('Dossier')), '409': problemResponse('Already submitted.'), ...notFound, ...writeProblems },
    },
  },
  '/api/dossiers/{id}/submit': {
    post: {
      tags: ['Dossiers'], summary: 'Submit a draft: validated, routed, first state', ...authenticated, parameters: [dossierId, params.IdempotencyKey, params.CsrfToken],
      responses: { '200': json('The dossier', ref('Dossier')), '409': problemResponse('Already submitted.'), '422': problemResponse('The form data is invalid.'), ...notFound, ...writeProblems },
    },
  },
  '/api/dossiers/{id}/history': {
    get: { tags: ['Dossiers'], summary: 'The dossier’s history (append-only)', ...authenticated, parameters: [dossierId], responses: { '200': json('Oldest first', { type: 'object' }), ...notFound } },
  },
  '/api/dossiers/{id}/actions': {
    get: { tags: ['Dossiers'], summary: 'What the user may do now', ...authenticated, parameters: [dossierId], responses: { '200': json('Events with their payload schemas', { type: 'object', properties: { version: { type: 'integer' }, actions: { type: 'array', items: ref('AvailableEvent') } } }), ...notFound } },
  },
  '/api/dossiers/{id}/events': {
    post: {
      tags: ['Dossiers'], summary: 'Send an event to the dossier', ...authenticated, parameters: [dossierId, params.IdempotencyKey, params.IfMatch, params.CsrfToken], requestBody: jsonBody(eventSchema),
      responses: {
        '200': json('The dossier after the transition', ref('Dossier')),
        '409': problemResponse('The dossier moved meanwhile, or its current state does not take this event; `dossier` is its current state.'),
        '422': problemResponse('Unknown event, invalid payload (each field named) or conditions not met.'),
        ...notFound, ...writeProblems,
      },
    },
  },
};
