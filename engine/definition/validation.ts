import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import localizeFr from 'ajv-i18n/localize/fr';
import { deref, propertiesOf, type SchemaNode } from './scopeShape';

/** An invalid field of submitted data: where, which field (its title when the schema has one) and why, in French. */
export interface FieldError {
  /** JSON pointer into the data, e.g. `/visiteur/dateNaissance`. */
  pointer: string;
  /** The field's title, or its name. */
  field: string;
  message: string;
}

/** A fresh Ajv for JSON Schema 2020-12 with the standard formats. Strictness is the caller's choice. */
export function newAjv(strict = false): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict, allowUnionTypes: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

let shared: Ajv2020 | null = null;
/** The Ajv that compiles the schemas found inside definitions (forms, payloads). */
export function definitionAjv(): Ajv2020 {
  shared ??= newAjv(false);
  return shared;
}

type Schemaish = Record<string, unknown>;

const FORMATS_FR: Record<string, string> = {
  date: 'une date au format AAAA-MM-JJ',
  'date-time': 'une date et une heure (AAAA-MM-JJTHH:MM:SSZ)',
  time: 'une heure (HH:MM:SS)',
  email: 'une adresse e-mail valide',
  uri: 'une adresse web complète (https://…)',
  uuid: 'un identifiant UUID',
  duration: 'une durée ISO 8601 (par exemple P15D)',
};

const TYPES_FR: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: 'oui ou non',
  object: 'un ensemble de champs',
  array: 'une liste',
  null: 'vide',
};

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 10 });
const num = (v: unknown) => (typeof v === 'number' ? number.format(v) : String(v));
const isObject = (v: unknown): v is Schemaish => typeof v === 'object' && v !== null && !Array.isArray(v);
const unquote = (v: unknown) => String(v ?? '').replace(/^'(.*)'$/, '$1');

/** A description or help that tells what the expected format is (so it can explain a pattern error). */
export function looksLikeFormatHint(text: unknown): text is string {
  return typeof text === 'string' && /exemple|chiffre|caract|lettre|format|majuscule|minuscule|numéro|\d/i.test(text);
}

/** The choices of a `oneOf`/`anyOf` written as `{ const, title }` branches, if it is one. */
export function choicesOf(branches: unknown): { value: unknown; title: string }[] | null {
  if (!Array.isArray(branches) || branches.length === 0) return null;
  if (!branches.every((b) => isObject(b) && 'const' in b)) return null;
  return branches.map((b: Schemaish) => ({ value: b.const, title: typeof b.title === 'string' ? b.title : String(b.const) }));
}

export const PATTERN_MESSAGE = 'Le format n’est pas celui attendu.';

/** A hint as the end of an error message: without « Facultatif : » (the field is filled in). */
export function asHint(text: string): string {
  const hint = text.replace(/^\s*facultati(f|ve)\s*[:,.–-]\s*/i, '').trim();
  return hint.charAt(0).toUpperCase() + hint.slice(1);
}

const quoted = (values: unknown[]) => values.map((v) => `« ${String(v)} »`).join(', ');

/**
 * The French message for one Ajv error, the same on the server and in the browser's forms: ours for
 * the common keywords, ajv-i18n's for the others. With Ajv's `verbose` option (the forms'), the
 * schema around the error makes it more precise: a box to tick, the hint of a pattern.
 */
export function frenchMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const parent = isObject(e.parentSchema) ? e.parentSchema : {};
  switch (e.keyword) {
    case 'required':
    case 'dependentRequired':
    case 'dependencies': {
      const properties = isObject(parent.properties) ? parent.properties : {};
      const field = properties[unquote(p.missingProperty)];
      return isObject(field) && field.const === true ? 'Cochez cette case.' : 'Ce champ est obligatoire.';
    }
    case 'additionalProperties':
      return `Le champ « ${unquote(p.additionalProperty)} » n’est pas prévu ici : retirez-le.`;
    case 'type':
      return `Doit être ${String(p.type).split(',').map((t) => TYPES_FR[t] ?? t).join(' ou ')}.`;
    case 'enum': {
      const choices = choicesOf(parent.oneOf) ?? choicesOf(parent.anyOf);
      const values = Array.isArray(p.allowedValues) ? p.allowedValues : [];
      return `Choisissez une des valeurs proposées : ${choices ? quoted(choices.map((c) => c.title)) : quoted(values)}.`;
    }
    case 'oneOf':
    case 'anyOf': {
      const choices = choicesOf(e.schema);
      if (choices) return `Choisissez une des valeurs proposées : ${quoted(choices.map((c) => c.title))}.`;
      return e.keyword === 'oneOf' ? 'Choisissez une seule des possibilités proposées.' : 'Choisissez une des possibilités proposées.';
    }
    case 'const':
      return p.allowedValue === true ? 'Cochez cette case.' : `Doit valoir « ${String(p.allowedValue)} ».`;
    case 'format':
      return `Doit être ${FORMATS_FR[String(p.format)] ?? `au format ${String(p.format)}`}.`;
    case 'pattern':
      return looksLikeFormatHint(parent.description) ? `${PATTERN_MESSAGE} ${asHint(parent.description)}` : PATTERN_MESSAGE;
    case 'minLength':
      return p.limit === 1 ? 'Ce champ ne peut pas être vide.' : `Doit contenir au moins ${num(p.limit)} caractères.`;
    case 'maxLength':
      return `Doit contenir au plus ${num(p.limit)} caractères.`;
    case 'minimum':
      return `Doit être supérieur ou égal à ${num(p.limit)}.`;
    case 'maximum':
      return `Doit être inférieur ou égal à ${num(p.limit)}.`;
    case 'exclusiveMinimum':
      return `Doit être strictement supérieur à ${num(p.limit)}.`;
    case 'exclusiveMaximum':
      return `Doit être strictement inférieur à ${num(p.limit)}.`;
    case 'multipleOf':
      return `Doit être un multiple de ${num(p.multipleOf)}.`;
    case 'minItems':
      return `Choisissez ou ajoutez au moins ${num(p.limit)} élément${p.limit === 1 ? '' : 's'}.`;
    case 'maxItems':
      return `Au plus ${num(p.limit)} élément${p.limit === 1 ? '' : 's'}.`;
    case 'uniqueItems':
      return 'Chaque élément ne doit figurer qu’une fois.';
    case 'formatMinimum':
    case 'formatExclusiveMinimum':
      return `Doit être postérieur ${e.keyword === 'formatMinimum' ? 'ou égal ' : ''}au ${String(p.limit)}.`;
    case 'formatMaximum':
    case 'formatExclusiveMaximum':
      return `Doit être antérieur ${e.keyword === 'formatMaximum' ? 'ou égal ' : ''}au ${String(p.limit)}.`;
    default: {
      const copy = { ...e };
      localizeFr([copy]);
      const text = copy.message ?? e.message ?? 'Valeur non valide.';
      return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
    }
  }
}

const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles (once per schema object) a validator for data described by a schema of a definition. */
export function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = definitionAjv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Validates data against a schema of a definition; the errors are data, in French. */
export function validateData(schema: object, data: unknown): FieldError[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  return fieldErrors(validate.errors ?? [], schema);
}

/** The subschema at a data pointer, following properties (conditional ones too), `items` and local `$ref`s. */
function subschemaAt(root: object, pointer: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root as SchemaNode;
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const token of tokens) {
    node = deref(node, root as SchemaNode);
    if (!node) return undefined;
    const property = propertiesOf(node, root as SchemaNode).get(token);
    if (property) node = property;
    else if (/^\d+$/.test(token) && node.items && typeof node.items === 'object') node = node.items as SchemaNode;
    else return undefined;
  }
  return deref(node, root as SchemaNode);
}

/** Turns Ajv errors into field errors: one per field and keyword, pointing at the field itself. */
export function fieldErrors(errors: ErrorObject[], schema: object): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  // `if`/`oneOf` wrappers repeat what their branches say; the branches are precise enough,
  // except for a list of choices, where each branch's « must be X » is answered once with all of them.
  for (const e of errors.filter((x) => !['if', 'allOf'].includes(x.keyword))) {
    const pointer = e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath;
    const field = subschemaAt(schema, pointer);
    const choices = choicesOf(field?.oneOf) ?? choicesOf(field?.anyOf);
    if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && !choices) continue;
    if (e.keyword === 'const' && choices && /\/(oneOf|anyOf)\/\d+\/const$/.test(e.schemaPath)) continue;
    const key = `${pointer} ${choices && e.keyword !== 'required' ? 'choice' : e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // An item of a list is named after the list.
    const listTitle = /\/\d+$/.test(pointer) ? subschemaAt(schema, pointer.replace(/\/\d+$/, ''))?.title : undefined;
    const name = typeof listTitle === 'string' ? listTitle : pointer.split('/').pop() || 'formulaire';
    const message = choices && e.keyword !== 'required'
      ? `Choisissez une des valeurs proposées : ${choices.map((c) => `« ${c.title} »`).join(', ')}.`
      : frenchMessage(e);
    out.push({ pointer, field: typeof field?.title === 'string' ? field.title : name, message });
  }
  return out;
}
