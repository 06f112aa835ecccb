/**
 * The « Récapitulatif » of a démarche's form: every answer under its French label, page by page,
 * each page with a « Modifier » link back to it.
 */
import type { MouseEvent, ReactNode } from 'react';
import { deepEquals, getUiOptions, orderProperties } from '@rjsf/utils';
import type { RJSFSchema, SchemaUtilsType, UiSchema } from '@rjsf/utils';
import { formatDate, formatDateTime, formatList } from './format';
import { isObject } from './schemaTools';
import { choicesOf } from '../../engine';

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 10 });

type Heading = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
const heading = (level: number) => `h${Math.min(Math.max(level, 2), 6)}` as Heading;

function titleOf(schema: RJSFSchema, ui: unknown, fallback: string): string {
  const options = isObject(ui) ? getUiOptions(ui as UiSchema) : {};
  if (typeof options.title === 'string') return options.title;
  return typeof schema.title === 'string' ? schema.title : fallback;
}

function isHidden(ui: unknown): boolean {
  return isObject(ui) && getUiOptions(ui as UiSchema).widget === 'hidden';
}

/** An answer in words: the title of a choice, « Oui » / « Non », a date in full, a number in French. */
export function answerText(schema: RJSFSchema, ui: unknown, value: unknown): string {
  const choices = choicesOf(schema.oneOf) ?? choicesOf(schema.anyOf);
  const choice = choices?.find((c) => deepEquals(c.value, value));
  if (choice) return choice.title;
  if (Array.isArray(schema.enum)) {
    const names = isObject(ui) ? getUiOptions(ui as UiSchema).enumNames : undefined;
    const index = schema.enum.findIndex((v) => deepEquals(v, value));
    if (index >= 0 && Array.isArray(names) && typeof names[index] === 'string') return names[index];
  }
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return numberFormat.format(value);
  if (typeof value === 'string') {
    if (schema.format === 'date') return formatDate(value);
    if (schema.format === 'date-time') return formatDateTime(value);
    return value;
  }
  return JSON.stringify(value);
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

interface Context {
  utils: SchemaUtilsType;
  issues: ReadonlyMap<string, string[]>;
}

function Messages({ messages }: { messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return <>{messages.map((m, i) => <p className="fr-message fr-message--error" key={i}>{m}</p>)}</>;
}

/** The answers of an object's properties (all of them, or `keys`), as lists and sub-groups. */
function Answers({ schema, ui, value, path, level, keys, context }: {
  schema: RJSFSchema; ui: unknown; value: unknown; path: string[]; level: number; keys?: readonly string[]; context: Context;
}) {
  const resolved = context.utils.retrieveSchema(schema, value);
  const properties = isObject(resolved.properties) ? resolved.properties : {};
  let names = Object.keys(properties);
  const order = isObject(ui) ? (ui as UiSchema)['ui:order'] : undefined;
  if (Array.isArray(order)) {
    try {
      names = orderProperties(names, order as string[]);
    } catch {
      // A wrong ui:order only changes the order.
    }
  }
  if (keys) names = keys.filter((k) => k in properties);

  const blocks: ReactNode[] = [];
  let rows: ReactNode[] = [];
  const flush = () => {
    if (rows.length > 0) blocks.push(<dl className="guichet-recap__list" key={`dl-${blocks.length}`}>{rows}</dl>);
    rows = [];
  };
  const data = isObject(value) ? value : {};
  for (const name of names) {
    const childUi = isObject(ui) ? (ui as Record<string, unknown>)[name] : undefined;
    if (isHidden(childUi) || !isObject(properties[name])) continue;
    const childValue = data[name];
    const childSchema = context.utils.retrieveSchema(properties[name] as RJSFSchema, childValue);
    const childPath = [...path, name];
    const label = titleOf(childSchema, childUi, name);
    const messages = context.issues.get(childPath.join('/'));
    const items = isObject(childSchema.items) ? context.utils.retrieveSchema(childSchema.items as RJSFSchema) : undefined;
    const H = heading(level);
    if (childSchema.type === 'object' || isObject(childSchema.properties)) {
      flush();
      blocks.push(
        <div className="guichet-recap__group" key={name}>
          <H className="guichet-recap__heading">{label}</H>
          <Messages messages={messages} />
          <Answers schema={childSchema} ui={childUi} value={childValue} path={childPath} level={level + 1} context={context} />
        </div>,
      );
    } else if (childSchema.type === 'array' && items && (items.type === 'object' || isObject(items.properties))) {
      flush();
      const list = Array.isArray(childValue) ? childValue : [];
      const itemUi = isObject(childUi) ? (childUi as Record<string, unknown>).items : undefined;
      const itemTitle = titleOf(items, itemUi, 'Élément');
      blocks.push(
        <div className="guichet-recap__group" key={name}>
          <H className="guichet-recap__heading">{label}</H>
          <Messages messages={messages} />
          {list.length === 0 && <p className="guichet-recap__empty">Aucun</p>}
          {list.map((item, i) => {
            const ItemHeading = heading(level + 1);
            return (
              <div className="guichet-recap__item" key={i}>
                <ItemHeading className="guichet-recap__heading guichet-recap__heading--item">{`${itemTitle} ${i + 1}`}</ItemHeading>
                <Answers schema={items} ui={itemUi} value={item} path={[...childPath, String(i)]} level={level + 2} context={context} />
              </div>
            );
          })}
        </div>,
      );
    } else {
      let text: ReactNode;
      if (isEmpty(childValue)) text = <span className="guichet-recap__empty">{Array.isArray(childValue) ? 'Aucun' : 'Non renseigné'}</span>;
      else if (Array.isArray(childValue)) {
        const itemUi = isObject(childUi) ? (childUi as Record<string, unknown>).items : childUi;
        text = formatList(childValue.map((v) => answerText(items ?? {}, itemUi, v)), 'et');
      } else text = answerText(childSchema, childUi, childValue);
      rows.push(
        <div className="guichet-recap__row" key={name}>
          <dt>{label}</dt>
          <dd>
            {text}
            <Messages messages={messages} />
          </dd>
        </div>,
      );
    }
  }
  flush();
  return <>{blocks}</>;
}

export interface RecapPage {
  id: string;
  title: string;
  fields: readonly string[];
}

export interface RecapProps {
  utils: SchemaUtilsType;
  /** The form's schema as rendered (conditions resolved with `data`). */
  schema: RJSFSchema;
  uiSchema: UiSchema;
  data: Record<string, unknown>;
  pages: readonly RecapPage[];
  /** Messages by field path (`enfants/0/nom`), shown under the answers. */
  issues: ReadonlyMap<string, string[]>;
  onEdit: (pageIndex: number) => void;
  /** Level of each page's heading (default 3). */
  headingLevel?: number;
  idPrefix: string;
}

/** Every answer, page by page, with a « Modifier » link to each page. */
export function Recap({ utils, schema, uiSchema, data, pages, issues, onEdit, headingLevel = 3, idPrefix }: RecapProps) {
  const H = heading(headingLevel);
  const context: Context = { utils, issues };
  return (
    <div className="guichet-recap">
      {pages.map((page, index) => {
        const titleId = `${idPrefix}-recap-${page.id}`;
        const edit = (event: MouseEvent<HTMLAnchorElement>) => {
          event.preventDefault();
          onEdit(index);
        };
        return (
          <section className="guichet-recap__section" aria-labelledby={titleId} key={page.id}>
            <div className="guichet-recap__header">
              <H className="fr-h5 guichet-recap__title" id={titleId}>{page.title}</H>
              <a className="fr-link" href={`#${idPrefix}-etape-${page.id}`} onClick={edit}>
                Modifier<span className="fr-sr-only"> l’étape « {page.title} »</span>
              </a>
            </div>
            <Answers schema={schema} ui={uiSchema} value={data} path={[]} level={headingLevel + 1} keys={page.fields} context={context} />
          </section>
        );
      })}
    </div>
  );
}
