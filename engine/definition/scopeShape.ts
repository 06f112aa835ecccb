import type { Demarche } from './demarche.generated';

/**
 * What a JSON Logic expression may read, and with which types: the static picture of the scope
 * `{ data, dossier, event, parametres, now }` that engine/dossier builds at run time.
 */
export interface ScopeShape {
  /** The form's JSON Schema: `data.*`. */
  form: SchemaNode;
  /** The payload schema of the event being handled; null where no event payload may be read. */
  payload: SchemaNode | null;
  /** Why the payload may not be read here, for the message. */
  payloadAbsentBecause?: string;
  /** Names recorded by « set » actions: `dossier.instruction.*`. */
  instruction: ReadonlySet<string>;
  pieces: readonly string[];
  deadlines: readonly string[];
  parameters: NonNullable<Demarche['parameters']>;
}

export type SchemaNode = Record<string, unknown>;
export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** What is known of a value's type: null types means « anything ». */
export interface TypeInfo {
  types: ReadonlySet<JsonType> | null;
  enum?: readonly unknown[];
  format?: string;
}

export type Resolution = { ok: true; type: TypeInfo } | { ok: false; message: string };

export const ANY: TypeInfo = { types: null };
const t = (...types: JsonType[]): TypeInfo => ({ types: new Set(types) });
const DATE_TIME: TypeInfo = { types: new Set(['string']), format: 'date-time' };

/** Follows local `$ref`s (`#/$defs/x`) to the schema they name. */
export function deref(node: unknown, root: SchemaNode): SchemaNode | undefined {
  let current = node as SchemaNode | undefined;
  for (let i = 0; i < 8 && current && typeof current.$ref === 'string'; i++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#')) return undefined;
    let target: unknown = root;
    for (const token of ref.slice(2).split('/').filter(Boolean)) target = (target as SchemaNode | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
    current = target as SchemaNode | undefined;
  }
  return current && typeof current === 'object' ? current : undefined;
}

/** Properties a schema may have, including those of conditional branches (if/then/else, oneOf, allOf…). */
export function propertiesOf(node: SchemaNode | undefined, root: SchemaNode, depth = 0): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  const n = deref(node, root);
  if (!n || depth > 8) return out;
  for (const [k, v] of Object.entries((n.properties as Record<string, SchemaNode>) ?? {})) if (!out.has(k)) out.set(k, v);
  const branches: unknown[] = [
    ...((n.allOf as unknown[]) ?? []), ...((n.anyOf as unknown[]) ?? []), ...((n.oneOf as unknown[]) ?? []),
    n.then, n.else, ...Object.values((n.dependentSchemas as Record<string, unknown>) ?? {}),
    ...Object.values((n.dependencies as Record<string, unknown>) ?? {}).filter((v) => !Array.isArray(v)),
  ];
  for (const branch of branches) {
    if (!branch || typeof branch !== 'object') continue;
    for (const [k, v] of propertiesOf(branch as SchemaNode, root, depth + 1)) if (!out.has(k)) out.set(k, v);
  }
  return out;
}

/** The type a schema describes. */
export function typeOfSchema(node: SchemaNode | undefined, root: SchemaNode): TypeInfo {
  const n = deref(node, root);
  if (!n) return ANY;
  const declared = n.type;
  const types = new Set<JsonType>();
  for (const ty of Array.isArray(declared) ? declared : declared ? [declared] : []) types.add(ty === 'integer' ? 'number' : (ty as JsonType));
  let values: unknown[] | undefined = Array.isArray(n.enum) ? n.enum : 'const' in n ? [n.const] : undefined;
  const choices = (n.oneOf ?? n.anyOf) as SchemaNode[] | undefined;
  if (!values && Array.isArray(choices) && choices.every((c) => c && typeof c === 'object' && 'const' in c)) values = choices.map((c) => c.const);
  if (types.size === 0 && values) for (const v of values) types.add(jsonTypeOf(v));
  if (types.size === 0 && n.properties) types.add('object');
  return { types: types.size ? types : null, enum: values, format: typeof n.format === 'string' ? n.format : undefined };
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

function names(items: Iterable<string>): string {
  const list = [...items];
  return list.length ? list.map((n) => `« ${n} »`).join(', ') : '(aucun)';
}

/** Follows a dotted path through a schema. */
function resolveInSchema(root: SchemaNode, start: SchemaNode, segments: string[], prefix: string, what: string): Resolution {
  let node: SchemaNode | undefined = start;
  let path = prefix;
  for (const segment of segments) {
    const here = deref(node, root);
    if (!here) return { ok: true, type: ANY };
    const next: SchemaNode | undefined = /^\d+$/.test(segment) && here.items && typeof here.items === 'object'
      ? (here.items as SchemaNode)
      : propertiesOf(here, root).get(segment);
    if (!next) {
      const known = propertiesOf(here, root);
      if (known.size === 0 && !here.properties && here.type !== 'object') {
        return { ok: false, message: `« ${path} » n’a pas de sous-champ « ${segment} ».` };
      }
      return { ok: false, message: `${what} n’a pas de champ « ${path ? `${path}.` : ''}${segment} ». Champs possibles ici : ${names(known.keys())}.` };
    }
    node = next;
    path = path ? `${path}.${segment}` : segment;
  }
  return { ok: true, type: typeOfSchema(node, root) };
}

const DEADLINE_FIELDS: Record<string, TypeInfo> = {
  status: { types: new Set(['string']), enum: ['running', 'paused', 'stopped', 'expired'] },
  startedAt: DATE_TIME, dueAt: DATE_TIME, since: DATE_TIME, remaining: t('string'), warned: t('array'),
};

/** Resolves a `var` path of the scope to its type, or says in French why it does not exist. */
export function resolveVar(path: string, shape: ScopeShape): Resolution {
  const [head, ...rest] = path.split('.');
  switch (head) {
    case 'now':
      return rest.length ? { ok: false, message: '« now » est une date : il n’a pas de sous-champ.' } : { ok: true, type: DATE_TIME };
    case 'data':
      return resolveInSchema(shape.form, shape.form, rest, '', 'Le formulaire');
    case 'parametres': {
      if (rest.length === 0) return { ok: true, type: t('object') };
      const param = shape.parameters[rest[0]];
      if (!param) return { ok: false, message: `Le paramètre « ${rest[0]} » n’existe pas. Paramètres déclarés : ${names(Object.keys(shape.parameters))}.` };
      return rest.length > 1 ? { ok: false, message: `Le paramètre « ${rest[0]} » est une valeur simple.` } : { ok: true, type: t(jsonTypeOf(param.value)) };
    }
    case 'event': {
      const [field, ...sub] = rest;
      if (field === undefined) return { ok: true, type: t('object') };
      if (field === 'type' || field === 'role') return sub.length ? { ok: false, message: `« event.${field} » est un texte.` } : { ok: true, type: t('string') };
      if (field !== 'payload') return { ok: false, message: `« event.${field} » n’existe pas : un événement a « type », « role » et « payload ».` };
      if (!shape.payload) return { ok: false, message: `« ${path} » ne peut pas être lu ici : ${shape.payloadAbsentBecause ?? 'aucun événement n’apporte de données à cet endroit'}.` };
      return resolveInSchema(shape.payload, shape.payload, sub, '', 'Les données de l’événement');
    }
    case 'dossier':
      return resolveDossier(rest, shape);
    default:
      return { ok: false, message: `« ${path} » n’existe pas. Une condition lit « data.* » (le formulaire), « dossier.* », « event.* », « parametres.* » ou « now ».` };
  }
}

function resolveDossier(rest: string[], shape: ScopeShape): Resolution {
  const [field, name, ...sub] = rest;
  switch (field) {
    case undefined:
      return { ok: true, type: t('object') };
    case 'submittedAt':
      return name === undefined ? { ok: true, type: DATE_TIME } : { ok: false, message: '« dossier.submittedAt » est une date.' };
    case 'piecesManquantes':
      return { ok: true, type: name === undefined ? t('array') : t('string') };
    case 'instruction':
      if (name === undefined) return { ok: true, type: t('object') };
      if (!shape.instruction.has(name)) {
        return { ok: false, message: `Aucune action « set » n’enregistre « ${name} » : ajoutez-la avant de lire « dossier.instruction.${name} ». Valeurs enregistrées : ${names(shape.instruction)}.` };
      }
      return { ok: true, type: ANY };
    case 'pieces':
      if (name === undefined) return { ok: true, type: t('object') };
      if (!shape.pieces.includes(name)) return { ok: false, message: `La pièce « ${name} » n’est pas déclarée dans « pieces ». Pièces déclarées : ${names(shape.pieces)}.` };
      return { ok: true, type: sub.length ? ANY : t('array') };
    case 'deadlines': {
      if (name === undefined) return { ok: true, type: t('object') };
      if (!shape.deadlines.includes(name)) return { ok: false, message: `Le délai « ${name} » n’est pas déclaré dans « deadlines ». Délais déclarés : ${names(shape.deadlines)}.` };
      if (sub.length === 0) return { ok: true, type: t('object') };
      const type = DEADLINE_FIELDS[sub[0]];
      return type ? { ok: true, type } : { ok: false, message: `Un délai a ${names(Object.keys(DEADLINE_FIELDS))}, pas « ${sub[0]} ».` };
    }
    default:
      return { ok: false, message: `« dossier.${field} » n’existe pas. Le dossier expose « instruction », « pieces », « piecesManquantes », « deadlines » et « submittedAt ».` };
  }
}
