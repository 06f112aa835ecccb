import { parseReservedEvent, stateGraph, type Demarche, type EventDefinition } from '../../engine';
import { DesignError, edit, isSlug } from './edit';
import { updateTransition, type TransitionRef } from './workflow';

/** The kinds of payload field the designer's simple list offers; `other` keeps a schema it cannot show as is. */
export const PAYLOAD_FIELD_TYPES = {
  text: 'Texte court',
  textarea: 'Texte long',
  number: 'Nombre',
  date: 'Date',
  boolean: 'Oui / non',
  choice: 'Choix dans une liste',
  other: 'Autre (conservé tel quel)',
} as const;

export type PayloadFieldType = keyof typeof PAYLOAD_FIELD_TYPES;

/** One field of an event's payload, as the inspector lists it (e.g. a refusal's « motif »). */
export interface PayloadField {
  name: string;
  label: string;
  type: PayloadFieldType;
  required: boolean;
  /** The values of a choice (`const` and title). */
  options?: { value: string; title: string }[];
  /** The field's schema as found, kept when its type does not change (lengths, formats, descriptions). */
  schema?: Record<string, unknown>;
}

type Schemaish = Record<string, unknown>;
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** Declared event names have no dot or colon; the others are the engine's own (timers, délais, pièces). */
export const isDeclarable = (event: string) => parseReservedEvent(event) === null;

function typeOf(schema: Schemaish, widget: unknown): PayloadFieldType {
  if (Array.isArray(schema.oneOf) && schema.oneOf.every((x) => typeof x === 'object' && x !== null && 'const' in x)) return schema.type === 'string' ? 'choice' : 'other';
  if (Array.isArray(schema.enum)) return schema.type === 'string' ? 'choice' : 'other';
  if (schema.type === 'string' && schema.format === 'date') return 'date';
  if (schema.type === 'string' && !schema.format) return widget === 'textarea' ? 'textarea' : 'text';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  return 'other';
}

function optionsOf(schema: Schemaish): PayloadField['options'] {
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Schemaish[]).map((o) => ({ value: String(o.const), title: typeof o.title === 'string' ? o.title : String(o.const) }));
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => ({ value: String(v), title: String(v) }));
  return undefined;
}

/** The fields of an event's payload, in order. */
export function payloadFields(event: EventDefinition | undefined): PayloadField[] {
  if (!event) return [];
  const properties = (event.payload.properties ?? {}) as Record<string, Schemaish>;
  const required = new Set(Array.isArray(event.payload.required) ? (event.payload.required as string[]) : []);
  return Object.entries(properties).map(([name, schema]) => {
    const widget = (event.uiSchema?.[name] as Schemaish | undefined)?.['ui:widget'];
    const type = typeOf(schema, widget);
    return {
      name, type, required: required.has(name), schema,
      label: typeof schema.title === 'string' ? schema.title : name,
      ...(type === 'choice' ? { options: optionsOf(schema) } : {}),
    };
  });
}

function schemaFor(field: PayloadField): Schemaish {
  const kept = field.schema && typeOf(field.schema, field.type === 'textarea' ? 'textarea' : undefined) === field.type ? { ...field.schema } : null;
  const base: Schemaish = kept ?? (
    field.type === 'text' ? { type: 'string', maxLength: 200 }
      : field.type === 'textarea' ? { type: 'string', maxLength: 2000 }
        : field.type === 'number' ? { type: 'number' }
          : field.type === 'date' ? { type: 'string', format: 'date' }
            : field.type === 'boolean' ? { type: 'boolean' }
              : field.type === 'choice' ? { type: 'string' }
                : { ...(field.schema ?? {}) }
  );
  base.title = field.label;
  if (field.type === 'choice') {
    delete base.enum;
    base.oneOf = (field.options ?? []).map((o) => ({ const: o.value, title: o.title }));
  }
  // A required text must say something: an empty motif is no motif.
  if ((field.type === 'text' || field.type === 'textarea') && field.required && base.minLength === undefined) base.minLength = 1;
  return base;
}

/** Replaces the payload's fields by this list (order, labels, types, required), keeping what each field had. */
export function setPayloadFields(definition: Demarche, eventName: string, fields: PayloadField[]): Demarche {
  const names = new Set<string>();
  for (const f of fields) {
    if (!FIELD_NAME.test(f.name)) throw new DesignError(`« ${f.name} » n’est pas un nom de champ valide : une lettre puis des lettres, chiffres ou « _ », sans espace ni accent.`);
    if (names.has(f.name)) throw new DesignError(`Deux champs s’appellent « ${f.name} ».`);
    if (!f.label.trim()) throw new DesignError(`Donnez un libellé au champ « ${f.name} ».`);
    if (f.type === 'choice' && !(f.options ?? []).length) throw new DesignError(`Le champ « ${f.label} » est un choix : indiquez au moins une option.`);
    names.add(f.name);
  }
  return edit(definition, (d) => {
    const event = d.events[eventName];
    if (!event) throw new DesignError(`L’événement « ${eventName} » n’est pas déclaré.`);
    const required = fields.filter((f) => f.required).map((f) => f.name);
    const { required: _r, properties: _p, ...rest } = event.payload;
    event.payload = {
      ...rest, type: 'object', additionalProperties: false,
      ...(required.length ? { required } : {}),
      properties: Object.fromEntries(fields.map((f) => [f.name, schemaFor(f)])),
    };
    const ui: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(event.uiSchema ?? {})) if (k.startsWith('ui:') || names.has(k)) ui[k] = v;
    for (const f of fields) {
      const own = { ...((ui[f.name] as Schemaish | undefined) ?? {}) };
      if (f.type === 'textarea') own['ui:widget'] = 'textarea';
      else if (own['ui:widget'] === 'textarea') delete own['ui:widget'];
      if (f.type === 'choice' && !own['ui:widget']) own['ui:widget'] = 'radio';
      if (Object.keys(own).length) ui[f.name] = own;
      else delete ui[f.name];
    }
    if (Object.keys(ui).length) event.uiSchema = ui;
    else delete event.uiSchema;
  });
}

/** « refuser_demande » → « Refuser demande »: a first label the designer then rewrites. */
export function eventLabel(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Declares an event, or changes its label, roles, description or confirmation question. */
export function setEvent(definition: Demarche, name: string, changes: Partial<Omit<EventDefinition, 'payload' | 'uiSchema'>>): Demarche {
  if (!isSlug(name)) throw new DesignError(`« ${name} » n’est pas un nom d’événement valide : minuscules sans accents, chiffres, « _ » ou « - ».`);
  return edit(definition, (d) => {
    const current: EventDefinition = d.events[name] ?? {
      label: eventLabel(name),
      roles: Object.keys(d.roles).filter((r) => r !== 'usager').slice(0, 1),
      payload: { type: 'object', additionalProperties: false, properties: {} },
    };
    const next = { ...current, ...changes };
    for (const k of ['description', 'confirm'] as const) if (next[k] === undefined || next[k] === '') delete next[k];
    d.events = { ...d.events, [name]: next };
  });
}

/** How many transitions each event triggers. */
export function eventUses(definition: Demarche): Map<string, number> {
  const uses = new Map<string, number>();
  for (const node of stateGraph(definition.workflow).nodes) {
    for (const t of node.transitions) if (t.trigger.kind === 'event') uses.set(t.trigger.event, (uses.get(t.trigger.event) ?? 0) + 1);
  }
  return uses;
}

/**
 * Makes a transition answer another event. The new event is declared if it was not, taking the old
 * one's declaration (label, roles, payload) when no other transition still uses the old one —
 * then it is a rename, and the scenarios that sent the old event send the new one.
 */
export function changeTransitionEvent(definition: Demarche, ref: TransitionRef, event: string): { definition: Demarche; ref: TransitionRef } {
  if (ref.kind !== 'event') throw new DesignError('Seule une transition déclenchée par un événement change d’événement.');
  if (!isSlug(event)) throw new DesignError(`« ${event} » n’est pas un nom d’événement valide : minuscules sans accents, chiffres, « _ » ou « - ».`);
  const old = ref.key!;
  if (old === event) return { definition, ref };
  const moved = updateTransition(definition, ref, { key: event });
  const stillUsed = (eventUses(moved.definition).get(old) ?? 0) > 0;
  const next = edit(moved.definition, (d) => {
    if (!d.events[event] && d.events[old]) d.events = { ...d.events, [event]: structuredClone(d.events[old]) };
    if (!stillUsed && d.events[old]) {
      const { [old]: _gone, ...rest } = d.events;
      d.events = rest;
      for (const scenario of d.scenarios ?? []) for (const step of scenario.steps) if (step.event === old) step.event = event;
    }
  });
  return { definition: ensureEvent(next, event), ref: moved.ref };
}

/** Declares `event` when it is not (a transition drawn on the graph gets a declaration at once). */
export function ensureEvent(definition: Demarche, event: string): Demarche {
  return definition.events[event] || !isDeclarable(event) ? definition : setEvent(definition, event, {});
}

/** Removes an event's declaration when no transition uses it any more. */
export function dropUnusedEvent(definition: Demarche, event: string): Demarche {
  if (!definition.events[event] || (eventUses(definition).get(event) ?? 0) > 0) return definition;
  return edit(definition, (draft) => {
    const { [event]: _gone, ...rest } = draft.events;
    draft.events = rest;
  });
}
