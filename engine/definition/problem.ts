/** What the linter finds wrong in a definition: where (JSON pointer), why, and how to fix it, in French. */
export interface Problem {
  /** JSON pointer into the definition (or the routing table), e.g. `/workflow/states/instruction/on/refuser`. */
  pointer: string;
  /** What is wrong and how to fix it, in French. */
  message: string;
  /** Stable code of the rule that found it. */
  rule: ProblemRule;
  severity: 'error' | 'warning';
}

export type ProblemRule =
  | 'structure'
  | 'json'
  | 'duplicate'
  | 'form'
  | 'unknown-target'
  | 'unreachable'
  | 'no-final'
  | 'stuck'
  | 'undeclared-event'
  | 'unused-event'
  | 'unknown-field'
  | 'wrong-type'
  | 'unknown-operation'
  | 'unknown-guard'
  | 'unknown-action'
  | 'invalid-params'
  | 'invalid-duration'
  | 'unknown-reference'
  | 'routing'
  | 'scenario';

export function error(rule: ProblemRule, pointer: string, message: string): Problem {
  return { rule, pointer, message, severity: 'error' };
}

export function warning(rule: ProblemRule, pointer: string, message: string): Problem {
  return { rule, pointer, message, severity: 'warning' };
}

/** Problems sorted by pointer, errors first at the same place, for stable output. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) =>
    a.pointer === b.pointer ? (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) : a.pointer < b.pointer ? -1 : 1,
  );
}
