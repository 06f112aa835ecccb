/** The OpenAPI 3.1 document of the HTTP API. */
export { openApiDocument, type OpenApiDocument } from './document';
export type { Schema } from './components';
