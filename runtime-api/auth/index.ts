/** Who is who: platform roles, passwords, rate limits. */
export * from './roles';
export * from './passwords';
export { LoginThrottle } from './loginThrottle';
