export { User, type UserRow } from './user';
export { Session, type SessionRow } from './session';
export { DemarcheVersion, DemarcheDraft, type DemarcheVersionRow, type DemarcheDraftRow } from './demarcheVersion';
export { RoutingTableVersion, type RoutingTableRow } from './routingTable';
export { Dossier, NO_DUE_DATE, type DossierRow, type DossierStatus } from './dossier';
export { History, type HistoryRow } from './history';
export { Timer, type TimerRow } from './timer';
export { Outbox, type OutboxRow, type OutboxStatus } from './outbox';
export { DocumentFile, type DocumentRow, type DocumentKind } from './document';
export { Letter, type LetterRow, type LetterStatus } from './letter';
export { Notification, type NotificationRow } from './notification';
export { Idempotency, type IdempotencyRow } from './idempotency';
export { DossierParty, type DossierPartyRow } from './dossierParty';

import { User } from './user';
import { Session } from './session';
import { DemarcheVersion, DemarcheDraft } from './demarcheVersion';
import { RoutingTableVersion } from './routingTable';
import { Dossier } from './dossier';
import { History } from './history';
import { Timer } from './timer';
import { Outbox } from './outbox';
import { DocumentFile } from './document';
import { Letter } from './letter';
import { Notification } from './notification';
import { Idempotency } from './idempotency';
import { DossierParty } from './dossierParty';

export const ENTITIES = [User, Session, DemarcheVersion, DemarcheDraft, RoutingTableVersion, Dossier, History, Timer, Outbox, DocumentFile, Letter, Notification, Idempotency, DossierParty];
