/** Indicators for managers: volumes, backlog, delays. */
export { activity, type Activity } from './activity';
