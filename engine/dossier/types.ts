/** The shapes of a dossier as the engine sees it: what is persisted in its snapshot and what acts on it. */

/** A role id of a démarche (« usager », « agent »…), or « systeme » for timers and other systems. */
export type RoleId = string;

export { SYSTEM_ROLE } from '../definition';

/** Who sends an event: a user (or the system) with the roles they hold. */
export interface Actor {
  id: string;
  roles: readonly RoleId[];
}

/** A document attached to a dossier, as the engine knows it (the file itself lives in the runtime). */
export interface PieceRef {
  id: string;
  name: string;
  /** When it was attached (ISO 8601). */
  at: string;
  type?: string;
  size?: number;
}

export type DeadlineStatus = 'running' | 'paused' | 'stopped' | 'expired';

/** A named délai of a dossier: a clock that actions start, pause, resume and stop. */
export interface DeadlineState {
  status: DeadlineStatus;
  startedAt: string;
  /** When it runs out; null while paused or stopped. */
  dueAt: string | null;
  /** While paused: what was left, as an ISO 8601 duration counted in the délai's calendar. */
  remaining: string | null;
  /** The warnings already given, by their « before » duration. */
  warned: string[];
  /** When it last changed status. */
  since: string;
}

/** The context of a dossier's machine: everything a condition, a letter or a timer may depend on. */
export interface DossierContext {
  /** The citizen's form data. */
  data: Record<string, unknown>;
  /** Values recorded during the instruction by « set » actions (motif, quotient familial…). */
  instruction: Record<string, unknown>;
  /** Attached documents, by pièce id. */
  pieces: Record<string, PieceRef[]>;
  /** Pièces asked again by an agent, with when they were asked: a document counts only if attached after. */
  requestedPieces: Record<string, string>;
  deadlines: Record<string, DeadlineState>;
  submittedAt: string;
}

/** An event as the machine receives it: the sender's event enriched with who sent it and when. */
export interface MachineEvent {
  type: string;
  payload: Record<string, unknown>;
  role: RoleId;
  actorId: string;
  now: string;
}

/** The input of a dossier's first transition. */
export interface StartInput {
  data: Record<string, unknown>;
  pieces: Record<string, PieceRef[]>;
  role: RoleId;
  actorId: string;
  now: string;
}

/** A timer the runtime must keep as a row and fire by sending `event` at `dueAt`. */
export interface Timer {
  /** Stable key within the dossier: arming again with the same key replaces the timer. */
  key: string;
  event: { type: string; payload: Record<string, unknown> };
  dueAt: string;
}
