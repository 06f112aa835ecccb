/** Schemas of a dossier as the API shows it: the view, the engine's status, history, documents, notes. */
import {
  instant, integer, list, nullable, nullableInstant, nullableText, object, openObject, ref, strings, text, type Schema,
} from './components';

const stateView = object({
  path: text('Chemin de l’état feuille (« instruction.attente_pieces »).'),
  label: text('Le nom de l’étape pour les agents.'),
  citizenStatus: text('Ce que l’usager voit de cette étape.'),
  citizenAction: text('Ce qu’on attend de l’usager à cette étape.'),
  roles: strings('Qui doit agir à cette étape.'),
  serviceLevel: text('Objectif interne de durée de l’étape (durée ISO 8601).'),
}, 'Un état où se trouve le dossier.', ['citizenStatus', 'citizenAction', 'serviceLevel']);

const deadlineView = object({
  name: text('Le délai, tel que la définition le nomme.'),
  label: text(),
  kind: { enum: ['legal', 'service'], description: '« legal » : délai légal ; « service » : engagement de service.' },
  status: { enum: ['running', 'paused', 'stopped', 'expired'] },
  dueAt: nullableInstant('Échéance ; null quand le délai est suspendu ou arrêté.'),
  remainingMs: { type: ['integer', 'null'], description: 'Millisecondes restantes (négatif une fois dépassé) ; null quand il ne court pas.' },
  warning: { type: 'boolean', description: 'Une alerte est due ou passée : l’agent devrait agir.' },
  overdue: { type: 'boolean' },
}, 'Un délai du dossier.');

const dossierStatus = object({
  done: { type: 'boolean', description: 'Le dossier est dans un état final.' },
  outcome: { enum: ['accepte', 'refuse', 'sans_suite', 'abandonne'], description: 'Comment il s’est terminé (état final seulement).' },
  states: list(ref('StateView'), 'Les états actifs (plusieurs dans un état parallèle).'),
  citizenStatus: text('Le statut montré à l’usager.'),
  citizenActions: strings('Ce qu’on attend de l’usager maintenant.'),
  deadlines: list(ref('DeadlineView')),
  piecesManquantes: strings('Les pièces demandées qui manquent (identifiants de pièces).'),
}, 'Ce que le moteur dit du dossier maintenant (« etat »).', ['outcome']);

const availableEvent = object({
  type: text('L’événement à envoyer.'),
  label: text('Le texte du bouton.'),
  description: text(),
  confirm: text('La question à poser avant d’envoyer (décision irréversible).'),
  payload: openObject('Le JSON Schema des données de l’événement.'),
  uiSchema: openObject('Indications d’affichage du formulaire (react-jsonschema-form).'),
  role: text('Le rôle sous lequel l’utilisateur l’enverrait.'),
  enabled: { type: 'boolean', description: 'Faux quand une condition qui ne dépend pas des données saisies le bloque maintenant (bouton grisé).' },
}, 'Un événement que l’utilisateur peut envoyer maintenant.', ['description', 'confirm', 'uiSchema']);

const dossier = object({
  id: text(),
  reference: { type: 'string', description: 'Référence donnée à l’usager.', examples: ['PU-2026-4F7K2'] },
  demarche: object({ id: text(), version: integer('La version de la démarche sous laquelle il a été déposé.'), title: text() }),
  status: { enum: ['brouillon', 'en_cours', 'clos'] },
  etat: { ...nullable('DossierStatus'), description: 'Ce que le moteur en dit ; null pour un brouillon.' },
  data: openObject('Les données du formulaire.'),
  instruction: openObject('Les valeurs enregistrées pendant l’instruction (motif, quotient familial…).'),
  routing: object({
    service: nullableText(), site: nullableText(), queue: nullableText('La file du service.'), priority: ref('Priority'),
  }, 'Où le routage l’a envoyé (null avant le dépôt).'),
  ownerId: text('L’usager à qui il appartient.'),
  channel: { enum: ['en_ligne', 'guichet'], description: 'Déposé en ligne, ou au guichet par un agent.' },
  assigneeId: nullableText('L’agent qui l’a pris.'),
  dueAt: nullableInstant('La prochaine échéance (délai ou objectif de service), s’il y en a une.'),
  createdAt: instant(),
  submittedAt: nullableInstant(),
  updatedAt: instant(),
  closedAt: nullableInstant(),
  version: integer('À renvoyer dans If-Match pour n’agir que si personne ne l’a modifié entre-temps.'),
  roles: strings('Les rôles de la démarche sous lesquels l’utilisateur agit sur ce dossier (aucun : lecture seule).'),
  actions: list(ref('AvailableEvent'), 'Ce que l’utilisateur peut faire maintenant.'),
}, 'Un dossier tel que l’utilisateur peut le voir.');

const historyLine = object({
  seq: integer('La version du dossier que l’événement a produite.'),
  event: text(),
  label: text('Ce qui s’est passé, en français.'),
  at: instant(),
  role: text('Le rôle de qui a agi (« systeme » pour les minuteurs).'),
  from: strings('États avant.'),
  to: strings('États après.'),
  payload: openObject('Les données de l’événement.'),
  actorId: text('Le compte de qui a agi : montré aux agents seulement.'),
}, 'Une ligne de l’historique d’un dossier.', ['actorId']);

const documentView = object({
  id: text(),
  kind: { enum: ['piece', 'genere'], description: '« piece » : envoyée ; « genere » : produite par la démarche.' },
  piece: nullableText('La pièce justifiée (documents envoyés).'),
  template: nullableText('Le modèle dont il est tiré (documents produits).'),
  name: text('Nom du fichier, pour l’affichage.'),
  mediaType: text('Le type reconnu d’après le contenu.'),
  size: integer('Octets.'),
  sha256: text(),
  createdAt: instant(),
}, 'Un document d’un dossier.');

const note = object({
  id: text(),
  dossierId: text(),
  authorId: text(),
  author: text('Prénom et nom de l’auteur (« Compte supprimé » s’il n’existe plus).'),
  body: text(),
  createdAt: instant(),
}, 'Une note interne des agents : jamais montrée à l’usager.');

export const dossierSchemas: Record<string, Schema> = {
  Dossier: dossier,
  DossierStatus: dossierStatus,
  StateView: stateView,
  DeadlineView: deadlineView,
  AvailableEvent: availableEvent,
  DossierList: object({ dossiers: list(ref('Dossier'), 'Les plus récents d’abord (200 au plus).') }),
  DossierActions: object({ version: integer('La version du dossier.'), actions: list(ref('AvailableEvent')) }),
  HistoryLine: historyLine,
  History: object({ history: list(ref('HistoryLine'), 'Les plus anciennes d’abord.') }),
  Document: documentView,
  DocumentList: object({ documents: list(ref('Document'), 'Les plus anciens d’abord.') }),
  Attached: object({ documents: list(ref('Document'), 'Les documents créés.'), dossier: ref('Dossier') }, 'Un envoi de pièces accepté.'),
  Note: note,
  NoteList: object({ notes: list(ref('Note'), 'Les plus anciennes d’abord.') }),
};
