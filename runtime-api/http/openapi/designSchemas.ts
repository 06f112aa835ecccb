/** Schemas of the catalogue, of the Procédures team's drafts and publications, and of routing tables. */
import {
  instant, integer, list, nullable, nullableInstant, nullableText, object, openObject, ref, strings, text, type Schema,
} from './components';

const summaryProperties: Record<string, Schema> = {
  id: text('Identifiant (« passeport-urgence »).'),
  version: integer('La version publiée.'),
  title: text(),
  summary: text('Une ou deux phrases pour le catalogue.'),
  category: text('La rubrique du catalogue (« Famille », « Citoyenneté »…).'),
  typicalDuration: nullableText('Durée habituelle (durée ISO 8601).'),
  pieces: list(object({
    id: text(),
    label: text(),
    description: nullableText(),
    required: {
      type: ['boolean', 'object', 'number', 'string', 'array', 'null'],
      description: 'true, false, ou une condition JSON Logic sur les données du formulaire.',
    },
  }), 'Les pièces justificatives que demande la démarche.'),
};

const demarcheSummary = object(summaryProperties, 'Une démarche du catalogue : de quoi la choisir et savoir ce qu’elle demande.');

const demarche = object({ ...summaryProperties, definition: ref('DemarcheDefinition') }, 'Une version publiée d’une démarche, avec sa définition complète.');

const demarcheVersion = object({
  demarcheId: text(),
  version: integer(),
  title: text(),
  category: text(),
  publishedAt: instant(),
  publishedBy: nullableText('Le compte qui l’a publiée ; null pour les démarches livrées avec Guichet.'),
}, 'Une version publiée.');

const draft = object({
  demarcheId: text(),
  source: { enum: ['brouillon', 'publiee'], description: '« brouillon » : un brouillon enregistré ; « publiee » : pas encore de brouillon, la dernière version publiée comme point de départ.' },
  publishedVersion: { type: ['integer', 'null'], description: 'La dernière version publiée ; null avant la première publication.' },
  definition: openObject('La définition telle qu’enregistrée : elle peut être incomplète ou incorrecte.'),
  updatedAt: nullableInstant(),
  updatedBy: nullableText(),
  etag: text('À renvoyer dans If-Match pour n’enregistrer que sur le brouillon chargé.'),
  sound: { type: 'boolean', description: 'Le linter ne trouve aucune erreur : elle pourrait être publiée telle quelle.' },
  problems: list(ref('LintProblem')),
}, 'Le brouillon d’une démarche, avec ce qu’en dit le linter.');

const keyedChanges = object({ added: strings(), removed: strings(), changed: strings() }, 'Les entrées ajoutées, retirées et modifiées, par nom.');
const stateRef = object({ path: text(), label: text() });
const transitionRef = object({ state: text('Chemin de l’état ; vide pour les transitions du workflow lui-même.'), on: text('L’événement, « after <durée> », « always » ou « onDone ».'), targets: strings() });
const fieldRef = object({ path: text('Chemin pointé dans les données (« hebergeant.nom », « parents[].nom »).'), title: text() });
const added = (item: Schema, changed: Schema): Schema => object({ added: list(item), removed: list(item), changed: list(changed) });

const definitionDiff = object({
  from: { type: ['integer', 'null'], description: 'La version comparée ; null à la première publication.' },
  to: integer(),
  identical: { type: 'boolean' },
  states: added(ref('DiffStateRef'), object({ path: text(), label: text(), changes: strings('« type », « meta.label », « entry »…') })),
  transitions: added(ref('DiffTransitionRef'), object({ state: text(), on: text(), before: strings(), after: strings(), changes: strings('« targets », « guard », « actions », « reenter ».') })),
  fields: added(ref('DiffFieldRef'), object({ path: text(), title: text(), changes: strings('Mots-clés changés du schéma du champ, et « required ».') })),
  entries: {
    type: 'object',
    description: 'Les parties nommées qui changent (seulement celles-là).',
    additionalProperties: false,
    properties: Object.fromEntries(['roles', 'events', 'pieces', 'parameters', 'deadlines', 'delays', 'templates'].map((part) => [part, ref('KeyedChanges')])),
  },
  properties: strings('Autres propriétés changées : « title », « retention », « form.pages », « workflow.initial »…'),
}, 'Ce qui change entre deux versions d’une démarche.');

const publication = object({
  demarcheId: text(),
  version: integer('La nouvelle version.'),
  publishedAt: instant(),
  publishedBy: nullableText(),
  diff: ref('DefinitionDiff'),
  warnings: list(ref('LintWarning')),
}, 'Une publication : la nouvelle version et ce qu’elle change.');

const slug = (description?: string): Schema => ({ type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64, ...(description ? { description } : {}) });

// The format of definitions/routing.schema.json, its $defs as components (a test keeps them equal).
const routingAssignment: Schema = {
  type: 'object', additionalProperties: false, required: ['service', 'queue', 'priority'],
  properties: { service: slug(), site: slug(), queue: slug(), priority: ref('Priority') },
  description: 'Où envoyer un dossier : service, site, file et priorité.',
};
const routingRule: Schema = {
  type: 'object', additionalProperties: false, required: ['id', 'label', 'when', 'then'],
  properties: {
    id: slug(),
    label: { type: 'string', minLength: 1, maxLength: 200 },
    when: { type: ['object', 'boolean'], description: 'Condition JSON Logic sur { data, dossier, parametres, now } ; true prend tout.' },
    then: ref('RoutingAssignment'),
  },
  description: 'Une règle : la première qui tient l’emporte.',
};
const routingTable: Schema = {
  type: 'object', additionalProperties: false, required: ['demarche', 'rules', 'default'],
  properties: {
    $schema: { type: 'string' },
    demarche: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', description: 'La démarche que la table route.' },
    rules: list(ref('RoutingRule')),
    default: ref('RoutingAssignment'),
  },
  description: 'Table de routage d’une démarche : règles dans l’ordre, puis la valeur par défaut.',
};

const routingVersionProperties: Record<string, Schema> = {
  version: integer(),
  table: ref('RoutingTable'),
  changedAt: instant(),
  changedBy: { ...nullable('StaffName'), description: 'Qui l’a changée ; null pour la table livrée avec Guichet.' },
};

const routingViewProperties: Record<string, Schema> = {
  demarche: text(),
  fallback: { type: 'boolean', description: 'La démarche n’a pas de table : tout va à l’accueil (guichet-unique).' },
  version: { type: ['integer', 'null'], description: 'La version en vigueur ; null sans table.' },
  table: ref('RoutingTable'),
  changedAt: nullableInstant(),
  changedBy: nullable('StaffName'),
  history: list(ref('RoutingVersion'), 'Toutes les versions, la plus récente d’abord.'),
};

const placement = object({ service: nullableText(), site: nullableText(), queue: nullableText(), priority: ref('Priority') }, 'Où est un dossier.');

const preview = object({
  examined: integer('Dossiers en cours examinés.'),
  rules: list(object({ id: text(), label: text(), caught: integer() }), 'Pour chaque règle, dans l’ordre, combien de dossiers elle prend.'),
  default: object({ caught: integer() }),
  moved: integer('Combien changeraient de service, de site, de file ou de priorité.'),
  moves: list(object({
    id: text(), reference: text(), from: ref('Placement'), to: ref('Placement'), rule: nullableText('La règle qui le prend ; null pour la valeur par défaut.'),
  }), 'Ces dossiers (les 500 premiers).'),
  truncated: { type: 'boolean', description: 'La liste « moves » est tronquée.' },
  warnings: list(ref('LintWarning')),
}, 'Ce qu’une table ferait aux dossiers en cours, sans rien enregistrer.');

export const designSchemas: Record<string, Schema> = {
  DemarcheSummary: demarcheSummary,
  Demarche: demarche,
  DemarcheList: object({ demarches: list(ref('DemarcheSummary'), 'La dernière version de chaque démarche, par rubrique puis titre.') }),
  DemarcheVersion: demarcheVersion,
  DemarcheVersionList: object({ versions: list(ref('DemarcheVersion'), 'La plus récente d’abord.') }),
  Draft: draft,
  DraftList: object({
    drafts: list(object({
      demarcheId: text(),
      title: text('Le titre du brouillon (ou son identifiant s’il n’en a pas).'),
      publishedVersion: { type: ['integer', 'null'], description: 'La dernière version publiée ; null avant la première publication.' },
      updatedAt: instant(),
      updatedBy: nullableText(),
      sound: { type: 'boolean', description: 'Le linter ne trouve aucune erreur.' },
      errors: integer('Le nombre d’erreurs trouvées par le linter.'),
    }), 'Le plus récemment modifié d’abord.'),
  }, 'Les brouillons de démarches.'),
  KeyedChanges: keyedChanges,
  DiffStateRef: stateRef,
  DiffTransitionRef: transitionRef,
  DiffFieldRef: fieldRef,
  DefinitionDiff: definitionDiff,
  PublishResult: publication,
  RoutingTable: routingTable,
  RoutingRule: routingRule,
  RoutingAssignment: routingAssignment,
  RoutingVersion: object(routingVersionProperties, 'Une version de la table de routage.'),
  RoutingView: object(routingViewProperties, 'La table de routage en vigueur, qui l’a changée et quand, et ses versions précédentes.'),
  RoutingSaved: object({
    ...routingViewProperties,
    rerouted: { anyOf: [object({ examined: integer(), moved: integer() }), { type: 'null' }], description: 'Avec reroute=true : les dossiers en cours examinés et déplacés.' },
    warnings: list(ref('LintWarning')),
  }, 'La table enregistrée.'),
  Placement: placement,
  DryRun: preview,
};
