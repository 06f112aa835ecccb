/**
 * What a field looks like, decided once for the field template and for the widget so that they
 * agree: a text input with its label, a list of radios or boxes in a fieldset with its legend, a
 * single box… Plus the ids that tie a control to its hint and its error.
 */
import { descriptionId, errorId, getSchemaType, getUiOptions, helpId } from '@rjsf/utils';
import type { Experimental_DefaultFormStateBehavior, FormContextType, Registry, RJSFSchema, UiSchema } from '@rjsf/utils';

export type ControlKind = 'hidden' | 'object' | 'array' | 'radio' | 'checkboxes' | 'checkbox' | 'select' | 'textarea' | 'input';

/**
 * How rjsf fills a form's defaults: never with a constant (a certification box is not ticked for
 * the citizen, no choice of a list is made for them), never `false` for a yes/no they must answer.
 */
export const DEFAULT_FORM_STATE_BEHAVIOR: Experimental_DefaultFormStateBehavior = {
  constAsDefaults: 'never',
  requiredBooleanDefault: 'skip',
};

/** Up to this many choices, a list of choices is a set of radios; beyond, a drop-down list. */
export const MAX_RADIOS = 5;

/** What the forms pass to every template and widget. */
export interface GuichetFormContext extends FormContextType {
  /** The heading level of the top-level groups' legends (default 3). */
  headingLevel?: 2 | 3 | 4 | 5;
}

type AnyRegistry = Registry;

function firstType(schema: RJSFSchema): string | undefined {
  const type = getSchemaType(schema);
  if (Array.isArray(type)) return type.find((t) => t !== 'null');
  return type;
}

/** How many choices a schema offers (`enum`, or `oneOf`/`anyOf` of constants). */
export function choiceCount(schema: RJSFSchema): number {
  if (Array.isArray(schema.enum)) return schema.enum.length;
  const list = schema.oneOf ?? schema.anyOf;
  return Array.isArray(list) ? list.length : 0;
}

/** A boolean that must be true: a box to tick (« Je certifie… »). */
export function isCertification(schema: RJSFSchema): boolean {
  return schema.const === true || (Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === true);
}

/**
 * The control of a field. Lists of up to {@link MAX_RADIOS} choices are radios unless the uiSchema
 * asks for a drop-down list; multiple choices are boxes; a yes/no question the citizen must answer
 * is a pair of radios « Oui » / « Non » (an unticked box cannot tell « non » from « not answered »),
 * while a certification or an optional yes/no is a single box.
 */
export function controlKind(schema: RJSFSchema, uiSchema: UiSchema | undefined, registry: AnyRegistry, required = false): ControlKind {
  const ui = getUiOptions(uiSchema, registry.globalUiOptions);
  const widget = typeof ui.widget === 'string' ? ui.widget : undefined;
  const custom = ui.widget !== undefined && typeof ui.widget !== 'string';
  if (widget === 'hidden') return 'hidden';
  const type = firstType(schema);
  if (type === 'object') return 'object';
  if (type === 'array') {
    if (registry.schemaUtils.isMultiSelect(schema)) return 'checkboxes';
    return custom || widget === 'files' ? 'input' : 'array';
  }
  if (custom) return 'input';
  if (type === 'boolean') {
    if (widget === 'radio' || widget === 'select') return 'radio';
    if (widget === 'checkbox' || isCertification(schema) || !required) return 'checkbox';
    return 'radio';
  }
  if (widget === 'radio') return 'radio';
  if (widget === 'checkboxes') return 'checkboxes';
  if (widget === 'textarea') return 'textarea';
  if (registry.schemaUtils.isSelect(schema)) {
    if (widget === 'select') return 'select';
    if (widget && !['text', 'email', 'date'].includes(widget)) return 'input';
    return choiceCount(schema) <= MAX_RADIOS ? 'radio' : 'select';
  }
  return 'input';
}

/** The texts shown under a label: the schema's description and the uiSchema's help. */
export function hintsOf(schema: RJSFSchema, uiSchema: UiSchema | undefined, registry: AnyRegistry): { description?: string; help?: string } {
  const ui = getUiOptions(uiSchema, registry.globalUiOptions);
  const description = typeof ui.description === 'string' ? ui.description : typeof schema.description === 'string' ? schema.description : undefined;
  const help = typeof ui.help === 'string' ? ui.help : undefined;
  return { description: description || undefined, help: help || undefined };
}

/** `aria-describedby` of a control: its hints (when there are) and its messages (always there). */
export function describedBy(id: string, schema: RJSFSchema, uiSchema: UiSchema | undefined, registry: AnyRegistry): string {
  const { description, help } = hintsOf(schema, uiSchema, registry);
  return [description && descriptionId(id), help && helpId(id), errorId(id)].filter(Boolean).join(' ');
}

/** « (facultatif) », the mark of optional fields: the forms say that the others are required. */
export const OPTIONAL_MARK = ' (facultatif)';

/** Whether a label still needs the mark (some titles already say « (facultatif) »). */
export function needsOptionalMark(label: string): boolean {
  return !/facultati/i.test(label);
}

/** Radios side by side when there are few and short ones (Oui / Non, Madame / Monsieur). */
export function inlineChoices(labels: string[], option: unknown): boolean {
  if (typeof option === 'boolean') return option;
  return labels.length <= 3 && labels.every((l) => l.length <= 20);
}

/** The element to focus for a field's id: the control itself, or the first control inside a group. */
export function focusField(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  const target = element.matches('input, select, textarea, button')
    ? element
    : element.querySelector<HTMLElement>('input:checked, input:not([type=hidden]), select, textarea, button');
  const focusable = target ?? element;
  if (!target && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  // Scroll the label into view too: the control alone would sit under the top edge.
  (element.closest('.fr-input-group, .fr-select-group, .fr-fieldset, .fr-checkbox-group, .fr-upload-group') ?? element)
    .scrollIntoView({ block: 'center' });
  focusable.focus({ preventScroll: true });
  return true;
}
