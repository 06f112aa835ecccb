import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { describeCondition, describeLogic } from './describe';
import { fieldName, fieldsOf, type ConditionField } from './fields';
import { fromJsonLogic, sameJson, toJsonLogic } from './jsonLogic';
import {
  OPERATORS, conditionProblems, newRule, operatorsFor, ruleProblems, valueShape,
  type Condition, type ConditionGroup, type ConditionItem, type ConditionRule, type Join, type OperatorId, type RawCondition, type RulePart,
} from './model';

/** Where the builder stands: can its value be saved as it is? */
export interface ConditionStatus {
  /** Every rule is complete (the value holds all of them). */
  complete: boolean;
  /** What is missing, in French (« Condition 2 : indiquez une valeur. »). */
  problems: string[];
}

export interface ConditionBuilderProps {
  /** The démarche (or draft) whose form fields the condition tests. */
  definition?: { form?: { schema?: unknown } } | null;
  /** Instead of the form's fields (the designer may add others, e.g. `dossier.instruction.*`). */
  fields?: readonly ConditionField[];
  /** JSON Logic, `true` (« toujours »), or undefined/null for a new condition. */
  value: unknown;
  /** The new JSON Logic (incomplete rules left out) and whether it is complete. */
  onChange(value: unknown, status: ConditionStatus): void;
  /** The legend of the whole builder. */
  legend?: string;
  /** Said to screen readers after each control's label, to tell builders apart: « de la règle 2 ». */
  context?: string;
  /** Show what is missing next to each control (after a first attempt to save). */
  showProblems?: boolean;
  /** Messages from the server about this condition. */
  errors?: string[];
  /** Shown in words only. */
  readOnly?: boolean;
}

/** The status of a value as the builder would read it (a new, empty condition is incomplete). */
export function conditionStatus(value: unknown, fields: readonly ConditionField[]): ConditionStatus {
  if (value === undefined || value === null) return { complete: false, problems: ['Choisissez quand appliquer la règle.'] };
  const problems = conditionProblems(fromJsonLogic(value, fields), fields);
  return { complete: problems.length === 0, problems };
}

let keyCounter = 0;
const nextKey = () => `k${++keyCounter}`;

function withKeys(c: Condition): Condition {
  if (c.type === 'always') return c;
  return {
    ...c,
    items: c.items.map((item) => (item.type === 'group'
      ? { ...item, key: item.key ?? nextKey(), items: item.items.map((x) => ({ ...x, key: x.key ?? nextKey() })) }
      : { ...item, key: item.key ?? nextKey() })),
  };
}

function initial(value: unknown, fields: readonly ConditionField[]): Condition {
  if (value === undefined || value === null) return withKeys({ type: 'when', join: 'and', items: [newRule()] });
  return withKeys(fromJsonLogic(value, fields));
}

/**
 * Edits a JSON Logic condition over a démarche's form fields without writing JSON: rules
 * (field, operator, value) joined by « toutes (ET) » / « au moins une (OU) », one level of
 * groups, or « toujours ». What it cannot show as rules is kept, read-only, with a notice.
 * Every control is labelled and keyboard usable.
 */
export function ConditionBuilder({
  definition, fields: givenFields, value, onChange, legend = 'Condition', context = '', showProblems = false, errors = [], readOnly = false,
}: ConditionBuilderProps) {
  const schema = definition?.form?.schema;
  const fields = useMemo(() => givenFields ?? fieldsOf(schema), [givenFields, schema]);
  const [model, setModel] = useState<Condition>(() => initial(value, fields));
  const last = useRef<unknown>(value);
  const dirty = useRef(false);
  const savedItems = useRef<ConditionItem[] | null>(null);
  const focusNext = useRef<string | null>(null);
  const seenFields = useRef(fields);
  const base = useId();
  const id = (...parts: (string | number | undefined)[]) => [base, ...parts].join('-');

  // A value from outside (another version loaded), or fields known only now: read it again.
  useEffect(() => {
    const fieldsChanged = seenFields.current !== fields;
    seenFields.current = fields;
    if (!sameJson(value, last.current) || (fieldsChanged && !dirty.current)) {
      last.current = value;
      dirty.current = false;
      setModel(initial(value, fields));
    }
  }, [value, fields]);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const sr = (text: string) => srText(text, context);

  if (readOnly) {
    return <p className="fr-mb-0">{describeCondition(model, fields)}</p>;
  }

  const update = (next: Condition, focus?: string) => {
    dirty.current = true;
    if (focus) focusNext.current = focus;
    setModel(next);
    const json = toJsonLogic(next, fields, { skipIncomplete: true });
    last.current = json;
    const problems = conditionProblems(next, fields);
    onChange(json, { complete: problems.length === 0, problems });
  };

  const items = model.type === 'when' ? model.items : [];
  const setItems = (next: ConditionItem[], focus?: string) => update({ type: 'when', join: model.type === 'when' ? model.join : 'and', items: next }, focus);
  const replace = (key: string | undefined, item: ConditionItem) => setItems(items.map((x) => (x.key === key ? item : x)));

  const setMode = (mode: 'always' | 'when') => {
    if (mode === model.type) return;
    if (mode === 'always') {
      savedItems.current = items;
      update({ type: 'always' });
    } else {
      const restored = savedItems.current && savedItems.current.length > 0 ? savedItems.current : [{ ...newRule(), key: nextKey() }];
      update({ type: 'when', join: 'and', items: restored });
    }
  };

  const addRule = () => {
    const rule: ConditionRule = { ...newRule(), key: nextKey() };
    setItems([...items, rule], id(rule.key, 'field'));
  };
  const addGroup = () => {
    const rule: ConditionRule = { ...newRule(), key: nextKey() };
    const group: ConditionGroup = { type: 'group', join: model.type === 'when' && model.join === 'and' ? 'or' : 'and', items: [rule], key: nextKey() };
    setItems([...items, group], id(rule.key, 'field'));
  };
  const removeAt = (index: number) => {
    const next = items.filter((_, i) => i !== index);
    const neighbour = next[index] ?? next[index - 1];
    setItems(next, neighbour ? firstControlOf(neighbour) : id('add'));
  };
  const firstControlOf = (item: ConditionItem): string =>
    item.type === 'rule' ? id(item.key, 'field') : item.type === 'group' ? id(item.key, 'join-and') : id(item.key, 'remove');

  const legendId = id('legend');
  const errorsId = id('errors');
  const modeName = id('mode');
  const problems = showProblems && model.type === 'when' && items.length === 0 ? ['Ajoutez au moins une condition, ou choisissez « toujours ».'] : [];

  return (
    <fieldset className="fr-fieldset guichet-condition" aria-labelledby={legendId} aria-describedby={errors.length + problems.length > 0 ? errorsId : undefined}>
      <legend className="fr-fieldset__legend" id={legendId}>{legend}{context ? <span className="fr-sr-only">{` ${context}`}</span> : null}</legend>
      {errors.length + problems.length > 0 && (
        <div className="fr-fieldset__element" id={errorsId}>
          {[...errors, ...problems].map((e) => <p key={e} className="fr-error-text fr-mt-0">{e}</p>)}
        </div>
      )}
      <div className="fr-fieldset__element">
        <fieldset className="fr-fieldset fr-mb-0" aria-labelledby={id('mode-legend')}>
          <legend className="fr-fieldset__legend--regular fr-fieldset__legend fr-pb-1w" id={id('mode-legend')}>Type de condition{sr('')}</legend>
          {([['when', 'selon les réponses au formulaire'], ['always', 'toujours (tous les dossiers)']] as const).map(([mode, label]) => (
            <div key={mode} className="fr-fieldset__element fr-fieldset__element--inline">
              <div className="fr-radio-group">
                <input type="radio" id={id('mode', mode)} name={modeName} checked={model.type === mode} onChange={() => setMode(mode)} />
                <label className="fr-label" htmlFor={id('mode', mode)}>{label}</label>
              </div>
            </div>
          ))}
        </fieldset>
      </div>

      {model.type === 'when' && (
        <>
          {items.length > 1 && (
            <div className="fr-fieldset__element">
              <JoinChoice
                idBase={id('join')}
                legend={<>Conditions à remplir{sr('')}</>}
                value={model.join}
                onChange={(join) => update({ ...model, join })}
              />
            </div>
          )}
          <div className="fr-fieldset__element">
            <ol className="fr-raw-list">
              {items.map((item, i) => (
                <li key={item.key} className="fr-mb-2w" style={{ paddingBottom: 0 }}>
                  {i > 0 && <p className="fr-badge fr-badge--sm fr-badge--no-icon fr-mb-1w" aria-hidden="true">{model.join === 'and' ? 'et' : 'ou'}</p>}
                  {item.type === 'rule' && (
                    <RuleEditor
                      rule={item} number={`${i + 1}`} fields={fields} idBase={id(item.key)} context={context} showProblems={showProblems}
                      onChange={(r) => replace(item.key, r)} onRemove={() => removeAt(i)}
                    />
                  )}
                  {item.type === 'raw' && <RawItem item={item} number={`${i + 1}`} fields={fields} idBase={id(item.key)} context={context} onRemove={() => removeAt(i)} />}
                  {item.type === 'group' && (
                    <GroupEditor
                      group={item} number={i + 1} fields={fields} idBase={id(item.key)} rootId={base} context={context} showProblems={showProblems}
                      onChange={(g, focus) => { if (focus) focusNext.current = id(focus, 'field'); replace(item.key, g); }}
                      onRemove={() => removeAt(i)}
                    />
                  )}
                </li>
              ))}
            </ol>
          </div>
          <div className="fr-fieldset__element">
            <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
              <li><button type="button" id={id('add')} className="fr-btn fr-btn--secondary fr-icon-add-line" onClick={addRule}>Ajouter une condition{sr('')}</button></li>
              <li><button type="button" className="fr-btn fr-btn--tertiary fr-icon-add-line" onClick={addGroup}>Ajouter un groupe de conditions{sr('')}</button></li>
            </ul>
          </div>
        </>
      )}
      <div className="fr-fieldset__element">
        <p className="fr-text--sm fr-mb-0"><strong>En clair :</strong> {describeCondition(model, fields)}</p>
      </div>
    </fieldset>
  );
}

/** « toutes (ET) » / « au moins une (OU) ». */
function JoinChoice({ idBase, legend, value, onChange }: { idBase: string; legend: ReactNode; value: Join; onChange(join: Join): void }) {
  return (
    <fieldset className="fr-fieldset fr-mb-0" aria-labelledby={`${idBase}-legend`}>
      <legend className="fr-fieldset__legend--regular fr-fieldset__legend fr-pb-1w" id={`${idBase}-legend`}>{legend}</legend>
      {([['and', 'toutes (ET)'], ['or', 'au moins une (OU)']] as const).map(([join, label]) => (
        <div key={join} className="fr-fieldset__element fr-fieldset__element--inline">
          <div className="fr-radio-group">
            <input type="radio" id={`${idBase}-${join}`} name={idBase} checked={value === join} onChange={() => onChange(join)} />
            <label className="fr-label" htmlFor={`${idBase}-${join}`}>{label}</label>
          </div>
        </div>
      ))}
    </fieldset>
  );
}

interface ItemProps {
  number: string;
  fields: readonly ConditionField[];
  idBase: string;
  context: string;
}

/** Words for screen readers only, after a visible label: which rule, which builder. */
function srText(text: string, context: string) {
  const words = [text, context].filter(Boolean).join(' ');
  return words ? <span className="fr-sr-only">{` ${words}`}</span> : null;
}

/** A group: its own ET/OU over a few rules. */
function GroupEditor({ group, number, fields, idBase, rootId, context, showProblems, onChange, onRemove }: Omit<ItemProps, 'number'> & {
  group: ConditionGroup; number: number; rootId: string; showProblems: boolean; onChange(group: ConditionGroup, focusKey?: string): void; onRemove(): void;
}) {
  const set = (items: ConditionGroup['items'], focusKey?: string) => onChange({ ...group, items }, focusKey);
  const add = () => {
    const rule: ConditionRule = { ...newRule(), key: nextKey() };
    set([...group.items, rule], rule.key);
  };
  const removeAt = (j: number) => {
    const next = group.items.filter((_, k) => k !== j);
    const neighbour = next[j] ?? next[j - 1];
    set(next, neighbour?.type === 'rule' ? neighbour.key : undefined);
  };
  const empty = showProblems && group.items.length === 0;
  return (
    <fieldset className="fr-fieldset fr-mb-0" aria-labelledby={`${idBase}-legend`} style={{ borderLeft: '4px solid var(--border-default-blue-france)', paddingLeft: '1rem', marginLeft: 0 }}>
      <legend className="fr-fieldset__legend fr-text--md" id={`${idBase}-legend`}>Groupe {number}{srText('', context)}</legend>
      <div className="fr-fieldset__element">
        <JoinChoice idBase={`${idBase}-join`} legend={<>Conditions à remplir dans le groupe {number}{srText('', context)}</>} value={group.join} onChange={(join) => onChange({ ...group, join })} />
      </div>
      <div className="fr-fieldset__element">
        <ol className="fr-raw-list">
          {group.items.map((item, j) => (
            <li key={item.key} className="fr-mb-2w" style={{ paddingBottom: 0 }}>
              {j > 0 && <p className="fr-badge fr-badge--sm fr-badge--no-icon fr-mb-1w" aria-hidden="true">{group.join === 'and' ? 'et' : 'ou'}</p>}
              {item.type === 'rule'
                ? <RuleEditor rule={item} number={`${number}.${j + 1}`} fields={fields} idBase={`${rootId}-${item.key}`} context={context} showProblems={showProblems}
                  onChange={(r) => set(group.items.map((x) => (x.key === item.key ? r : x)))} onRemove={() => removeAt(j)} />
                : <RawItem item={item} number={`${number}.${j + 1}`} fields={fields} idBase={`${idBase}-${item.key}`} context={context} onRemove={() => removeAt(j)} />}
            </li>
          ))}
        </ol>
        {empty && <p className="fr-error-text">Ajoutez au moins une condition au groupe, ou supprimez-le.</p>}
      </div>
      <div className="fr-fieldset__element">
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
          <li><button type="button" className="fr-btn fr-btn--secondary fr-icon-add-line" onClick={add}>Ajouter une condition{srText(`au groupe ${number}`, context)}</button></li>
          <li><button type="button" id={`${idBase}-remove`} className="fr-btn fr-btn--tertiary fr-icon-delete-line" onClick={onRemove}>Supprimer le groupe{srText(`${number}`, context)}</button></li>
        </ul>
      </div>
    </fieldset>
  );
}

/** A piece written by hand: shown in words and as JSON, kept as it is. */
function RawItem({ item, number, fields, idBase, context, onRemove }: ItemProps & { item: RawCondition; onRemove(): void }) {
  return (
    <div className="fr-alert fr-alert--info fr-alert--sm">
      <p><strong>Condition écrite à la main :</strong> {describeLogic(item.logic, fields)}</p>
      <p className="fr-text--xs fr-mb-1w">Ce formulaire ne sait pas la modifier : elle est gardée telle quelle. Vous pouvez la supprimer et la remplacer par des conditions construites ici.</p>
      <details className="fr-mb-1w">
        <summary>Voir la condition en JSON Logic</summary>
        <pre className="fr-text--xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}><code>{JSON.stringify(item.logic, null, 2)}</code></pre>
      </details>
      <button type="button" id={`${idBase}-remove`} className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left" onClick={onRemove}>
        Supprimer{srText(`la condition ${number} (écrite à la main)`, context)}
      </button>
    </div>
  );
}

/** One rule: field, operator, value. */
function RuleEditor({ rule, number, fields, idBase, context, showProblems, onChange, onRemove }: ItemProps & {
  rule: ConditionRule; showProblems: boolean; onChange(rule: ConditionRule): void; onRemove(): void;
}) {
  const field = fields.find((f) => f.path === rule.field);
  const problems = showProblems ? ruleProblems(rule, fields) : [];
  const problemOf = (part: RulePart) => problems.find((p) => p.part === part)?.message;
  const offered = operatorsFor(field);
  const operators = field && rule.op && !offered.some((o) => o.id === rule.op) ? OPERATORS[field.kind] : offered;
  const sections = useMemo(() => {
    const map = new Map<string, ConditionField[]>();
    for (const f of fields) map.set(f.section ?? '', [...(map.get(f.section ?? '') ?? []), f]);
    return [...map.entries()];
  }, [fields]);
  const fieldId = `${idBase}-field`, opId = `${idBase}-op`, valueId = `${idBase}-value`;
  const what = `de la condition ${number}`;

  const chooseField = (path: string) => {
    const next = fields.find((f) => f.path === path);
    onChange({ type: 'rule', field: path, op: next ? operatorsFor(next)[0].id : '', key: rule.key });
  };
  const chooseOp = (op: OperatorId) => {
    const keep = valueShape(op) === valueShape(rule.op) && !((op === 'includes' || op === 'excludes') !== (rule.op === 'includes' || rule.op === 'excludes'));
    onChange(keep ? { ...rule, op } : { type: 'rule', field: rule.field, op, key: rule.key });
  };
  const setValue = (value: unknown) => onChange(value === undefined ? { type: 'rule', field: rule.field, op: rule.op, key: rule.key } : { ...rule, value });

  return (
    <fieldset className="fr-fieldset fr-mb-0" aria-labelledby={`${idBase}-legend`}>
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular fr-text--bold fr-pb-1w" id={`${idBase}-legend`}>Condition {number}{srText('', context)}</legend>
      <div className="fr-fieldset__element">
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-5">
            <Control id={fieldId} label={<>Champ{srText(what, context)}</>} error={problemOf('field')} kind="select">
              <select className="fr-select" id={fieldId} value={rule.field} onChange={(e) => chooseField(e.target.value)} {...describedBy(fieldId, problemOf('field'))}>
                <option value="" disabled>Choisir un champ</option>
                {rule.field && !field && <option value={rule.field}>{rule.field} (inconnu)</option>}
                {sections.map(([section, list]) => (section
                  ? <optgroup key={section} label={section}>{list.map((f) => <option key={f.path} value={f.path}>{fieldName(f, fields) === f.title ? f.label.slice(section.length + 3) || f.title : f.label}</option>)}</optgroup>
                  : list.map((f) => <option key={f.path} value={f.path}>{f.label}</option>)))}
              </select>
            </Control>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Control id={opId} label={<>Test{srText(what, context)}</>} error={problemOf('op')} kind="select">
              <select className="fr-select" id={opId} value={rule.op} disabled={!field} onChange={(e) => chooseOp(e.target.value as OperatorId)} {...describedBy(opId, problemOf('op'))}>
                <option value="" disabled>Choisir</option>
                {operators.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
              </select>
            </Control>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            {field && <ValueControl rule={rule} field={field} id={valueId} what={what} context={context} error={problemOf('value')} onChange={setValue} />}
          </div>
        </div>
      </div>
      <div className="fr-fieldset__element">
        <button type="button" id={`${idBase}-remove`} className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-delete-line fr-btn--icon-left" onClick={onRemove}>
          Supprimer{srText(`la condition ${number}`, context)}
        </button>
      </div>
    </fieldset>
  );
}

function describedBy(id: string, error: string | undefined, hint?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { ...(ids ? { 'aria-describedby': ids } : {}), ...(error ? { 'aria-invalid': true as const } : {}) };
}

/**
 * A labelled control with its hint and error message tied to it. The hint goes under the control
 * (not in the label as the DSFR usually does) so that the controls of a rule stay aligned.
 */
function Control({ id, label, hint, error, kind, children }: { id: string; label: ReactNode; hint?: string; error?: string; kind: 'select' | 'input'; children: ReactNode }) {
  const group = kind === 'select' ? 'fr-select-group' : 'fr-input-group';
  return (
    <div className={`${group}${error ? ` ${group}--error` : ''} fr-mb-0`}>
      <label className="fr-label" htmlFor={id}>{label}</label>
      {children}
      {hint && <p className="fr-hint-text fr-mt-1v fr-mb-0" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="fr-error-text" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

const toNumber = (raw: string): number | undefined => (raw.trim() === '' || Number.isNaN(Number(raw)) ? undefined : Number(raw));

/** The value of a rule, as its operator and field need it. */
function ValueControl({ rule, field, id, what, context, error, onChange }: {
  rule: ConditionRule; field: ConditionField; id: string; what: string; context: string; error?: string; onChange(value: unknown): void;
}) {
  const shape = valueShape(rule.op);
  const v = rule.value;
  const aria = describedBy(id, error);
  const label = (text: string) => <>{text}{srText(what, context)}</>;
  switch (shape) {
    case 'none':
      return null;
    case 'scalar':
      if (field.options) {
        const index = field.options.findIndex((o) => o.value === v);
        return (
          <Control id={id} label={label('Valeur')} error={error} kind="select">
            <select className="fr-select" id={id} value={index >= 0 ? String(index) : v === undefined ? '' : 'inconnue'} onChange={(e) => onChange(field.options![Number(e.target.value)]?.value)} {...aria}>
              <option value="" disabled>Choisir une valeur</option>
              {index < 0 && v !== undefined && <option value="inconnue" disabled>{String(v)} (valeur inconnue)</option>}
              {field.options.map((o, k) => <option key={k} value={String(k)}>{o.title}</option>)}
            </select>
          </Control>
        );
      }
      if (field.kind === 'number') {
        return (
          <Control id={id} label={label('Valeur')} error={error} kind="input">
            <input className="fr-input" id={id} type="number" inputMode="decimal" step={field.integer ? 1 : 'any'} value={typeof v === 'number' ? v : ''} onChange={(e) => onChange(toNumber(e.target.value))} {...aria} />
          </Control>
        );
      }
      return (
        <Control id={id} label={label('Valeur')} error={error} kind="input">
          <input className="fr-input" id={id} type="text" value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} {...aria} />
        </Control>
      );
    case 'list':
      if (field.options) return <OptionChecks field={field} id={id} what={what} context={context} value={Array.isArray(v) ? v : []} error={error} onChange={(list) => onChange(list.length > 0 ? list : undefined)} />;
      return <ListInput id={id} label={label('Valeurs')} value={Array.isArray(v) ? v.map(String) : []} error={error} onChange={(list) => onChange(list.length > 0 ? list : undefined)} />;
    case 'range': {
      const [min, max] = Array.isArray(v) ? v : [undefined, undefined];
      const set = (i: 0 | 1, n: number | undefined) => {
        const next = [min, max];
        next[i] = n;
        onChange(next[0] === undefined && next[1] === undefined ? undefined : next);
      };
      return (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-6">
            <Control id={`${id}-min`} label={label('Minimum')} error={error} kind="input">
              <input className="fr-input" id={`${id}-min`} type="number" step={field.integer ? 1 : 'any'} value={typeof min === 'number' ? min : ''} onChange={(e) => set(0, toNumber(e.target.value))} {...describedBy(`${id}-min`, error)} />
            </Control>
          </div>
          <div className="fr-col-6">
            <Control id={`${id}-max`} label={label('Maximum')} kind="input">
              <input className="fr-input" id={`${id}-max`} type="number" step={field.integer ? 1 : 'any'} value={typeof max === 'number' ? max : ''} onChange={(e) => set(1, toNumber(e.target.value))} {...(error ? { 'aria-describedby': `${id}-min-error`, 'aria-invalid': true } : {})} />
            </Control>
          </div>
        </div>
      );
    }
    case 'day':
      return (
        <Control id={id} label={label('Date')} error={error} kind="input">
          <input className="fr-input" id={id} type="date" value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(e.target.value || undefined)} {...aria} />
        </Control>
      );
    case 'count': {
      const years = rule.op === 'ageAtLeast' || rule.op === 'ageUnder';
      const hint = rule.op === 'withinDays' ? 'Les dates déjà passées comptent aussi.' : undefined;
      return (
        <Control id={id} label={label(years ? 'Âge en années' : 'Nombre de jours')} hint={hint} error={error} kind="input">
          <input className="fr-input" id={id} type="number" min={0} step={1} inputMode="numeric" value={typeof v === 'number' ? v : ''} onChange={(e) => onChange(toNumber(e.target.value))} {...describedBy(id, error, hint)} />
        </Control>
      );
    }
  }
}

/** « parmi »: a box per value of the field. */
function OptionChecks({ field, id, what, context, value, error, onChange }: {
  field: ConditionField; id: string; what: string; context: string; value: unknown[]; error?: string; onChange(list: unknown[]): void;
}) {
  const options = field.options ?? [];
  const unknown = value.filter((x) => !options.some((o) => o.value === x));
  const toggle = (optionValue: unknown, on: boolean) => {
    // Keep the order of the form's options (and any unknown value read from JSON at the end).
    const chosen = new Set(on ? [...value, optionValue] : value.filter((x) => x !== optionValue));
    onChange([...options.map((o) => o.value).filter((x) => chosen.has(x)), ...unknown.filter((x) => chosen.has(x))]);
  };
  return (
    <fieldset className={`fr-fieldset fr-mb-0${error ? ' fr-fieldset--error' : ''}`} aria-labelledby={`${id}-legend`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="fr-fieldset__legend--regular fr-fieldset__legend" id={`${id}-legend`}>Valeurs{srText(what, context)}</legend>
      {options.map((o, k) => (
        <div key={k} className="fr-fieldset__element">
          <div className="fr-checkbox-group fr-checkbox-group--sm">
            <input type="checkbox" id={`${id}-${k}`} checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            <label className="fr-label" htmlFor={`${id}-${k}`}>{o.title}</label>
          </div>
        </div>
      ))}
      {unknown.map((x) => (
        <div key={String(x)} className="fr-fieldset__element">
          <div className="fr-checkbox-group fr-checkbox-group--sm">
            <input type="checkbox" id={`${id}-x-${String(x)}`} checked onChange={() => toggle(x, false)} />
            <label className="fr-label" htmlFor={`${id}-x-${String(x)}`}>{String(x)} (valeur inconnue)</label>
          </div>
        </div>
      ))}
      {error && <div className="fr-messages-group"><p className="fr-message fr-message--error" id={`${id}-error`}>{error}</p></div>}
    </fieldset>
  );
}

const LIST_HINT = 'Séparées par des virgules, par exemple : 69009, 69005';
const splitList = (text: string) => text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);

/** A list of texts typed with commas: the text is kept while typing, the list follows it. */
function ListInput({ id, label, value, error, onChange }: { id: string; label: ReactNode; value: string[]; error?: string; onChange(list: string[]): void }) {
  const [text, setText] = useState(value.join(', '));
  useEffect(() => {
    // Only when the list changes from outside: the text being typed stays as it is.
    setText((current) => (sameJson(splitList(current), value) ? current : value.join(', ')));
  }, [value]);
  return (
    <Control id={id} label={label} hint={LIST_HINT} error={error} kind="input">
      <input className="fr-input" id={id} type="text" value={text} onChange={(e) => { setText(e.target.value); onChange(splitList(e.target.value)); }} {...describedBy(id, error, LIST_HINT)} />
    </Control>
  );
}
