/** Paths of the service itself, of sign-in, of the catalogue and of the dossiers. */
import { draftSchema, eventSchema, loginSchema, newDossierSchema, registerSchema } from '../routes';
import {
  headers, ifMatch, json, jsonBody, parameters, pathParameter, ref, responses, signedIn, type Paths,
} from './components';

const dossierId = pathParameter('id', 'Identifiant du dossier.');
const demarcheId = pathParameter('id', 'Identifiant de la démarche (« passeport-urgence »).');
const unknownDossier = 'Dossier inconnu, ou que l’utilisateur ne peut pas voir (l’existence du dossier d’un autre n’est pas révélée).';
const seesDossier = 'Qui voit le dossier : l’usager qui l’a déposé et les autres parties qu’il nomme (l’autre parent…), '
  + 'les agents des services où il est routé, les élus, managers et administrateurs (toute la commune). Un brouillon : son auteur seul.';
const idempotent = 'Avec Idempotency-Key, une nouvelle tentative renvoie la première réponse sans rien refaire.';

/** Health, sign-in, the catalogue, the dossiers, and this document. */
export function corePaths(): Paths {
  return {
    '/api/health': {
      get: {
        tags: ['Service'], operationId: 'health', summary: 'État du service',
        description: 'Public. Le service répond et sa base aussi ; dit quelle base il utilise.',
        responses: responses({ '200': json('Le service fonctionne.', ref('Health')) }, {}, { signedIn: false }),
      },
    },
    '/api/openapi.json': {
      get: {
        tags: ['Service'], operationId: 'openapi', summary: 'Ce document',
        description: 'Public. Le document OpenAPI 3.1 de l’API.',
        responses: responses({ '200': json('Le document OpenAPI.', { type: 'object', additionalProperties: true }) }, {}, { signedIn: false }),
      },
    },
    '/api/auth/register': {
      post: {
        tags: ['Authentification'], operationId: 'register', summary: 'Créer un compte d’usager',
        description: 'Public. Un usager crée son compte et se trouve connecté (cookie de session). Les comptes d’agents sont créés par un administrateur.',
        requestBody: jsonBody(registerSchema),
        responses: responses(
          { '201': json('Compte créé, session ouverte : gardez csrfToken pour les écritures.', ref('SignedIn')) },
          { '400': 'Ou mot de passe trop faible.', '409': 'Un compte existe déjà avec cette adresse e-mail.' },
          { signedIn: false, write: 'json', csrf: false },
        ),
      },
    },
    '/api/auth/login': {
      post: {
        tags: ['Authentification'], operationId: 'login', summary: 'Se connecter',
        description: 'Public. Ouvre une session de 12 heures (cookie HttpOnly). Dix échecs par quart d’heure, par adresse IP ou par compte, bloquent les tentatives.',
        requestBody: jsonBody(loginSchema),
        responses: responses(
          { '200': json('Connecté : gardez csrfToken pour les écritures.', ref('SignedIn')) },
          { '401': 'Adresse e-mail ou mot de passe incorrect (ou compte désactivé).', '429': 'Trop de tentatives : Retry-After dit quand réessayer.' },
          { signedIn: false, write: 'json', csrf: false, problemHeaders: { '429': { 'Retry-After': headers.RetryAfter } } },
        ),
      },
    },
    '/api/auth/logout': {
      post: {
        tags: ['Authentification'], operationId: 'logout', summary: 'Se déconnecter',
        description: 'Tout le monde. Ferme la session et efface le cookie ; sans session, ne fait rien.',
        parameters: [parameters.CsrfToken],
        responses: responses({ '204': { description: 'Déconnecté.' } }, {}, { signedIn: false, write: 'json' }),
      },
    },
    '/api/auth/me': {
      get: {
        tags: ['Authentification'], operationId: 'me', summary: 'Qui est connecté',
        description: 'Utilisateur connecté. Son compte et le jeton anti-CSRF de sa session.',
        ...signedIn,
        responses: responses({ '200': json('L’utilisateur et le jeton anti-CSRF.', ref('SignedIn')) }, {}, { signedIn: true }),
      },
    },
    '/api/demarches': {
      get: {
        tags: ['Catalogue'], operationId: 'listDemarches', summary: 'Le catalogue des démarches publiées',
        description: 'Public : chacun voit ce que la commune propose avant de se connecter.',
        responses: responses({ '200': json('La dernière version de chaque démarche.', ref('DemarcheList')) }, {}, { signedIn: false }),
      },
    },
    '/api/demarches/{id}': {
      get: {
        tags: ['Catalogue'], operationId: 'getDemarche', summary: 'Une démarche, dans sa dernière version publiée',
        description: 'Public. Avec sa définition complète (formulaire, workflow, pièces…).',
        parameters: [demarcheId],
        responses: responses({ '200': json('La démarche.', ref('Demarche')) }, { '404': 'Démarche inconnue ou non publiée.' }, { signedIn: false }),
      },
    },
    '/api/demarches/{id}/versions': {
      get: {
        tags: ['Catalogue'], operationId: 'listDemarcheVersions', summary: 'Les versions publiées d’une démarche',
        description: 'Public. Qui a publié chaque version, et quand.',
        parameters: [demarcheId],
        responses: responses({ '200': json('Les versions, la plus récente d’abord.', ref('DemarcheVersionList')) }, { '404': 'Démarche inconnue ou non publiée.' }, { signedIn: false }),
      },
    },
    '/api/demarches/{id}/versions/{version}': {
      get: {
        tags: ['Catalogue'], operationId: 'getDemarcheVersion', summary: 'Une version publiée d’une démarche',
        description: 'Public. Celle sous laquelle un dossier a été déposé, par exemple.',
        parameters: [demarcheId, pathParameter('version', 'Numéro de version.', { type: 'integer', minimum: 1 })],
        responses: responses({ '200': json('La démarche dans cette version.', ref('Demarche')) }, { '400': 'Pas un numéro de version.', '404': 'Démarche ou version inconnue.' }, { signedIn: false }),
      },
    },
    '/api/dossiers': {
      post: {
        tags: ['Dossiers'], operationId: 'fileDossier', summary: 'Déposer un dossier (ou enregistrer un brouillon)',
        description: 'Un usager dépose pour lui-même. Au guichet, un agent (accueil, agent, expert, responsable) dépose pour un usager avec « onBehalfOf » '
          + '(l’usager est retrouvé par son e-mail, ou créé). Le formulaire est validé, le dossier routé et le workflow démarré dans une seule transaction ; '
          + `avec « draft: true », le dossier reste un brouillon non validé. ${idempotent}`,
        ...signedIn,
        parameters: [parameters.IdempotencyKey, parameters.CsrfToken],
        requestBody: jsonBody(newDossierSchema),
        responses: responses(
          { '201': json('Le dossier, validé et routé (ou le brouillon).', ref('Dossier')) },
          {
            '400': 'Ou Idempotency-Key de plus de 128 caractères.',
            '403': 'Un agent sans « onBehalfOf », ou « onBehalfOf » par un usager.',
            '404': 'Démarche inconnue ou non publiée.',
            '409': 'L’adresse de « onBehalfOf » est celle d’un agent.',
            '422': 'Formulaire invalide (chaque champ dans « errors »), ou Idempotency-Key déjà utilisée pour une autre requête.',
          },
          { signedIn: true, write: 'json' },
        ),
      },
      get: {
        tags: ['Dossiers'], operationId: 'listMyDossiers', summary: '« Mes dossiers »',
        description: 'Utilisateur connecté. Les dossiers qu’il a déposés ou dont il est partie (l’autre parent…), les plus récents d’abord.',
        ...signedIn,
        responses: responses({ '200': json('Ses dossiers.', ref('DossierList')) }, {}, { signedIn: true }),
      },
    },
    '/api/dossiers/{id}': {
      get: {
        tags: ['Dossiers'], operationId: 'getDossier', summary: 'Un dossier',
        description: `${seesDossier} La réponse porte ce que l’utilisateur peut y faire (« actions ») et un ETag (sa version).`,
        ...signedIn,
        parameters: [dossierId],
        responses: responses({ '200': json('Le dossier.', ref('Dossier'), { ETag: headers.ETag }) }, { '404': unknownDossier }, { signedIn: true }),
      },
    },
    '/api/dossiers/reference/{reference}': {
      get: {
        tags: ['Dossiers'], operationId: 'getDossierByReference', summary: 'Un dossier, par sa référence',
        description: `${seesDossier} La référence telle que l’usager la donne (« RC-2026-WNAR9 ») : les minuscules, les espaces, `
          + 'un O pour un 0 ou un I pour un 1 dans sa partie aléatoire sont acceptés.',
        ...signedIn,
        parameters: [pathParameter('reference', 'Référence du dossier (« RC-2026-WNAR9 »).')],
        responses: responses(
          { '200': json('Le dossier.', ref('Dossier'), { ETag: headers.ETag }) },
          { '404': 'Aucun dossier que l’utilisateur peut voir ne porte cette référence.' },
          { signedIn: true },
        ),
      },
    },
    '/api/dossiers/{id}/draft': {
      put: {
        tags: ['Dossiers'], operationId: 'saveDraft', summary: 'Enregistrer les données d’un brouillon',
        description: 'L’auteur du brouillon. Remplace ses données, sans validation (un brouillon peut être incomplet).',
        ...signedIn,
        parameters: [dossierId, parameters.CsrfToken],
        requestBody: jsonBody(draftSchema),
        responses: responses(
          { '200': json('Le brouillon.', ref('Dossier')) },
          { '404': unknownDossier, '409': 'Le dossier a déjà été déposé.' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/dossiers/{id}/submit': {
      post: {
        tags: ['Dossiers'], operationId: 'submitDraft', summary: 'Déposer un brouillon',
        description: `L’auteur du brouillon. Le formulaire est validé sous la version de la démarche où il a été commencé, le dossier routé, le workflow démarré (avec les pièces déjà jointes). Sans corps. ${idempotent}`,
        ...signedIn,
        parameters: [dossierId, parameters.IdempotencyKey, parameters.CsrfToken],
        responses: responses(
          { '200': json('Le dossier déposé.', ref('Dossier')) },
          {
            '400': 'Idempotency-Key de plus de 128 caractères.', '404': unknownDossier, '409': 'Le dossier a déjà été déposé.',
            '422': 'Formulaire invalide (chaque champ dans « errors »), ou Idempotency-Key déjà utilisée pour une autre requête.',
          },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/dossiers/{id}/history': {
      get: {
        tags: ['Dossiers'], operationId: 'getHistory', summary: 'L’historique d’un dossier',
        description: `${seesDossier} Les usagers voient qui a agi par son rôle ; les agents aussi par son compte (« actorId »).`,
        ...signedIn,
        parameters: [dossierId],
        responses: responses({ '200': json('L’historique, le plus ancien d’abord.', ref('History')) }, { '404': unknownDossier }, { signedIn: true }),
      },
    },
    '/api/dossiers/{id}/actions': {
      get: {
        tags: ['Dossiers'], operationId: 'getActions', summary: 'Ce que l’utilisateur peut faire maintenant',
        description: `${seesDossier} Les événements qu’il peut envoyer, avec le schéma de leurs données, et la version du dossier à renvoyer dans If-Match.`,
        ...signedIn,
        parameters: [dossierId],
        responses: responses({ '200': json('Les actions possibles.', ref('DossierActions')) }, { '404': unknownDossier }, { signedIn: true }),
      },
    },
    '/api/dossiers/{id}/events': {
      post: {
        tags: ['Dossiers'], operationId: 'sendEvent', summary: 'Envoyer un événement au dossier',
        description: 'Qui a un rôle de la démarche sur ce dossier (« roles » du dossier) et que l’événement autorise ; le moteur décide. '
          + 'La transition, l’historique, les minuteurs et les effets sont écrits dans une seule transaction, seulement si le dossier n’a pas bougé. '
          + `Le premier agent qui agit prend le dossier. ${idempotent}`,
        ...signedIn,
        parameters: [
          dossierId, parameters.IdempotencyKey, ifMatch('La version du dossier lue (« "3" ») : 409 s’il a changé depuis.'), parameters.CsrfToken,
        ],
        requestBody: jsonBody(eventSchema),
        responses: responses(
          { '200': json('Le dossier après la transition.', ref('Dossier')) },
          {
            '400': 'Ou If-Match qui n’est pas une version, ou Idempotency-Key de plus de 128 caractères.',
            '403': 'Aucun des rôles de l’utilisateur ne peut envoyer cet événement, ou il ne peut que consulter ce dossier.',
            '404': unknownDossier,
            '409': 'Le dossier a changé entre-temps (If-Match), son étape n’accepte pas cet événement, ou c’est un brouillon ; « dossier » le donne tel qu’il est.',
            '422': 'Événement inconnu, données invalides (chaque champ dans « errors »), conditions non remplies, ou Idempotency-Key déjà utilisée pour une autre requête.',
          },
          { signedIn: true, write: 'json' },
        ),
      },
    },
  };
}
