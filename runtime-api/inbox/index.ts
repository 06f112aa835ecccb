/** The agents' inbox: whose dossiers, filtered and paged; who holds a dossier; where routing sends them. */
export { INBOX_ROLES, INBOX_TOWN_WIDE_ROLES, inboxScope, worksOn, type InboxScope } from './scope';
export { parseInboxRequest, DEFAULT_LIMIT, MAX_LIMIT, type InboxFilters, type InboxRequest, type QueryParameters } from './filters';
export { encodeCursor, decodeCursor, type InboxCursor } from './cursor';
export { inboxQuery, inboxPage, countBy, type Facet } from './query';
export { taskView, stateLabels, type Task, type TaskRow, type StaffName } from './task';
export { readInbox, type InboxPage, type InboxCounts } from './inbox';
export { assignDossier, assignSchema, type AssignRequest } from './assign';
export { previewRouting, rerouteOpenDossiers, publishedVersions, MAX_LISTED, type Versions, type Placement, type RoutingMove, type RoutingPreview } from './reroute';
