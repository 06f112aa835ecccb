import { randomUUID } from 'node:crypto';
import { GARDE } from '../fixtures/formData';
import { DATABASES, TestServer, warnIfMysqlSkipped, type Client } from './support';

warnIfMysqlSkipped();

function attestation(): Record<string, unknown> {
  return {
    hebergeant: {
      civilite: 'madame', nom: 'Benali', prenoms: 'Samia', dateNaissance: '1978-05-14', lieuNaissance: 'Saint-Denis (France)',
      nationalite: 'française', telephone: '06 12 34 56 78', courriel: 'samia.benali@exemple.fr',
      adresse: { voie: '12 rue de la République', codePostal: '93200', commune: 'Saint-Denis' },
    },
    logement: { statut: 'locataire', type: 'appartement', surface: 68, nombrePieces: 3, nombreOccupants: 2 },
    ressources: { nature: 'salaire', montantMensuel: 2400 },
    visiteur: {
      civilite: 'monsieur', nom: 'Benali', prenoms: 'Karim', dateNaissance: '1950-11-02', lieuNaissance: 'Sétif (Algérie)',
      nationalite: 'algérienne', numeroPasseport: '212345678', adresse: { voie: '5 rue Ben Boulaïd', ville: 'Sétif', pays: 'Algérie' },
    },
    sejour: { dateArrivee: '2026-05-15', dateDepart: '2026-07-10', lienParente: 'parent' },
    engagements: { priseEnChargeFrais: true, assurance: { souscripteur: 'hebergeant', assureur: 'Assur’Voyage' }, certificationExactitude: true },
  };
}

// The other parent's address as someone would type it: matched to their account whatever the case.
const garde = { ...GARDE, autreParent: { ...GARDE.autreParent, courriel: 'Coparent@Demo.Guichet.fr' } };

const PRECISIONS = 'Le bail fourni est illisible : merci de le déposer à nouveau.';

interface LetterView { id: string; status: string; subject: string; body: string; template: string; title: string; recipient: string; checkedBy: string | null; sentAt: string | null; dossier: { id: string; reference: string } }
interface NotificationView { id: string; dossier: { id: string } | null; subject: string; body: string; role: string; personal: boolean; readAt: string | null }

describe.each(DATABASES)('letters and notifications on %s', (database) => {
  let t: TestServer;
  let usager: Client;
  let agent: Client;
  let accueil: Client;
  let agentTitres: Client;
  let elu: Client;

  beforeAll(async () => {
    t = await TestServer.start(database);
    usager = await t.as('usager@demo.guichet.fr');
    agent = await t.as('agent.affaires-generales@demo.guichet.fr');
    accueil = await t.as('accueil@demo.guichet.fr');
    agentTitres = await t.as('agent.titres@demo.guichet.fr');
    elu = await t.as('elu@demo.guichet.fr');
  });
  afterAll(() => t.stop());

  /** An attestation d’accueil whose documents the agent asked for: a letter awaits checking. */
  async function withLetter(): Promise<{ id: string; reference: string; letter: LetterView }> {
    const filed = await usager.post('/api/dossiers', { demarche: 'attestation-accueil', data: attestation() });
    expect(filed.status).toBe(201);
    const asked = await agent.post(`/api/dossiers/${filed.body.id}/events`, { type: 'demander_pieces', payload: { pieces: ['bail'], precisions: PRECISIONS } });
    expect(asked.status).toBe(200);
    await t.server.jobs.runDue();
    const letters = await agent.get(`/api/dossiers/${filed.body.id}/letters`);
    expect(letters.status).toBe(200);
    expect(letters.body.letters).toHaveLength(1);
    return { id: filed.body.id, reference: filed.body.reference, letter: letters.body.letters[0] };
  }

  async function notifications(client: Client, dossierId: string): Promise<NotificationView[]> {
    return ((await client.get('/api/notifications')).body.notifications as NotificationView[]).filter((n) => n.dossier?.id === dossierId);
  }

  it('prepares a letter for the agent to check, rendered from the démarche’s template', async () => {
    const { id, reference, letter } = await withLetter();
    expect(letter).toMatchObject({
      status: 'a_verifier', template: 'demande_pieces', title: 'Demande de pièces complémentaires', recipient: 'usager', checkedBy: null, sentAt: null,
      subject: `Attestation d’accueil : pièces manquantes (dossier n° ${reference})`, dossier: { id, reference },
    });
    expect(letter.body.split('\n').slice(0, 5)).toEqual([
      'Ville de Démo, le 2 mars 2026 à 10 h 00', '', 'Samia Benali', '12 rue de la République', '93200 Saint-Denis',
    ]);
    expect(letter.body).toContain(`\n${PRECISIONS}\n`);
    expect(letter.body).toContain('accompagnée d’un timbre fiscal de 30 €.');
    const toCheck = (await agent.get('/api/letters?status=a_verifier')).body.letters.map((l: LetterView) => l.id);
    expect(toCheck).toContain(letter.id);
    expect((await agent.get('/api/letters')).body.letters.map((l: LetterView) => l.id)).toContain(letter.id);
    expect((await agentTitres.get('/api/letters?status=a_verifier')).body.letters.map((l: LetterView) => l.id)).not.toContain(letter.id);
    // Not sent yet: the citizen neither sees it nor is told.
    expect((await usager.get(`/api/dossiers/${id}/letters`)).body.letters).toEqual([]);
    expect((await usager.get(`/api/letters/${letter.id}`)).status).toBe(404);
  });

  it('lets the agent correct a letter, then send it: the citizen receives it as written', async () => {
    const { id, letter } = await withLetter();
    const subject = `${letter.subject} — rectificatif`;
    const edited = await agent.put(`/api/letters/${letter.id}`, { subject, body: `${letter.body}\n\nP.-S. : un scan lisible suffit.` });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'a_verifier', subject });
    const sent = await agent.post(`/api/letters/${letter.id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'envoye', sentAt: t.clock.now().toISOString(), checkedBy: expect.any(String) });

    const received = (await notifications(usager, id)).find((n) => n.subject === subject);
    expect(received).toMatchObject({ role: 'usager', personal: true, readAt: null });
    expect(received!.body).toBe(`${letter.body}\n\nP.-S. : un scan lisible suffit.`);
    expect((await usager.get(`/api/dossiers/${id}/letters`)).body.letters).toEqual([expect.objectContaining({ id: letter.id, status: 'envoye', subject })]);
    expect((await usager.get(`/api/letters/${letter.id}`)).status).toBe(200);

    // Sent is sent: no second sending, no late correction, no cancellation.
    const again = await agent.post(`/api/letters/${letter.id}/send`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('Ce courrier a déjà été envoyé : il ne peut plus être modifié ni annulé.');
    expect((await agent.put(`/api/letters/${letter.id}`, { subject: 'Autre objet' })).status).toBe(409);
    expect((await agent.post(`/api/letters/${letter.id}/cancel`)).status).toBe(409);
    expect((await notifications(usager, id)).filter((n) => n.subject === subject)).toHaveLength(1);
    expect((await agent.get('/api/letters?status=envoye')).body.letters.map((l: LetterView) => l.id)).toContain(letter.id);
  });

  it('lets the agent cancel a letter instead: nothing reaches the citizen', async () => {
    const { id, letter } = await withLetter();
    const cancelled = await agent.post(`/api/letters/${letter.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('annule');
    expect((await agent.post(`/api/letters/${letter.id}/send`)).body).toMatchObject({ status: 409, detail: 'Ce courrier a été annulé : il ne peut plus être modifié ni envoyé.' });
    expect((await notifications(usager, id)).map((n) => n.subject)).not.toContain(letter.subject);
    expect((await usager.get(`/api/dossiers/${id}/letters`)).body.letters).toEqual([]);
    expect((await agent.get('/api/letters?status=annule')).body.letters.map((l: LetterView) => l.id)).toContain(letter.id);
  });

  it('lets only the caseworkers of the dossier’s service check its letters', async () => {
    const { id, letter } = await withLetter();
    // Another service does not even learn that the letter exists.
    expect((await agentTitres.get(`/api/letters/${letter.id}`)).status).toBe(404);
    expect((await agentTitres.post(`/api/letters/${letter.id}/send`)).status).toBe(404);
    expect((await agentTitres.get(`/api/dossiers/${id}/letters`)).status).toBe(404);
    // The élu sees the town’s dossiers, but letters are checked by the service.
    expect((await elu.get(`/api/dossiers/${id}/letters`)).body.letters).toHaveLength(1);
    const byElu = await elu.post(`/api/letters/${letter.id}/send`);
    expect(byElu.status).toBe(403);
    expect(byElu.body.detail).toBe('Seuls les agents du service du dossier (« affaires-generales ») peuvent envoyer ce courrier.');
    // The citizen reaches none of it before it is sent.
    expect((await usager.put(`/api/letters/${letter.id}`, { subject: 'Mon objet' })).status).toBe(404);
    expect((await usager.get('/api/letters')).status).toBe(403);
    expect((await t.client().get('/api/letters')).status).toBe(401);
    expect((await agent.get(`/api/letters/${letter.id}`)).body.status).toBe('a_verifier');
  });

  it('refuses an empty subject, unknown fields and an unknown status with French problems, changing nothing', async () => {
    const { letter } = await withLetter();
    const blank = await agent.put(`/api/letters/${letter.id}`, { subject: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ pointer: '/subject', field: 'Objet' })]);
    const unknown = await agent.put(`/api/letters/${letter.id}`, { objet: 'Autre' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toContain('« objet »');
    expect((await agent.put(`/api/letters/${letter.id}`, {})).status).toBe(400);
    expect((await agent.get(`/api/letters/${letter.id}`)).body).toMatchObject({ subject: letter.subject, body: letter.body });
    const status = await agent.get('/api/letters?status=perdu');
    expect(status.status).toBe(400);
    expect(status.body).toMatchObject({ type: 'urn:guichet:probleme:requete-invalide', detail: 'Le paramètre « status » doit valoir « a_verifier », « envoye » ou « annule ».' });
    expect((await agent.get('/api/letters/inconnu')).status).toBe(404);
  });

  it('shows role-addressed notifications to the staff of the dossier’s service, and reading one reads it for all', async () => {
    const { id, reference } = await withLetter();
    const at = t.clock.now().toISOString();
    const pieces = Object.fromEntries(['piece_identite_hebergeant', 'justificatif_domicile', 'bail', 'justificatif_ressources', 'timbre_fiscal']
      .map((p) => [p, [{ id: randomUUID(), name: `${p}.pdf`, at }]]));
    expect((await usager.post(`/api/dossiers/${id}/events`, { type: 'pieces.deposees', payload: { pieces } })).status).toBe(200);
    await t.server.jobs.runDue();

    const subject = `Attestation d’accueil n° ${reference} : pièces déposées`;
    // Addressed to « accueil » and « agent »: the agent, who holds both roles, sees it once.
    const forAgent = (await notifications(agent, id)).filter((n) => n.subject === subject);
    expect(forAgent).toEqual([expect.objectContaining({ personal: false, readAt: null })]);
    expect(forAgent[0].body).toContain('Samia Benali a déposé les pièces demandées');
    const forAccueil = (await notifications(accueil, id)).filter((n) => n.subject === subject);
    expect(forAccueil).toEqual([expect.objectContaining({ role: 'accueil', readAt: null })]);
    const unreadBefore = (await agent.get('/api/notifications')).body.unread;
    expect(await notifications(agentTitres, id)).toEqual([]);
    expect((await notifications(usager, id)).map((n) => n.subject)).not.toContain(subject);

    const read = await agent.post(`/api/notifications/${forAgent[0].id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(t.clock.now().toISOString());
    expect((await agent.get('/api/notifications')).body.unread).toBe(unreadBefore - 1);
    expect((await notifications(agent, id)).filter((n) => n.subject === subject)).toEqual([expect.objectContaining({ readAt: read.body.readAt })]);
    // The front desk shares the message: it is read for them too.
    expect((await notifications(accueil, id)).find((n) => n.subject === subject)?.readAt).toBe(read.body.readAt);
    expect((await agentTitres.post(`/api/notifications/${forAgent[0].id}/read`)).status).toBe(404);
    expect((await usager.post(`/api/notifications/${forAgent[0].id}/read`)).status).toBe(404);
  });

  it('lists the unread notifications first, and counts them', async () => {
    const first = await withLetter();
    const second = await withLetter();
    const mine = (await usager.get('/api/notifications')).body;
    const receiptOf = (dossierId: string) => (mine.notifications as NotificationView[]).find((n) => n.dossier?.id === dossierId)!;
    // The newer one is read: the older, unread, comes before it.
    const read = await usager.post(`/api/notifications/${receiptOf(second.id).id}/read`);
    expect(read.status).toBe(200);
    const after = (await usager.get('/api/notifications')).body;
    const order = (after.notifications as NotificationView[]).map((n) => n.id);
    expect(order.indexOf(receiptOf(first.id).id)).toBeLessThan(order.indexOf(receiptOf(second.id).id));
    expect(after.unread).toBe(mine.unread - 1);
    const unread = (await usager.get('/api/notifications?unread=true')).body.notifications as NotificationView[];
    expect(unread.every((n) => n.readAt === null)).toBe(true);
    expect(unread.map((n) => n.id)).not.toContain(receiptOf(second.id).id);
  });

  it('reaches the other parent named by the form, when they have an account', async () => {
    const filed = await usager.post('/api/dossiers', { demarche: 'garde-alternee', data: garde });
    expect(filed.status).toBe(201);
    await t.server.jobs.runDue();
    const coparent = await t.as('coparent@demo.guichet.fr');
    const received = await notifications(coparent, filed.body.id);
    expect(received).toEqual([expect.objectContaining({ role: 'coparent', personal: true })]);
    expect(received[0].body).toContain('Camille Martin');
    expect((await notifications(usager, filed.body.id)).map((n) => n.id)).not.toContain(received[0].id);
  });
});
