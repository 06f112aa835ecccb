/** Every router of the API, and the request schemas the OpenAPI document publishes. */
export { adminRoutes } from './admin';
export { authRoutes, loginSchema, registerSchema } from './auth';
export { demarcheRoutes } from './demarches';
export { designsRoutes } from './designs';
export { documentsRoutes } from './documents';
export { dossierRoutes, draftSchema, eventSchema, newDossierSchema } from './dossiers';
export { healthRoutes } from './health';
export { letterEditSchema, lettersRoutes } from './letters';
export { notesRoutes, noteSchema } from './notes';
export { notificationsRoutes } from './notifications';
export { openapiRoutes } from './openapi';
export { routingRoutes } from './routing';
export { statsRoutes } from './stats';
export { tasksRoutes } from './tasks';
