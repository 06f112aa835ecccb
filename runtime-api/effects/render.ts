/**
 * Letters, documents and notifications from a démarche's Mustache templates.
 *
 * The scope is `{ data, dossier: { reference, instruction, deadlines, pieces, submittedAt },
 * parametres, demarche: { id, title }, usager: { nom, prenom, email }, commune: { nom }, now }`.
 * The output is plain text, so nothing is HTML-escaped. Instead, every value printed by `{{…}}`
 * goes through `printable`, which writes it as a French reader expects:
 *   - an ISO date string → « 15 juin 2026 » (« 1er juin 2026 »);
 *   - an ISO instant string → « 15 juin 2026 à 10 h 00 », in Paris time;
 *   - a number → « 1 234,5 »; a parameter whose unit is EUR → « 86 » or « 25,50 » (the template
 *     writes « € » after it, as the shipped démarches do: « {{parametres.montant_timbre_fiscal}} € »);
 *   - true / false → « oui » / « non »; a list → its items separated by commas.
 * Sections (`{{#…}}`) and conditions still see the raw values, and `{{{…}}}` prints a value raw
 * (the ISO string itself) where a machine-readable form is wanted.
 */
import Mustache from 'mustache';
import type { Demarche, DossierSnapshot } from '../../engine';
import type { DossierRow, UserRow } from '../store';
import { PermanentEffectError } from './errors';
import { frenchDateText, frenchEuros, frenchNumber } from './french';

/** A parameter in euros: printed as an amount, while a section over it still sees a truthy value. */
export class Euros {
  constructor(readonly value: number) {}
  toString(): string {
    return frenchEuros(this.value);
  }
}

/** A value as printed in a letter (see the comment at the top of this file). */
export function printable(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return frenchDateText(value) ?? value;
  if (typeof value === 'number') return Number.isFinite(value) ? frenchNumber(value) : '';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (value instanceof Euros) return value.toString();
  if (Array.isArray(value)) return value.map(printable).filter((s) => s !== '').join(', ');
  // An object has no sensible text: printing « [object Object] » in a letter helps nobody.
  return '';
}

export interface TemplateInput {
  definition: Demarche;
  dossier: DossierRow;
  /** The citizen who filed the dossier. */
  owner: UserRow | null;
  /** The town's name (configuration). */
  commune: string;
  /** The instant the letter speaks from: the transition that asked for it. */
  now: string;
}

/** The scope a template reads. */
export function templateScope(input: TemplateInput): Record<string, unknown> {
  const { definition, dossier, owner } = input;
  const context = (dossier.snapshot as DossierSnapshot | null)?.context;
  const parametres = Object.fromEntries(Object.entries(definition.parameters ?? {}).map(([name, p]) =>
    [name, p.unit === 'EUR' && typeof p.value === 'number' && !Number.isInteger(p.value) ? new Euros(p.value) : p.value]));
  return {
    data: dossier.data,
    dossier: {
      reference: dossier.reference,
      instruction: context?.instruction ?? {},
      deadlines: context?.deadlines ?? {},
      pieces: context?.pieces ?? {},
      submittedAt: dossier.submittedAt ?? context?.submittedAt ?? null,
    },
    parametres,
    demarche: { id: definition.id, title: definition.title },
    usager: { nom: owner?.familyName ?? '', prenom: owner?.givenName ?? '', email: owner?.email ?? '' },
    commune: { nom: input.commune },
    now: input.now,
  };
}

/** Renders Mustache text as plain French text (see `printable`). */
export function renderText(text: string, scope: object): string {
  return Mustache.render(text, scope, undefined, { escape: printable });
}

export interface RenderedTemplate {
  template: string;
  kind: 'letter' | 'document' | 'notification';
  title: string;
  /** One line, at most 255 characters (the width of the subject columns). */
  subject: string;
  body: string;
}

/** One line of text, clipped to a column's width. */
export function oneLine(text: string, max = 255): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** Renders one of the démarche's templates; the subject falls back to the template's title. */
export function renderTemplate(definition: Demarche, id: string, scope: object): RenderedTemplate {
  const template = definition.templates?.[id];
  if (!template) throw new PermanentEffectError(`Le modèle « ${id} » n’existe pas dans la démarche « ${definition.title} » (version ${definition.version}).`);
  try {
    return {
      template: id,
      kind: template.kind,
      title: template.title,
      subject: oneLine(renderText(template.subject ?? template.title, scope)),
      body: renderText(template.body, scope).replace(/\s+$/, ''),
    };
  } catch (e) {
    // Mustache refuses the text itself (an unclosed section): the definition must be corrected.
    throw new PermanentEffectError(`Le modèle « ${id} » de la démarche « ${definition.title} » est mal formé : ${e instanceof Error ? e.message : String(e)}`);
  }
}
