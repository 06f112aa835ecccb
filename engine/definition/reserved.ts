/**
 * Events the engine itself knows, beside those a definition declares: documents attached, a
 * délai's warning and expiry, a state's timer. Declared event names cannot collide with them
 * (declared names have no dot or colon).
 */

/** The role of events sent by the runtime itself: timers, délais, replies of other systems. */
export const SYSTEM_ROLE = 'systeme';

/** Sent by the runtime when documents are attached to a dossier after its submission. */
export const PIECES_EVENT = 'pieces.deposees';

export type DeadlineSignal = 'echu' | 'alerte';

/** `delai.<name>.echu` when a délai runs out, `delai.<name>.alerte` when its warning is due. */
export function deadlineEvent(name: string, signal: DeadlineSignal): string {
  return `delai.${name}.${signal}`;
}

/** The event a state's `after` timer sends: `after:<state path>:<delay key>`. */
export function timerEvent(statePath: string, delay: string): string {
  return `after:${statePath}:${delay}`;
}

export type ReservedEvent =
  | { kind: 'pieces' }
  | { kind: 'deadline'; name: string; signal: DeadlineSignal }
  | { kind: 'timer'; state: string; delay: string };

/** Recognises a reserved event type; null for any other. */
export function parseReservedEvent(type: string): ReservedEvent | null {
  if (type === PIECES_EVENT) return { kind: 'pieces' };
  const deadline = /^delai\.([a-z][a-z0-9_-]*)\.(echu|alerte)$/.exec(type);
  if (deadline) return { kind: 'deadline', name: deadline[1], signal: deadline[2] as DeadlineSignal };
  const timer = /^after:([^:]*):(.+)$/.exec(type);
  if (timer) return { kind: 'timer', state: timer[1], delay: timer[2] };
  return null;
}
