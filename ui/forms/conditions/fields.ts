/**
 * The fields a condition may test: the leaf fields of a démarche's form schema, flattened
 * (« Adresse du domicile › Code postal », path `data.adresse.codePostal`), each with the kind of
 * value it holds. Pure: no React, no DOM.
 */

/** What a field holds, which decides the operators offered. */
export type FieldKind = 'text' | 'number' | 'date' | 'boolean' | 'choice' | 'multiple';

/** A value of a field with a fixed list of values, and its French title. */
export interface ChoiceOption {
  value: string | number | boolean;
  title: string;
}

/** A field a condition can test. */
export interface ConditionField {
  /** The JSON Logic `var` path: `data.hebergeant.adresse.codePostal`. */
  path: string;
  /** The full French name, sections included: « L’hébergeant › Adresse › Code postal ». */
  label: string;
  /** The field's own title: « Code postal ». */
  title: string;
  /** The top-level section it belongs to (its first title), when it is nested. */
  section?: string;
  kind: FieldKind;
  /** Whole numbers only. */
  integer?: boolean;
  /** The possible values (choice, multiple). */
  options?: ChoiceOption[];
  /** A birth date: the age operators are offered. */
  birthDate?: boolean;
  /** Asked only in some cases (a branch of if/then/else, anyOf, oneOf or dependentSchemas). */
  conditional?: boolean;
}

type Schemaish = Record<string, unknown>;
const isObject = (v: unknown): v is Schemaish => typeof v === 'object' && v !== null && !Array.isArray(v);

/** « dateNaissance » → « Date naissance », for a field without a title. */
function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The declared type, `null` left aside (`["string", "null"]` is a string). */
function primaryType(schema: Schemaish): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t): t is string => typeof t === 'string' && t !== 'null');
  return undefined;
}

/** The fixed list of values of a schema: `oneOf`/`anyOf` of consts (with their titles), `enum`, or a `const`. */
function optionsOf(schema: Schemaish): ChoiceOption[] | undefined {
  const primitive = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
  for (const kw of ['oneOf', 'anyOf']) {
    const list = schema[kw];
    if (Array.isArray(list) && list.length > 0 && list.every((x) => isObject(x) && primitive(x.const))) {
      return (list as Schemaish[]).map((x) => ({ value: x.const as string | number | boolean, title: typeof x.title === 'string' ? x.title : String(x.const) }));
    }
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every(primitive)) {
    return (schema.enum as (string | number | boolean)[]).map((v) => ({ value: v, title: String(v) }));
  }
  if (primitive(schema.const)) return [{ value: schema.const, title: typeof schema.title === 'string' ? schema.title : String(schema.const) }];
  return undefined;
}

export interface FieldsOfOptions {
  /** Where the values are in the scope: `data` (the form, by default), `event.payload` (an event's payload). */
  path?: string;
  /** A first section title for every field (« Événement »), to tell them from the form's. */
  title?: string;
}

/**
 * The leaf fields of a form schema, in the order of the form: nested objects flattened, the
 * fields of conditional branches (if/then/else, anyOf, oneOf, dependentSchemas) included once.
 * Arrays of objects (a list of children) are left out: a condition cannot name one item.
 * Tolerant: a draft's incomplete schema gives the fields it can. Another schema of the scope
 * (an event's payload, for a workflow guard) is read the same way with `path` and `title`.
 */
export function fieldsOf(schema: unknown, options: FieldsOfOptions = {}): ConditionField[] {
  const prefix = options.path ?? 'data';
  const root: Schemaish = isObject(schema) ? schema : {};
  const found = new Map<string, ConditionField>();

  /** Follows a local `$ref` (`#/$defs/adresse`); anything else stays as it is. */
  const resolve = (s: unknown, seen = 0): unknown => {
    if (!isObject(s) || typeof s.$ref !== 'string' || !s.$ref.startsWith('#') || seen > 10) return s;
    let target: unknown = root;
    for (const token of s.$ref.slice(1).split('/').filter(Boolean)) {
      const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    if (!isObject(target)) return s;
    const { $ref: _ref, ...rest } = s;
    return resolve({ ...target, ...rest }, seen + 1);
  };

  const kindOf = (s: Schemaish): Pick<ConditionField, 'kind' | 'integer' | 'options'> | undefined => {
    const type = primaryType(s);
    const options = optionsOf(s);
    if (type === 'array') {
      const items = resolve(s.items);
      const itemOptions = isObject(items) ? optionsOf(items) : undefined;
      return itemOptions ? { kind: 'multiple', options: itemOptions } : undefined;
    }
    // A boolean with a « const » (a declaration that must be ticked) is still a yes/no field.
    if (type === 'boolean') return { kind: 'boolean' };
    if (options && options.length > 0) return { kind: 'choice', options };
    if (type === 'number') return { kind: 'number' };
    if (type === 'integer') return { kind: 'number', integer: true };
    if (type === 'string') return s.format === 'date' || s.format === 'date-time' ? { kind: 'date' } : { kind: 'text' };
    return undefined;
  };

  const visit = (raw: unknown, path: string[], titles: string[], conditional: boolean, depth: number): void => {
    const s = resolve(raw);
    if (!isObject(s) || depth > 12) return;
    if (isObject(s.properties)) {
      for (const [key, sub] of Object.entries(s.properties)) property(key, sub, path, titles, conditional, depth);
    }
    if (Array.isArray(s.allOf)) s.allOf.forEach((x) => visit(x, path, titles, conditional, depth + 1));
    for (const kw of ['anyOf', 'oneOf']) {
      const list = s[kw];
      if (Array.isArray(list)) list.forEach((x) => visit(x, path, titles, true, depth + 1));
    }
    for (const kw of ['then', 'else']) visit(s[kw], path, titles, true, depth + 1);
    if (isObject(s.dependentSchemas)) Object.values(s.dependentSchemas).forEach((x) => visit(x, path, titles, true, depth + 1));
  };

  const property = (key: string, raw: unknown, path: string[], titles: string[], conditional: boolean, depth: number): void => {
    const s = resolve(raw);
    if (!isObject(s)) return;
    const at = [...path, key];
    const dataPath = [prefix, ...at].join('.');
    const existing = found.get(dataPath);
    const title = typeof s.title === 'string' && s.title.trim() ? s.title.trim() : existing?.title ?? humanize(key);
    if (primaryType(s) === 'object' || (primaryType(s) === undefined && isObject(s.properties))) {
      visit(s, at, [...titles, title], conditional, depth + 1);
      return;
    }
    // A branch that only narrows a field already known (« then: {properties: {x: {minimum: 3}}} ») adds nothing.
    if (existing) return;
    const kind = kindOf(s);
    if (!kind) return;
    const field: ConditionField = {
      path: dataPath,
      label: [...titles, title].join(' › '),
      title,
      ...(titles.length > 0 ? { section: titles[0] } : {}),
      ...kind,
      ...(kind.kind === 'date' && (/naissance/i.test(key) || /naissance/i.test(title)) ? { birthDate: true } : {}),
      ...(conditional ? { conditional: true } : {}),
    };
    found.set(dataPath, field);
  };

  visit(root, [], options.title ? [options.title] : [], false, 0);
  return [...found.values()];
}

/** The name of a field in a sentence: its own title, or its full label when another field has the same title. */
export function fieldName(field: ConditionField, fields: readonly ConditionField[]): string {
  return fields.some((f) => f !== field && f.path !== field.path && f.title === field.title) ? field.label : field.title;
}
