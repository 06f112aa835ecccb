import type { TransitionRef } from './model';

/**
 * What the designer has selected: the inspector edits it, the drawing and the form builder highlight
 * it, and clicking a lint problem selects the part it is about.
 */
export type Selection =
  | { kind: 'state'; path: string }
  | { kind: 'transition'; ref: TransitionRef }
  | { kind: 'field'; key: string }
  | { kind: 'page'; id: string }
  | { kind: 'piece'; id: string }
  | null;
