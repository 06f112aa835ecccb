/**
 * The DSFR widgets: the controls themselves. Their label, hint and messages are laid out by the
 * field template (templates.tsx); each control points at them with `aria-describedby`.
 */
import { useRef, useState, type ChangeEvent, type FocusEvent } from 'react';
import {
  enumOptionSelectedValue,
  enumOptionsDeselectValue,
  enumOptionsIsSelected,
  enumOptionsSelectValue,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  getInputProps,
  getOptionValueFormat,
  getSchemaType,
  optionId,
} from '@rjsf/utils';
import type { BaseInputTemplateProps, EnumOptionsType, RJSFSchema, WidgetProps } from '@rjsf/utils';
import { controlKind, describedBy, inlineChoices, isCertification } from './controls';

const hasErrors = (rawErrors: unknown) => Array.isArray(rawErrors) && rawErrors.length > 0;

function numericType(schema: RJSFSchema): 'number' | 'integer' | null {
  const type = getSchemaType(schema);
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  return null;
}

/** « 12,5 » or « 12.5 » or « 1 000 » → 12.5 / 1000; null when it is not a number. */
export function parseFrenchNumber(text: string): number | null {
  const normalized = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalized)) return null;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

const PHONE_NAME = /^(telephone|tel|mobile|portable|phone)/i;

/**
 * The `<input>` of text, e-mail, telephone, date and number fields. Numbers are typed in a text
 * field with a numeric keyboard, as French writes them (« 12,5 »): a browser's number field
 * would refuse the comma.
 */
export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const {
    id, name, htmlName, value, readonly, disabled, autofocus, onBlur, onFocus, onChange, onChangeOverride, options,
    schema, uiSchema, registry, rawErrors, type, placeholder, required,
  } = props;
  const numeric = type ? null : numericType(schema);
  const inputProps = getInputProps(schema, type, options);
  const emitted = useRef<unknown>(undefined);
  const [draft, setDraft] = useState<string | null>(null);

  let inputType = numeric ? 'text' : String(inputProps.type ?? 'text');
  if (inputType === 'text' && !numeric && !options.inputType && PHONE_NAME.test(name)) inputType = 'tel';
  const inputMode = numeric === 'integer' ? 'numeric' : numeric === 'number' ? 'decimal' : undefined;

  let text: string;
  if (numeric) {
    // rjsf's NumberField may hand the value back formatted for the browser's locale (« 12,5 »).
    const valueNumber = typeof value === 'number' ? value : typeof value === 'string' ? parseFrenchNumber(value) : null;
    const showDraft = draft !== null && (Object.is(emitted.current, value) || (typeof emitted.current === 'number' && valueNumber === emitted.current));
    text = showDraft ? draft : value === undefined || value === null ? '' : String(value).replace('.', ',');
  } else text = value === undefined || value === null ? '' : String(value);

  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const raw = event.target.value;
    let next: unknown;
    if (raw === '') next = options.emptyValue;
    else if (numeric) next = parseFrenchNumber(raw) ?? raw;
    else next = raw;
    if (numeric) {
      setDraft(raw);
      emitted.current = next;
    }
    onChange(next);
  };

  return (
    <input
      id={id}
      name={htmlName || id}
      className="fr-input"
      type={inputType}
      inputMode={inputMode}
      value={text}
      placeholder={placeholder || undefined}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      required={required}
      autoComplete={typeof inputProps.autoComplete === 'string' ? inputProps.autoComplete : undefined}
      spellCheck={inputType === 'email' || inputType === 'tel' ? false : undefined}
      min={numeric ? undefined : inputProps.min}
      max={numeric ? undefined : inputProps.max}
      aria-describedby={describedBy(id, schema, uiSchema, registry)}
      aria-invalid={hasErrors(rawErrors) || undefined}
      onChange={onChangeOverride || handleChange}
      onBlur={(e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
      onFocus={(e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
    />
  );
}

export function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, autofocus, onBlur, onFocus, onChange, options, schema, uiSchema, registry,
    rawErrors, placeholder, required } = props;
  const rows = typeof options.rows === 'number' ? options.rows : 5;
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className="fr-input"
      rows={rows}
      value={value === undefined || value === null ? '' : String(value)}
      placeholder={placeholder || undefined}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      required={required}
      aria-describedby={describedBy(id, schema, uiSchema, registry)}
      aria-invalid={hasErrors(rawErrors) || undefined}
      onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

function optionsOf(props: WidgetProps): EnumOptionsType[] {
  return Array.isArray(props.options.enumOptions) ? props.options.enumOptions : [];
}

function isDisabledOption(props: WidgetProps, value: unknown): boolean {
  const { enumDisabled } = props.options;
  return Array.isArray(enumDisabled) && (enumDisabled as unknown[]).includes(value);
}

/** Radios, inside the fieldset the field template draws (its legend is the question). */
export function RadioWidget(props: WidgetProps) {
  const { id, htmlName, value, disabled, readonly, autofocus, onBlur, onFocus, onChange, options, schema, uiSchema, registry, rawErrors, required } = props;
  const enumOptions = optionsOf(props);
  const format = getOptionValueFormat(options);
  const inline = inlineChoices(enumOptions.map((o) => o.label), options.inline);
  const ariaDescribedBy = describedBy(id, schema, uiSchema, registry);
  return (
    <>
      {enumOptions.map((option, i) => {
        const optionDescription = option.schema && typeof option.schema.description === 'string' ? option.schema.description : undefined;
        return (
          <div className={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`} key={String(option.value)}>
            <div className="fr-radio-group">
              <input
                type="radio"
                id={optionId(id, i)}
                name={htmlName || id}
                value={enumOptionValueEncoder(option.value, i, format)}
                checked={enumOptionsIsSelected(option.value, value)}
                disabled={disabled || readonly || isDisabledOption(props, option.value)}
                autoFocus={autofocus && i === 0}
                required={required}
                aria-describedby={ariaDescribedBy}
                aria-invalid={hasErrors(rawErrors) || undefined}
                onChange={() => onChange(option.value)}
                onBlur={() => onBlur(id, value)}
                onFocus={() => onFocus(id, value)}
              />
              <label className="fr-label" htmlFor={optionId(id, i)}>
                {option.label}
                {optionDescription && <span className="fr-hint-text">{optionDescription}</span>}
              </label>
            </div>
          </div>
        );
      })}
    </>
  );
}

/** Boxes for a list of choices (an array of constants with `uniqueItems`). */
export function CheckboxesWidget(props: WidgetProps) {
  const { id, htmlName, value, disabled, readonly, autofocus, onBlur, onFocus, onChange, options, schema, uiSchema, registry, rawErrors } = props;
  const enumOptions = optionsOf(props);
  const format = getOptionValueFormat(options);
  const selected: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const inline = options.inline === true;
  const ariaDescribedBy = describedBy(id, schema, uiSchema, registry);
  return (
    <>
      {enumOptions.map((option, index) => (
        <div className={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`} key={String(option.value)}>
          <div className="fr-checkbox-group">
            <input
              type="checkbox"
              id={optionId(id, index)}
              name={htmlName || id}
              value={enumOptionValueEncoder(option.value, index, format)}
              checked={enumOptionsIsSelected(option.value, selected)}
              disabled={disabled || readonly || isDisabledOption(props, option.value)}
              autoFocus={autofocus && index === 0}
              aria-describedby={ariaDescribedBy}
              aria-invalid={hasErrors(rawErrors) || undefined}
              onChange={(e) => onChange(e.target.checked
                ? enumOptionsSelectValue(index, selected, enumOptions)
                : enumOptionsDeselectValue(index, selected, enumOptions))}
              onBlur={() => onBlur(id, value)}
              onFocus={() => onFocus(id, value)}
            />
            <label className="fr-label" htmlFor={optionId(id, index)}>{option.label}</label>
          </div>
        </div>
      ))}
    </>
  );
}

/** A drop-down list, or radios / boxes when the field template chose them (see controlKind). */
export function SelectWidget(props: WidgetProps) {
  const { id, htmlName, value, disabled, readonly, autofocus, onBlur, onFocus, onChange, options, schema, uiSchema, registry,
    rawErrors, required, multiple, placeholder } = props;
  if (multiple) return <CheckboxesWidget {...props} />;
  if (controlKind(schema, uiSchema, registry, required) === 'radio') return <RadioWidget {...props} />;
  const enumOptions = optionsOf(props);
  const format = getOptionValueFormat(options);
  const selectedValue = enumOptionSelectedValue(value, enumOptions, false, format, '');
  const decode = (raw: string) => enumOptionValueDecoder(raw, enumOptions, format, options.emptyValue);
  return (
    <select
      id={id}
      name={htmlName || id}
      className="fr-select"
      value={typeof selectedValue === 'string' ? selectedValue : String(selectedValue ?? '')}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      required={required}
      aria-describedby={describedBy(id, schema, uiSchema, registry)}
      aria-invalid={hasErrors(rawErrors) || undefined}
      onChange={(e) => onChange(decode(e.target.value))}
      onBlur={(e) => onBlur(id, decode(e.target.value))}
      onFocus={(e) => onFocus(id, decode(e.target.value))}
    >
      <option value="" disabled={required}>{placeholder || 'Sélectionnez une option'}</option>
      {enumOptions.map((option, i) => (
        <option key={String(option.value)} value={enumOptionValueEncoder(option.value, i, format)} disabled={isDisabledOption(props, option.value)}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** A yes/no field: a box (certification, optional yes/no) or the radios « Oui » / « Non ». */
export function CheckboxWidget(props: WidgetProps) {
  const { id, htmlName, value, disabled, readonly, autofocus, onBlur, onFocus, onChange, label, hideLabel, schema, uiSchema, registry,
    rawErrors, required } = props;
  if (controlKind(schema, uiSchema, registry, required) === 'radio') return <RadioWidget {...props} />;
  return (
    <>
      <input
        type="checkbox"
        id={id}
        name={htmlName || id}
        checked={value === true}
        disabled={disabled || readonly}
        autoFocus={autofocus}
        required={required && isCertification(schema)}
        aria-describedby={describedBy(id, schema, uiSchema, registry)}
        aria-invalid={hasErrors(rawErrors) || undefined}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={(e) => onBlur(id, e.target.checked)}
        onFocus={(e) => onFocus(id, e.target.checked)}
      />
      <label className="fr-label" htmlFor={id}>
        {hideLabel ? <span className="fr-sr-only">{label}</span> : label}
      </label>
    </>
  );
}
