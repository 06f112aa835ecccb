import type { Demarche, FormPage } from '../../engine';
import { DesignError, edit, isSlug, slugify } from './edit';

/** The kinds of field the form builder offers, each one a piece of JSON Schema and rjsf uiSchema. */
export const FIELD_TYPES = {
  texte: 'Texte court',
  texte_long: 'Texte long',
  nombre: 'Nombre',
  entier: 'Nombre entier',
  date: 'Date',
  choix: 'Choix unique',
  choix_multiple: 'Choix multiple',
  oui_non: 'Oui / non',
  email: 'Adresse e-mail',
  telephone: 'Téléphone',
  code_postal: 'Code postal',
  adresse: 'Adresse postale',
} as const;

export type FieldType = keyof typeof FIELD_TYPES;

/** A field as the form builder edits it. */
export interface FieldSpec {
  key: string;
  type: FieldType;
  title: string;
  description?: string;
  required: boolean;
  /** texte, texte_long: length; nombre, entier: value. */
  min?: number;
  max?: number;
  /** texte: a regular expression the value must match. */
  pattern?: string;
  /** choix, choix_multiple. */
  options?: { value: string; label: string }[];
  /** Show the field only when another field has a value (a choice or a yes/no). */
  showWhen?: { field: string; equals: string | boolean };
}

type Schema = Record<string, unknown>;

const PHONE = '^(?:0|\\+33 ?)[1-9](?:[ .-]?\\d{2}){4}$';
const POSTCODE = '^(?:0[1-9]|[1-8]\\d|9[0-8])\\d{3}$';

function schemaOf(spec: FieldSpec): Schema {
  const base: Schema = { title: spec.title, ...(spec.description ? { description: spec.description } : {}) };
  const choices = (spec.options ?? []).map((o) => ({ const: o.value, title: o.label }));
  switch (spec.type) {
    case 'texte':
    case 'texte_long':
      return { type: 'string', ...base, minLength: typeof spec.min === 'number' ? spec.min : spec.required ? 1 : undefined, ...(typeof spec.max === 'number' ? { maxLength: spec.max } : {}), ...(spec.pattern ? { pattern: spec.pattern } : {}) };
    case 'nombre':
    case 'entier':
      return { type: spec.type === 'entier' ? 'integer' : 'number', ...base, ...(typeof spec.min === 'number' ? { minimum: spec.min } : {}), ...(typeof spec.max === 'number' ? { maximum: spec.max } : {}) };
    case 'date':
      // Bounds of a date are usually relative (an age, a delay): they are conditions of the workflow.
      return { type: 'string', format: 'date', ...base };
    case 'choix':
      return { type: 'string', ...base, oneOf: choices };
    case 'choix_multiple':
      return { type: 'array', ...base, uniqueItems: true, items: { type: 'string', oneOf: choices }, ...(spec.required ? { minItems: 1 } : {}) };
    case 'oui_non':
      return { type: 'boolean', ...base };
    case 'email':
      return { type: 'string', format: 'email', ...base };
    case 'telephone':
      return { type: 'string', pattern: PHONE, ...base, description: spec.description ?? 'Par exemple 06 12 34 56 78.' };
    case 'code_postal':
      return { type: 'string', pattern: POSTCODE, ...base, description: spec.description ?? 'Cinq chiffres, par exemple 69003.' };
    case 'adresse':
      return {
        type: 'object', ...base, required: ['voie', 'codePostal', 'commune'],
        properties: {
          voie: { type: 'string', title: 'Numéro et voie', minLength: 1 },
          complement: { type: 'string', title: 'Complément d’adresse' },
          codePostal: { type: 'string', title: 'Code postal', pattern: POSTCODE },
          commune: { type: 'string', title: 'Commune', minLength: 1 },
        },
      };
  }
}

/** Recognises the kind of a field from its schema (the designer also opens definitions written by hand). */
export function fieldTypeOf(schema: Schema, ui: Schema | undefined): FieldType {
  if (schema.type === 'object') return 'adresse';
  if (schema.type === 'array') return 'choix_multiple';
  if (schema.type === 'boolean') return 'oui_non';
  if (schema.type === 'integer') return 'entier';
  if (schema.type === 'number') return 'nombre';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'email') return 'email';
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.enum)) return 'choix';
  if (schema.pattern === PHONE) return 'telephone';
  if (schema.pattern === POSTCODE) return 'code_postal';
  return ui?.['ui:widget'] === 'textarea' ? 'texte_long' : 'texte';
}

interface Located {
  /** The object holding the property: the root schema, or the `then` of a condition. */
  holder: Schema;
  schema: Schema;
  condition?: { field: string; equals: string | boolean; branch: Schema };
}

function conditions(root: Schema): Schema[] {
  return (Array.isArray(root.allOf) ? root.allOf : []) as Schema[];
}

/** Where a top-level field is declared: directly, or in the `then` of a condition. */
function locate(root: Schema, key: string): Located | null {
  const props = (root.properties ?? {}) as Record<string, Schema>;
  if (props[key]) return { holder: root, schema: props[key] };
  for (const branch of conditions(root)) {
    const then = branch.then as Schema | undefined;
    const props2 = (then?.properties ?? {}) as Record<string, Schema>;
    if (props2[key]) {
      const ifProps = ((branch.if as Schema | undefined)?.properties ?? {}) as Record<string, Schema>;
      const [field, test] = Object.entries(ifProps)[0] ?? [];
      return { holder: then!, schema: props2[key], condition: field ? { field, equals: test.const as string | boolean, branch } : undefined };
    }
  }
  return null;
}

/** Every top-level field of the form, in page order, conditional ones included. */
export function fieldKeys(definition: Demarche): string[] {
  const root = definition.form.schema as Schema;
  const keys = Object.keys((root.properties ?? {}) as object);
  for (const branch of conditions(root)) keys.push(...Object.keys(((branch.then as Schema | undefined)?.properties ?? {}) as object));
  const paged = (definition.form.pages ?? []).flatMap((p) => p.fields);
  return [...paged.filter((k) => keys.includes(k)), ...keys.filter((k) => !paged.includes(k))];
}

/** A field as the builder shows it. */
export function fieldSpec(definition: Demarche, key: string): FieldSpec {
  const root = definition.form.schema as Schema;
  const found = locate(root, key);
  if (!found) throw new DesignError(`Le champ « ${key} » n’existe pas.`);
  const { schema, holder, condition } = found;
  const ui = (definition.form.uiSchema?.[key] ?? undefined) as Schema | undefined;
  const type = fieldTypeOf(schema, ui);
  const items = schema.items as Schema | undefined;
  const holderOfChoices = type === 'choix_multiple' ? items : schema;
  // Choices written as `enum` (no titles) are read as options labelled by their values.
  const choices = (holderOfChoices?.oneOf ?? (Array.isArray(holderOfChoices?.enum) ? (holderOfChoices!.enum as string[]).map((v) => ({ const: v })) : undefined)) as
    { const: string; title?: string }[] | undefined;
  const min = (schema.minLength ?? schema.minimum) as number | undefined;
  const max = (schema.maxLength ?? schema.maximum) as number | undefined;
  return {
    key,
    type,
    title: String(schema.title ?? key),
    description: schema.description as string | undefined,
    required: ((holder.required ?? []) as string[]).includes(key),
    ...(min !== undefined && !((type === 'texte' || type === 'texte_long') && min === 1) ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(type === 'texte' && typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
    ...(choices ? { options: choices.map((c) => ({ value: String(c.const), label: c.title ?? String(c.const) })) } : {}),
    ...(condition ? { showWhen: { field: condition.field, equals: condition.equals } } : {}),
  };
}

function pageOf(definition: Demarche, pageId: string): FormPage {
  const page = (definition.form.pages ?? []).find((p) => p.id === pageId);
  if (!page) throw new DesignError(`La page « ${pageId} » n’existe pas.`);
  return page;
}

/** Removes a field's declaration wherever it is (plain or conditional), and its uiSchema. */
function unplace(d: Demarche, key: string): void {
  const root = d.form.schema as Schema;
  const found = locate(root, key);
  if (!found) return;
  const props = found.holder.properties as Record<string, Schema>;
  delete props[key];
  found.holder.required = ((found.holder.required ?? []) as string[]).filter((k) => k !== key);
  if ((found.holder.required as string[]).length === 0) delete found.holder.required;
  if (found.condition && Object.keys(props).length === 0) {
    root.allOf = conditions(root).filter((b) => b !== found.condition!.branch);
    if ((root.allOf as Schema[]).length === 0) delete root.allOf;
  }
}

/** Declares a field from its spec: plainly, or under the condition that shows it. */
function place(d: Demarche, spec: FieldSpec): void {
  const root = d.form.schema as Schema;
  let holder = root;
  if (spec.showWhen) {
    if (!locate(root, spec.showWhen.field)) throw new DesignError(`Le champ « ${spec.showWhen.field} » dont dépend l’affichage n’existe pas.`);
    const { field, equals } = spec.showWhen;
    let branch = conditions(root).find((b) => {
      const test = (((b.if as Schema | undefined)?.properties ?? {}) as Record<string, Schema>)[field];
      return test && test.const === equals && Object.keys(((b.if as Schema).properties ?? {}) as object).length === 1;
    });
    if (!branch) {
      branch = { if: { properties: { [field]: { const: equals } }, required: [field] }, then: { properties: {} } };
      root.allOf = [...conditions(root), branch];
    }
    holder = branch.then as Schema;
    holder.properties ??= {};
  }
  holder.properties = { ...((holder.properties ?? {}) as object), [spec.key]: schemaOf(spec) };
  if (spec.required) holder.required = [...new Set([...((holder.required ?? []) as string[]), spec.key])];
  const ui = { ...((d.form.uiSchema ?? {}) as Record<string, Schema>) };
  if (spec.type === 'texte_long') ui[spec.key] = { ...(ui[spec.key] ?? {}), 'ui:widget': 'textarea' };
  else if (ui[spec.key]) {
    const { 'ui:widget': _widget, ...rest } = ui[spec.key];
    if (Object.keys(rest).length) ui[spec.key] = rest;
    else delete ui[spec.key];
  }
  d.form.uiSchema = ui;
}

/** A page at the end of the form. */
export function addPage(definition: Demarche, title: string): { definition: Demarche; pageId: string } {
  const taken = new Set((definition.form.pages ?? []).map((p) => p.id));
  let id = slugify(title) || 'page';
  for (let i = 2; taken.has(id); i++) id = `${slugify(title)}_${i}`;
  const next = edit(definition, (d) => {
    d.form.pages = [...(d.form.pages ?? []), { id, title, fields: [] as unknown as FormPage['fields'] }];
  });
  return { definition: next, pageId: id };
}

export function renamePage(definition: Demarche, pageId: string, title: string): Demarche {
  return edit(definition, (d) => { pageOf(d, pageId).title = title; });
}

/** Removes an empty page (its fields must be moved or removed first). */
export function removePage(definition: Demarche, pageId: string): Demarche {
  return edit(definition, (d) => {
    if (pageOf(d, pageId).fields.length) throw new DesignError('Cette page a encore des champs : déplacez-les ou supprimez-les d’abord.');
    d.form.pages = (d.form.pages ?? []).filter((p) => p.id !== pageId);
  });
}

export function movePage(definition: Demarche, pageId: string, toIndex: number): Demarche {
  return edit(definition, (d) => {
    const pages = [...(d.form.pages ?? [])];
    const from = pages.findIndex((p) => p.id === pageId);
    if (from < 0) throw new DesignError(`La page « ${pageId} » n’existe pas.`);
    const [page] = pages.splice(from, 1);
    pages.splice(Math.max(0, Math.min(toIndex, pages.length)), 0, page);
    d.form.pages = pages;
  });
}

/** Adds a field to a page; its key comes from its title unless given. */
export function addField(definition: Demarche, pageId: string, spec: Omit<FieldSpec, 'key'> & { key?: string }): { definition: Demarche; key: string } {
  const existing = new Set(fieldKeys(definition));
  let key = spec.key ?? camelKey(spec.title);
  if (!spec.key) for (let i = 2; existing.has(key); i++) key = `${camelKey(spec.title)}${i}`;
  if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(key)) throw new DesignError(`« ${key} » n’est pas un nom de champ valide : lettres sans accents et chiffres, en commençant par une lettre.`);
  if (existing.has(key)) throw new DesignError(`Un champ « ${key} » existe déjà.`);
  const next = edit(definition, (d) => {
    place(d, { ...spec, key });
    const page = pageOf(d, pageId);
    page.fields = [...page.fields, key] as FormPage['fields'];
  });
  return { definition: next, key };
}

/** Changes a field (its kind, labels, constraints, options, condition); its key stays. */
export function updateField(definition: Demarche, key: string, spec: Omit<FieldSpec, 'key'>): Demarche {
  if (spec.showWhen?.field === key) throw new DesignError('Un champ ne peut pas dépendre de lui-même.');
  return edit(definition, (d) => {
    if (!locate(d.form.schema as Schema, key)) throw new DesignError(`Le champ « ${key} » n’existe pas.`);
    unplace(d, key);
    place(d, { ...spec, key });
  });
}

/** Removes a field from the form and its page. Conditions that read it are reported by `referencesTo` and the linter. */
export function removeField(definition: Demarche, key: string): Demarche {
  return edit(definition, (d) => {
    unplace(d, key);
    for (const page of d.form.pages ?? []) page.fields = page.fields.filter((f) => f !== key) as FormPage['fields'];
    if (d.form.uiSchema) delete (d.form.uiSchema as Record<string, unknown>)[key];
  });
}

/** Renames a field's key; pages, conditions that show fields and the uiSchema follow. Conditions elsewhere are flagged, not rewritten. */
export function renameField(definition: Demarche, key: string, newKey: string): Demarche {
  if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(newKey)) throw new DesignError(`« ${newKey} » n’est pas un nom de champ valide : lettres sans accents et chiffres, en commençant par une lettre.`);
  if (key === newKey) return definition;
  if (fieldKeys(definition).includes(newKey)) throw new DesignError(`Un champ « ${newKey} » existe déjà.`);
  return edit(definition, (d) => {
    const spec = fieldSpec(d, key);
    const dependents = fieldKeys(d).filter((k) => k !== key && fieldSpec(d, k).showWhen?.field === key).map((k) => fieldSpec(d, k));
    unplace(d, key);
    place(d, { ...spec, key: newKey });
    for (const dep of dependents) {
      unplace(d, dep.key);
      place(d, { ...dep, showWhen: { ...dep.showWhen!, field: newKey } });
    }
    for (const page of d.form.pages ?? []) page.fields = page.fields.map((f) => (f === key ? newKey : f)) as FormPage['fields'];
    const ui = d.form.uiSchema as Record<string, unknown> | undefined;
    if (ui?.[key]) {
      ui[newKey] = ui[key];
      delete ui[key];
    }
  });
}

/** Moves a field to a position on a page (its own or another). */
export function moveField(definition: Demarche, key: string, toPageId: string, toIndex: number): Demarche {
  return edit(definition, (d) => {
    for (const page of d.form.pages ?? []) page.fields = page.fields.filter((f) => f !== key) as FormPage['fields'];
    const page = pageOf(d, toPageId);
    const fields = [...page.fields];
    fields.splice(Math.max(0, Math.min(toIndex, fields.length)), 0, key);
    page.fields = fields as FormPage['fields'];
  });
}

/** « Date de naissance » → « dateNaissance »: the form's field keys are French lowerCamelCase. */
export function camelKey(title: string): string {
  const words = slugify(title).split('_').filter((w) => w && !['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'a', 'au', 'aux', 'et'].includes(w));
  const key = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[a-z]/.test(key) ? key : `champ${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

export { isSlug };
