/**
 * The DSFR templates: how a field, a group of fields, a list and the errors are laid out.
 * Markup of the DSFR 1.15 (fr-input-group, fr-fieldset, fr-messages-group…), behaviour by React.
 */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import {
  buttonId,
  canExpand,
  descriptionId,
  errorId,
  getSubmitButtonOptions,
  getUiOptions,
  helpId,
  titleId,
} from '@rjsf/utils';
import type {
  ArrayFieldItemButtonsTemplateProps,
  ArrayFieldItemTemplateProps,
  ArrayFieldTemplateProps,
  DescriptionFieldProps,
  ErrorListProps,
  FieldErrorProps,
  FieldHelpProps,
  FieldTemplateProps,
  IconButtonProps,
  ObjectFieldTemplateProps,
  RJSFSchema,
  SubmitButtonProps,
  TitleFieldProps,
} from '@rjsf/utils';
import { controlKind, hintsOf, needsOptionalMark, OPTIONAL_MARK, type GuichetFormContext } from './controls';
import { ErrorSummary } from './ErrorSummary';
import { describeField, fieldId, propertyToPath } from './schemaTools';

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

/** The errors of a group itself (not of its fields), handed from the field template to the group's. */
const GroupErrors = createContext<string[]>([]);
/** The fewest items a list may have: its items' « Supprimer » buttons go away when it has no more. */
const ListMinimum = createContext(0);

const Optional = () => <span className="guichet-optional">{OPTIONAL_MARK}</span>;

/** The index of an item of a list (its last path segment), or null. */
function itemIndex(path: readonly (string | number)[]): number | null {
  const last = path[path.length - 1];
  if (typeof last === 'number') return last;
  return typeof last === 'string' && /^\d+$/.test(last) ? Number(last) : null;
}

function headingLevelOf(formContext: unknown): 2 | 3 | 4 | 5 {
  const level = (formContext as GuichetFormContext | undefined)?.headingLevel;
  return level === 2 || level === 4 || level === 5 ? level : 3;
}

function Messages({ id, errors }: { id: string; errors: ReactNode }) {
  return <div className="fr-messages-group" id={id} aria-live="polite">{errors}</div>;
}

/** A field: its label (or legend), hints, control and messages, in the DSFR markup of its kind. */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, rawErrors, hidden, required, schema, uiSchema, registry, disabled, fieldPathId } = props;
  const kind = controlKind(schema, uiSchema, registry, required);
  if (hidden || kind === 'hidden') return <div hidden>{children}</div>;
  const errorList = rawErrors ?? [];
  if (kind === 'object' || kind === 'array') return <GroupErrors.Provider value={errorList}>{children}</GroupErrors.Provider>;

  const hasError = errorList.length > 0;
  const { description, help } = hintsOf(schema, uiSchema, registry);
  const showLabel = getUiOptions(uiSchema, registry.globalUiOptions).label !== false;
  const index = itemIndex(fieldPathId.path);
  const text = index === null ? label : `${label} ${index + 1}`;
  const labelContent = showLabel ? <>{text}{!required && needsOptionalMark(text) && <Optional />}</> : <span className="fr-sr-only">{text}</span>;
  const hints = (
    <>
      {description && <p className="fr-hint-text guichet-hint" id={descriptionId(id)}>{description}</p>}
      {help && <p className="fr-hint-text guichet-hint" id={helpId(id)}>{help}</p>}
    </>
  );
  const messages = <Messages id={errorId(id)} errors={hasError ? errors : null} />;

  switch (kind) {
    case 'radio':
    case 'checkboxes':
      return (
        <fieldset className={cx('fr-fieldset', 'guichet-choices', hasError && 'fr-fieldset--error')} id={id}>
          <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}__legend`}>{labelContent}</legend>
          {(description || help) && <div className="fr-fieldset__element guichet-hints">{hints}</div>}
          {children}
          {messages}
        </fieldset>
      );
    case 'checkbox':
      return (
        <div className={cx('fr-checkbox-group', hasError && 'fr-checkbox-group--error')}>
          {children}
          {hints}
          {messages}
        </div>
      );
    case 'select':
      return (
        <div className={cx('fr-select-group', hasError && 'fr-select-group--error', disabled && 'fr-select-group--disabled')}>
          <label className="fr-label" htmlFor={id}>{labelContent}</label>
          {hints}
          {children}
          {messages}
        </div>
      );
    default:
      return (
        <div className={cx('fr-input-group', hasError && 'fr-input-group--error', disabled && 'fr-input-group--disabled')}>
          <label className="fr-label" htmlFor={id}>{labelContent}</label>
          {hints}
          {children}
          {messages}
        </div>
      );
  }
}

function Legend({ id, text, required, depth, headingLevel }: { id: string; text: string; required: boolean; depth: number; headingLevel: number }) {
  const content = <>{text}{!required && needsOptionalMark(text) && <Optional />}</>;
  if (depth !== 1) return <legend className="fr-fieldset__legend" id={id}>{content}</legend>;
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4' | 'h5';
  return (
    <legend className="fr-fieldset__legend guichet-legend--section" id={id}>
      <Heading className="fr-h5 guichet-legend__heading">{content}</Heading>
    </legend>
  );
}

/**
 * A group of fields. The form's root has no legend; a group is a `fr-fieldset` with its title
 * as legend (a heading for the page's top-level groups), an item of a list is « Enfant 2 ».
 */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, required, fieldPathId, schema, uiSchema, registry, disabled, readonly, formData, onAddProperty } = props;
  const errors = useContext(GroupErrors);
  const depth = fieldPathId.path.length;
  const visible = properties.filter((p) => !p.hidden);
  const hidden = properties.filter((p) => p.hidden).map((p) => p.content);
  const descriptionText = typeof description === 'string' ? description : undefined;
  const { AddButton } = registry.templates.ButtonTemplates;
  const expand = canExpand(schema, uiSchema, formData) && (
    <div className="fr-fieldset__element">
      <AddButton id={buttonId(fieldPathId, 'add')} onClick={onAddProperty} disabled={disabled || readonly} uiSchema={uiSchema} registry={registry} />
    </div>
  );
  const messages = (
    <Messages id={errorId(fieldPathId)} errors={errors.map((e, i) => <p className="fr-message fr-message--error" key={i}>{e}</p>)} />
  );

  if (depth === 0) {
    return (
      <div id={fieldPathId.$id} className="guichet-fields">
        {descriptionText && <p className="fr-hint-text" id={descriptionId(fieldPathId)}>{descriptionText}</p>}
        {visible.map((p) => <div className="guichet-field" key={p.name}>{p.content}</div>)}
        {hidden}
        {expand}
        {errors.length > 0 && messages}
      </div>
    );
  }

  const index = itemIndex(fieldPathId.path);
  const legend = index === null ? title : `${title || 'Élément'} ${index + 1}`;
  const describedBy = [descriptionText && descriptionId(fieldPathId), errors.length > 0 && errorId(fieldPathId)].filter(Boolean).join(' ');
  return (
    <fieldset
      className={cx('fr-fieldset', 'guichet-group', depth > 1 && index === null && 'guichet-group--nested', errors.length > 0 && 'fr-fieldset--error')}
      id={fieldPathId.$id}
      aria-describedby={describedBy || undefined}
    >
      {legend && (
        <Legend id={titleId(fieldPathId)} text={legend} required={required || index !== null} depth={index === null ? depth : 2}
          headingLevel={headingLevelOf(registry.formContext)} />
      )}
      {descriptionText && (
        <div className="fr-fieldset__element"><p className="fr-hint-text" id={descriptionId(fieldPathId)}>{descriptionText}</p></div>
      )}
      {visible.map((p) => <div className="fr-fieldset__element" key={p.name}>{p.content}</div>)}
      {hidden}
      {expand}
      {messages}
    </fieldset>
  );
}

/** « Ajouter un enfant »: the article is guessed from the item's title; `ui:options.addLabel` overrides it. */
export function addLabelFor(itemTitle: string | undefined): string {
  if (!itemTitle) return 'Ajouter un élément';
  const noun = itemTitle.charAt(0).toLowerCase() + itemTitle.slice(1);
  const firstWord = noun.split(/\s/)[0];
  const feminine = /(e|é|ée|ion)$/.test(firstWord) && !/(isme|age|ège|ste|aire|ode|ome|one|ule|ème|tre|re|ice)$/.test(firstWord);
  return `Ajouter ${feminine ? 'une' : 'un'} ${noun}`;
}

/** A list: its items (each removable), an « Ajouter … » button, and the focus where it belongs. */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, items, onAddClick, title, schema, uiSchema, registry, required, fieldPathId, disabled, readonly } = props;
  const errors = useContext(GroupErrors);
  const ui = getUiOptions(uiSchema, registry.globalUiOptions);
  const itemsSchema = schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)
    ? registry.schemaUtils.retrieveSchema(schema.items as RJSFSchema) : undefined;
  const itemsUi = uiSchema?.items && typeof uiSchema.items === 'object' ? getUiOptions(uiSchema.items) : {};
  const itemTitle = (typeof itemsUi.title === 'string' ? itemsUi.title : undefined) ?? (typeof itemsSchema?.title === 'string' ? itemsSchema.title : undefined);
  const addLabel = typeof ui.addLabel === 'string' ? ui.addLabel : addLabelFor(itemTitle);
  const description = typeof ui.description === 'string' ? ui.description : typeof schema.description === 'string' ? schema.description : undefined;
  const depth = fieldPathId.path.length;
  const legend = (typeof ui.title === 'string' ? ui.title : undefined) ?? title;

  // After « Ajouter », the focus goes to the new item's first field; after « Supprimer », to the list.
  const root = useRef<HTMLFieldSetElement>(null);
  const count = useRef(items.length);
  const adding = useRef(false);
  useEffect(() => {
    const list = root.current;
    if (list && adding.current && items.length > count.current) {
      const added = list.querySelectorAll<HTMLElement>(':scope > .guichet-array-items > .guichet-array-item');
      added[added.length - 1]?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    } else if (list && items.length < count.current && (document.activeElement === document.body || !document.activeElement)) {
      (list.querySelector<HTMLElement>('.guichet-array-add') ?? list).focus();
    }
    adding.current = false;
    count.current = items.length;
  }, [items.length]);

  const describedBy = [description && descriptionId(fieldPathId), errors.length > 0 && errorId(fieldPathId)].filter(Boolean).join(' ');
  return (
    <fieldset
      className={cx('fr-fieldset', 'guichet-group', 'guichet-array', depth > 1 && 'guichet-group--nested', errors.length > 0 && 'fr-fieldset--error')}
      id={fieldPathId.$id}
      ref={root}
      tabIndex={-1}
      aria-describedby={describedBy || undefined}
    >
      {legend && <Legend id={titleId(fieldPathId)} text={legend} required={!!required} depth={depth} headingLevel={headingLevelOf(registry.formContext)} />}
      {description && (
        <div className="fr-fieldset__element"><p className="fr-hint-text" id={descriptionId(fieldPathId)}>{description}</p></div>
      )}
      <div className="fr-fieldset__element guichet-array-items">
        {items.length === 0 && <p className="guichet-empty">Aucun élément pour l’instant.</p>}
        <ListMinimum.Provider value={typeof schema.minItems === 'number' ? schema.minItems : 0}>{items}</ListMinimum.Provider>
      </div>
      {canAdd && (
        <div className="fr-fieldset__element">
          <button
            type="button"
            id={buttonId(fieldPathId, 'add')}
            className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line guichet-array-add"
            disabled={disabled || readonly}
            onClick={(e) => {
              adding.current = true;
              onAddClick(e);
            }}
          >
            {addLabel}
          </button>
        </div>
      )}
      <Messages id={errorId(fieldPathId)} errors={errors.map((e, i) => <p className="fr-message fr-message--error" key={i}>{e}</p>)} />
    </fieldset>
  );
}

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, registry, uiSchema } = props;
  const ButtonsTemplate = registry.templates.ArrayFieldItemButtonsTemplate;
  return (
    <div className="guichet-array-item">
      {children}
      {hasToolbar && <ButtonsTemplate {...buttonsProps} uiSchema={uiSchema} />}
    </div>
  );
}

/** « Monter », « Descendre », « Dupliquer », « Supprimer », each naming its item for screen readers. */
export function ArrayFieldItemButtonsTemplate(props: ArrayFieldItemButtonsTemplateProps) {
  const { disabled, readonly, hasCopy, hasMoveDown, hasMoveUp, index, totalItems, schema, fieldPathId, onCopyItem, onMoveDownItem, onMoveUpItem, onRemoveItem } = props;
  const minimum = useContext(ListMinimum);
  const hasRemove = props.hasRemove && totalItems > minimum;
  const itemName = `${typeof schema.title === 'string' && schema.title ? schema.title : 'élément'} ${index + 1}`;
  const off = disabled || readonly;
  const button = (key: 'moveUp' | 'moveDown' | 'copy' | 'remove', text: string, icon: string, onClick: () => void, isDisabled: boolean, extra = '') => (
    <li key={key}>
      <button type="button" id={buttonId(fieldPathId, key)} className={`fr-btn fr-btn--tertiary ${icon} ${extra}`}
        disabled={off || isDisabled} onClick={onClick}>
        {text}<span className="fr-sr-only"> : {itemName}</span>
      </button>
    </li>
  );
  return (
    <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left guichet-item-buttons">
      {(hasMoveUp || hasMoveDown) && button('moveUp', 'Monter', 'fr-icon-arrow-up-line', onMoveUpItem, !hasMoveUp)}
      {(hasMoveUp || hasMoveDown) && button('moveDown', 'Descendre', 'fr-icon-arrow-down-line', onMoveDownItem, !hasMoveDown)}
      {hasCopy && button('copy', 'Dupliquer', 'fr-icon-add-line', onCopyItem, false)}
      {hasRemove && button('remove', 'Supprimer', 'fr-icon-delete-line', onRemoveItem, false, 'guichet-remove')}
    </ul>
  );
}

/** The list's title and description are drawn by ArrayFieldTemplate itself. */
export const ArrayFieldTitleTemplate = () => null;
export const ArrayFieldDescriptionTemplate = () => null;

export function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const id = errorId(fieldPathId);
  return (
    <>
      {errors.filter(Boolean).map((error, i) => (
        <p className="fr-message fr-message--error" id={`${id}-${i}`} key={i}>{error}</p>
      ))}
    </>
  );
}

export function FieldHelpTemplate({ help, fieldPathId }: FieldHelpProps) {
  if (!help) return null;
  return <p className="fr-hint-text" id={helpId(fieldPathId)}>{help}</p>;
}

export function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return <p className="fr-hint-text" id={id}>{description}</p>;
}

export function TitleFieldTemplate({ id, title, required }: TitleFieldProps) {
  return <legend className="fr-fieldset__legend" id={id}>{title}{!required && needsOptionalMark(title) && <Optional />}</legend>;
}

/** rjsf's error list, as the DSFR error alert with a link to each field. */
export function ErrorListTemplate({ errors, uiSchema, registry }: ErrorListProps) {
  const { idPrefix, idSeparator } = registry.globalFormOptions;
  const summary = errors.map((error) => {
    const path = propertyToPath(error.property);
    const { label, context } = describeField(registry.schemaUtils, registry.rootSchema, uiSchema, path, undefined);
    return {
      id: fieldId(idPrefix, path, idSeparator),
      label: label || error.title || 'Formulaire',
      context,
      message: error.message ?? error.stack,
    };
  });
  const level = (registry.formContext as GuichetFormContext | undefined)?.headingLevel;
  return <ErrorSummary errors={summary} headingLevel={level === 3 || level === 4 ? level : 2} />;
}

export function SubmitButton({ uiSchema }: SubmitButtonProps) {
  const { submitText, norender, props: buttonProps = {} } = getSubmitButtonOptions(uiSchema);
  if (norender) return null;
  return (
    <div className="fr-mt-4w">
      <button type="submit" {...buttonProps} className={cx('fr-btn', typeof buttonProps.className === 'string' && buttonProps.className)}>
        {submitText === 'Submit' || !submitText ? 'Valider' : submitText}
      </button>
    </div>
  );
}

function dsfrButton(text: string, icon: string, variant = 'fr-btn--tertiary') {
  return function DsfrButton(props: IconButtonProps) {
    const { iconType: _iconType, icon: _icon, className, uiSchema: _uiSchema, registry: _registry, title, ...rest } = props;
    return (
      <button type="button" {...rest} className={cx('fr-btn', variant, 'fr-btn--sm', 'fr-btn--icon-left', icon, className)}>
        {title ?? text}
      </button>
    );
  };
}

export const ButtonTemplates = {
  SubmitButton,
  AddButton: dsfrButton('Ajouter', 'fr-icon-add-line', 'fr-btn--secondary'),
  CopyButton: dsfrButton('Dupliquer', 'fr-icon-add-line'),
  MoveDownButton: dsfrButton('Descendre', 'fr-icon-arrow-down-line'),
  MoveUpButton: dsfrButton('Monter', 'fr-icon-arrow-up-line'),
  RemoveButton: dsfrButton('Supprimer', 'fr-icon-delete-line'),
  ClearButton: dsfrButton('Effacer', 'fr-icon-close-line'),
};
