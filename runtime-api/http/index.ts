/** The HTTP API. */
export { createApp } from './app';
export type { AppContext, AppState } from './context';
export { openApiDocument, type OpenApiDocument } from './openapi';
