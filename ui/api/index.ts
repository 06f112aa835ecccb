/** The HTTP client of the interface: every call to the API goes through here. */
export { ApiError, request, get, post, put, upload, setCsrfToken, type Problem, type RequestOptions } from './client';
export { SessionProvider, useSession, can, type SessionUser } from './session';
// The API's answers, generated from its OpenAPI document (`guichet types`): never copied by hand.
export type * as Api from './types.generated';
