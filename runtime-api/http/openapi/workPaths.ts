/** Paths of the work on dossiers: documents, notes, the inbox, letters, notifications, failed effects. */
import { PRIORITIES } from '../../../engine';
import { RECOGNISED_DOCUMENT_TYPES } from '../../documents';
import { assignSchema, DEFAULT_LIMIT, MAX_LIMIT } from '../../inbox';
import { letterEditSchema, noteSchema } from '../routes';
import {
  headers, json, jsonBody, parameters, pathParameter, queryParameter, ref, responses, signedIn, type Paths,
} from './components';

const dossierId = pathParameter('id', 'Identifiant du dossier.');
const letterId = pathParameter('id', 'Identifiant du courrier.');
const unknownDossier = 'Dossier inconnu, ou que l’utilisateur ne peut pas voir.';
const unknownLetter = 'Courrier inconnu, ou que l’utilisateur ne peut pas voir.';
const slug = { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' };
const checkLetter = 'Un agent (accueil, agent, expert, responsable) du service du dossier.';

/** Documents, notes, the inbox, letters, notifications and failed effects. */
export function workPaths(): Paths {
  return {
    '/api/dossiers/{id}/documents': {
      post: {
        tags: ['Documents'], operationId: 'uploadDocuments', summary: 'Joindre des pièces',
        description: 'L’usager partie au dossier, ou un agent qui agit dessus (« roles » du dossier non vide) ; pas sur un dossier clos. '
          + 'En multipart/form-data : le champ « piece » (ou le paramètre ?piece=), puis un ou plusieurs champs « file ». '
          + 'Chaque fichier est vérifié d’après son contenu (formats acceptés par la pièce) et sa taille. Sur un dossier déposé, '
          + 'les pièces sont annoncées au workflow par l’événement « pieces.deposees » dans la même transaction : s’il le refuse, rien n’est joint.',
        ...signedIn,
        parameters: [dossierId, queryParameter('piece', 'La pièce justifiée, si elle n’est pas dans le champ « piece ».', { type: 'string' }), parameters.CsrfToken],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  piece: { type: 'string', description: 'Identifiant de la pièce (avant les fichiers).' },
                  file: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' }, maxItems: 20 },
                },
              },
              encoding: { file: { contentType: RECOGNISED_DOCUMENT_TYPES.join(', ') } },
            },
          },
        },
        responses: responses(
          { '201': json('Les documents joints et le dossier tel qu’il est maintenant.', ref('Attached')) },
          {
            '400': 'Pièce non indiquée, aucun fichier, champ inattendu, corps multipart mal formé ou interrompu.',
            '403': 'L’utilisateur peut consulter le dossier mais pas y joindre de pièces, ou le workflow refuse son rôle.',
            '404': unknownDossier,
            '409': 'Dossier clos, ou qui a changé pendant l’envoi (renvoyer les fichiers), ou dont l’étape n’accepte pas de pièces.',
            '413': 'Un fichier dépasse la taille maximale de la pièce.',
            '415': 'Corps qui n’est pas multipart/form-data, ou fichier d’un format que la pièce n’accepte pas (d’après son contenu).',
            '422': 'Pièce inconnue de la démarche (« pieces » les liste), fichier vide, plusieurs fichiers pour une pièce qui n’en prend qu’un, '
              + 'plus de 20 fichiers, ou le workflow refuse les pièces (conditions non remplies).',
          },
          { signedIn: true, write: 'multipart' },
        ),
      },
      get: {
        tags: ['Documents'], operationId: 'listDocuments', summary: 'Les documents d’un dossier',
        description: 'Qui voit le dossier : ses pièces et les documents produits par la démarche.',
        ...signedIn,
        parameters: [dossierId],
        responses: responses({ '200': json('Les documents, les plus anciens d’abord.', ref('DocumentList')) }, { '404': unknownDossier }, { signedIn: true }),
      },
    },
    '/api/dossiers/{id}/documents/{documentId}': {
      get: {
        tags: ['Documents'], operationId: 'downloadDocument', summary: 'Télécharger un document',
        description: 'Qui voit le dossier, même clos. Jamais gardé en cache (Cache-Control: private, no-store).',
        ...signedIn,
        parameters: [
          dossierId, pathParameter('documentId', 'Identifiant du document.'),
          queryParameter('inline', '« 1 » : aperçu dans le navigateur (PDF et images seulement), sinon téléchargement.', { enum: ['1'] }),
        ],
        responses: responses({
          '200': {
            description: 'Le fichier, avec le type reconnu d’après son contenu.',
            headers: { 'Content-Disposition': headers.ContentDisposition },
            content: Object.fromEntries(RECOGNISED_DOCUMENT_TYPES.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])),
          },
        }, { '404': 'Dossier ou document inconnu, ou que l’utilisateur ne peut pas voir.' }, { signedIn: true }),
      },
    },
    '/api/dossiers/{id}/notes': {
      get: {
        tags: ['Notes'], operationId: 'listNotes', summary: 'Les notes internes d’un dossier',
        description: 'Les agents qui voient le dossier ; jamais l’usager (404 pour lui).',
        ...signedIn,
        parameters: [dossierId],
        responses: responses({ '200': json('Les notes, les plus anciennes d’abord.', ref('NoteList')) }, { '404': unknownDossier }, { signedIn: true }),
      },
      post: {
        tags: ['Notes'], operationId: 'addNote', summary: 'Ajouter une note interne',
        description: 'Les agents qui voient le dossier.',
        ...signedIn,
        parameters: [dossierId, parameters.CsrfToken],
        requestBody: jsonBody(noteSchema),
        responses: responses({ '201': json('La note.', ref('Note')) }, { '400': 'Ou note vide.', '404': unknownDossier }, { signedIn: true, write: 'json' }),
      },
    },
    '/api/tasks': {
      get: {
        tags: ['Corbeille'], operationId: 'listTasks', summary: 'La corbeille de l’agent',
        description: 'Accueil, agent, expert, responsable (les dossiers en cours routés vers leurs services) ; élu et manager (toute la commune). '
          + 'Filtrée, les plus urgents d’abord, paginée par curseur, avec les comptes par file et par étape. Un paramètre inconnu ou répété est refusé.',
        ...signedIn,
        parameters: [
          queryParameter('demarche', 'Une démarche.', slug),
          queryParameter('state', 'Une étape (état feuille) de cette démarche ; avec « demarche ».', { type: 'string', pattern: '^[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*$', maxLength: 255 }),
          queryParameter('site', 'Un site.', slug),
          queryParameter('queue', 'Une file.', slug),
          queryParameter('priority', 'Une priorité.', { enum: [...PRIORITIES] }),
          queryParameter('overdue', '« true » : en retard ; « false » : dans les temps.', { enum: ['true', 'false'] }),
          queryParameter('assignee', '« me » : mes dossiers ; « none » : ceux que personne n’a pris.', { enum: ['me', 'none'] }),
          queryParameter('service', 'Un des services de l’agent.', slug),
          queryParameter('limit', 'Dossiers par page.', { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
          queryParameter('after', 'Le « next » de la page précédente.', { type: 'string' }),
        ],
        responses: responses(
          { '200': json('Une page de la corbeille.', ref('TaskPage')) },
          {
            '400': 'Filtre inconnu, répété ou mal formé, démarche ou étape inconnue, service qui n’est pas celui de l’agent, curseur invalide (chaque paramètre dans « errors »).',
            '403': 'L’utilisateur n’a pas de corbeille (usager, Procédures, administrateur).',
          },
          { signedIn: true },
        ),
      },
    },
    '/api/dossiers/{id}/assign': {
      post: {
        tags: ['Corbeille'], operationId: 'assignDossier', summary: 'Prendre, attribuer ou libérer un dossier',
        description: 'Corps vide ou sans « assignee » : un agent du service du dossier le prend. « assignee » : un responsable du service le donne à un agent du service. '
          + '« assignee: null » : celui qui le tient, ou un responsable, le libère. La version du dossier ne change pas.',
        ...signedIn,
        parameters: [dossierId, parameters.CsrfToken],
        requestBody: { ...jsonBody(assignSchema), required: false },
        responses: responses(
          { '200': json('Le dossier.', ref('Dossier')) },
          {
            '403': 'Pas agent du service du dossier, ou pas responsable pour le donner à un autre ou libérer celui d’un autre.',
            '404': unknownDossier,
            '409': 'Dossier clos ou brouillon, ou déjà pris par un autre agent (« assigneeId »).',
            '422': 'Aucun agent actif du service n’a cet identifiant.',
          },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/dossiers/{id}/letters': {
      get: {
        tags: ['Courriers'], operationId: 'listDossierLetters', summary: 'Les courriers d’un dossier',
        description: 'Qui voit le dossier : tous ses courriers pour les agents ; pour l’usager partie, ceux qui lui ont été envoyés.',
        ...signedIn,
        parameters: [dossierId],
        responses: responses({ '200': json('Les courriers, les plus anciens d’abord.', ref('LetterList')) }, { '404': unknownDossier }, { signedIn: true }),
      },
    },
    '/api/letters': {
      get: {
        tags: ['Courriers'], operationId: 'listLetters', summary: 'Les courriers des services de l’agent',
        description: 'Les comptes d’agents (tout rôle autre que « usager ») : les courriers des dossiers de leurs services (de toute la commune pour élus, managers et administrateurs) dans un statut ; '
          + 'à vérifier par défaut, les plus anciens d’abord (les autres statuts : les plus récents d’abord). 200 au plus.',
        ...signedIn,
        parameters: [queryParameter('status', 'Le statut des courriers.', { enum: ['a_verifier', 'envoye', 'annule'], default: 'a_verifier' })],
        responses: responses(
          { '200': json('Les courriers.', ref('LetterList')) },
          { '400': 'Statut inconnu.', '403': 'Réservé aux agents.' },
          { signedIn: true },
        ),
      },
    },
    '/api/letters/{id}': {
      get: {
        tags: ['Courriers'], operationId: 'getLetter', summary: 'Un courrier',
        description: 'Les agents qui voient son dossier ; l’usager destinataire, une fois le courrier envoyé.',
        ...signedIn,
        parameters: [letterId],
        responses: responses({ '200': json('Le courrier.', ref('Letter')) }, { '404': unknownLetter }, { signedIn: true }),
      },
      put: {
        tags: ['Courriers'], operationId: 'editLetter', summary: 'Corriger un courrier avant l’envoi',
        description: `${checkLetter} Un courrier à vérifier seulement.`,
        ...signedIn,
        parameters: [letterId, parameters.CsrfToken],
        requestBody: jsonBody(letterEditSchema),
        responses: responses(
          { '200': json('Le courrier corrigé.', ref('Letter')) },
          { '403': 'Pas agent du service du dossier.', '404': unknownLetter, '409': 'Courrier déjà envoyé ou annulé.' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/letters/{id}/send': {
      post: {
        tags: ['Courriers'], operationId: 'sendLetter', summary: 'Envoyer un courrier vérifié',
        description: `${checkLetter} Le destinataire le trouve dans ses notifications. Sans corps.`,
        ...signedIn,
        parameters: [letterId, parameters.CsrfToken],
        responses: responses(
          { '200': json('Le courrier envoyé.', ref('Letter')) },
          { '403': 'Pas agent du service du dossier.', '404': unknownLetter, '409': 'Courrier déjà envoyé ou annulé.' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/letters/{id}/cancel': {
      post: {
        tags: ['Courriers'], operationId: 'cancelLetter', summary: 'Annuler un courrier',
        description: `${checkLetter} Sans corps.`,
        ...signedIn,
        parameters: [letterId, parameters.CsrfToken],
        responses: responses(
          { '200': json('Le courrier annulé.', ref('Letter')) },
          { '403': 'Pas agent du service du dossier.', '404': unknownLetter, '409': 'Courrier déjà envoyé ou annulé.' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
    '/api/notifications': {
      get: {
        tags: ['Notifications'], operationId: 'listNotifications', summary: 'Les notifications de l’utilisateur',
        description: 'Utilisateur connecté : celles qui lui sont adressées et, pour un agent, celles adressées à l’un de ses rôles sur un dossier de ses services '
          + '(de toute la commune pour élus et managers). Non lues d’abord, puis les plus récentes.',
        ...signedIn,
        parameters: [queryParameter('unread', '« true » : les non lues seulement.', { enum: ['true', 'false'] })],
        responses: responses({ '200': json('Les notifications et le nombre de non lues.', ref('NotificationList')) }, {}, { signedIn: true }),
      },
    },
    '/api/notifications/{id}/read': {
      post: {
        tags: ['Notifications'], operationId: 'readNotification', summary: 'Marquer une notification comme lue',
        description: 'Qui peut la lire. Une notification adressée à un rôle est lue pour tous les collègues qui la partagent. Sans corps.',
        ...signedIn,
        parameters: [pathParameter('id', 'Identifiant de la notification.'), parameters.CsrfToken],
        responses: responses({ '200': json('La notification.', ref('Notification')) }, { '404': 'Notification inconnue, ou que l’utilisateur ne peut pas lire.' }, { signedIn: true, write: 'json' }),
      },
    },
    '/api/failed-effects': {
      get: {
        tags: ['Actions en échec'], operationId: 'listFailedEffects', summary: 'Les actions en échec',
        description: 'Les comptes d’agents (tout rôle autre que « usager ») : les effets (notifications, courriers, documents, appels) des dossiers de leurs services '
          + '(de toute la commune pour élus, managers et administrateurs) qui ont échoué, '
          + 'abandonnés (« dead », par défaut, les plus récents d’abord) ou à réessayer (« retrying », le prochain essai d’abord).',
        ...signedIn,
        parameters: [queryParameter('status', 'Abandonnées ou à réessayer.', { enum: ['dead', 'retrying'], default: 'dead' })],
        responses: responses(
          { '200': json('Les actions en échec.', ref('FailedEffectList')) },
          { '400': 'Statut inconnu.', '403': 'Réservé aux agents.' },
          { signedIn: true },
        ),
      },
    },
    '/api/failed-effects/{id}/retry': {
      post: {
        tags: ['Actions en échec'], operationId: 'retryFailedEffect', summary: 'Relancer une action abandonnée',
        description: 'Les comptes d’agents qui atteignent son dossier (son service, ou toute la commune), une fois la cause corrigée. Sans corps.',
        ...signedIn,
        parameters: [pathParameter('id', 'Identifiant de l’action.'), parameters.CsrfToken],
        responses: responses(
          { '200': json('L’action, de nouveau à essayer.', ref('FailedEffect')) },
          { '403': 'Réservé aux agents.', '404': 'Action inconnue, ou hors des services de l’agent.', '409': 'L’action a abouti, ou un nouvel essai est déjà prévu.' },
          { signedIn: true, write: 'json' },
        ),
      },
    },
  };
}
