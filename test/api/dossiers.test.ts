import { apply, type DossierSnapshot } from '../../engine';
import { DEMO_PASSWORD, Dossier, isStaleDossier, persistTransition, selectWhere, updateWhere, type GuichetServer } from '../../runtime-api';
import { Client, DATABASES, TestServer, warnIfMysqlSkipped } from './support';

warnIfMysqlSkipped();

const passeport = {
  numeroPreDemande: 'AB12CD34EF',
  titulaire: { nom: 'Martin', prenoms: 'Camille', dateNaissance: '1985-04-12', communeNaissance: 'Lyon', paysNaissance: 'France' },
  mineur: false,
  urgence: { motif: 'professionnelle', explication: 'Mission imprévue chez un client à Montréal, ordre de mission joint.' },
  voyage: { dateDepart: '2026-03-20', destination: 'Canada' },
  contact: { telephone: '06 12 34 56 78', courriel: 'camille.martin@exemple.fr' },
  adresse: { voie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
  possedeAncienPasseport: false,
};

// Moving to the normal track needs no document (validating the urgency needs its proof attached).
const NORMAL_TRACK = { type: 'passer_voie_normale', payload: { motif: 'Le départ peut attendre le délai normal.' } };

describe.each(DATABASES)('dossiers API on %s', (database) => {
  let t: TestServer;
  let usager: Client;
  let responsable: Client;
  let agentTitres: Client;
  let agentFamille: Client;

  beforeAll(async () => {
    t = await TestServer.start(database);
    usager = await t.as('usager@demo.guichet.fr');
    responsable = await t.as('responsable@demo.guichet.fr');
    agentTitres = await t.as('agent.titres@demo.guichet.fr');
    agentFamille = await t.as('agent.famille@demo.guichet.fr');
  });
  afterAll(() => t.stop());

  async function file(): Promise<{ id: string; version: number; reference: string }> {
    const reply = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  it('answers its health with the database in use', async () => {
    expect((await t.client().get('/api/health')).body).toEqual({ status: 'ok', database: database });
  });

  it('files a dossier: validated, routed, in its first state', async () => {
    const reply = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      demarche: { id: 'passeport-urgence', version: 1 },
      status: 'en_cours',
      routing: { service: 'titres', site: 'hotel-de-ville' },
      version: 1,
      roles: ['usager'],
    });
    expect(reply.body.reference).toMatch(/^PU-2026-[0-9A-Z]{5}$/);
    expect(reply.body.etat.states.map((s: { path: string }) => s.path)).toEqual(['validation_urgence']);
  });

  it('refuses invalid form data with each field’s French message, and stores nothing', async () => {
    const before = (await usager.get('/api/dossiers')).body.dossiers.length;
    const reply = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: { ...passeport, numeroPreDemande: 'abc' } });
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ type: 'urn:guichet:probleme:formulaire-invalide', status: 422 });
    expect(reply.body.errors).toContainEqual(expect.objectContaining({ pointer: '/numeroPreDemande', message: expect.any(String) }));
    expect((await usager.get('/api/dossiers')).body.dossiers.length).toBe(before);
  });

  it('moves a dossier by events from the right roles, and records its history', async () => {
    const { id } = await file();
    const validated = await responsable.post(`/api/dossiers/${id}/events`, NORMAL_TRACK);
    expect(validated.status).toBe(200);
    expect(validated.body.version).toBe(2);
    const history = await usager.get(`/api/dossiers/${id}/history`);
    expect(history.body.history.map((h: { event: string }) => h.event)).toEqual(['depot', 'passer_voie_normale']);
    expect(history.body.history[1]).not.toHaveProperty('actorId');
    expect((await agentTitres.get(`/api/dossiers/${id}/history`)).body.history[1]).toHaveProperty('actorId');
  });

  it('answers 403 to a role that may not send the event', async () => {
    const { id } = await file();
    const reply = await usager.post(`/api/dossiers/${id}/events`, NORMAL_TRACK);
    expect(reply.status).toBe(403);
    expect(reply.body.detail).toContain('Rôles autorisés');
  });

  it('answers 422 to an unknown event or an invalid payload, naming the field', async () => {
    const { id } = await file();
    expect((await responsable.post(`/api/dossiers/${id}/events`, { type: 'teleporter', payload: {} })).body).toMatchObject({ status: 422, type: 'urn:guichet:probleme:evenement-inconnu' });
    const reply = await responsable.post(`/api/dossiers/${id}/events`, { type: 'passer_voie_normale', payload: {} });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ pointer: '/motif' });
  });

  it('answers 409 with the current state to an event the state does not take', async () => {
    const { id } = await file();
    const reply = await agentTitres.post(`/api/dossiers/${id}/events`, { type: 'remettre_titre', payload: {} });
    expect(reply.status).toBe(409);
    expect(reply.body.dossier.etat.states[0].path).toBe('validation_urgence');
  });

  it('answers 409 when If-Match names a version the dossier has left', async () => {
    const { id } = await file();
    await responsable.post(`/api/dossiers/${id}/events`, NORMAL_TRACK);
    const reply = await agentTitres.post(`/api/dossiers/${id}/events`, { type: 'fixer_rendez_vous', payload: { date: '2026-03-05', heure: '09:30', lieu: 'hotel-de-ville' } }, { 'if-match': '"1"' });
    expect(reply.status).toBe(409);
    expect(reply.body.detail).toContain('a changé entre-temps');
    expect(reply.body.dossier.version).toBe(2);
  });

  it('lets exactly one of two concurrent events win', async () => {
    const { id } = await file();
    const send = () => responsable.post(`/api/dossiers/${id}/events`, NORMAL_TRACK);
    const replies = await Promise.all([send(), send(), send(), send()]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const history = await usager.get(`/api/dossiers/${id}/history`);
    expect(history.body.history.filter((h: { event: string }) => h.event === 'passer_voie_normale')).toHaveLength(1);
    // The losers wrote nothing: not even the letter their transition would have prepared.
    const letters = await responsable.get(`/api/dossiers/${id}/letters`);
    expect(letters.body.letters).toHaveLength(1);
    expect((await usager.get(`/api/dossiers/${id}`)).body.version).toBe(2);
  });

  it('draws another reference when the one drawn is already another dossier’s, and files the dossier once', async () => {
    const taken = (await file()).reference;
    const mine = async () => (await usager.get('/api/dossiers')).body.dossiers.length;
    const before = await mine();
    const { rt } = t.server;
    const drawn: string[] = [];
    const draws = [taken, taken, 'PU-2026-AGA1N'];
    const original = rt.newReference;
    rt.newReference = (demarcheId, at) => {
      const reference = draws.shift() ?? original(demarcheId, at);
      drawn.push(reference);
      return reference;
    };
    try {
      const reply = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport }, { 'idempotency-key': 'depot-collision' });
      expect(reply.status).toBe(201);
      expect(reply.body.reference).toBe('PU-2026-AGA1N');
      expect(drawn).toEqual([taken, taken, 'PU-2026-AGA1N']);
    } finally {
      rt.newReference = original;
    }
    // The attempts that hit the taken reference left nothing behind.
    expect(await mine()).toBe(before + 1);
  });

  describe('on a dossier this server process remembers (it read or wrote it last)', () => {
    const APPOINTMENT = { type: 'fixer_rendez_vous', payload: { date: '2026-03-05', heure: '09:30', lieu: 'hotel-de-ville' } };
    let other: GuichetServer;
    let accueil: Client;
    let responsableThere: Client;
    beforeAll(async () => {
      other = await t.another();
      accueil = await t.as('accueil@demo.guichet.fr');
      responsableThere = await new Client(other.url).login('responsable@demo.guichet.fr');
    });
    afterAll(() => other.stop());

    it('lets exactly one of concurrent events win', async () => {
      const { id } = await file();
      expect((await responsable.post(`/api/dossiers/${id}/events`, NORMAL_TRACK)).status).toBe(200);
      // Cancelling can be done once: a request that comes after the first one finds the dossier closed.
      const cancel = { type: 'annuler', payload: { raison: 'Le voyage est annulé.' } };
      const replies = await Promise.all([1, 2, 3, 4].map(() => accueil.post(`/api/dossiers/${id}/events`, cancel)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const history = await usager.get(`/api/dossiers/${id}/history`);
      expect(history.body.history.filter((h: { event: string }) => h.event === 'annuler')).toHaveLength(1);
      expect((await usager.get(`/api/dossiers/${id}`)).body.version).toBe(3);
    });

    it('decides from the database an event on a dossier another process moved since', async () => {
      const { id } = await file();
      expect((await accueil.get(`/api/dossiers/${id}`)).body.etat.states[0].path).toBe('validation_urgence');
      expect((await responsableThere.post(`/api/dossiers/${id}/events`, NORMAL_TRACK)).status).toBe(200);
      // Remembered here, the dossier is still waiting for the urgency to be examined: no appointment yet.
      const reply = await accueil.post(`/api/dossiers/${id}/events`, APPOINTMENT);
      expect(reply.status).toBe(200);
      expect(reply.body.version).toBe(3);
      expect(reply.body.etat.states[0].path).toBe('recueil.rendez_vous_fixe');
      const history = await usager.get(`/api/dossiers/${id}/history`);
      expect(history.body.history.map((h: { event: string }) => h.event).slice(-2)).toEqual(['passer_voie_normale', 'fixer_rendez_vous']);
    });

    it('never answers with, nor keeps, an assignee another process changed since', async () => {
      const { id } = await file();
      // The responsable who sends it on takes it; this process remembers it so.
      const moved = await responsable.post(`/api/dossiers/${id}/events`, NORMAL_TRACK);
      const me = (await responsable.get('/api/auth/me')).body.user;
      expect(moved.body.assigneeId).toBe(me.id);
      // Another process releases it: the version does not change, nor does anything of the workflow.
      expect((await responsableThere.post(`/api/dossiers/${id}/assign`, { assignee: null })).status).toBe(200);
      // So the accueil agent who fixes the appointment takes it: as remembered here, it still had someone.
      const reply = await accueil.post(`/api/dossiers/${id}/events`, APPOINTMENT);
      expect(reply.status).toBe(200);
      const accueilId = (await accueil.get('/api/auth/me')).body.user.id;
      expect(reply.body.assigneeId).toBe(accueilId);
      expect((await usager.get(`/api/dossiers/${id}`)).body.assigneeId).toBe(accueilId);
    });
  });

  it('writes nothing of a transition whose dossier moved after it was read, even when no history line holds its rank', async () => {
    const { id } = await file();
    const { rt } = t.server;
    const [before] = await rt.db.read((m) => selectWhere(m, Dossier, 'id = ?', [id]));
    const definition = (await rt.catalogue.version(before.demarcheId, before.demarcheVersion))!;
    // Moved without a history line, as saving a draft moves it: the rank this transition would take is free.
    await rt.db.write((m) => updateWhere(m, Dossier, { version: before.version + 1 }, 'id = ?', [id]));
    const outcome = apply(definition, before.snapshot as DossierSnapshot, NORMAL_TRACK, { actor: { id: 'test', roles: ['responsable'] }, now: t.clock.now() });
    if (!outcome.ok) throw new Error(outcome.message);
    const failure = await rt.db.write((m) => persistTransition(m, before, outcome, t.clock.now().toISOString(), {}, { rt, definition, owner: null })).catch((e: unknown) => e);
    expect(isStaleDossier(failure)).toBe(true);
    const history = await usager.get(`/api/dossiers/${id}/history`);
    expect(history.body.history.map((h: { event: string }) => h.event)).not.toContain('passer_voie_normale');
    expect((await responsable.get(`/api/dossiers/${id}/letters`)).body.letters).toHaveLength(0);
    expect((await usager.get(`/api/dossiers/${id}`)).body.etat.states.map((s: { path: string }) => s.path)).toEqual(['validation_urgence']);
  });

  it('replays the first answer to a retry with the same Idempotency-Key, applying nothing twice', async () => {
    const { id } = await file();
    const send = () => responsable.post(`/api/dossiers/${id}/events`, NORMAL_TRACK, { 'idempotency-key': `cle-${id}` });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(b.body).toEqual(a.body);
    expect(c.body).toEqual(a.body);
    expect((await usager.get(`/api/dossiers/${id}`)).body.version).toBe(2);
    const other = await responsable.post(`/api/dossiers/${id}/events`, { type: 'passer_voie_normale', payload: { motif: 'Un autre motif, une autre requête' } }, { 'idempotency-key': `cle-${id}` });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('urn:guichet:probleme:cle-idempotence-reutilisee');
  });

  it('hides a dossier from another citizen and from an agent of another service', async () => {
    const { id } = await file();
    const other = t.client();
    const registered = await other.post('/api/auth/register', { email: `autre-${id}@exemple.fr`, password: 'un mot de passe long', givenName: 'Autre', familyName: 'Usager' });
    expect(registered.status).toBe(201);
    other.csrf = registered.body.csrfToken;
    const reply = await other.get(`/api/dossiers/${id}`);
    expect(reply.status).toBe(404);
    expect((await other.post(`/api/dossiers/${id}/events`, { type: 'annuler', payload: {} })).status).toBe(404);
    expect((await agentFamille.get(`/api/dossiers/${id}`)).status).toBe(404);
    expect((await agentTitres.get(`/api/dossiers/${id}`)).status).toBe(200);
  });

  it('finds a dossier by the reference the citizen quotes, as typed, for those who may see it only', async () => {
    const { id, reference } = await file();
    const [initials, year, random] = reference.split('-');
    // Read over the phone: lower case, spaces, and an O for each 0, an L for each 1.
    const typed = `${initials.toLowerCase()} - ${year}-${random.replace(/0/g, 'O').replace(/1/g, 'l').toLowerCase()}`;
    const found = await agentTitres.get(`/api/dossiers/reference/${encodeURIComponent(typed)}`);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(id);
    expect(found.headers.get('etag')).toBe(`"${found.body.version}"`);
    expect((await usager.get(`/api/dossiers/reference/${reference}`)).body.id).toBe(id);
    // Another service's agent is answered as if there were no such dossier, with the reference in the message.
    const hidden = await agentFamille.get(`/api/dossiers/reference/${reference}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(`Aucun dossier que vous pouvez consulter ne porte la référence « ${reference} ».`);
    const unknown = await agentTitres.get('/api/dossiers/reference/PU-2026-ZZZZZ');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe(hidden.body.detail.replace(reference, 'PU-2026-ZZZZZ'));
    expect((await t.client().get(`/api/dossiers/reference/${reference}`)).status).toBe(401);
  });

  it('requires a session, and the CSRF token for writes made with the cookie', async () => {
    expect((await t.client().post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport })).status).toBe(401);
    const noCsrf = await t.as('usager@demo.guichet.fr');
    noCsrf.csrf = '';
    const reply = await noCsrf.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport });
    expect(reply.status).toBe(403);
    expect(reply.body.detail).toContain('X-CSRF-Token');
  });

  it('opens nothing with a signed-out session, at once, even when its cookie is sent again', async () => {
    const citizen = await t.as('usager@demo.guichet.fr');
    const login = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'usager@demo.guichet.fr', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    const { csrfToken } = await login.json();
    const me = () => fetch(`${t.url}/api/auth/me`, { headers: { cookie } });
    // Twice: the second is answered from the sessions this process remembers.
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(200);
    const signOut = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(signOut.status).toBe(204);
    expect((await me()).status).toBe(401);
    // Another session of the same person is untouched.
    expect((await citizen.get('/api/auth/me')).status).toBe(200);
  });

  it('refuses malformed JSON, a wrong content type, unknown fields and an unknown démarche, with 4xx problems', async () => {
    const bad = await usager.request('POST', '/api/dossiers', { body: '{"demarche": ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('JSON valide');
    expect(bad.body.detail).toBe('Le corps de la requête n’est pas du JSON valide : le texte s’arrête avant la fin.');
    const typo = await usager.request('POST', '/api/dossiers', { body: '{\n  "demarche" "x"\n}', headers: { 'content-type': 'application/json' } });
    expect(typo.body.detail).toBe('Le corps de la requête n’est pas du JSON valide : erreur de syntaxe ligne 2, colonne 14.');
    const text = await usager.request('POST', '/api/dossiers', { body: 'demarche=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const extra = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport, priorite: 'urgente' });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].message).toContain('« priorite »');
    expect((await usager.post('/api/dossiers', { demarche: 'permis-de-voler', data: {} })).status).toBe(404);
    expect((await usager.get('/api/dossiers/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await usager.get('/api/nulle-part')).status).toBe(404);
    const method = await usager.request('DELETE', '/api/dossiers/00000000-0000-0000-0000-000000000000/events');
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST');
    expect(method.body.title).toBe('Méthode non autorisée');
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const reply = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: { ...passeport, huge } });
    expect(reply.status).toBe(413);
  });

  it('saves a draft, lets the citizen complete it, then submits it', async () => {
    const draft = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: { numeroPreDemande: 'AB12CD34EF' }, draft: true });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'brouillon', etat: null });
    const incomplete = await usager.post(`/api/dossiers/${draft.body.id}/submit`);
    expect(incomplete.status).toBe(422);
    expect((await usager.put(`/api/dossiers/${draft.body.id}/draft`, { data: passeport })).status).toBe(200);
    const submitted = await usager.post(`/api/dossiers/${draft.body.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('en_cours');
    expect((await agentTitres.get(`/api/dossiers/${draft.body.id}`)).status).toBe(200);
  });

  it('loses nothing across a restart of the server', async () => {
    const { id } = await file();
    await responsable.post(`/api/dossiers/${id}/events`, NORMAL_TRACK);
    await t.restart();
    // The first request after a restart is a write: the démarche version is read inside its transaction.
    const accueil = await t.as('accueil@demo.guichet.fr');
    const moved = await accueil.post(`/api/dossiers/${id}/events`, { type: 'fixer_rendez_vous', payload: { date: '2026-03-05', heure: '09:30', lieu: 'hotel-de-ville' } });
    expect(moved.status).toBe(200);
    const again = await t.as('usager@demo.guichet.fr');
    const reply = await again.get(`/api/dossiers/${id}`);
    expect(reply.body).toMatchObject({ version: 3, etat: { states: [{ path: 'recueil.rendez_vous_fixe' }] } });
    usager = again;
    responsable = await t.as('responsable@demo.guichet.fr');
    agentTitres = await t.as('agent.titres@demo.guichet.fr');
    agentFamille = await t.as('agent.famille@demo.guichet.fr');
  });
});
