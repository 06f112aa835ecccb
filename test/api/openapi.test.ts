import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Router from '@koa/router';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PDFDocument } from 'pdf-lib';
// eslint-disable-next-line no-restricted-imports -- the coverage test walks the routers themselves, built as app.ts builds them.
import * as routes from '../../runtime-api/http/routes';
import { passeport } from './samples';
import { TestServer, type Client, type Reply } from './support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = path.join(__dirname, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const NORMAL_TRACK = { type: 'passer_voie_normale', payload: { motif: 'Le départ peut attendre le délai normal.' } };

/**
 * The structure of an OpenAPI 3.1 document, as far as Guichet uses it: a subset of the official
 * schema (https://spec.openapis.org/oas/3.1/schema), strict about the fields it knows. The schemas
 * themselves are checked by compiling them (below), references by resolving them.
 */
const OPENAPI_STRUCTURE = {
  $defs: {
    ref: { type: 'object', required: ['$ref'], additionalProperties: false, properties: { $ref: { type: 'string', pattern: '^#/components/(schemas|parameters|headers|responses|requestBodies)/[A-Za-z0-9._-]+$' } } },
    schema: { type: ['object', 'boolean'] },
    parameter: {
      type: 'object', required: ['name', 'in', 'schema'], additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 }, in: { enum: ['query', 'header', 'path', 'cookie'] }, required: { type: 'boolean' },
        description: { type: 'string' }, deprecated: { type: 'boolean' }, schema: { $ref: '#/$defs/schema' },
      },
      if: { properties: { in: { const: 'path' } } }, then: { required: ['required'], properties: { required: { const: true } } },
    },
    header: { type: 'object', required: ['schema'], additionalProperties: false, properties: { description: { type: 'string' }, required: { type: 'boolean' }, schema: { $ref: '#/$defs/schema' } } },
    content: {
      type: 'object', minProperties: 1, propertyNames: { pattern: '^[a-z*]+/[a-z0-9*.+-]+$' },
      additionalProperties: {
        type: 'object', additionalProperties: false,
        properties: {
          schema: { $ref: '#/$defs/schema' },
          encoding: { type: 'object', additionalProperties: { type: 'object', additionalProperties: false, properties: { contentType: { type: 'string' } } } },
        },
      },
    },
    response: {
      type: 'object', required: ['description'], additionalProperties: false,
      properties: {
        description: { type: 'string', minLength: 1 }, content: { $ref: '#/$defs/content' },
        headers: { type: 'object', additionalProperties: { anyOf: [{ $ref: '#/$defs/ref' }, { $ref: '#/$defs/header' }] } },
      },
    },
    operation: {
      type: 'object', required: ['responses', 'summary', 'operationId', 'tags'], additionalProperties: false,
      properties: {
        tags: { type: 'array', minItems: 1, items: { type: 'string' } }, summary: { type: 'string', minLength: 1 }, description: { type: 'string' },
        operationId: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$' },
        parameters: { type: 'array', items: { anyOf: [{ $ref: '#/$defs/ref' }, { $ref: '#/$defs/parameter' }] } },
        requestBody: {
          type: 'object', required: ['content'], additionalProperties: false,
          properties: { description: { type: 'string' }, required: { type: 'boolean' }, content: { $ref: '#/$defs/content' } },
        },
        responses: {
          type: 'object', minProperties: 1, propertyNames: { pattern: '^([1-5](\\d\\d|XX)|default)$' },
          additionalProperties: { anyOf: [{ $ref: '#/$defs/ref' }, { $ref: '#/$defs/response' }] },
        },
        security: { type: 'array', items: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } },
        deprecated: { type: 'boolean' },
      },
    },
  },
  type: 'object',
  required: ['openapi', 'info', 'paths', 'components'],
  additionalProperties: false,
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: {
      type: 'object', required: ['title', 'version'], additionalProperties: false,
      properties: {
        title: { type: 'string' }, version: { type: 'string' }, description: { type: 'string' }, summary: { type: 'string' },
        license: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' }, identifier: { type: 'string' }, url: { type: 'string' } }, not: { required: ['identifier', 'url'] } },
      },
    },
    servers: { type: 'array', items: { type: 'object', required: ['url'], additionalProperties: false, properties: { url: { type: 'string' }, description: { type: 'string' } } } },
    tags: { type: 'array', items: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' }, description: { type: 'string' } } } },
    paths: {
      type: 'object', propertyNames: { pattern: '^/' },
      additionalProperties: { type: 'object', minProperties: 1, propertyNames: { enum: METHODS }, additionalProperties: { $ref: '#/$defs/operation' } },
    },
    components: {
      type: 'object', additionalProperties: false,
      properties: {
        schemas: { type: 'object', propertyNames: { pattern: '^[A-Za-z0-9._-]+$' }, additionalProperties: { $ref: '#/$defs/schema' } },
        parameters: { type: 'object', additionalProperties: { $ref: '#/$defs/parameter' } },
        headers: { type: 'object', additionalProperties: { $ref: '#/$defs/header' } },
        securitySchemes: {
          type: 'object',
          additionalProperties: {
            type: 'object', required: ['type', 'name', 'in'], additionalProperties: false,
            properties: { type: { const: 'apiKey' }, name: { type: 'string' }, in: { enum: ['query', 'header', 'cookie'] }, description: { type: 'string' } },
          },
        },
      },
    },
  },
};

const BASE = 'urn:guichet:openapi';

/** The document's schemas, with their references pointing into one schema resource that holds the components. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [
    k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', `${BASE}#/$defs/`) : rewriteRefs(v),
  ]));
}

const SUBSCHEMA_MAPS = ['properties', '$defs', 'patternProperties', 'dependentSchemas'];
const SUBSCHEMA = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties'];
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

/**
 * The schema with every object that lists its properties closed to any other: what the tests
 * validate real answers against, so that a field added to a view without documenting it fails.
 * (The published document stays open to additions, as clients should be.)
 */
function closed(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Json = { ...schema };
  for (const key of SUBSCHEMA_MAPS) if (out[key]) out[key] = Object.fromEntries(Object.entries(out[key] as Json).map(([k, v]) => [k, closed(v)]));
  for (const key of SUBSCHEMA) if (out[key] && typeof out[key] === 'object') out[key] = closed(out[key]);
  for (const key of SUBSCHEMA_LISTS) if (Array.isArray(out[key])) out[key] = out[key].map(closed);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function ajvWith(schemas: Json): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, $defs: schemas });
  return ajv;
}

/** Follows an internal reference (`#/components/…`) in the document. */
function resolve(doc: Json, ref: string): unknown {
  return ref.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (node && typeof node === 'object' ? (node as Json)[token] : undefined), doc);
}

function deref<T = Json>(doc: Json, node: Json): T {
  return (typeof node.$ref === 'string' ? resolve(doc, node.$ref) : node) as T;
}

function* operations(doc: Json): Generator<{ path: string; method: string; operation: Json }> {
  for (const [p, item] of Object.entries(doc.paths as Json)) {
    for (const [method, operation] of Object.entries(item as Json)) yield { path: p, method, operation: operation as Json };
  }
}

/** Every `schema` of an operation: its parameters', its request bodies', its responses'. */
function* operationSchemas(doc: Json, operation: Json): Generator<unknown> {
  for (const parameter of (operation.parameters ?? []) as Json[]) yield deref(doc, parameter).schema;
  for (const media of Object.values((operation.requestBody?.content ?? {}) as Json)) yield (media as Json).schema;
  for (const response of Object.values(operation.responses as Json)) {
    for (const media of Object.values(((response as Json).content ?? {}) as Json)) yield (media as Json).schema;
    for (const header of Object.values(((response as Json).headers ?? {}) as Json)) yield deref(doc, header as Json).schema;
  }
}

function allRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => allRefs(n, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else allRefs(v, found);
    }
  }
  return found;
}

/** `:id` -> `{id}`: Koa's path parameters as OpenAPI writes them. */
const openApiPath = (koaPath: string) => koaPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the OpenAPI document of the API', () => {
  let t: TestServer;
  let doc: Json;
  let truth: Ajv2020;
  const validators = new Map<string, ValidateFunction>();
  /** The operations whose success a real answer was checked against. */
  const checkedSuccesses = new Set<string>();

  beforeAll(async () => {
    t = await TestServer.start('sqlite');
    const reply = await t.client().get('/api/openapi.json');
    expect(reply.status).toBe(200);
    doc = reply.body;
    truth = ajvWith(Object.fromEntries(Object.entries(rewriteRefs(doc.components.schemas) as Json).map(([name, schema]) => [name, closed(schema)])));
  });
  afterAll(() => t.stop());

  /**
   * Checks a real answer against the document: its status is listed for this operation, its
   * media type too, and its body matches the schema (closed to undocumented fields).
   */
  function expectDocumented(method: string, template: string, reply: Reply): void {
    const operation = doc.paths[template]?.[method] as Json | undefined;
    if (!operation) throw new Error(`${method.toUpperCase()} ${template} n’est pas dans le document.`);
    const response = operation.responses[String(reply.status)] as Json | undefined;
    if (!response) throw new Error(`${method.toUpperCase()} ${template} a répondu ${reply.status}, que le document ne prévoit pas : ${JSON.stringify(reply.body)}`);
    const mediaType = reply.headers.get('content-type')?.split(';')[0];
    if (!response.content) {
      expect(reply.body).toBeNull();
      if (reply.status < 300) checkedSuccesses.add(`${method.toUpperCase()} ${template}`);
      return;
    }
    const media = response.content[mediaType ?? ''] as Json | undefined;
    if (!media) throw new Error(`${method.toUpperCase()} ${template} ${reply.status} a répondu en ${mediaType}, le document prévoit ${Object.keys(response.content).join(', ')}.`);
    const key = `${method} ${template} ${reply.status} ${mediaType}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = truth.compile(closed(rewriteRefs(media.schema)) as Json);
      validators.set(key, validate);
    }
    if (!validate(reply.body)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
      throw new Error(`${key} : la réponse ne suit pas le schéma documenté :\n${errors}\n${JSON.stringify(reply.body, null, 2).slice(0, 3000)}`);
    }
    if (reply.status < 300) checkedSuccesses.add(`${method.toUpperCase()} ${template}`);
  }

  /** Sends a request and checks its answer against the document; returns the answer. */
  async function call(client: Client, method: string, url: string, template: string, json?: unknown, headers?: Record<string, string>): Promise<Reply> {
    const reply = await client.request(method.toUpperCase(), url, { json, headers });
    expectDocumented(method, template, reply);
    return reply;
  }

  describe('is a valid OpenAPI 3.1 document', () => {
    it('says who it describes: title, the package’s version, the server, the session scheme', async () => {
      const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info).toMatchObject({ title: 'Guichet — API', version: pkg.version });
      expect(doc.info.description).toContain('Connexion');
      expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
      expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'guichet_session' });
    });

    it('has the structure of an OpenAPI 3.1 document', () => {
      const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
      const validate = ajv.compile(OPENAPI_STRUCTURE);
      expect(validate(doc) ? [] : validate.errors).toEqual([]);
    });

    it('resolves every reference it makes', () => {
      const dangling = [...new Set(allRefs(doc))].filter((ref) => !ref.startsWith('#/') || resolve(doc, ref) === undefined);
      expect(dangling).toEqual([]);
    });

    it('compiles every schema it holds as JSON Schema 2020-12 (strict), components and operations alike', () => {
      const ajv = ajvWith(rewriteRefs(doc.components.schemas) as Json);
      const failures: string[] = [];
      for (const name of Object.keys(doc.components.schemas)) {
        try {
          ajv.compile({ $ref: `${BASE}#/$defs/${name}` });
        } catch (e) {
          failures.push(`components.schemas.${name}: ${(e as Error).message}`);
        }
      }
      let compiled = 0;
      for (const { path: p, method, operation } of operations(doc)) {
        for (const schema of operationSchemas(doc, operation)) {
          if (schema === undefined) continue;
          try {
            ajv.compile(rewriteRefs(schema) as Json);
            compiled += 1;
          } catch (e) {
            failures.push(`${method.toUpperCase()} ${p}: ${(e as Error).message}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(compiled).toBeGreaterThan(200);
    });

    it('names each operation once, declares each path parameter, and uses only declared tags and security schemes', () => {
      const ids = [...operations(doc)].map((o) => o.operation.operationId as string);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      const tags = new Set((doc.tags as { name: string }[]).map((tag) => tag.name));
      const problems: string[] = [];
      const usedTags = new Set<string>();
      for (const { path: p, method, operation } of operations(doc)) {
        const where = `${method.toUpperCase()} ${p}`;
        const inPath = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
        const params = ((operation.parameters ?? []) as Json[]).map((x) => deref(doc, x));
        const declared = params.filter((x) => x.in === 'path').map((x) => x.name as string).sort();
        if (JSON.stringify(inPath) !== JSON.stringify(declared)) problems.push(`${where}: paramètres de chemin ${declared.join(',')} au lieu de ${inPath.join(',')}`);
        for (const tag of operation.tags as string[]) {
          usedTags.add(tag);
          if (!tags.has(tag)) problems.push(`${where}: étiquette « ${tag} » non déclarée`);
        }
        for (const requirement of (operation.security ?? []) as Json[]) {
          for (const scheme of Object.keys(requirement)) if (!(scheme in doc.components.securitySchemes)) problems.push(`${where}: schéma de sécurité ${scheme} inconnu`);
        }
      }
      expect(problems).toEqual([]);
      expect([...tags].filter((tag) => !usedTags.has(tag))).toEqual([]);
    });

    it('answers each operation with a success, and each client error with a problem document', () => {
      const problems: string[] = [];
      for (const { path: p, method, operation } of operations(doc)) {
        const statuses = Object.keys(operation.responses);
        if (!statuses.some((s) => s.startsWith('2'))) problems.push(`${method.toUpperCase()} ${p}: pas de réponse 2xx`);
        for (const status of statuses.filter((s) => s.startsWith('4'))) {
          const content = operation.responses[status].content as Json;
          if (JSON.stringify(content) !== JSON.stringify({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } })) {
            problems.push(`${method.toUpperCase()} ${p} ${status}: pas un document de problème`);
          }
        }
        if (operation.security && !statuses.includes('401')) problems.push(`${method.toUpperCase()} ${p}: authentifiée sans 401`);
      }
      expect(problems).toEqual([]);
    });

    it('describes routing tables exactly as definitions/routing.schema.json does', async () => {
      const file = JSON.parse(await readFile(path.join(ROOT, 'definitions', 'routing.schema.json'), 'utf8')) as Json;
      const names: Record<string, string> = { rule: 'RoutingRule', assignment: 'RoutingAssignment', priority: 'Priority' };
      // Descriptions are translated; slugs are inlined; the $defs become components.
      const normalise = (node: unknown): unknown => {
        if (Array.isArray(node)) return node.map(normalise);
        if (!node || typeof node !== 'object') return node;
        const out: Json = {};
        for (const [k, v] of Object.entries(node)) {
          if (['description', 'title', '$schema', '$id', '$defs'].includes(k) && typeof v !== 'object') continue;
          if (k === '$defs') continue;
          if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
            const def = v.replace('#/$defs/', '');
            if (def === 'slug') Object.assign(out, normalise(file.$defs.slug));
            else out.$ref = `#/components/schemas/${names[def] ?? v}`;
            continue;
          }
          out[k] = normalise(v);
        }
        return out;
      };
      const fromFile = { table: normalise(file), rule: normalise(file.$defs.rule), assignment: normalise(file.$defs.assignment), priority: normalise(file.$defs.priority) };
      const schemas = doc.components.schemas;
      expect({ table: normalise(schemas.RoutingTable), rule: normalise(schemas.RoutingRule), assignment: normalise(schemas.RoutingAssignment), priority: normalise(schemas.Priority) }).toEqual(fromFile);
    });
  });

  describe('covers the routes both ways', () => {
    /** Every route of every router the routes' index exports, as `METHOD /api/path`. */
    function registered(): Set<string> {
      const found = new Set<string>();
      const builders = Object.entries(routes).filter(([name, build]) => name.endsWith('Routes') && typeof build === 'function');
      expect(builders.length).toBeGreaterThanOrEqual(14);
      for (const [, build] of builders) {
        const router = (build as (rt: unknown) => Router)(t.server.rt);
        for (const layer of router.stack) {
          for (const method of layer.methods) if (method !== 'HEAD') found.add(`${method} /api${openApiPath(String(layer.path))}`);
        }
      }
      return found;
    }

    const documented = () => new Set([...operations(doc)].map((o) => `${o.method.toUpperCase()} ${o.path}`));

    it('documents every route the routers register', () => {
      const missing = [...registered()].filter((r) => !documented().has(r)).sort();
      expect(missing).toEqual([]);
    });

    it('documents no operation that no router registers', () => {
      const extra = [...documented()].filter((r) => !registered().has(r)).sort();
      expect(extra).toEqual([]);
      expect(documented().size).toBe(registered().size);
    });

    it('finds every documented operation served, answering a stranger as documented (401 where a session is required)', async () => {
      const stranger = t.client();
      const problems: string[] = [];
      for (const { path: p, method, operation } of operations(doc)) {
        const url = p.replace('{version}', '1').replace(/\{[^}]+\}/g, 'inconnu');
        const reply = await stranger.request(method.toUpperCase(), url);
        const where = `${method.toUpperCase()} ${p}`;
        if (reply.status === 405 || (reply.status === 404 && String(reply.body?.detail).includes('n’existe pas dans l’API'))) {
          problems.push(`${where}: pas servi (${reply.status})`);
          continue;
        }
        try {
          expectDocumented(method, p, reply);
        } catch (e) {
          problems.push((e as Error).message);
        }
        if ((reply.status === 401) !== (operation.security !== undefined)) problems.push(`${where}: ${reply.status} sans session, mais « security » ${operation.security ? 'présent' : 'absent'}`);
      }
      expect(problems).toEqual([]);
    });
  });

  describe('tells the truth about the answers', () => {
    let usager: Client;
    let agentTitres: Client;
    let responsable: Client;

    beforeAll(async () => {
      usager = await t.as('usager@demo.guichet.fr');
      agentTitres = await t.as('agent.titres@demo.guichet.fr');
      responsable = await t.as('responsable@demo.guichet.fr');
    });

    it('catches a view that drifts from its schema: an undocumented field, a missing one, a wrong type', async () => {
      const filed = await call(usager, 'post', '/api/dossiers', '/api/dossiers', { demarche: 'passeport-urgence', data: passeport() });
      const as = (body: unknown): Reply => ({ ...filed, body });
      expect(() => expectDocumented('post', '/api/dossiers', as({ ...filed.body, nouveauChamp: 1 }))).toThrow('nouveauChamp');
      expect(() => expectDocumented('post', '/api/dossiers', as({ ...filed.body, etat: { ...filed.body.etat, states: [{ path: 'x' }] } }))).toThrow('label');
      const { version: _version, ...withoutVersion } = filed.body;
      expect(() => expectDocumented('post', '/api/dossiers', as(withoutVersion))).toThrow('version');
      expect(() => expectDocumented('post', '/api/dossiers', as({ ...filed.body, dueAt: 3 }))).toThrow('dueAt');
    });

    it('describes a dossier’s life: filing, reading, history, actions, events, a 409 and a 422', async () => {
      const filed = await call(usager, 'post', '/api/dossiers', '/api/dossiers', { demarche: 'passeport-urgence', data: passeport() });
      expect(filed.status).toBe(201);
      const id = filed.body.id as string;
      await call(usager, 'get', `/api/dossiers/${id}`, '/api/dossiers/{id}');
      await call(agentTitres, 'get', `/api/dossiers/reference/${filed.body.reference}`, '/api/dossiers/reference/{reference}');
      expect((await call(agentTitres, 'get', '/api/dossiers/reference/PU-2026-00000', '/api/dossiers/reference/{reference}')).status).toBe(404);
      await call(usager, 'get', '/api/dossiers', '/api/dossiers');
      await call(usager, 'get', `/api/dossiers/${id}/actions`, '/api/dossiers/{id}/actions');
      const moved = await call(responsable, 'post', `/api/dossiers/${id}/events`, '/api/dossiers/{id}/events', NORMAL_TRACK, { 'if-match': '"1"' });
      expect(moved.status).toBe(200);
      expect(moved.body.etat.deadlines.length + moved.body.actions.length).toBeGreaterThan(0);
      const stale = await call(responsable, 'post', `/api/dossiers/${id}/events`, '/api/dossiers/{id}/events', NORMAL_TRACK, { 'if-match': '"1"' });
      expect(stale.status).toBe(409);
      expect(stale.body.dossier.version).toBe(2);
      const history = await call(agentTitres, 'get', `/api/dossiers/${id}/history`, '/api/dossiers/{id}/history');
      expect(history.body.history[1]).toHaveProperty('actorId');
      await call(usager, 'get', `/api/dossiers/${id}/history`, '/api/dossiers/{id}/history');
      expect((await call(usager, 'post', `/api/dossiers/${id}/events`, '/api/dossiers/{id}/events', { type: 'inventer' })).status).toBe(422);
      const invalid = await call(usager, 'post', '/api/dossiers', '/api/dossiers', { demarche: 'passeport-urgence', data: { ...passeport(), numeroPreDemande: 'abc' } });
      expect(invalid.status).toBe(422);
      expect((await call(usager, 'get', '/api/dossiers/inconnu', '/api/dossiers/{id}')).status).toBe(404);
      expect((await call(usager, 'post', '/api/dossiers', '/api/dossiers', { demarche: 'passeport-urgence' })).status).toBe(400);
    });

    it('describes drafts, documents, notes and the inbox', async () => {
      const draft = await call(usager, 'post', '/api/dossiers', '/api/dossiers', { demarche: 'passeport-urgence', data: {}, draft: true });
      expect(draft.body.etat).toBeNull();
      const id = draft.body.id as string;
      await call(usager, 'put', `/api/dossiers/${id}/draft`, '/api/dossiers/{id}/draft', { data: passeport() });
      const pdf = await PDFDocument.create();
      pdf.addPage().drawText('Ordre de mission');
      const form = new FormData();
      form.append('piece', 'justificatif_urgence');
      form.append('file', new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' }), 'ordre-de-mission.pdf');
      const uploaded = await usager.request('POST', `/api/dossiers/${id}/documents`, { body: form });
      expectDocumented('post', '/api/dossiers/{id}/documents', uploaded);
      expect(uploaded.status).toBe(201);
      const submitted = await call(usager, 'post', `/api/dossiers/${id}/submit`, '/api/dossiers/{id}/submit', undefined, { 'idempotency-key': `depot-${id}` });
      expect(submitted.status).toBe(200);
      expect((await call(usager, 'post', `/api/dossiers/${id}/submit`, '/api/dossiers/{id}/submit')).status).toBe(409);
      const documents = await call(usager, 'get', `/api/dossiers/${id}/documents`, '/api/dossiers/{id}/documents');
      const download = await usager.get(`/api/dossiers/${id}/documents/${documents.body.documents[0].id as string}`);
      expectDocumented('get', '/api/dossiers/{id}/documents/{documentId}', download);
      expect(download.headers.get('content-type')).toBe('application/pdf');

      expect((await call(agentTitres, 'post', `/api/dossiers/${id}/notes`, '/api/dossiers/{id}/notes', { body: 'Appelé l’usager.' })).status).toBe(201);
      await call(agentTitres, 'get', `/api/dossiers/${id}/notes`, '/api/dossiers/{id}/notes');
      expect((await call(usager, 'get', `/api/dossiers/${id}/notes`, '/api/dossiers/{id}/notes')).status).toBe(404);
      expect((await call(agentTitres, 'post', `/api/dossiers/${id}/assign`, '/api/dossiers/{id}/assign')).status).toBe(200);
      const inbox = await call(agentTitres, 'get', '/api/tasks?demarche=passeport-urgence&limit=1', '/api/tasks');
      expect(inbox.body.counts.byState).toBeDefined();
      expect(inbox.body.next).not.toBeNull();
      await call(agentTitres, 'get', `/api/tasks?after=${inbox.body.next as string}`, '/api/tasks');
      expect(inbox.body.tasks.length).toBe(1);
      expect((await call(agentTitres, 'get', '/api/tasks?priorite=haute', '/api/tasks')).status).toBe(400);
      expect((await call(usager, 'get', '/api/tasks', '/api/tasks')).status).toBe(403);
    });

    it('describes letters, notifications and failed effects', async () => {
      const agent = await t.as('agent.affaires-generales@demo.guichet.fr');
      /** An attestation d’accueil whose pièces the agent asked for: a letter awaits checking. */
      const withLetter = async (): Promise<{ id: string; letter: string }> => {
        const filed = await call(usager, 'post', '/api/dossiers', '/api/dossiers', { demarche: 'attestation-accueil', data: attestation() });
        expect(filed.status).toBe(201);
        await call(agent, 'post', `/api/dossiers/${filed.body.id as string}/events`, '/api/dossiers/{id}/events', { type: 'demander_pieces', payload: { pieces: ['bail'], precisions: 'Le bail est illisible.' } });
        await t.server.jobs.runDue();
        const letters = await call(agent, 'get', `/api/dossiers/${filed.body.id as string}/letters`, '/api/dossiers/{id}/letters');
        return { id: filed.body.id, letter: letters.body.letters[0].id };
      };
      const { letter } = await withLetter();
      await call(agent, 'get', '/api/letters', '/api/letters');
      await call(agent, 'get', `/api/letters/${letter}`, '/api/letters/{id}');
      await call(agent, 'put', `/api/letters/${letter}`, '/api/letters/{id}', { subject: 'Pièces manquantes' });
      expect((await call(agent, 'post', `/api/letters/${letter}/send`, '/api/letters/{id}/send')).status).toBe(200);
      expect((await call(agent, 'post', `/api/letters/${letter}/cancel`, '/api/letters/{id}/cancel')).status).toBe(409);
      expect((await call(agent, 'get', '/api/letters?status=perdu', '/api/letters')).status).toBe(400);
      const other = await withLetter();
      expect((await call(agent, 'post', `/api/letters/${other.letter}/cancel`, '/api/letters/{id}/cancel')).status).toBe(200);
      expect((await call(usager, 'get', `/api/dossiers/${other.id}/letters`, '/api/dossiers/{id}/letters')).body.letters).toEqual([]);
      const mine = await call(usager, 'get', '/api/notifications', '/api/notifications');
      expect(mine.body.notifications.length).toBeGreaterThan(0);
      await call(usager, 'post', `/api/notifications/${mine.body.notifications[0].id as string}/read`, '/api/notifications/{id}/read');
      await call(agent, 'get', '/api/notifications?unread=true', '/api/notifications');
      await call(agent, 'get', '/api/failed-effects', '/api/failed-effects');
      await call(agent, 'get', '/api/failed-effects?status=retrying', '/api/failed-effects');
      expect((await call(agent, 'post', '/api/failed-effects/inconnu/retry', '/api/failed-effects/{id}/retry')).status).toBe(404);
    });

    it('describes the catalogue, sign-in and the session', async () => {
      const visitor = t.client();
      await call(visitor, 'get', '/api/health', '/api/health');
      await call(visitor, 'get', '/api/demarches', '/api/demarches');
      await call(visitor, 'get', '/api/demarches/garde-alternee', '/api/demarches/{id}');
      await call(visitor, 'get', '/api/demarches/garde-alternee/versions', '/api/demarches/{id}/versions');
      await call(visitor, 'get', '/api/demarches/garde-alternee/versions/1', '/api/demarches/{id}/versions/{version}');
      expect((await call(visitor, 'get', '/api/demarches/garde-alternee/versions/premiere', '/api/demarches/{id}/versions/{version}')).status).toBe(400);
      const registered = await call(visitor, 'post', '/api/auth/register', '/api/auth/register', {
        email: 'nouvel.usager@exemple.fr', password: 'un mot de passe assez long', givenName: 'Léon', familyName: 'Petit',
      });
      expect(registered.status).toBe(201);
      visitor.csrf = registered.body.csrfToken;
      await call(visitor, 'get', '/api/auth/me', '/api/auth/me');
      expect((await call(visitor, 'post', '/api/auth/logout', '/api/auth/logout')).status).toBe(204);
      expect((await call(visitor, 'post', '/api/auth/login', '/api/auth/login', { email: 'nouvel.usager@exemple.fr', password: 'faux' })).status).toBe(401);
      await call(visitor, 'post', '/api/auth/login', '/api/auth/login', { email: 'nouvel.usager@exemple.fr', password: 'un mot de passe assez long' });
    });

    it('describes routing, indicators and staff accounts', async () => {
      const manager = await t.as('manager@demo.guichet.fr');
      const admin = await t.as('admin@demo.guichet.fr');
      const routing = await call(manager, 'get', '/api/demarches/passeport-urgence/routing', '/api/demarches/{id}/routing');
      const { table } = routing.body;
      await call(manager, 'post', '/api/demarches/passeport-urgence/routing/dry-run', '/api/demarches/{id}/routing/dry-run', table);
      const saved = await call(manager, 'put', '/api/demarches/passeport-urgence/routing?reroute=true', '/api/demarches/{id}/routing', table, { 'if-match': `"${routing.body.version as number}"` });
      expect(saved.status).toBe(200);
      expect(saved.body.rerouted).not.toBeNull();
      await call(manager, 'get', '/api/demarches/passeport-urgence/routing', '/api/demarches/{id}/routing');
      expect((await call(manager, 'put', '/api/demarches/passeport-urgence/routing', '/api/demarches/{id}/routing', { rules: [] })).status).toBe(422);
      await call(manager, 'get', '/api/stats/activity', '/api/stats/activity');
      expect((await call(manager, 'get', '/api/stats/activity?from=hier', '/api/stats/activity')).status).toBe(400);

      await call(admin, 'get', '/api/admin/users', '/api/admin/users');
      const created = await call(admin, 'post', '/api/admin/users', '/api/admin/users', { email: 'lucie.petit@ville.fr', givenName: 'Lucie', familyName: 'Petit', roles: ['agent'], services: ['titres'] });
      expect(created.status).toBe(201);
      await call(admin, 'put', `/api/admin/users/${created.body.id as string}`, '/api/admin/users/{id}', { services: ['titres', 'famille'] });
      await call(admin, 'post', `/api/admin/users/${created.body.id as string}/password`, '/api/admin/users/{id}/password', { password: 'un mot de passe assez long' });
      expect((await call(admin, 'post', '/api/admin/users', '/api/admin/users', { email: 'lucie.petit@ville.fr', givenName: 'Lucie', familyName: 'Petit', roles: ['agent'] })).status).toBe(409);
    });

    it('describes drafts of démarches and their publication, with its diff', async () => {
      const procedures = await t.as('procedures@demo.guichet.fr');
      const created = await call(procedures, 'post', '/api/demarches', '/api/demarches', { id: 'permis-de-vegetaliser', title: 'Permis de végétaliser' });
      expect(created.status).toBe(201);
      expect(created.body.sound).toBe(false);
      const draft = await call(procedures, 'get', '/api/demarches/recensement-citoyen/draft', '/api/demarches/{id}/draft');
      const definition = { ...draft.body.definition, summary: `${draft.body.definition.summary as string} En mairie ou en ligne.` };
      await call(procedures, 'put', '/api/demarches/recensement-citoyen/draft', '/api/demarches/{id}/draft', definition, { 'if-match': `"${draft.body.etag as string}"` });
      const published = await call(procedures, 'post', '/api/demarches/recensement-citoyen/publish', '/api/demarches/{id}/publish');
      expect(published.status).toBe(201);
      expect(published.body.diff.properties).toContain('summary');
      expect((await call(procedures, 'post', '/api/demarches/permis-de-vegetaliser/publish', '/api/demarches/{id}/publish')).status).toBe(422);
      const drafts = await call(procedures, 'get', '/api/demarches/drafts', '/api/demarches/drafts');
      expect(drafts.body.drafts.map((d: { demarcheId: string }) => d.demarcheId)).toContain('permis-de-vegetaliser');
    });

    it('has checked a real success of every operation but the retry of a failed effect', () => {
      const all = [...operations(doc)].map((o) => `${o.method.toUpperCase()} ${o.path}`);
      // A dead effect needs a connector failing six times: the jobs tests drive that; here its 404 is checked.
      expect(all.filter((o) => !checkedSuccesses.has(o)).sort()).toEqual(['POST /api/failed-effects/{id}/retry']);
    });
  });
});

/** An attestation d’accueil that the Affaires générales agent can ask pièces for. */
function attestation(): Record<string, unknown> {
  return {
    hebergeant: {
      civilite: 'madame', nom: 'Benali', prenoms: 'Samia', dateNaissance: '1978-05-14', lieuNaissance: 'Saint-Denis (France)',
      nationalite: 'française', telephone: '06 12 34 56 78', courriel: 'samia.benali@exemple.fr',
      adresse: { voie: '12 rue de la République', codePostal: '93200', commune: 'Saint-Denis' },
    },
    logement: { statut: 'locataire', type: 'appartement', surface: 68, nombrePieces: 3, nombreOccupants: 2 },
    ressources: { nature: 'salaire', montantMensuel: 2400 },
    visiteur: {
      civilite: 'monsieur', nom: 'Benali', prenoms: 'Karim', dateNaissance: '1950-11-02', lieuNaissance: 'Sétif (Algérie)',
      nationalite: 'algérienne', numeroPasseport: '212345678', adresse: { voie: '5 rue Ben Boulaïd', ville: 'Sétif', pays: 'Algérie' },
    },
    sejour: { dateArrivee: '2026-05-15', dateDepart: '2026-07-10', lienParente: 'parent' },
    engagements: { priseEnChargeFrais: true, assurance: { souscripteur: 'hebergeant', assureur: 'Assur’Voyage' }, certificationExactitude: true },
  };
}
