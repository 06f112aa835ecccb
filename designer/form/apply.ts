import type { Demarche } from '../../engine';
import { DesignError } from '../model';

/** An edit of the form builder: the new definition, or the reason the model refused it (in French). */
export function tryEdit(fn: () => Demarche): { definition?: Demarche; error?: string } {
  try {
    return { definition: fn() };
  } catch (e) {
    if (e instanceof DesignError) return { error: e.message };
    throw e;
  }
}

/** A number input's value: empty is « no constraint ». */
export function numberOrUndefined(raw: string): number | undefined {
  if (raw.trim() === '') return undefined;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}
