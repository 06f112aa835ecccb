/** The HTTP API. */
export { createApp } from './app';
export type { AppContext, AppState } from './context';
