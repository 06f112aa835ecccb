/** Schemas of the agents' work: inbox, letters, notifications, failed effects, indicators, accounts. */
import {
  instant, integer, list, nullable, nullableInstant, nullableText, object, ref, strings, text, type Schema,
} from './components';

const counts = (description: string): Schema => ({ type: 'object', additionalProperties: { type: 'integer' }, description });

const task = object({
  id: text('L’identifiant du dossier.'),
  reference: text(),
  demarche: object({ id: text(), version: integer(), title: text() }),
  states: list(object({ path: text(), label: text('Le nom de l’étape pour les agents.') }), 'Les étapes actives.'),
  citizenStatus: text(),
  service: nullableText(),
  site: nullableText(),
  queue: nullableText(),
  priority: ref('Priority'),
  dueAt: nullableInstant('Le délai ou l’objectif de service le plus proche.'),
  timeLeft: {
    anyOf: [object({ seconds: integer('Négatif une fois l’échéance passée.'), label: text('« Reste 3 jours », « En retard de 5 heures ».') }), { type: 'null' }],
    description: 'Le temps jusqu’à l’échéance ; null sans échéance.',
  },
  overdue: { type: 'boolean' },
  assignee: { ...nullable('StaffName'), description: 'L’agent qui l’a pris.' },
  owner: {
    anyOf: [object({ id: text(), givenName: text(), familyName: text() }), { type: 'null' }],
    description: 'L’usager à qui est le dossier : qui l’a déposé, ou pour qui l’accueil l’a déposé.',
  },
  stateSince: instant('Depuis quand le dossier est à ces étapes.'),
  submittedAt: nullableInstant(),
}, 'Une ligne de la corbeille d’un agent.');

const taskPage = object({
  tasks: list(ref('Task'), 'Les plus urgents d’abord (priorité, puis échéance).'),
  next: nullableText('À renvoyer comme « after » pour la page suivante ; null sur la dernière.'),
  counts: object({
    total: integer('Dossiers qui répondent aux filtres.'),
    byQueue: counts('Par file (clé vide : sans file), quel que soit le filtre de file.'),
    byState: counts('Par étape (état feuille), quel que soit le filtre d’étape ; seulement avec le filtre « demarche ».'),
  }, undefined, ['byState']),
}, 'Une page de la corbeille.');

const letterStatus: Schema = { enum: ['a_verifier', 'envoye', 'annule'], description: 'À vérifier par un agent, envoyé, ou annulé.' };

const letter = object({
  id: text(),
  dossier: object({ id: text(), reference: text(), demarche: object({ id: text(), title: text() }) }),
  template: text('Le modèle de la définition.'),
  title: text('Le titre du modèle (« Refus de validation de l’attestation d’accueil »).'),
  recipient: text('Le rôle destinataire.'),
  recipientLabel: text('Son nom dans la démarche.'),
  subject: text('Objet.'),
  body: text('Texte du courrier.'),
  status: ref('LetterStatus'),
  createdAt: instant(),
  checkedBy: nullableText('L’agent qui l’a envoyé ou annulé.'),
  sentAt: nullableInstant(),
}, 'Un courrier produit par la démarche, vérifié par un agent avant l’envoi.');

const notification = object({
  id: text(),
  dossier: {
    anyOf: [object({ id: text(), reference: text(), demarche: text('Identifiant de la démarche.') }), { type: 'null' }],
  },
  role: text('Le rôle auquel elle était adressée.'),
  personal: { type: 'boolean', description: 'Adressée à l’utilisateur en personne (sinon à son rôle, partagée avec ses collègues).' },
  subject: text(),
  body: text(),
  createdAt: instant(),
  readAt: nullableInstant(),
}, 'Une notification, telle que son lecteur la voit.');

const effect: Schema = {
  description: 'Ce que la transition a demandé au serveur de faire après coup.',
  oneOf: [
    object({ type: { const: 'notify' }, to: strings('Rôles destinataires.'), template: text(), deadline: text('Le délai qui l’a déclenchée.') }, 'Une notification.', ['template', 'deadline']),
    object({ type: { const: 'letter' }, template: text(), to: text('Le rôle destinataire.') }, 'Un courrier.'),
    object({ type: { const: 'document' }, template: text() }, 'Un document produit.'),
    object({ type: { const: 'route' } }, 'Un nouveau routage du dossier.'),
    object({ type: { const: 'callout' }, service: text(), operation: text() }, 'Un appel à un autre système.'),
  ],
};

const failedEffect = object({
  id: text(),
  status: { enum: ['dead', 'retrying'], description: '« dead » : abandonnée ; « retrying » : en échec, un nouvel essai est prévu.' },
  dossier: object({ id: text(), reference: text(), demarche: text() }),
  type: { enum: ['notify', 'letter', 'document', 'route', 'callout'] },
  description: text('Ce qu’elle devait faire, en français.'),
  effect: ref('Effect'),
  attempts: integer(),
  lastError: nullableText(),
  createdAt: instant(),
  failedAt: nullableInstant('Quand elle a été abandonnée (dead).'),
  nextAttemptAt: nullableInstant('Le prochain essai (retrying).'),
}, 'Une action en échec.');

const activity = object({
  from: instant(),
  to: instant(),
  submitted: list(object({
    demarche: text(), day: { type: 'string', format: 'date', description: 'Jour de Paris.' }, channel: { enum: ['en_ligne', 'guichet'] }, site: nullableText(), count: integer(),
  }), 'Dossiers déposés par démarche, jour, canal et site.'),
  open: list(object({
    demarche: text(), state: text('États feuilles actifs, séparés par des virgules.'), queue: nullableText(), service: nullableText(), count: integer(), overdue: integer(),
  }), 'Dossiers en cours maintenant, par démarche, étape et file.'),
  closed: list(object({
    demarche: text(), outcome: nullableText('accepte, refuse, sans_suite, abandonne.'), count: integer(), medianDays: { type: ['number', 'null'], description: 'Durée médiane du dépôt à la clôture, en jours (au dixième).' },
  }), 'Dossiers clos dans la période.'),
}, 'Les indicateurs d’activité sur une période [from, to).');

const staffUser = object({
  id: text(),
  email: { type: 'string', format: 'email' },
  givenName: text(),
  familyName: text(),
  roles: strings(),
  services: strings(),
  createdAt: instant(),
  disabled: { type: 'boolean' },
  disabledAt: nullableInstant(),
  canSignIn: { type: 'boolean', description: 'Faux tant qu’aucun mot de passe n’est défini, et tant que le compte est désactivé.' },
}, 'Un compte d’agent, tel que les administrateurs le voient (jamais son mot de passe).');

export const workSchemas: Record<string, Schema> = {
  Task: task,
  TaskPage: taskPage,
  LetterStatus: letterStatus,
  Letter: letter,
  LetterList: object({ letters: list(ref('Letter')) }),
  Notification: notification,
  NotificationList: object({
    unread: integer('Combien de notifications non lues en tout.'),
    notifications: list(ref('Notification'), 'Non lues d’abord, puis les plus récentes (100 au plus).'),
  }),
  Effect: effect,
  FailedEffect: failedEffect,
  FailedEffectList: object({ effects: list(ref('FailedEffect'), '200 au plus.') }),
  Activity: activity,
  StaffUser: staffUser,
  StaffUserList: object({ users: list(ref('StaffUser'), 'Par nom.') }),
};
