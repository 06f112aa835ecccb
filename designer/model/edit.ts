import type { Demarche } from '../../engine';

/** An edit the designer refuses, with the reason in French for the person designing. */
export class DesignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesignError';
  }
}

/**
 * Applies an edit to a copy of the definition and returns the copy: the designer's history keeps
 * every version as it was, and the definition it edits is the very JSON the engine runs.
 */
export function edit(definition: Demarche, mutate: (draft: Demarche) => void): Demarche {
  const draft = structuredClone(definition);
  mutate(draft);
  return draft;
}

const SLUG = /^[a-z][a-z0-9_-]*$/;

export function isSlug(value: string): boolean {
  return SLUG.test(value) && value.length <= 64;
}

/** A slug from French words: « Pièce d’identité » → « piece_d_identite ». */
export function slugify(text: string): string {
  const slug = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
  return /^[a-z]/.test(slug) ? slug : `x_${slug}`.slice(0, 64);
}
