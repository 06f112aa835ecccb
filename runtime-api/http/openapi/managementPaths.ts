/** Paths of the people who run the service: Procédures (drafts), managers (routing, indicators), administrators. */
import { newStaffSchema, passwordSchema, staffChangesSchema } from '../../admin';
import {
  headers, ifMatch, json, jsonBody, openObject, parameters, pathParameter, queryParameter, ref, responses, signedIn, type Paths, type Schema,
} from './components';
import { designSchemas } from './designSchemas';

const demarcheId = pathParameter('id', 'Identifiant de la démarche.');
const unknownDemarche = 'Démarche inconnue ou non publiée.';
const procedures = 'L’équipe Procédures (rôle « procedures »).';
const admin = 'Les administrateurs (rôle « admin »).';
const staffId = pathParameter('id', 'Identifiant du compte d’agent.');

/** The routing table a manager sends: its `demarche` may be left out (the address says it). */
const routingTableBody: Schema = { ...designSchemas.RoutingTable, required: ['rules', 'default'] };

const definitionBody = (description: string): Schema => openObject(`${description} Format : https://guichet.fr/schemas/demarche.schema.json ; elle peut être incomplète.`);

/** Drafts and publication, routing tables, indicators, staff accounts. */
export function managementPaths(): Paths {
  return {
    '/api/demarches': {
      post: {
        tags: ['Conception'], operationId: 'createDemarche', summary: 'Créer une démarche (son premier brouillon)',
        description: `${procedures} La définition est enregistrée telle quelle, même incomplète ; la réponse dit ce qu’en pense le linter.`,
        ...signedIn,
        parameters: [parameters.CsrfToken],
        requestBody: jsonBody({ ...definitionBody('La définition de la nouvelle démarche, avec son identifiant « id ».'), required: ['id'] }),
        responses: responses(
          { '201': json('Le brouillon.', ref('Draft'), { ETag: headers.ETag, Location: headers.Location }) },
          { '400': 'Ou pas d’identifiant « id » valide (minuscules sans accent, chiffres, « - »).', '403': procedures, '409': 'L’identifiant est déjà pris (démarche publiée ou brouillon).' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/demarches/drafts': {
      get: {
        tags: ['Conception'], operationId: 'listDemarcheDrafts', summary: 'Les brouillons de démarches',
        description: `${procedures} Chaque brouillon enregistré, le plus récemment modifié d’abord, avec sa dernière version publiée et ce qu’en dit le linter.`,
        ...signedIn,
        responses: responses(
          { '200': json('Les brouillons.', ref('DraftList')) },
          { '403': procedures },
          { signedIn: true },
        ),
      },
    },
    '/api/demarches/{id}/draft': {
      get: {
        tags: ['Conception'], operationId: 'getDemarcheDraft', summary: 'Le brouillon d’une démarche',
        description: `${procedures} Le brouillon, ou à défaut la dernière version publiée comme point de départ, avec les problèmes trouvés par le linter.`,
        ...signedIn,
        parameters: [demarcheId],
        responses: responses(
          { '200': json('Le brouillon.', ref('Draft'), { ETag: headers.ETag }) },
          { '403': procedures, '404': 'Démarche inconnue (ni publiée, ni en brouillon).' },
          { signedIn: true },
        ),
      },
      put: {
        tags: ['Conception'], operationId: 'saveDemarcheDraft', summary: 'Enregistrer le brouillon',
        description: `${procedures} Enregistré tel quel, même incorrect (la réponse liste les problèmes). Avec If-Match, n’écrase pas les changements de quelqu’un d’autre.`,
        ...signedIn,
        parameters: [demarcheId, ifMatch('L’ETag du brouillon chargé : 409 s’il a changé depuis.'), parameters.CsrfToken],
        requestBody: jsonBody(definitionBody('La définition ; son « id », s’il est donné, est celui de l’adresse.')),
        responses: responses(
          { '200': json('Le brouillon enregistré.', ref('Draft'), { ETag: headers.ETag }) },
          { '400': 'Ou pas un objet JSON, ou « id » différent de celui de l’adresse.', '403': procedures, '404': 'Démarche inconnue.', '409': 'Le brouillon a changé entre-temps (« etag » : le sien).' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/demarches/{id}/publish': {
      post: {
        tags: ['Conception'], operationId: 'publishDemarche', summary: 'Publier le brouillon',
        description: `${procedures} Le brouillon devient la version suivante si le linter n’y trouve pas d’erreur. Les dossiers déjà déposés restent sur leur version. Sans corps.`,
        ...signedIn,
        parameters: [demarcheId, parameters.CsrfToken],
        responses: responses(
          { '201': json('La nouvelle version et ce qu’elle change.', ref('PublishResult')) },
          {
            '403': procedures, '404': 'Pas de brouillon à publier.', '409': 'Une autre publication vient d’avoir lieu.',
            '422': 'La définition a des erreurs (chacune dans « errors », les avertissements dans « warnings ») : rien n’est publié.',
          },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/demarches/{id}/routing': {
      get: {
        tags: ['Routage'], operationId: 'getRouting', summary: 'La table de routage d’une démarche',
        description: 'Managers, responsables et équipe Procédures (lecture seule). La table en vigueur (ou celle par défaut : tout à l’accueil), qui l’a changée et quand, et ses versions précédentes.',
        ...signedIn,
        parameters: [demarcheId],
        responses: responses(
          { '200': json('La table et son historique.', ref('RoutingView'), { ETag: headers.ETag }) },
          { '403': 'Réservé aux managers, aux responsables et à l’équipe Procédures.', '404': unknownDemarche },
          { signedIn: true },
        ),
      },
      put: {
        tags: ['Routage'], operationId: 'saveRouting', summary: 'Enregistrer une nouvelle version de la table',
        description: 'Managers. Les dossiers déposés ensuite la suivent ; avec reroute=true, les dossiers en cours sont aussi déplacés, dans la même transaction '
          + '(un dossier qui change de service quitte l’agent qui le tenait).',
        ...signedIn,
        parameters: [
          demarcheId,
          queryParameter('reroute', '« true » : appliquer aussi la table aux dossiers en cours.', { enum: ['true', 'false'], default: 'false' }),
          ifMatch('La version de la table lue (« "3" », « "0" » sans table) : 409 si elle a changé depuis.'),
          parameters.CsrfToken,
        ],
        requestBody: jsonBody(routingTableBody),
        responses: responses(
          { '200': json('La table enregistrée.', ref('RoutingSaved'), { ETag: headers.ETag }) },
          {
            '400': 'Ou pas un objet, « reroute » ni true ni false, If-Match qui n’est pas une version.', '403': 'Réservé aux managers.', '404': unknownDemarche,
            '409': 'La table a changé entre-temps (« version » : la sienne).', '422': 'Table invalide pour cette démarche (chaque erreur dans « errors ») : rien n’est enregistré.',
          },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/demarches/{id}/routing/dry-run': {
      post: {
        tags: ['Routage'], operationId: 'dryRunRouting', summary: 'Essayer une table sur les dossiers en cours',
        description: 'Managers. Ce que la table ferait aux dossiers en cours : combien chaque règle en prend, lesquels changeraient de place. N’enregistre rien.',
        ...signedIn,
        parameters: [demarcheId, parameters.CsrfToken],
        requestBody: jsonBody(routingTableBody),
        responses: responses(
          { '200': json('L’essai.', ref('DryRun')) },
          { '400': 'Ou pas un objet.', '403': 'Réservé aux managers.', '404': unknownDemarche, '422': 'Table invalide pour cette démarche (chaque erreur dans « errors »).' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/stats/activity': {
      get: {
        tags: ['Indicateurs'], operationId: 'getActivity', summary: 'Les indicateurs d’activité',
        description: 'Managers et administrateurs (toute la commune) ; responsables (les services qu’ils dirigent). Volumes déposés par jour de Paris, '
          + 'dossiers en cours par étape et file avec les retards, dossiers clos et durée médiane de traitement.',
        ...signedIn,
        parameters: [
          queryParameter('from', 'Début de la période (AAAA-MM-JJ ou instant ISO) ; par défaut il y a 30 jours.', { type: 'string' }),
          queryParameter('to', 'Fin de la période, exclue ; par défaut demain à cette heure.', { type: 'string' }),
        ],
        responses: responses(
          { '200': json('Les indicateurs.', ref('Activity')) },
          { '400': '« from » ou « to » n’est pas une date, ou « from » ne précède pas « to ».', '403': 'Réservé aux managers, responsables et administrateurs.' },
          { signedIn: true },
        ),
      },
    },
    '/api/admin/users': {
      get: {
        tags: ['Administration'], operationId: 'listStaff', summary: 'Les comptes des agents',
        description: `${admin} Tous les comptes sauf ceux des usagers, par nom.`,
        ...signedIn,
        responses: responses({ '200': json('Les comptes.', ref('StaffUserList')) }, { '403': admin }, { signedIn: true }),
      },
      post: {
        tags: ['Administration'], operationId: 'createStaff', summary: 'Créer un compte d’agent',
        description: `${admin} Sans mot de passe, le compte ne peut pas se connecter tant qu’on ne lui en donne pas un.`,
        ...signedIn,
        parameters: [parameters.CsrfToken],
        requestBody: jsonBody(newStaffSchema),
        responses: responses(
          { '201': json('Le compte.', ref('StaffUser')) },
          { '400': 'Ou rôle inconnu, aucun rôle d’agent, service mal formé, nom vide, mot de passe trop faible.', '403': admin, '409': 'Un compte existe déjà avec cette adresse.' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/admin/users/{id}': {
      put: {
        tags: ['Administration'], operationId: 'updateStaff', summary: 'Modifier un compte d’agent',
        description: `${admin} Noms, rôles, services, désactivation (qui ferme toutes ses sessions). Personne ne retire son propre rôle « admin » ni ne désactive son propre compte.`,
        ...signedIn,
        parameters: [staffId, parameters.CsrfToken],
        requestBody: jsonBody(staffChangesSchema),
        responses: responses(
          { '200': json('Le compte.', ref('StaffUser')) },
          { '400': 'Ou rôle inconnu, aucun rôle d’agent, service mal formé, nom vide.', '403': admin, '404': 'Aucun compte d’agent n’a cet identifiant.', '409': 'Retirer son propre rôle « admin » ou désactiver son propre compte.' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/admin/users/{id}/password': {
      post: {
        tags: ['Administration'], operationId: 'setStaffPassword', summary: 'Définir le mot de passe d’un agent',
        description: `${admin} Ses autres sessions sont fermées.`,
        ...signedIn,
        parameters: [staffId, parameters.CsrfToken],
        requestBody: jsonBody(passwordSchema),
        responses: responses(
          { '200': json('Le compte.', ref('StaffUser')) },
          { '400': 'Ou mot de passe trop faible.', '403': admin, '404': 'Aucun compte d’agent n’a cet identifiant.' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
  };
}
