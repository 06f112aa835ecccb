export { errors } from './errors';
export { jsonBody, JSON_LIMIT } from './jsonBody';
export { session, forgetSession, forgetUser, SESSION_COOKIE, CSRF_HEADER } from './session';
