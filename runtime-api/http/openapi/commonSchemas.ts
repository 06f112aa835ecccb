/** Schemas every area of the API shares: problems, users, lint findings, priorities. */
import { PRIORITIES } from '../../../engine';
import { list, object, openObject, ref, strings, text, type Schema } from './components';

const fieldError = object({
  pointer: text('Pointeur JSON du champ en cause dans la requête (« /data/titulaire/nom »).'),
  field: text('Le nom du champ, en français.'),
  message: text('Ce qui ne va pas, et comment le corriger, en français.'),
}, 'Un champ invalide de la requête.');

const problem: Schema = {
  type: 'object',
  description: 'Document de problème (RFC 9457) : « detail » dit en français ce qui ne va pas et comment le corriger ; '
    + 'rien n’a été modifié. Certaines réponses ajoutent des membres (« dossier », « warnings »…).',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  additionalProperties: true,
  properties: {
    type: { type: 'string', description: '« urn:guichet:probleme:<code> ».', examples: ['urn:guichet:probleme:conflit'] },
    title: text('Le titre du type de problème (« Conflit »).'),
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: text('L’explication, en français.'),
    instance: text('Le chemin de la requête.'),
    errors: list(ref('FieldError'), 'Les champs en cause, quand il y en a.'),
    dossier: { ...ref('Dossier'), description: '409 sur un événement : le dossier tel qu’il est maintenant.' },
    warnings: list(ref('LintWarning'), '422 d’une table de routage ou d’une publication : les avertissements, qui ne bloquent pas.'),
    version: { type: 'integer', description: '409 d’une table de routage : sa version actuelle.' },
    etag: { type: 'string', description: '409 d’un brouillon : l’ETag du brouillon actuel.' },
    assigneeId: { type: ['string', 'null'], description: '409 d’une attribution : qui tient le dossier.' },
    pieces: list(object({ id: text(), label: text() }), '422 d’une pièce inconnue : les pièces de la démarche.'),
  },
};

const user = object({
  id: text(),
  email: { type: 'string', format: 'email' },
  givenName: text('Prénom.'),
  familyName: text('Nom.'),
  roles: strings('Rôles de la plateforme (« usager », « agent », « responsable »…).'),
  services: strings('Services auxquels un agent est rattaché (« titres », « etat-civil »…).'),
}, 'Un utilisateur tel qu’il se voit.');

const signedIn = object({
  user: ref('User'),
  csrfToken: text('À renvoyer dans l’en-tête X-CSRF-Token de chaque écriture.'),
}, 'La session ouverte.');

const health = object({
  status: { const: 'ok' },
  database: { enum: ['sqlite', 'mysql'], description: 'La base utilisée.' },
}, 'Le service répond et sa base aussi.');

const lintWarning = object({ pointer: text('Pointeur JSON dans la définition ou la table.'), message: text() }, 'Un avertissement du linter : il ne bloque pas.');

const lintProblem = object({
  pointer: text('Pointeur JSON dans la définition.'),
  message: text('En français.'),
  severity: { enum: ['error', 'warning'], description: 'Une erreur empêche de publier ; un avertissement non.' },
  rule: text('La règle du linter.'),
}, 'Ce que le linter trouve dans une définition.');

const staffName = object({ id: text(), givenName: text(), familyName: text() }, 'Un agent, nommé.');

const priority: Schema = { enum: [...PRIORITIES], description: 'Priorité de traitement, de la plus forte à la plus faible.' };

const definition: Schema = {
  ...openObject('Une définition de démarche, au format https://guichet.fr/schemas/demarche.schema.json '
    + '(fichier definitions/demarche.schema.json du dépôt ; type « Demarche » du moteur), que ce document ne répète pas.'),
  required: ['id', 'version', 'title', 'summary', 'category', 'roles', 'form', 'workflow', 'events', 'retention'],
  properties: {
    id: text(), version: { type: 'integer' }, title: text(), summary: text(), category: text(),
    roles: openObject('Les rôles de la démarche, par identifiant.'),
    form: openObject('Le formulaire : JSON Schema, pages, indications d’affichage.'),
    workflow: openObject('Le workflow (états XState avec leurs métadonnées).'),
    events: openObject('Les événements, par identifiant.'),
    retention: openObject('La durée de conservation et son fondement.'),
  },
};

export const commonSchemas: Record<string, Schema> = {
  Problem: problem,
  FieldError: fieldError,
  User: user,
  SignedIn: signedIn,
  Health: health,
  LintWarning: lintWarning,
  LintProblem: lintProblem,
  StaffName: staffName,
  Priority: priority,
  DemarcheDefinition: definition,
};
