/**
 * Schema work behind the forms: the schema rjsf renders (2020-12 keywords it does not know
 * translated, conditional sections shown only when they apply), the sub-schema of one page of a
 * démarche's form, the data cleaned of what the form does not show, and field labels by path.
 */
import type { RJSFSchema, SchemaUtilsType, UiSchema } from '@rjsf/utils';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export type Schemaish = Record<string, unknown>;
export type Path = string[];

export const isObject = (v: unknown): v is Schemaish => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function pick(object: Schemaish, keys: ReadonlySet<string>): Schemaish {
  const out: Schemaish = {};
  for (const [k, v] of Object.entries(object)) if (keys.has(k)) out[k] = v;
  return out;
}

/** The top-level property names a (sub)schema reads or constrains. */
export function referencedFields(schema: unknown, acc: Set<string> = new Set()): Set<string> {
  if (!isObject(schema)) return acc;
  if (isObject(schema.properties)) Object.keys(schema.properties).forEach((k) => acc.add(k));
  strings(schema.required).forEach((k) => acc.add(k));
  for (const kw of ['dependentRequired', 'dependentSchemas', 'dependencies']) {
    const deps = schema[kw];
    if (!isObject(deps)) continue;
    for (const [k, v] of Object.entries(deps)) {
      acc.add(k);
      strings(v).forEach((x) => acc.add(x));
      if (isObject(v)) referencedFields(v, acc);
    }
  }
  for (const kw of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[kw];
    if (Array.isArray(list)) list.forEach((s) => referencedFields(s, acc));
  }
  for (const kw of ['not', 'if', 'then', 'else']) referencedFields(schema[kw], acc);
  return acc;
}

// ---------------------------------------------------------------------------------------------
// The schema rjsf renders
// ---------------------------------------------------------------------------------------------

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];

/** `dependentSchemas` and `dependentRequired` (2020-12) as rjsf knows them: `dependencies` (draft 7). */
function translateDependencies(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Schemaish = { ...schema };
  for (const kw of SUBSCHEMA_MAPS) {
    const map = out[kw];
    if (isObject(map)) out[kw] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, translateDependencies(v)]));
  }
  for (const kw of SUBSCHEMA_LISTS) {
    const list = out[kw];
    if (Array.isArray(list)) out[kw] = list.map(translateDependencies);
  }
  for (const kw of SUBSCHEMAS) if (kw in out) out[kw] = translateDependencies(out[kw]);
  if (isObject(out.dependentSchemas) || isObject(out.dependentRequired)) {
    const deps: Schemaish = isObject(out.dependencies) ? { ...out.dependencies } : {};
    for (const [k, v] of Object.entries(isObject(out.dependentSchemas) ? out.dependentSchemas : {})) {
      deps[k] = translateDependencies(v);
    }
    for (const [k, v] of Object.entries(isObject(out.dependentRequired) ? out.dependentRequired : {})) {
      const existing = deps[k];
      deps[k] = isObject(existing) ? { ...existing, required: [...strings(existing.required), ...strings(v)] } : strings(v);
    }
    delete out.dependentSchemas;
    delete out.dependentRequired;
    out.dependencies = deps;
  }
  return out;
}

const isSection = (s: unknown) => isObject(s) && (s.type === 'object' || s.type === 'array' || isObject(s.properties));

/** The `{ if, then, else }` of an object schema: its own and those of its `allOf`. */
function conditionalsOf(schema: Schemaish): { holder: Schemaish; index: number | null }[] {
  const out: { holder: Schemaish; index: number | null }[] = [];
  if ('if' in schema) out.push({ holder: schema, index: null });
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((item, index) => {
      if (isObject(item) && 'if' in item) out.push({ holder: item, index });
    });
  }
  return out;
}

/**
 * A section (an object or list property) that is optional but required by a condition is only
 * asked when the condition holds: the passeport's « Représentant légal » when the holder is a
 * minor, its « Ancien passeport » when there is one. Its schema moves into the branch that
 * requires it, where rjsf shows it as the condition changes; the uiSchema keeps the original order.
 * Only for rendering: validation keeps the definition's schema (data of a hidden section is
 * dropped before it is validated, so both agree).
 */
function liftConditionalSections(schema: unknown, ui: UiSchema | undefined): [unknown, UiSchema | undefined] {
  if (!isObject(schema)) return [schema, ui];
  let out: Schemaish = schema;
  let outUi: UiSchema | undefined = ui;
  const properties = isObject(schema.properties) ? schema.properties : null;
  if (properties) {
    const required = new Set(strings(schema.required));
    const moves: { property: string; holderIndex: number | null; branch: 'then' | 'else' }[] = [];
    for (const { holder, index } of conditionalsOf(schema)) {
      for (const branch of ['then', 'else'] as const) {
        const b = holder[branch];
        if (!isObject(b)) continue;
        const branchProperties = isObject(b.properties) ? b.properties : {};
        for (const property of strings(b.required)) {
          if (property in properties && !required.has(property) && !(property in branchProperties) && isSection(properties[property])) {
            moves.push({ property, holderIndex: index, branch });
          }
        }
      }
    }
    if (moves.length > 0) {
      const moved = new Set(moves.map((m) => m.property));
      out = { ...schema, properties: Object.fromEntries(Object.entries(properties).filter(([k]) => !moved.has(k))) };
      // rjsf merges a branch's properties into the object, unless the object forbids others.
      if (out.additionalProperties === false) delete out.additionalProperties;
      const allOf = Array.isArray(schema.allOf) ? [...schema.allOf] : [];
      for (const { property, holderIndex, branch } of moves) {
        const holder = holderIndex === null ? out : (allOf[holderIndex] = { ...(allOf[holderIndex] as Schemaish) });
        const b = holder[branch] as Schemaish;
        holder[branch] = { ...b, properties: { ...(isObject(b.properties) ? b.properties : {}), [property]: properties[property] } };
      }
      if (allOf.length > 0) out.allOf = allOf;
      outUi = { ...(ui ?? {}) };
      if (!outUi['ui:order']) outUi['ui:order'] = [...Object.keys(properties), '*'];
    }
  }
  // Deeper objects and list items.
  const recurseMap = (map: unknown) => {
    if (!isObject(map)) return map;
    const next: Schemaish = {};
    for (const [k, v] of Object.entries(map)) {
      const [s, u] = liftConditionalSections(v, isObject(outUi?.[k]) ? (outUi?.[k] as UiSchema) : undefined);
      next[k] = s;
      if (u !== undefined && u !== outUi?.[k]) outUi = { ...(outUi ?? {}), [k]: u };
    }
    return next;
  };
  if (isObject(out.properties)) out = { ...out, properties: recurseMap(out.properties) };
  for (const { holder, index } of conditionalsOf(out)) {
    for (const branch of ['then', 'else'] as const) {
      const b = holder[branch];
      if (!isObject(b) || !isObject(b.properties)) continue;
      const lifted = { ...b, properties: recurseMap(b.properties) };
      if (index === null) out = { ...out, [branch]: lifted };
      else {
        const allOf = [...(out.allOf as unknown[])];
        allOf[index] = { ...(allOf[index] as Schemaish), [branch]: lifted };
        out = { ...out, allOf };
      }
    }
  }
  if (isObject(out.items)) {
    const [s, u] = liftConditionalSections(out.items, isObject(outUi?.items) ? (outUi?.items as UiSchema) : undefined);
    out = { ...out, items: s };
    if (u !== undefined && u !== outUi?.items) outUi = { ...(outUi ?? {}), items: u };
  }
  return [out, outUi];
}

/** The schema and uiSchema rjsf renders for a schema of a definition. */
export function renderSchema(schema: RJSFSchema, uiSchema: UiSchema = {}): { schema: RJSFSchema; uiSchema: UiSchema } {
  const [lifted, ui] = liftConditionalSections(translateDependencies(schema), uiSchema);
  return { schema: lifted as RJSFSchema, uiSchema: ui ?? {} };
}

// ---------------------------------------------------------------------------------------------
// One page of a form
// ---------------------------------------------------------------------------------------------

/** Decides a condition whose fields are on other pages, against the data of the whole form. */
export type ConditionEvaluator = (ifSchema: unknown, data: unknown) => boolean;

let conditionAjv: Ajv2020 | null = null;
const compiledConditions = new WeakMap<object, (data: unknown) => boolean>();

/** Evaluates a condition (`if` subschema) with a plain Ajv; a condition that fails to compile does not hold. */
export const evaluateCondition: ConditionEvaluator = (ifSchema, data) => {
  if (typeof ifSchema === 'boolean') return ifSchema;
  if (!isObject(ifSchema)) return false;
  let check = compiledConditions.get(ifSchema);
  if (!check) {
    try {
      if (!conditionAjv) {
        conditionAjv = new Ajv2020({ strict: false, allErrors: false, allowUnionTypes: true });
        addFormats(conditionAjv);
      }
      const validate = conditionAjv.compile(ifSchema);
      check = (d) => validate(d) === true;
    } catch {
      check = () => false;
    }
    compiledConditions.set(ifSchema, check);
  }
  return check(data);
};

/**
 * A schema restricted to some top-level fields: their properties and `required`, and the
 * conditional keywords about them. A condition (`if`) that reads only these fields stays a
 * condition, so the form shows and hides its fields as they are answered; one that reads fields
 * of other pages is decided now with the whole form's data, and only its branch remains.
 */
function restrict(schema: unknown, fields: ReadonlySet<string>, data: Schemaish, evaluate: ConditionEvaluator): Schemaish | undefined {
  if (!isObject(schema)) return undefined;
  const out: Schemaish = {};
  const allOf: unknown[] = [];
  const required: string[] = strings(schema.required).filter((k) => fields.has(k));
  if (isObject(schema.properties)) {
    const properties = pick(schema.properties, fields);
    if (Object.keys(properties).length > 0) out.properties = properties;
  }
  if (isObject(schema.dependentRequired)) {
    const kept: Schemaish = {};
    for (const [k, list] of Object.entries(schema.dependentRequired)) {
      const onPage = strings(list).filter((x) => fields.has(x));
      if (fields.has(k)) {
        if (onPage.length > 0) kept[k] = onPage;
      } else if (data[k] !== undefined) required.push(...onPage);
    }
    if (Object.keys(kept).length > 0) out.dependentRequired = kept;
  }
  for (const kw of ['dependentSchemas', 'dependencies']) {
    const deps = schema[kw];
    if (!isObject(deps)) continue;
    const kept: Schemaish = {};
    for (const [k, v] of Object.entries(deps)) {
      const sub = Array.isArray(v) ? (strings(v).some((x) => fields.has(x)) ? { required: strings(v).filter((x) => fields.has(x)) } : undefined)
        : restrict(v, fields, data, evaluate);
      if (!sub) continue;
      if (fields.has(k)) kept[k] = Array.isArray(v) ? sub.required : sub;
      else if (data[k] !== undefined) allOf.push(sub);
    }
    if (Object.keys(kept).length > 0) out[kw] = kept;
  }
  if ('if' in schema) {
    const condition = restrictConditional(schema.if, schema.then, schema.else, fields, data, evaluate);
    if (condition) allOf.push(condition);
  }
  if (Array.isArray(schema.allOf)) {
    for (const item of schema.allOf) {
      const sub = restrict(item, fields, data, evaluate);
      if (sub) allOf.push(sub);
    }
  }
  for (const kw of ['anyOf', 'oneOf', 'not']) {
    if (!(kw in schema)) continue;
    const read = referencedFields(kw === 'not' ? schema.not : { allOf: schema[kw] });
    if (read.size > 0 && [...read].every((k) => fields.has(k))) out[kw] = schema[kw];
  }
  if (required.length > 0) out.required = [...new Set(required)];
  if (allOf.length > 0) out.allOf = allOf;
  return Object.keys(out).length > 0 ? out : undefined;
}

function restrictConditional(ifSchema: unknown, thenSchema: unknown, elseSchema: unknown, fields: ReadonlySet<string>,
  data: Schemaish, evaluate: ConditionEvaluator): Schemaish | undefined {
  const read = referencedFields(ifSchema);
  if ([...read].every((k) => fields.has(k))) {
    const t = restrict(thenSchema, fields, data, evaluate);
    const e = restrict(elseSchema, fields, data, evaluate);
    if (!t && !e) return undefined;
    return { if: ifSchema, ...(t ? { then: t } : {}), ...(e ? { else: e } : {}) };
  }
  return restrict(evaluate(ifSchema, data) ? thenSchema : elseSchema, fields, data, evaluate);
}

/** The schema of one page: the page's fields of the form's (root object) schema, with their conditions. */
export function pageSchema(root: RJSFSchema, fields: readonly string[], data: unknown,
  evaluate: ConditionEvaluator = evaluateCondition): RJSFSchema {
  const onPage = new Set(fields);
  const restricted = restrict(root, onPage, isObject(data) ? data : {}, evaluate) ?? {};
  const page: Schemaish = { type: 'object', ...restricted };
  for (const kw of ['$defs', 'definitions']) if (kw in root) page[kw] = root[kw];
  return page as RJSFSchema;
}

/** The uiSchema of one page: the page's fields' entries, and the root's options and order. */
export function pageUiSchema(uiSchema: UiSchema, fields: readonly string[]): UiSchema {
  const out: UiSchema = {};
  for (const [k, v] of Object.entries(uiSchema)) {
    if (k.startsWith('ui:') || fields.includes(k)) out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/**
 * The data as the form shows it: without the values of fields that are not shown (a condition no
 * longer holds), empty values, and optional groups left empty. This is what is validated, saved
 * and sent.
 */
export function cleanData(schemaUtils: SchemaUtilsType, schema: RJSFSchema, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    const resolved = schemaUtils.retrieveSchema(schema, value);
    const items = resolved.items;
    return value.map((item, index) => {
      const itemSchema = Array.isArray(items) ? items[index] : items;
      if (!isObject(itemSchema)) return item;
      const cleaned = cleanData(schemaUtils, itemSchema as RJSFSchema, item);
      return cleaned === undefined && isObject(item) ? {} : cleaned;
    });
  }
  if (!isObject(value)) return value;
  const resolved = schemaUtils.retrieveSchema(schema, value);
  const properties = isObject(resolved.properties) ? resolved.properties : {};
  const required = new Set(strings(resolved.required));
  const extra = resolved.additionalProperties;
  const out: Schemaish = {};
  for (const [k, v] of Object.entries(value)) {
    const propertySchema = properties[k] ?? (isObject(extra) ? extra : extra === true ? {} : undefined);
    if (propertySchema === undefined || typeof propertySchema === 'boolean') continue;
    const cleaned = cleanData(schemaUtils, propertySchema as RJSFSchema, v);
    if (cleaned === undefined) continue;
    if (isObject(cleaned) && Object.keys(cleaned).length === 0 && !required.has(k)) continue;
    out[k] = cleaned;
  }
  return out;
}

/** The value at a path of the data. */
export function getIn(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const segment of path) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/** `/enfants/0/nom` → `['enfants', '0', 'nom']`. */
export function pointerToPath(pointer: string): Path {
  if (!pointer || pointer === '/') return [];
  return pointer.replace(/^#?\//, '').split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** rjsf's error `property` (`.enfants.0.nom`) → `['enfants', '0', 'nom']`. */
export function propertyToPath(property: string | undefined): Path {
  return (property ?? '').split('.').filter(Boolean);
}

/** The id rjsf gives the field at a path. */
export function fieldId(idPrefix: string, path: readonly (string | number)[], separator = '_'): string {
  return [idPrefix, ...path].join(separator);
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

export interface FieldDescription {
  /** The field's label (its title, « Enfant 2 » for an item of a list). */
  label: string;
  /** The labels of the groups between the page's top-level field and this field, outermost first. */
  context: string[];
  /** The field's schema, resolved with the data. */
  schema: RJSFSchema | undefined;
}

const uiTitle = (ui: unknown): string | undefined => {
  if (!isObject(ui)) return undefined;
  const options = isObject(ui['ui:options']) ? ui['ui:options'] : {};
  const title = ui['ui:title'] ?? options.title;
  return typeof title === 'string' ? title : undefined;
};

/** The label of the field at a path (for the error summary and the recap). */
export function describeField(schemaUtils: SchemaUtilsType, root: RJSFSchema, uiSchema: UiSchema | undefined,
  path: readonly string[], data: unknown): FieldDescription {
  let schema: RJSFSchema | undefined = root;
  let ui: unknown = uiSchema;
  let node: unknown = data;
  const labels: string[] = [];
  for (const segment of path) {
    const resolved: RJSFSchema | undefined = schema ? schemaUtils.retrieveSchema(schema, node) : undefined;
    const properties = resolved && isObject(resolved.properties) ? resolved.properties : undefined;
    if (/^\d+$/.test(segment) && resolved && resolved.type === 'array') {
      const items: unknown = resolved.items;
      schema = isObject(items) ? (items as RJSFSchema) : undefined;
      ui = isObject(ui) ? ui.items : undefined;
      const title = uiTitle(ui) ?? (schema && typeof schema.title === 'string' ? schema.title : undefined) ?? labels[labels.length - 1] ?? 'Élément';
      labels.push(`${title} ${Number(segment) + 1}`);
    } else {
      const next = properties?.[segment];
      schema = isObject(next) ? (next as RJSFSchema) : undefined;
      ui = isObject(ui) ? ui[segment] : undefined;
      labels.push(uiTitle(ui) ?? (schema && typeof schema.title === 'string' ? schema.title : segment));
    }
    node = getIn(node, [segment]);
  }
  const resolved = schema ? schemaUtils.retrieveSchema(schema, node) : undefined;
  return { label: labels[labels.length - 1] ?? '', context: labels.slice(1, -1), schema: resolved };
}
