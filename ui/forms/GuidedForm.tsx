/**
 * A form that tells about errors at the right time: a field's error shows once the citizen has
 * typed in it and left it, every error once they have tried to go on (then live, as they correct),
 * and the server's errors at once, until the field they are about changes.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { IChangeEvent } from '@rjsf/core';
import { createSchemaUtils, deepEquals } from '@rjsf/utils';
import type { ErrorSchema, RJSFSchema, SchemaUtilsType, UiSchema, ValidatorType } from '@rjsf/utils';
import { DEFAULT_FORM_STATE_BEHAVIOR, type GuichetFormContext } from './controls';
import { ErrorSummary, type SummaryError } from './ErrorSummary';
import { cleanData, describeField, fieldId, isObject, propertyToPath, type Path } from './schemaTools';
import { DsfrForm } from './theme';
import { transformErrors } from './validator';

export type FormValues = Record<string, unknown>;

/** An error about a field: where, its label and the message. */
export interface FieldIssue extends SummaryError {
  path: Path;
  /** From the server (shown at once) rather than from the form's own checks. */
  server?: boolean;
}

/** An error the server gave, with the path of its field in the form's data. */
export interface PathError {
  path: Path;
  message: string;
}

/** A value as stable as its content: the same object while it is deeply equal. */
export function useStable<T>(value: T): T {
  const ref = useRef(value);
  if (ref.current !== value && !deepEquals(ref.current, value)) ref.current = value;
  return ref.current;
}

export interface ValidationResult {
  /** The data as sent: defaults filled, hidden and empty values dropped. */
  cleaned: FormValues;
  issues: FieldIssue[];
}

/** Validates data as a form shows it (see cleanData) and describes each error for people. */
export function validateForm(validator: ValidatorType, utils: SchemaUtilsType, validationSchema: RJSFSchema, renderSchema: RJSFSchema,
  uiSchema: UiSchema, data: unknown, idPrefix: string): ValidationResult {
  const withDefaults = utils.getDefaultFormState(renderSchema, isObject(data) ? data : {});
  const cleanedValue = cleanData(utils, renderSchema, withDefaults);
  const cleaned = isObject(cleanedValue) ? cleanedValue : {};
  const { errors } = validator.validateFormData(cleaned, validationSchema, undefined, transformErrors, uiSchema);
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const path = propertyToPath(error.property);
    const message = error.message ?? error.stack;
    const key = `${path.join('/')}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { label, context } = describeField(utils, renderSchema, uiSchema, path, cleaned);
    issues.push({ path, id: fieldId(idPrefix, path), label: label || error.title || 'Formulaire', context, message });
  }
  return { cleaned, issues };
}

/** The issues as rjsf's `extraErrors`, so each field shows its own. */
export function toErrorSchema(issues: readonly FieldIssue[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const segment of issue.path) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    const list = (node.__errors ??= []) as string[];
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return root as ErrorSchema;
}

/** Issues in the order of their fields on the page (falls back to the given order). */
function inPageOrder(issues: FieldIssue[]): FieldIssue[] {
  if (typeof document === 'undefined') return issues;
  const position = (issue: FieldIssue) => document.getElementById(issue.id);
  return [...issues].sort((a, b) => {
    const ea = position(a);
    const eb = position(b);
    if (!ea || !eb || ea === eb) return 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

export interface GuidedFormProps {
  validator: ValidatorType;
  /** The schema the data is validated with (the definition's). */
  schema: RJSFSchema;
  /** The schema rjsf renders (see renderSchema). */
  renderSchema: RJSFSchema;
  uiSchema: UiSchema;
  data: FormValues;
  onChange: (data: FormValues) => void;
  /** The data is valid (cleaned); `action` is the `data-action` of the button that submitted. */
  onValid: (cleaned: FormValues, action: string | undefined) => void;
  /** Every error is shown (the citizen tried to go on); the form calls `onAttempt` when they do. */
  attempted: boolean;
  onAttempt: () => void;
  serverErrors?: readonly PathError[];
  idPrefix: string;
  formContext?: GuichetFormContext;
  /** Heading level of the error summary's title. */
  summaryHeadingLevel?: 2 | 3 | 4;
  /** A field to focus once the form is shown (coming from a link to it). */
  focusOnMount?: string;
  disabled?: boolean;
  children: ReactNode;
}

export function GuidedForm(props: GuidedFormProps) {
  const { validator, schema, renderSchema, uiSchema, data, onChange, onValid, attempted, onAttempt, serverErrors = [], idPrefix,
    formContext, summaryHeadingLevel = 3, focusOnMount, disabled, children } = props;
  const utils = useMemo(() => createSchemaUtils(validator, renderSchema, DEFAULT_FORM_STATE_BEHAVIOR), [validator, renderSchema]);
  const { cleaned, issues } = useMemo(
    () => validateForm(validator, utils, schema, renderSchema, uiSchema, data, idPrefix),
    [validator, utils, schema, renderSchema, uiSchema, data, idPrefix],
  );

  // Fields the citizen typed in, and those they then left: their errors may show.
  const changed = useRef(new Set<string>());
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set());
  // Leaving a field by pressing a button (« Suivant »…) shows its error only once the button is
  // released: the message would push the button from under the pointer and the click would be lost.
  const pressingButton = useRef(false);
  const pendingVisits = useRef<string[]>([]);
  const visit = (ids: string[]) => {
    const fresh = ids.filter((id) => changed.current.has(id));
    if (fresh.length > 0) setVisited((v) => (fresh.every((id) => v.has(id)) ? v : new Set([...v, ...fresh])));
  };
  useEffect(() => {
    const release = () => {
      if (!pressingButton.current) return;
      window.setTimeout(() => {
        pressingButton.current = false;
        const ids = pendingVisits.current;
        pendingVisits.current = [];
        visit(ids);
      }, 0);
    };
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
    return () => {
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
  }, []);

  const serverIssues: FieldIssue[] = useMemo(() => serverErrors.map((e) => {
    const { label, context } = describeField(utils, renderSchema, uiSchema, e.path, cleaned);
    return { path: e.path, id: fieldId(idPrefix, e.path), label: label || 'Formulaire', context, message: e.message, server: true };
  }), [serverErrors, utils, renderSchema, uiSchema, cleaned, idPrefix]);

  const shown = useMemo(() => {
    const own = attempted ? issues : issues.filter((i) => visited.has(i.id));
    return [...serverIssues, ...own.filter((i) => !serverIssues.some((s) => s.id === i.id && s.message === i.message))];
  }, [attempted, issues, visited, serverIssues]);
  const extraErrors = useStable(useMemo(() => toErrorSchema(shown), [shown]));
  const summary = attempted || serverIssues.length > 0 ? inPageOrder(shown) : [];

  // A failed attempt moves the focus to the summary, which says what to correct.
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) summaryRef.current?.focus();
  }, [focusRequest]);
  useEffect(() => {
    if (!focusOnMount) return;
    const element = document.getElementById(focusOnMount);
    const target = element?.matches('input, select, textarea') ? element : element?.querySelector<HTMLElement>('input, select, textarea');
    target?.focus();
    // Only when the form appears.
  }, []);

  const handleSubmit = (_: IChangeEvent, event: FormEvent) => {
    const submitter = (event.nativeEvent as SubmitEvent | undefined)?.submitter;
    const action = submitter?.getAttribute('data-action') ?? undefined;
    if (action === 'skip-validation') {
      onValid(cleaned, action);
      return;
    }
    if (issues.length > 0 || serverIssues.length > 0) {
      onAttempt();
      setFocusRequest((n) => n + 1);
      return;
    }
    onValid(cleaned, action);
  };

  return (
    <div
      className="guichet-guided-form"
      onPointerDownCapture={(e) => {
        pressingButton.current = e.target instanceof Element && e.target.closest('button') !== null;
      }}
    >
      <ErrorSummary errors={summary} ref={summaryRef} headingLevel={summaryHeadingLevel} />
      <DsfrForm
        validator={validator}
        schema={renderSchema}
        uiSchema={uiSchema}
        formData={data}
        idPrefix={idPrefix}
        formContext={formContext}
        noValidate
        showErrorList={false}
        extraErrors={extraErrors}
        disabled={disabled}
        onChange={(event, id) => {
          if (id) changed.current.add(id);
          onChange(isObject(event.formData) ? event.formData : {});
        }}
        onBlur={(id) => {
          if (pressingButton.current) pendingVisits.current.push(id);
          else visit([id]);
        }}
        onSubmit={handleSubmit}
      >
        {children}
      </DsfrForm>
    </div>
  );
}
