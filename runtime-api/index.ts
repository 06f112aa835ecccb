/** The runtime: HTTP server, storage, jobs and command line. */
export { GuichetServer, type ServerOptions } from './server';
export { configFromEnv, type Config } from './config';
export { ManualClock, systemClock, type Clock } from './clock';
export { consoleLogger, quietLogger, type Logger } from './log';
export { createJobs, type Jobs, type JobsSettings } from './jobs';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './seed';
// For the inbox benchmark: the function GET /api/tasks runs, and its queries.
export { readInbox, inboxQuery, inboxPage, countBy, inboxScope, parseInboxRequest } from './inbox';
export { findUserByEmail } from './store';
// For tests that drive a transition's writes directly (nothing written when the dossier moved meanwhile).
export { persistTransition, isStaleDossier } from './dossiers';
export { Dossier, selectWhere, updateWhere } from './store';
