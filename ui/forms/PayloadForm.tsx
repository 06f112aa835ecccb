/**
 * A one-page form for the payload of an event: what an agent's action asks (the motif of a
 * refusal, the pièces to request…). Same fields, hints and error handling as the citizen's form.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { deepEquals } from '@rjsf/utils';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { FieldError } from '../../engine';
import { GuidedForm, type FormValues, type PathError } from './GuidedForm';
import { getIn, isObject, pointerToPath, renderSchema } from './schemaTools';
import { createValidator } from './validator';

export interface PayloadFormProps {
  /** The JSON Schema of the payload (an object); none for an event without payload. */
  schema?: object;
  uiSchema?: UiSchema;
  /** Initial values (e.g. the payload kept while a confirmation is asked). */
  formData?: FormValues;
  /** Same as `formData`. */
  data?: FormValues;
  onChange?: (data: FormValues) => void;
  /** The payload is valid; receives it cleaned. */
  onSubmit: (data: FormValues) => void;
  /** Shows a « Annuler » button. */
  onCancel?: () => void;
  /** Default « Valider ». */
  submitLabel?: string;
  /** Default « Annuler ». */
  cancelLabel?: string;
  submitting?: boolean;
  /** Errors the API gave about the payload. */
  serverErrors?: readonly FieldError[];
  /** Prefix of the fields' ids (default: unique per form). */
  idPrefix?: string;
  /** Level of the error summary's title and of the groups' legends (default 3). */
  headingLevel?: 3 | 4;
}

const EMPTY_OBJECT: RJSFSchema = { type: 'object', properties: {} };

export function PayloadForm(props: PayloadFormProps) {
  const { schema, uiSchema, formData, data, onChange, onSubmit, onCancel, submitLabel = 'Valider', cancelLabel = 'Annuler', submitting = false,
    serverErrors, headingLevel = 3 } = props;
  const generatedId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const idPrefix = props.idPrefix ?? `action-${generatedId}`;
  const validator = useMemo(() => createValidator(), []);
  const validation = (isObject(schema) ? schema : EMPTY_OBJECT) as RJSFSchema;
  const rendered = useMemo(() => renderSchema(validation, uiSchema ?? {}), [validation, uiSchema]);
  const [values, setValues] = useState<FormValues>(() => {
    const initial = formData ?? data;
    return isObject(initial) ? initial : {};
  });
  const [attempted, setAttempted] = useState(false);
  const latest = useRef(values);
  latest.current = values;

  const [serverIssues, setServerIssues] = useState<(PathError & { value: unknown })[]>([]);
  useEffect(() => {
    const issues = (serverErrors ?? []).map((e) => {
      const path = pointerToPath(e.pointer);
      return { path, message: e.message, value: getIn(latest.current, path) };
    });
    setServerIssues(issues);
    if (issues.length > 0) setAttempted(true);
  }, [serverErrors]);
  const active = serverIssues.filter((i) => deepEquals(getIn(values, i.path), i.value)).map(({ path, message }) => ({ path, message }));
  const hasFields = isObject(validation.properties) && Object.keys(validation.properties).length > 0;

  return (
    <div className="guichet-payload-form">
      {hasFields && <p className="fr-hint-text">Sauf mention contraire, tous les champs sont obligatoires.</p>}
      <GuidedForm
        validator={validator}
        schema={validation}
        renderSchema={rendered.schema}
        uiSchema={rendered.uiSchema}
        data={values}
        onChange={(next) => {
          setValues(next);
          onChange?.(next);
        }}
        onValid={(cleaned) => {
          if (!submitting) onSubmit(cleaned);
        }}
        attempted={attempted}
        onAttempt={() => setAttempted(true)}
        serverErrors={active}
        idPrefix={idPrefix}
        formContext={{ headingLevel }}
        summaryHeadingLevel={headingLevel}
        disabled={submitting}
      >
        <ul className="fr-btns-group fr-btns-group--inline-md guichet-actions">
          <li>
            <button type="submit" className="fr-btn" disabled={submitting}>
              {submitting ? 'Envoi en cours…' : submitLabel}
            </button>
          </li>
          {onCancel && (
            <li>
              <button type="button" className="fr-btn fr-btn--secondary" onClick={onCancel} disabled={submitting}>
                {cancelLabel}
              </button>
            </li>
          )}
        </ul>
      </GuidedForm>
    </div>
  );
}
