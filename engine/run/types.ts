import type { StateValue } from 'xstate';
import type { FieldError } from '../definition';
import type { DeadlineView, DossierContext, PieceRef, Timer } from '../dossier';

/** A dossier's machine state as persisted: plain JSON, restored by the engine at the next event. */
export interface DossierSnapshot {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: StateValue;
  context: DossierContext;
  [key: string]: unknown;
}

/** What must happen because of a transition, run by the runtime after commit. */
export type Effect =
  | { type: 'notify'; to: string[]; template?: string; deadline?: string }
  | { type: 'letter'; template: string; to: string }
  | { type: 'document'; template: string }
  | { type: 'route' }
  | { type: 'callout'; service: string; operation: string };

/** One line of a dossier's history: who did what, when, from which states to which. */
export interface HistoryEntry {
  event: string;
  /** What happened, in French, for the timeline. */
  label: string;
  payload: Record<string, unknown>;
  actor: { id: string; role: string };
  at: string;
  from: string[];
  to: string[];
}

/** The timers to arm (insert or replace by key) and cancel (delete by key) in the same transaction. */
export interface TimerChanges {
  arm: Timer[];
  cancel: string[];
  /** The dossier is closed: every timer it still has must go. */
  cancelAll: boolean;
}

/** One state the dossier is in, as agents and citizens see it. */
export interface StateView {
  path: string;
  label: string;
  citizenStatus?: string;
  citizenAction?: string;
  roles: string[];
  serviceLevel?: string;
}

/** The dossier's status at a moment: its states, what the citizen sees, its délais. */
export interface DossierStatus {
  done: boolean;
  outcome?: 'accepte' | 'refuse' | 'sans_suite' | 'abandonne';
  states: StateView[];
  /** The status shown to the citizen. */
  citizenStatus: string;
  /** What is expected from the citizen now, if anything. */
  citizenActions: string[];
  deadlines: DeadlineView[];
  piecesManquantes: string[];
}

/** An accepted event: the new snapshot and everything that follows from it. */
export interface Transitioned {
  ok: true;
  snapshot: DossierSnapshot;
  history: HistoryEntry;
  timers: TimerChanges;
  effects: Effect[];
  status: DossierStatus;
}

export type RejectionReason = 'invalid_data' | 'unknown_event' | 'forbidden' | 'invalid_payload' | 'guard_failed' | 'not_in_state';

/** A refused event: nothing changes. The message says why, in French; field errors say where. */
export interface Rejection {
  ok: false;
  reason: RejectionReason;
  message: string;
  errors: FieldError[];
}

export type Outcome = Transitioned | Rejection;

/** An event as a user or the runtime sends it. */
export interface DossierEvent {
  type: string;
  payload?: Record<string, unknown>;
}

export interface ApplyOptions {
  actor: { id: string; roles: readonly string[] };
  now: Date | string;
}

export interface StartOptions extends ApplyOptions {
  data: Record<string, unknown>;
  /** Documents attached while the citizen filled the form, by pièce id. */
  pieces?: Record<string, PieceRef[]>;
}

/** An event an actor may send now, with what the UI needs to build its button and form. */
export interface AvailableEvent {
  type: string;
  label: string;
  description?: string;
  confirm?: string;
  payload: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  /** The role under which the actor would send it. */
  role: string;
  /** False when a condition that does not depend on the payload blocks it now. */
  enabled: boolean;
}
