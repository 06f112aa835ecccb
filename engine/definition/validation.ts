import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import localizeFr from 'ajv-i18n/localize/fr';

/** An invalid field of submitted data: where, which field (its title when the schema has one) and why, in French. */
export interface FieldError {
  /** JSON pointer into the data, e.g. `/visiteur/dateNaissance`. */
  pointer: string;
  /** The field's title, or its name. */
  field: string;
  message: string;
}

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
  boolean: 'oui ou non (booléen)',
  object: 'un objet',
  array: 'une liste',
  null: 'vide (null)',
};

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

function list(values: unknown[]): string {
  return values.map((v) => `« ${String(v)} »`).join(', ');
}

/** French message for one Ajv error: ours for the common keywords, ajv-i18n's for the rest. */
export function frenchMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'Ce champ est obligatoire.';
    case 'additionalProperties':
      return `Le champ « ${String(p.additionalProperty)} » n’est pas prévu ici : retirez-le.`;
    case 'type':
      return `Doit être ${String(p.type).split(',').map((t) => TYPES_FR[t] ?? t).join(' ou ')}.`;
    case 'enum':
      return `Choisissez une des valeurs proposées : ${list(p.allowedValues as unknown[])}.`;
    case 'const':
      return `Doit valoir « ${String(p.allowedValue)} ».`;
    case 'format':
      return `Doit être ${FORMATS_FR[String(p.format)] ?? `au format ${String(p.format)}`}.`;
    case 'pattern':
      return 'Le format n’est pas celui attendu.';
    case 'minLength':
      return p.limit === 1 ? 'Ce champ ne peut pas être vide.' : `Doit contenir au moins ${String(p.limit)} caractères.`;
    case 'maxLength':
      return `Doit contenir au plus ${String(p.limit)} caractères.`;
    case 'minimum':
      return `Doit être supérieur ou égal à ${String(p.limit)}.`;
    case 'maximum':
      return `Doit être inférieur ou égal à ${String(p.limit)}.`;
    case 'exclusiveMinimum':
      return `Doit être strictement supérieur à ${String(p.limit)}.`;
    case 'exclusiveMaximum':
      return `Doit être strictement inférieur à ${String(p.limit)}.`;
    case 'minItems':
      return `Choisissez ou ajoutez au moins ${String(p.limit)} élément${p.limit === 1 ? '' : 's'}.`;
    case 'maxItems':
      return `Au plus ${String(p.limit)} élément${p.limit === 1 ? '' : 's'}.`;
    case 'uniqueItems':
      return 'Chaque élément ne doit figurer qu’une fois.';
    default: {
      const copy = { ...e };
      localizeFr([copy]);
      const text = copy.message ?? e.message ?? 'Valeur invalide.';
      return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
    }
  }
}

/** The subschema at a data pointer, following `properties`, `items` and local `$ref`s, to find a field's title. */
function subschemaAt(root: object, pointer: string): Record<string, unknown> | undefined {
  let node = root as Record<string, unknown> | undefined;
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const token of tokens) {
    node = deref(root, node);
    if (!node) return undefined;
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (props && token in props) node = props[token];
    else if (/^\d+$/.test(token) && node.items && typeof node.items === 'object') node = node.items as Record<string, unknown>;
    else return undefined;
  }
  return deref(root, node);
}

function deref(root: object, node: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  let current = node;
  for (let i = 0; i < 8 && current && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); i++) {
    let target: unknown = root;
    for (const t of current.$ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[t];
    current = target as Record<string, unknown> | undefined;
  }
  return current;
}

/** Turns Ajv errors into field errors: one per field and keyword, pointing at the field itself. */
export function fieldErrors(errors: ErrorObject[], schema: object): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  // `if`/`oneOf` wrappers repeat what their branches say; the branches are precise enough.
  for (const e of errors.filter((x) => !['if', 'oneOf', 'anyOf', 'allOf'].includes(x.keyword))) {
    const pointer = e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath;
    const key = `${pointer} ${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = pointer.split('/').pop() || 'formulaire';
    const title = subschemaAt(schema, pointer)?.title;
    out.push({ pointer, field: typeof title === 'string' ? title : name, message: frenchMessage(e) });
  }
  return out;
}
