/**
 * The validator of the forms: JSON Schema 2020-12 (Ajv2020 with the standard formats), with the
 * engine's French messages, the very words the server answers with.
 */
import type { ErrorTransformer, RJSFValidationError, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { PATTERN_MESSAGE, asHint, choicesOf, frenchMessage, looksLikeFormatHint } from '../../engine';
import { isObject } from './schemaTools';

type Schemaish = Record<string, unknown>;

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
