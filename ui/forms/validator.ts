/**
 * The validator of the forms: JSON Schema 2020-12 (Ajv2020 with the standard formats), French
 * messages worded like the server's (engine/definition/validation.ts), ajv-i18n for the rest.
 */
import type { ErrorTransformer, RJSFValidationError, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import localizeFr from 'ajv-i18n/localize/fr';

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
function asHint(text: string): string {
  const hint = text.replace(/^\s*facultati(f|ve)\s*[:,.–-]\s*/i, '').trim();
  return hint.charAt(0).toUpperCase() + hint.slice(1);
}

const quoted = (values: unknown[]) => values.map((v) => `« ${String(v)} »`).join(', ');

/**
 * The French message for one Ajv error (Ajv's `verbose` option gives the schema around it):
 * ours for the common keywords, the same words as the server; ajv-i18n's for the others.
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

/**
 * The localizer given to rjsf's validator: French messages, and the errors that only repeat others
 * removed (the `if` wrapper of a conditional, each branch of a list of choices whose `oneOf` error
 * says it once with all the choices).
 */
export function localizeErrors(errors?: null | ErrorObject[]): void {
  if (!errors) return;
  const kept: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (e.keyword === 'const' && /\/(oneOf|anyOf)\/\d+\/const$/.test(e.schemaPath)) {
      const wrapper = e.schemaPath.replace(/\/\d+\/const$/, '');
      if (errors.some((o) => o.schemaPath === wrapper && o.instancePath === e.instancePath && choicesOf(o.schema))) continue;
    }
    e.message = frenchMessage(e);
    kept.push(e);
  }
  errors.splice(0, errors.length, ...kept);
}

const getPath = (ui: unknown, path: string[]): Schemaish | undefined => {
  let node: unknown = ui;
  for (const segment of path) {
    if (!isObject(node)) return undefined;
    node = /^\d+$/.test(segment) ? node.items : node[segment];
  }
  return isObject(node) ? node : undefined;
};

/**
 * Errors made precise with the uiSchema: a pattern error with no hint from the schema says what
 * the field's help (if it describes a format) or its placeholder (an example) shows. Also drops
 * duplicates (same field, same message).
 */
export const transformErrors: ErrorTransformer = (errors: RJSFValidationError[], uiSchema?: UiSchema) => {
  const seen = new Set<string>();
  const out: RJSFValidationError[] = [];
  for (const error of errors) {
    let e = error;
    if (e.name === 'pattern' && e.message === PATTERN_MESSAGE) {
      const ui = getPath(uiSchema, (e.property ?? '').split('.').filter(Boolean)) ?? {};
      const options = isObject(ui['ui:options']) ? ui['ui:options'] : {};
      const help = ui['ui:help'] ?? options.help;
      const placeholder = ui['ui:placeholder'] ?? options.placeholder;
      const message = looksLikeFormatHint(help)
        ? `${PATTERN_MESSAGE} ${asHint(help)}`
        : typeof placeholder === 'string' && placeholder
          ? `${PATTERN_MESSAGE} Exemple : ${placeholder}.`
          : PATTERN_MESSAGE;
      e = { ...e, message, stack: e.stack.replace(PATTERN_MESSAGE, message) };
    }
    const key = `${e.property ?? ''}\u0000${e.message ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
};

/**
 * A new validator for 2020-12 schemas with French messages. Each form holds its own, so forms shown
 * together do not take turns registering their root schema in a shared Ajv.
 */
export function createValidator() {
  return customizeValidator(
    {
      AjvClass: Ajv2020 as unknown as NonNullable<Parameters<typeof customizeValidator>[0]>['AjvClass'],
      ajvOptionsOverrides: { allowUnionTypes: true, validateFormats: true, strict: false },
    },
    localizeErrors,
  );
}

/** A validator shared by the forms that do not bring their own. */
export const validator = createValidator();
