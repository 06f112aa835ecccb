import { DEMARCHES } from '../../definitions';
import type { Demarche } from '../../engine';
import { minimalDemarche } from '../fixtures/minimal';
import { passeport } from './samples';
import { DATABASES, TestServer, warnIfMysqlSkipped, type Client } from './support';

warnIfMysqlSkipped();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Version 2 of the urgent passport: the first step renamed, a landline number in the contact
 * details, and a responsable may now close a request without follow-up from the first step.
 */
function passeportV2(): Json {
  const d = structuredClone(DEMARCHES['passeport-urgence']) as Json;
  d.workflow.states.validation_urgence.meta.label = 'Examen de l’urgence';
  d.form.schema.properties.contact.properties.telephoneFixe = { type: 'string', title: 'Téléphone fixe' };
  d.events.classer_sans_suite = {
    label: 'Classer sans suite', roles: ['responsable'], confirm: 'Classer cette demande sans suite ?',
    payload: { type: 'object', additionalProperties: false, required: ['motif'], properties: { motif: { type: 'string', minLength: 5, title: 'Motif' } } },
  };
  d.workflow.states.validation_urgence.on.classer_sans_suite = { target: 'classe_sans_suite' };
  d.workflow.states.classe_sans_suite = { type: 'final', meta: { label: 'Classé sans suite', citizenStatus: 'Demande classée sans suite', outcome: 'sans_suite' } };
  return d;
}

/** The same with two mistakes: a transition to a state that does not exist, an event for an undeclared role. */
function unsoundV2(): Json {
  const d = passeportV2();
  d.workflow.states.validation_urgence.on.classer_sans_suite = { target: 'classe_sans_suit' };
  d.events.classer_sans_suite.roles = ['maire'];
  return d;
}

const DEMARCHE = '/api/demarches/passeport-urgence';

describe.each(DATABASES)('drafts and publication API on %s', (database) => {
  let t: TestServer;
  let procedures: Client;
  let usager: Client;
  let responsable: Client;
  let v1Dossier = '';

  beforeAll(async () => {
    t = await TestServer.start(database);
    procedures = await t.as('procedures@demo.guichet.fr');
    usager = await t.as('usager@demo.guichet.fr');
    responsable = await t.as('responsable@demo.guichet.fr');
    const filed = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport() });
    expect(filed.body.demarche.version).toBe(1);
    v1Dossier = filed.body.id;
  });
  afterAll(() => t.stop());

  it('answers 403 to everyone but the Procédures team, and 401 without a session', async () => {
    for (const email of ['manager@demo.guichet.fr', 'admin@demo.guichet.fr', 'responsable@demo.guichet.fr', 'usager@demo.guichet.fr']) {
      const client = await t.as(email);
      expect((await client.post('/api/demarches', minimalDemarche())).status).toBe(403);
      expect((await client.get(`${DEMARCHE}/draft`)).status).toBe(403);
      expect((await client.put(`${DEMARCHE}/draft`, passeportV2())).status).toBe(403);
      const publish = await client.post(`${DEMARCHE}/publish`);
      expect(publish.status).toBe(403);
      expect(publish.body.detail).toContain('« procedures »');
    }
    expect((await t.client().get(`${DEMARCHE}/draft`)).status).toBe(401);
  });

  it('starts from the latest published version when there is no draft', async () => {
    const reply = await procedures.get(`${DEMARCHE}/draft`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ demarcheId: 'passeport-urgence', source: 'publiee', publishedVersion: 1, sound: true, problems: [], updatedAt: null });
    expect(reply.body.definition.workflow.states.validation_urgence.meta.label).toBe('Validation de l’urgence');
    expect((await procedures.get('/api/demarches/permis-de-voler/draft')).status).toBe(404);
  });

  it('saves an unsound draft as it is, with its problems, and reads it back', async () => {
    const reply = await procedures.put(`${DEMARCHE}/draft`, unsoundV2());
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ source: 'brouillon', publishedVersion: 1, sound: false, updatedAt: '2026-03-02T09:00:00.000Z' });
    const pointers = reply.body.problems.filter((p: { severity: string }) => p.severity === 'error').map((p: { pointer: string }) => p.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/events/classer_sans_suite/roles/0', '/workflow/states/validation_urgence/on/classer_sans_suite/target']));
    const again = await procedures.get(`${DEMARCHE}/draft`);
    expect(again.body).toMatchObject({ source: 'brouillon', sound: false });
    expect(again.body.definition.events.classer_sans_suite.roles).toEqual(['maire']);
    expect(again.headers.get('etag')).toBe(reply.headers.get('etag'));
  });

  it('refuses to publish an unsound draft with 422 and every error with its JSON pointer and French message', async () => {
    const reply = await procedures.post(`${DEMARCHE}/publish`);
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ type: 'urn:guichet:probleme:definition-invalide', status: 422 });
    expect(reply.body.detail).toContain('Rien n’a été publié');
    expect(reply.body.errors).toContainEqual({
      pointer: '/events/classer_sans_suite/roles/0', field: 'events › classer_sans_suite › roles › 0',
      message: expect.stringContaining('Le rôle « maire » n’est pas déclaré'),
    });
    expect(reply.body.errors).toContainEqual(expect.objectContaining({
      pointer: '/workflow/states/validation_urgence/on/classer_sans_suite/target', message: expect.stringContaining('« classe_sans_suit » n’existe pas'),
    }));
    expect((await t.client().get(`${DEMARCHE}/versions`)).body.versions).toHaveLength(1);
    expect((await procedures.get(`${DEMARCHE}/draft`)).body.source).toBe('brouillon');
  });

  it('refuses a draft for another id (400), for an unknown démarche (404), and over a draft changed since (409)', async () => {
    const other = await procedures.put(`${DEMARCHE}/draft`, { ...passeportV2(), id: 'passeport' });
    expect(other.status).toBe(400);
    expect(other.body.errors[0].pointer).toBe('/id');
    expect((await procedures.put('/api/demarches/permis-de-voler/draft', { ...passeportV2(), id: undefined })).status).toBe(404);
    const stale = await procedures.put(`${DEMARCHE}/draft`, passeportV2(), { 'if-match': '"0123456789abcdef0123"' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('rechargez-le');
    expect((await procedures.put(`${DEMARCHE}/draft`, 'texte')).status).toBe(400);
    expect((await procedures.get(`${DEMARCHE}/draft`)).body.sound).toBe(false);
  });

  it('publishes a sound draft as the next version, with what changed since the previous one', async () => {
    const current = await procedures.get(`${DEMARCHE}/draft`);
    const saved = await procedures.put(`${DEMARCHE}/draft`, passeportV2(), { 'if-match': current.headers.get('etag')! });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ sound: true });
    t.clock.set('2026-03-02T15:00:00.000Z');
    const reply = await procedures.post(`${DEMARCHE}/publish`);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ demarcheId: 'passeport-urgence', version: 2, publishedAt: '2026-03-02T15:00:00.000Z', publishedBy: expect.any(String) });
    expect(reply.body.diff).toEqual({
      from: 1, to: 2, identical: false,
      states: {
        added: [{ path: 'classe_sans_suite', label: 'Classé sans suite' }],
        removed: [],
        changed: [{ path: 'validation_urgence', label: 'Examen de l’urgence', changes: ['meta.label'] }],
      },
      transitions: {
        added: [{ state: 'validation_urgence', on: 'classer_sans_suite', targets: ['classe_sans_suite'] }],
        removed: [],
        changed: [],
      },
      fields: { added: [{ path: 'contact.telephoneFixe', title: 'Téléphone fixe' }], removed: [], changed: [] },
      entries: { events: { added: ['classer_sans_suite'], removed: [], changed: [] } },
      properties: [],
    });
    const versions = (await t.client().get(`${DEMARCHE}/versions`)).body.versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // The draft became the version: the next edit starts from it.
    expect((await procedures.get(`${DEMARCHE}/draft`)).body).toMatchObject({ source: 'publiee', publishedVersion: 2 });
    expect((await procedures.post(`${DEMARCHE}/publish`)).status).toBe(404);
  });

  it('keeps a dossier filed under version 1 on version 1, while new dossiers get version 2', async () => {
    const old = await responsable.get(`/api/dossiers/${v1Dossier}`);
    expect(old.body.demarche.version).toBe(1);
    expect(old.body.etat.states[0].label).toBe('Validation de l’urgence');
    expect(old.body.actions.map((a: { type: string }) => a.type)).not.toContain('classer_sans_suite');
    const refused = await responsable.post(`/api/dossiers/${v1Dossier}/events`, { type: 'classer_sans_suite', payload: { motif: 'Demande en double.' } });
    expect(refused.status).toBe(422);
    const moved = await responsable.post(`/api/dossiers/${v1Dossier}/events`, { type: 'passer_voie_normale', payload: { motif: 'Le départ peut attendre.' } });
    expect(moved.status).toBe(200);
    expect(moved.body.demarche.version).toBe(1);

    const fresh = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport() });
    expect(fresh.body.demarche.version).toBe(2);
    expect(fresh.body.etat.states[0].label).toBe('Examen de l’urgence');
    const closed = await responsable.post(`/api/dossiers/${fresh.body.id}/events`, { type: 'classer_sans_suite', payload: { motif: 'Demande en double.' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'clos', demarche: { version: 2 } });
    // Each task carries the labels of its own version.
    const tasks = (await responsable.get('/api/tasks?demarche=passeport-urgence')).body.tasks as { id: string; states: { label: string }[] }[];
    expect(tasks.find((x) => x.id === v1Dossier)?.states[0].label).toBe('Rendez-vous de recueil à fixer');
  });

  it('creates a new démarche’s draft, refuses a taken id with 409, and publishes it as version 1', async () => {
    const created = await procedures.post('/api/demarches', minimalDemarche());
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/demarches/copie-acte/draft');
    expect(created.body).toMatchObject({ demarcheId: 'copie-acte', source: 'brouillon', publishedVersion: null, sound: true });
    expect((await procedures.post('/api/demarches', minimalDemarche())).status).toBe(409);
    const taken = await procedures.post('/api/demarches', { ...minimalDemarche(), id: 'passeport-urgence' });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toContain('existe déjà');
    const noId = await procedures.post('/api/demarches', { title: 'Sans identifiant' });
    expect(noId.status).toBe(400);
    expect(noId.body.errors[0].pointer).toBe('/id');
    // Not in the public catalogue before it is published.
    expect((await t.client().get('/api/demarches/copie-acte')).status).toBe(404);

    const published = await procedures.post('/api/demarches/copie-acte/publish');
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(1);
    expect(published.body.diff).toMatchObject({ from: null, to: 1, states: { removed: [], changed: [] } });
    expect(published.body.diff.states.added.map((s: { path: string }) => s.path)).toEqual(expect.arrayContaining(['depose', 'attente_pieces', 'accepte', 'refuse']));
    expect(published.body.diff.fields.added.map((f: { path: string }) => f.path)).toEqual(['nom', 'type_acte', 'copies', 'dateNaissance']);
    expect((await t.client().get('/api/demarches/copie-acte')).body).toMatchObject({ id: 'copie-acte', version: 1 });
  });

  it('reports changed and removed fields, a field no longer required, a changed transition and a property', async () => {
    const d = minimalDemarche() as unknown as Json;
    d.workflow.states.depose.on.accepter.guard = { type: 'condition', params: { '==': [{ var: 'dossier.piecesManquantes' }, []] } };
    d.form.schema.properties.nom.maxLength = 80;
    d.form.schema.required = ['nom'];
    delete d.form.schema.properties.dateNaissance;
    (d as Demarche & Json).title = 'Copie ou extrait d’acte';
    expect((await procedures.put('/api/demarches/copie-acte/draft', d)).body.sound).toBe(true);
    const reply = await procedures.post('/api/demarches/copie-acte/publish');
    expect(reply.status).toBe(201);
    expect(reply.body.diff).toMatchObject({
      from: 1, to: 2,
      fields: {
        added: [],
        removed: [{ path: 'dateNaissance', title: 'Date de naissance' }],
        changed: [{ path: 'nom', title: 'Nom', changes: ['maxLength'] }, { path: 'type_acte', title: 'Type d’acte', changes: ['required'] }],
      },
      transitions: { added: [], removed: [], changed: [{ state: 'depose', on: 'accepter', before: ['accepte'], after: ['accepte'], changes: ['guard'] }] },
      properties: ['title'],
    });
  });
});
