/** The dossier as the engine sees it: its context, its délais, its documents and the scope of its conditions. */
export * from './types';
export { startDeadline, pauseDeadline, resumeDeadline, stopDeadline, expireDeadline, markWarned, deadlineTimers, viewDeadline, type DeadlineView } from './deadline';
export { attachPieces, missingPieces } from './pieces';
export { buildScope, type Scope } from './scope';
