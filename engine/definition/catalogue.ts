/**
 * The catalogues of guards and actions a definition may reference, as data: what each one is
 * called in the designer, the schema of its params, and where its params hold JSON Logic.
 * The linter checks references against it; engine/compile gives each entry its implementation.
 */

/** How an entry acts: a guard decides, a context action changes the dossier, an effect is run by the runtime after commit. */
export type CatalogueKind = 'guard' | 'context' | 'effect';

export interface CatalogueEntry {
  kind: CatalogueKind;
  /** Name shown in the designer. */
  label: string;
  description: string;
  /** JSON Schema of `params`. */
  params: Record<string, unknown>;
  /** JSON pointers, relative to `params`, of the JSON Logic expressions it evaluates ('' = params itself). */
  logic: readonly string[];
  /** For effects that render a template: the kind of template expected. */
  template?: 'letter' | 'document' | 'notification';
}

const slug = { type: 'string', pattern: '^[a-z][a-z0-9_-]*$' };
const deadlineParams = {
  type: 'object',
  required: ['deadline'],
  additionalProperties: false,
  properties: { deadline: slug },
};

export const GUARDS: Readonly<Record<string, CatalogueEntry>> = {
  condition: {
    kind: 'guard',
    label: 'Condition',
    description: 'Vraie quand l’expression JSON Logic, évaluée sur le dossier, l’est.',
    params: { type: 'object', minProperties: 1, maxProperties: 1 },
    logic: [''],
  },
};

export const ACTIONS: Readonly<Record<string, CatalogueEntry>> = {
  set: {
    kind: 'context',
    label: 'Enregistrer une valeur',
    description: 'Enregistre dans le dossier (dossier.instruction.<nom>) la valeur d’une expression, par exemple le motif saisi.',
    params: {
      type: 'object',
      required: ['name', 'value'],
      additionalProperties: false,
      properties: { name: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' }, value: {} },
    },
    logic: ['/value'],
  },
  requestPieces: {
    kind: 'context',
    label: 'Demander des pièces',
    description: 'Note les pièces demandées à l’usager : seules comptent ensuite celles déposées après la demande.',
    params: { type: 'object', required: ['pieces'], additionalProperties: false, properties: { pieces: {} } },
    logic: ['/pieces'],
  },
  startDeadline: {
    kind: 'context',
    label: 'Démarrer un délai',
    description: 'Démarre le délai nommé à partir de maintenant.',
    params: deadlineParams,
    logic: [],
  },
  pauseDeadline: {
    kind: 'context',
    label: 'Suspendre un délai',
    description: 'Suspend le délai (par exemple pendant l’attente de pièces) en gardant le temps restant.',
    params: deadlineParams,
    logic: [],
  },
  resumeDeadline: {
    kind: 'context',
    label: 'Reprendre un délai',
    description: 'Reprend un délai suspendu avec le temps qui lui restait.',
    params: deadlineParams,
    logic: [],
  },
  restartDeadline: {
    kind: 'context',
    label: 'Relancer un délai',
    description: 'Fait repartir le délai de zéro (par exemple à la réception des pièces manquantes).',
    params: deadlineParams,
    logic: [],
  },
  stopDeadline: {
    kind: 'context',
    label: 'Arrêter un délai',
    description: 'Arrête le délai : il n’échoira plus.',
    params: deadlineParams,
    logic: [],
  },
  notify: {
    kind: 'effect',
    label: 'Notifier',
    description: 'Envoie une notification, rédigée selon un modèle, aux rôles choisis.',
    params: {
      type: 'object',
      required: ['to', 'template'],
      additionalProperties: false,
      properties: { to: { type: 'array', items: slug, minItems: 1, uniqueItems: true }, template: slug },
    },
    logic: [],
    template: 'notification',
  },
  letter: {
    kind: 'effect',
    label: 'Préparer un courrier',
    description: 'Génère un courrier selon un modèle ; un agent le relit avant l’envoi.',
    params: {
      type: 'object',
      required: ['template'],
      additionalProperties: false,
      properties: { template: slug, to: slug },
    },
    logic: [],
    template: 'letter',
  },
  document: {
    kind: 'effect',
    label: 'Générer un document',
    description: 'Génère un document (attestation, certificat) mis à disposition de l’usager.',
    params: { type: 'object', required: ['template'], additionalProperties: false, properties: { template: slug } },
    logic: [],
    template: 'document',
  },
  route: {
    kind: 'effect',
    label: 'Réorienter',
    description: 'Applique de nouveau la table de routage : service, site, file et priorité.',
    params: { type: 'object', additionalProperties: false, properties: {} },
    logic: [],
  },
  callout: {
    kind: 'effect',
    label: 'Appeler un service extérieur',
    description: 'Transmet le dossier à un autre système (CERT, CAF, centre du service national…).',
    params: {
      type: 'object',
      required: ['service', 'operation'],
      additionalProperties: false,
      properties: { service: slug, operation: { type: 'string', minLength: 1 } },
    },
    logic: [],
  },
};

/** Action types that take a deadline name. */
export const DEADLINE_ACTIONS: ReadonlySet<string> = new Set(
  Object.entries(ACTIONS).filter(([, e]) => e.params === deadlineParams).map(([type]) => type),
);
