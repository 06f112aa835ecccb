/** Who is who: platform roles, passwords, rate limits. */
export * from './roles';
export * from './passwords';
export { RateLimiter } from './rateLimit';
