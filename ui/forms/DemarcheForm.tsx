/**
 * A démarche's form, page by page (`form.pages`), with the DSFR stepper, then a « Récapitulatif »
 * of every answer before the citizen sends it. Each page is checked alone before the next one:
 * its sub-schema holds its fields and the conditions about them, so conditional fields come and
 * go as they are answered.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { createSchemaUtils, deepEquals } from '@rjsf/utils';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Demarche, FieldError } from '../../engine';
import { DEFAULT_FORM_STATE_BEHAVIOR } from './controls';
import { ErrorSummary, type SummaryError } from './ErrorSummary';
import { formatDateTime } from './format';
import { GuidedForm, useStable, validateForm, type FormValues, type PathError } from './GuidedForm';
import { Recap, type RecapPage } from './Recap';
import { cleanData, fieldId, getIn, isObject, pageSchema, pageUiSchema, pointerToPath, renderSchema, type Path } from './schemaTools';
import { createValidator } from './validator';

export interface DemarcheFormProps {
  definition: Demarche;
  /** The answers so far (a draft's data, or nothing). */
  data?: FormValues;
  /** Every change, with the answers as typed (including those of fields a condition hides now). */
  onChange?: (data: FormValues) => void;
  /** The citizen sends the form; the data is valid and cleaned (no hidden or empty values). */
  onSubmit: (data: FormValues) => void;
  /** Shows « Enregistrer le brouillon » on every page; receives the cleaned data. */
  onSaveDraft?: (data: FormValues) => void;
  /** The form is being sent: the button says so and is disabled. */
  submitting?: boolean;
  /** The draft is being saved. */
  savingDraft?: boolean;
  /** When the draft was last saved (« Brouillon enregistré le … »). */
  draftSavedAt?: Date | string;
  /** Errors the API gave (pointer into the data, field, message): shown on their fields and in the recap; the form moves to the first page with one. */
  serverErrors?: readonly FieldError[];
  /** Default « Envoyer ma demande ». */
  submitLabel?: string;
  /** Level of the stepper's title (default 2); groups and recap headings follow. */
  headingLevel?: 2 | 3;
  /** Prefix of the fields' ids (default `demarche-<id>`). */
  idPrefix?: string;
}

interface BuiltForm {
  validation: RJSFSchema;
  render: RJSFSchema;
  uiSchema: UiSchema;
  pages: (RecapPage & { description?: string })[];
}

function buildForm(definition: Demarche): BuiltForm {
  const validation = definition.form.schema as RJSFSchema;
  const { schema, uiSchema } = renderSchema(validation, (definition.form.uiSchema ?? {}) as UiSchema);
  const all = Object.keys(isObject(validation.properties) ? validation.properties : {});
  const declared = definition.form.pages ?? [];
  const pages: BuiltForm['pages'] = declared.length > 0
    ? declared.map((p) => ({ id: p.id, title: p.title, description: p.description, fields: p.fields.filter((f) => all.includes(f)) }))
    : [{ id: 'demande', title: 'Votre demande', fields: all }];
  // A field no page lists still gets asked, on a last page.
  const listed = new Set(pages.flatMap((p) => p.fields));
  const rest = all.filter((f) => !listed.has(f));
  if (rest.length > 0) pages.push({ id: 'autres-informations', title: 'Autres informations', fields: rest });
  return { validation, render: schema, uiSchema, pages };
}

interface ServerIssue extends PathError {
  field: string;
  /** The field's value when the server answered: the error stands while it is unchanged. */
  value: unknown;
}

const asValues = (data: unknown): FormValues => (isObject(data) ? data : {});

export function DemarcheForm(props: DemarcheFormProps) {
  const { definition, data, onChange, onSubmit, onSaveDraft, submitting = false, savingDraft = false, draftSavedAt, serverErrors,
    submitLabel = 'Envoyer ma demande', headingLevel = 2 } = props;
  const idPrefix = props.idPrefix ?? `demarche-${definition.id}`;
  const validator = useMemo(() => createValidator(), []);
  const form = useMemo(() => buildForm(definition), [definition]);
  const recapStep = form.pages.length;
  const totalSteps = form.pages.length + 1;

  // The answers: controlled by `data` when the parent passes it back, kept here meanwhile.
  const [values, setValues] = useState<FormValues>(() => asValues(data));
  const [previousData, setPreviousData] = useState(data);
  if (data !== previousData) {
    setPreviousData(data);
    if (data !== undefined && !deepEquals(data, values)) setValues(asValues(data));
  }
  const latest = useRef(values);
  latest.current = values;

  const [step, setStep] = useState(0);
  const [attemptedPages, setAttemptedPages] = useState<ReadonlySet<number>>(() => new Set());
  const [recapAttempted, setRecapAttempted] = useState(false);
  const [reachedRecap, setReachedRecap] = useState(false);
  const [focusTarget, setFocusTarget] = useState<string | undefined>();
  const [serverIssues, setServerIssues] = useState<ServerIssue[]>([]);
  // Another démarche: start again from its first page.
  const [definitionKey, setDefinitionKey] = useState(`${definition.id}@${definition.version}`);
  if (definitionKey !== `${definition.id}@${definition.version}`) {
    setDefinitionKey(`${definition.id}@${definition.version}`);
    setStep(0);
    setAttemptedPages(new Set());
    setRecapAttempted(false);
    setReachedRecap(false);
    setFocusTarget(undefined);
  }
  const pageOf = (path: Path) => form.pages.findIndex((p) => path.length > 0 && p.fields.includes(path[0]));

  const titleRef = useRef<HTMLHeadingElement>(null);
  const recapSummaryRef = useRef<HTMLDivElement>(null);
  const [navigation, setNavigation] = useState(0);
  const [recapFocusRequest, setRecapFocusRequest] = useState(0);

  const goTo = (next: number, target?: string) => {
    setStep(Math.max(0, Math.min(next, recapStep)));
    setFocusTarget(target);
    if (next >= recapStep) setReachedRecap(true);
    setNavigation((n) => n + 1);
  };
  const markAttempted = (index: number) => setAttemptedPages((s) => (s.has(index) ? s : new Set(s).add(index)));

  // After moving to another step, the focus goes to its title (or to the field asked for).
  useEffect(() => {
    if (navigation === 0 || focusTarget) return;
    titleRef.current?.focus();
  }, [navigation, focusTarget]);
  useEffect(() => {
    if (recapFocusRequest > 0) recapSummaryRef.current?.focus();
  }, [recapFocusRequest]);

  // The server's errors: kept with the values they were about, the form moves to the first one.
  useEffect(() => {
    if (!serverErrors || serverErrors.length === 0) {
      setServerIssues([]);
      return;
    }
    const issues = serverErrors.map((e) => {
      const path = pointerToPath(e.pointer);
      return { path, message: e.message, field: e.field, value: getIn(latest.current, path) };
    });
    setServerIssues(issues);
    const pages = issues.map((i) => form.pages.findIndex((p) => i.path.length > 0 && p.fields.includes(i.path[0]))).filter((i) => i >= 0);
    if (pages.length > 0) {
      const first = Math.min(...pages);
      setAttemptedPages((s) => new Set(s).add(first));
      setStep(first);
      setFocusTarget(undefined);
      setNavigation((n) => n + 1);
    } else {
      setStep(recapStep);
      setRecapAttempted(true);
      setRecapFocusRequest((n) => n + 1);
    }
  }, [serverErrors, form, recapStep]);
  const activeServerIssues = serverIssues.filter((i) => deepEquals(getIn(values, i.path), i.value));

  const change = (next: FormValues) => {
    setValues(next);
    onChange?.(next);
  };

  // The current page: its schema (what it validates), the one rjsf renders, its uiSchema and data.
  const page = form.pages[Math.min(step, form.pages.length - 1)];
  const pageValidation = useStable(useMemo(() => pageSchema(form.validation, page.fields, values), [form, page, values]));
  const pageRender = useStable(useMemo(() => pageSchema(form.render, page.fields, values), [form, page, values]));
  const pageUi = useMemo(() => pageUiSchema(form.uiSchema, page.fields), [form, page]);
  const pageData = useMemo(() => {
    const out: FormValues = {};
    for (const f of page.fields) if (values[f] !== undefined) out[f] = values[f];
    return out;
  }, [page, values]);
  const pageServerErrors = useStable(activeServerIssues.filter((i) => pageOf(i.path) === step).map(({ path, message }) => ({ path, message })));

  // The recap: the whole form validated at once.
  const fullUtils = useMemo(() => createSchemaUtils(validator, form.render, DEFAULT_FORM_STATE_BEHAVIOR), [validator, form]);
  const full = useMemo(
    () => (step === recapStep ? validateForm(validator, fullUtils, form.validation, form.render, form.uiSchema, values, idPrefix) : null),
    [step, recapStep, validator, fullUtils, form, values, idPrefix],
  );

  const saveDraft = () => {
    if (!onSaveDraft) return;
    onSaveDraft(asValues(cleanData(fullUtils, form.render, latest.current)));
  };

  const draftStatus = (
    <p className="fr-text--sm fr-mb-0 guichet-draft-status" role="status">
      {savingDraft ? 'Enregistrement du brouillon…' : draftSavedAt ? `Brouillon enregistré le ${formatDateTime(draftSavedAt)}.` : ''}
    </p>
  );
  const draftButton = onSaveDraft && (
    <li>
      <button type="button" className="fr-btn fr-btn--secondary" onClick={saveDraft} disabled={savingDraft || submitting}>
        Enregistrer le brouillon
      </button>
    </li>
  );

  const H = `h${headingLevel}` as 'h2' | 'h3';
  const current = Math.min(step, recapStep);
  const title = current === recapStep ? 'Récapitulatif' : page.title;
  const nextTitle = current < recapStep - 1 ? form.pages[current + 1].title : current === recapStep - 1 ? 'Récapitulatif' : undefined;
  const stepper = (
    <div className="fr-stepper">
      <H className="fr-stepper__title" tabIndex={-1} ref={titleRef}>
        {title}
        <span className="fr-stepper__state">Étape {current + 1} sur {totalSteps}</span>
      </H>
      <div className="fr-stepper__steps" data-fr-current-step={current + 1} data-fr-steps={totalSteps} />
      {nextTitle && (
        <p className="fr-stepper__details">
          <span className="fr-text--bold">Étape suivante :</span> {nextTitle}
        </p>
      )}
    </div>
  );

  if (step === recapStep && full) {
    const issues: (SummaryError & { path: Path })[] = [
      ...activeServerIssues.map((i) => ({ path: i.path, id: fieldId(idPrefix, i.path), label: i.field, message: i.message })),
      ...full.issues.filter((i) => !activeServerIssues.some((s) => deepEquals(s.path, i.path) && s.message === i.message)),
    ];
    const shown = recapAttempted || activeServerIssues.length > 0 ? issues : [];
    const byPath = new Map<string, string[]>();
    for (const issue of shown) {
      const key = issue.path.join('/');
      byPath.set(key, [...(byPath.get(key) ?? []), issue.message]);
    }
    const withNavigation = shown.map((issue) => {
      const target = pageOf(issue.path);
      return {
        ...issue,
        onSelect: target >= 0 ? () => {
          markAttempted(target);
          goTo(target, issue.id);
        } : undefined,
      };
    });
    const submit = (event: FormEvent) => {
      event.preventDefault();
      if (submitting) return;
      if (issues.length > 0) {
        setRecapAttempted(true);
        setRecapFocusRequest((n) => n + 1);
        return;
      }
      onSubmit(full.cleaned);
    };
    return (
      <div className="guichet-demarche-form" id={`${idPrefix}-recapitulatif`}>
        {stepper}
        <p>Vérifiez vos réponses avant d’envoyer votre demande. Pour corriger une réponse, choisissez « Modifier ».</p>
        <ErrorSummary
          errors={withNavigation}
          ref={recapSummaryRef}
          headingLevel={headingLevel === 2 ? 3 : 4}
          title={`Votre demande contient ${shown.length} erreur${shown.length > 1 ? 's' : ''}`}
          intro={shown.length > 1 ? 'Corrigez-les avant de l’envoyer :' : 'Corrigez-la avant de l’envoyer :'}
        />
        <Recap
          utils={fullUtils}
          schema={form.render}
          uiSchema={form.uiSchema}
          data={full.cleaned}
          pages={form.pages}
          issues={byPath}
          onEdit={(index) => goTo(index)}
          headingLevel={headingLevel + 1}
          idPrefix={idPrefix}
        />
        <form onSubmit={submit} noValidate className="guichet-actions">
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <button type="button" className="fr-btn fr-btn--secondary fr-icon-arrow-left-line" onClick={() => goTo(recapStep - 1)}>
                Précédent
              </button>
            </li>
            <li>
              <button type="submit" className="fr-btn" disabled={submitting} aria-disabled={submitting || undefined}>
                {submitting ? 'Envoi en cours…' : submitLabel}
              </button>
            </li>
            {draftButton}
          </ul>
          {draftStatus}
        </form>
      </div>
    );
  }

  const fieldCount = Object.keys(isObject(pageRender.properties) ? pageRender.properties : {}).length;
  return (
    <div className="guichet-demarche-form" id={`${idPrefix}-etape-${page.id}`}>
      {stepper}
      {page.description && <p>{page.description}</p>}
      {fieldCount > 0 && <p className="fr-hint-text">Sauf mention contraire, tous les champs sont obligatoires.</p>}
      <GuidedForm
        key={page.id}
        validator={validator}
        schema={pageValidation}
        renderSchema={pageRender}
        uiSchema={pageUi}
        data={pageData}
        onChange={(next) => {
          const merged: FormValues = { ...latest.current };
          for (const f of page.fields) {
            if (next[f] === undefined) delete merged[f];
            else merged[f] = next[f];
          }
          change(merged);
        }}
        onValid={(_cleaned, action) => goTo(action === 'recap' ? recapStep : step + 1)}
        attempted={attemptedPages.has(step)}
        onAttempt={() => markAttempted(step)}
        serverErrors={pageServerErrors}
        idPrefix={idPrefix}
        formContext={{ headingLevel: (headingLevel + 1) as 3 | 4 }}
        summaryHeadingLevel={headingLevel === 2 ? 3 : 4}
        focusOnMount={focusTarget}
        disabled={submitting}
      >
        <div className="guichet-actions">
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            {step > 0 && (
              <li>
                <button type="button" className="fr-btn fr-btn--secondary fr-icon-arrow-left-line" onClick={() => goTo(step - 1)}>
                  Précédent
                </button>
              </li>
            )}
            <li>
              <button type="submit" className="fr-btn" data-action="next">
                Suivant
              </button>
            </li>
            {reachedRecap && (
              <li>
                <button type="submit" className="fr-btn fr-btn--tertiary" data-action="recap">
                  Revenir au récapitulatif
                </button>
              </li>
            )}
            {draftButton}
          </ul>
          {draftStatus}
        </div>
      </GuidedForm>
    </div>
  );
}
