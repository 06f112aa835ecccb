/**
 * Form data shown for reading: each field by its schema title, choices by their titles, dates in
 * French, yes/no for booleans, nested objects as sub-lists and lists as numbered items.
 */
import type { Demarche } from '../../../engine';
import { formatDate, formatDateTime } from '../../forms/format';

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema of a property, wherever the schema declares it (properties, conditional branches, allOf…). */
export function propertySchema(schema: unknown, key: string): Schema | undefined {
  if (!isObject(schema)) return undefined;
  if (isObject(schema.properties) && isObject(schema.properties[key])) return schema.properties[key];
  for (const kw of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[kw];
    if (Array.isArray(list)) {
      for (const sub of list) {
        const found = propertySchema(sub, key);
        if (found) return found;
      }
    }
  }
  for (const kw of ['then', 'else']) {
    const found = propertySchema(schema[kw], key);
    if (found) return found;
  }
  for (const kw of ['dependentSchemas', 'dependencies']) {
    const deps = schema[kw];
    if (isObject(deps)) {
      for (const sub of Object.values(deps)) {
        const found = propertySchema(sub, key);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The declared property names of an object schema, in order (conditional ones after). */
function declaredKeys(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const keys: string[] = [];
  const add = (s: unknown) => {
    if (!isObject(s)) return;
    if (isObject(s.properties)) for (const k of Object.keys(s.properties)) if (!keys.includes(k)) keys.push(k);
    for (const kw of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[kw])) (s[kw] as unknown[]).forEach(add);
    add(s.then);
    add(s.else);
  };
  add(schema);
  return keys;
}

function choiceTitle(schema: Schema | undefined, value: unknown): string | null {
  if (!schema) return null;
  for (const kw of ['oneOf', 'anyOf']) {
    const list = schema[kw];
    if (Array.isArray(list)) {
      const hit = list.find((b) => isObject(b) && 'const' in b && b.const === value);
      if (isObject(hit) && typeof hit.title === 'string') return hit.title;
    }
  }
  return null;
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A scalar value in words. */
export function scalarText(schema: Schema | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const choice = choiceTitle(schema, value);
  if (choice) return choice;
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return numberFormat.format(value);
  if (typeof value === 'string') {
    if (schema?.format === 'date') return formatDate(value);
    if (schema?.format === 'date-time') return formatDateTime(value);
    return value;
  }
  return JSON.stringify(value);
}

function titleOf(schema: Schema | undefined, key: string): string {
  return typeof schema?.title === 'string' ? schema.title : key;
}

/** One value: a scalar, a list of choices, a nested object or a list of items. */
function Value({ schema, value }: { schema: Schema | undefined; value: unknown }) {
  if (Array.isArray(value)) {
    const items = isObject(schema?.items) ? schema.items : undefined;
    if (value.length === 0) return <>Aucun</>;
    if (value.every((v) => !isObject(v) && !Array.isArray(v))) {
      return <>{value.map((v) => scalarText(items, v)).join(', ')}</>;
    }
    return (
      <ol className="guichet-data__items">
        {value.map((v, i) => (
          <li key={i}>
            <span className="guichet-data__item-title">{titleOf(items, 'Élément')} {i + 1}</span>
            <Value schema={items} value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (isObject(value)) return <Fields schema={schema} data={value} />;
  return <>{scalarText(schema, value)}</>;
}

/** The fields of an object: those the schema declares, in its order, then any others. */
export function Fields({ schema, data, keys }: { schema: Schema | undefined; data: Record<string, unknown>; keys?: string[] }) {
  const order = keys ?? [...declaredKeys(schema), ...Object.keys(data).filter((k) => !declaredKeys(schema).includes(k))];
  const shown = order.filter((k) => data[k] !== undefined);
  if (shown.length === 0) return <p className="fr-text--sm fr-mb-0">Rien de renseigné.</p>;
  return (
    <dl className="guichet-data">
      {shown.map((k) => {
        const sub = propertySchema(schema, k);
        return (
          <div className="guichet-data__row" key={k}>
            <dt>{titleOf(sub, k)}</dt>
            <dd><Value schema={sub} value={data[k]} /></dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The form data of a dossier, laid out by the pages of its definition's form. */
export function FormDataView({ definition, data, headingLevel = 3 }: { definition: Demarche; data: Record<string, unknown>; headingLevel?: 3 | 4 }) {
  const schema = definition.form.schema as Schema;
  const pages = definition.form.pages ?? [{ id: 'formulaire', title: 'Formulaire', fields: declaredKeys(schema) }];
  const onPages = new Set(pages.flatMap((p) => p.fields));
  const others = Object.keys(data).filter((k) => !onPages.has(k));
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  return (
    <>
      {pages.map((page) => (
        <section key={page.id} className="fr-mb-3w" aria-labelledby={`page-${page.id}`}>
          <Heading id={`page-${page.id}`} className="fr-h6 fr-mb-1w">{page.title}</Heading>
          <Fields schema={schema} data={data} keys={page.fields} />
        </section>
      ))}
      {others.length > 0 && (
        <section className="fr-mb-3w" aria-labelledby="page-autres">
          <Heading id="page-autres" className="fr-h6 fr-mb-1w">Autres informations</Heading>
          <Fields schema={schema} data={data} keys={others} />
        </section>
      )}
    </>
  );
}
