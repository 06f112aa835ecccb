/** Dossiers: filing, events, timers, access and what the API shows of them. */
export { accessTo, type DossierAccess } from './access';
export { createDossier, updateDraft, submitDraft, sendEvent, fireTimer, openDossier, openByReference, readDossier, rejectionProblem, SYSTEM_ACTOR, type NewDossier, type EventRequest, type TimerResult } from './service';
export { dossierView, type DossierView } from './view';
export { dossierScope } from '../effects';
export { fingerprint, once, type Answer } from './idempotency';
export { newReference } from './reference';
export { StaleDossierError, isStaleDossier, persistTransition } from './persist';
