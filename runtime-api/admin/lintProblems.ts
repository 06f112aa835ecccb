import type { FieldError, Problem } from '../../engine';

/** A lint problem as the API reports it: where (JSON pointer), what, and whether it blocks. */
export interface LintProblem {
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
  rule: string;
}

export function lintProblems(problems: readonly Problem[]): LintProblem[] {
  return problems.map((p) => ({ pointer: p.pointer, message: p.message, severity: p.severity, rule: p.rule }));
}

/** `/workflow/states/depose/on/accepter` -> « workflow › states › depose › on › accepter ». */
export function fieldAt(pointer: string, whole: string): string {
  if (pointer === '') return whole;
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')).join(' › ');
}

/** The problems that block (errors, not warnings), as the `errors` of a problem document. */
export function blockingErrors(problems: readonly Problem[], whole: string): FieldError[] {
  return problems.filter((p) => p.severity === 'error').map((p) => ({ pointer: p.pointer, field: fieldAt(p.pointer, whole), message: p.message }));
}

/** The warnings, which do not block but deserve a look. */
export function warningsOf(problems: readonly Problem[]): { pointer: string; message: string }[] {
  return problems.filter((p) => p.severity === 'warning').map((p) => ({ pointer: p.pointer, message: p.message }));
}
