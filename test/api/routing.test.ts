import { ROUTING } from '../../definitions';
import { recensement } from './samples';
import { DATABASES, TestServer, warnIfMysqlSkipped, type Client } from './support';

warnIfMysqlSkipped();

const PATH = '/api/demarches/recensement-citoyen/routing';
const shipped = ROUTING['recensement-citoyen'];

/** The shipped table with another default queue: every dossier no rule catches goes there. */
function withDefaultQueue(queue: string) {
  return { ...shipped, default: { ...shipped.default, queue } };
}

/** Residents of 37100 to a queue of the annexe, everyone else to the Hôtel de Ville's « accueil » queue. */
const BY_QUARTER = {
  demarche: 'recensement-citoyen',
  rules: [
    { id: 'annexe', label: 'Quartiers nord : mairie annexe', when: { '==': [{ var: 'data.adresse.codePostal' }, '37100'] }, then: { service: 'guichet-unique', site: 'mairie-annexe', queue: 'annexe', priority: 'normale' } },
    { id: 'jamais', label: 'Jamais (Paris)', when: { '==': [{ var: 'data.adresse.codePostal' }, '75001'] }, then: { service: 'citoyennete', queue: 'paris', priority: 'basse' } },
  ],
  default: { service: 'affaires-militaires', site: 'hotel-de-ville', queue: 'accueil', priority: 'haute' },
};

describe.each(DATABASES)('routing API on %s', (database) => {
  let t: TestServer;
  let usager: Client;
  let manager: Client;
  let responsable: Client;
  let agentMilitaires: Client;
  const centre: string[] = [];
  const nord: string[] = [];

  async function file(codePostal: string): Promise<{ id: string; routing: { queue: string; site: string; service: string; priority: string } }> {
    const reply = await usager.post('/api/dossiers', { demarche: 'recensement-citoyen', data: recensement(codePostal) });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  beforeAll(async () => {
    t = await TestServer.start(database);
    usager = await t.as('usager@demo.guichet.fr');
    manager = await t.as('manager@demo.guichet.fr');
    responsable = await t.as('responsable@demo.guichet.fr');
    agentMilitaires = await t.as('agent.affaires-militaires@demo.guichet.fr');
    for (let i = 0; i < 3; i++) centre.push((await file('37000')).id);
    for (let i = 0; i < 2; i++) nord.push((await file('37100')).id);
  });
  afterAll(() => t.stop());

  it('shows managers and responsables the table in force, its version, who set it and when, and its history', async () => {
    for (const client of [manager, responsable]) {
      const reply = await client.get(PATH);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('etag')).toBe('"1"');
      expect(reply.body).toMatchObject({
        demarche: 'recensement-citoyen', fallback: false, version: 1, changedAt: '2026-03-02T09:00:00.000Z', changedBy: null,
        table: { demarche: 'recensement-citoyen', default: shipped.default },
      });
      expect(reply.body.table.rules.map((r: { id: string }) => r.id)).toEqual(shipped.rules.map((r) => r.id));
      expect(reply.body.history).toHaveLength(1);
    }
  });

  it('answers 403 to those who may not read or change routing, and 401 without a session', async () => {
    for (const email of ['agent.affaires-militaires@demo.guichet.fr', 'usager@demo.guichet.fr', 'procedures@demo.guichet.fr']) {
      const client = await t.as(email);
      // The Procédures team reads the tables (its form builder shows which rules read a field), nothing more.
      expect((await client.get(PATH)).status).toBe(email.startsWith('procedures') ? 200 : 403);
      expect((await client.put(PATH, withDefaultQueue('x'))).status).toBe(403);
      expect((await client.post(`${PATH}/dry-run`, withDefaultQueue('x'))).status).toBe(403);
    }
    // A responsable reads the routing but does not change it.
    const put = await responsable.put(PATH, withDefaultQueue('x'));
    expect(put.status).toBe(403);
    expect(put.body.detail).toContain('« manager »');
    expect((await t.client().get(PATH)).status).toBe(401);
    expect((await manager.get(PATH)).body.version).toBe(1);
  });

  it('answers 404 for a démarche that does not exist', async () => {
    expect((await manager.get('/api/demarches/permis-de-voler/routing')).status).toBe(404);
    expect((await manager.put('/api/demarches/permis-de-voler/routing', withDefaultQueue('x'))).status).toBe(404);
  });

  it('refuses an unsound table with 422 and every problem with its JSON pointer and French message, saving nothing', async () => {
    const unsound = {
      ...BY_QUARTER,
      rules: [
        ...BY_QUARTER.rules,
        { id: 'annexe', label: 'Doublon', when: { '==': [{ var: 'data.adresse.quartier' }, 'nord'] }, then: { service: 'guichet-unique', queue: 'annexe', priority: 'normale' } },
      ],
    };
    const reply = await manager.put(PATH, unsound);
    expect(reply.status).toBe(422);
    expect(reply.body.type).toBe('urn:guichet:probleme:table-de-routage-invalide');
    const pointers = reply.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain('/rules/2/id');
    expect(pointers.some((p: string) => p.startsWith('/rules/2/when'))).toBe(true);
    for (const e of reply.body.errors) expect(e).toEqual({ pointer: expect.any(String), field: expect.any(String), message: expect.any(String) });
    expect(reply.body.errors.find((e: { pointer: string }) => e.pointer === '/rules/2/id').message).toContain('Deux règles s’appellent « annexe »');

    const noDefault = await manager.put(PATH, { demarche: 'recensement-citoyen', rules: [] });
    expect(noDefault.status).toBe(422);
    expect(noDefault.body.errors).toContainEqual(expect.objectContaining({ pointer: '/default', message: expect.stringContaining('pas de règle par défaut') }));

    const otherDemarche = await manager.put(PATH, { ...BY_QUARTER, demarche: 'passeport-urgence' });
    expect(otherDemarche.status).toBe(422);
    expect(otherDemarche.body.errors).toContainEqual(expect.objectContaining({ pointer: '/demarche' }));

    expect((await manager.put(PATH, [1, 2])).status).toBe(400);
    expect((await manager.put(`${PATH}?reroute=peut-etre`, BY_QUARTER)).status).toBe(400);
    expect((await manager.post(`${PATH}/dry-run`, { ...BY_QUARTER, default: undefined })).status).toBe(422);
    expect((await manager.get(PATH)).body.version).toBe(1);
  });

  it('previews a table: how many open dossiers each rule catches, and which would move from where to where', async () => {
    const reply = await manager.post(`${PATH}/dry-run`, BY_QUARTER);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      examined: 5,
      rules: [{ id: 'annexe', label: 'Quartiers nord : mairie annexe', caught: 2 }, { id: 'jamais', caught: 0 }],
      default: { caught: 3 },
      moved: 5,
      truncated: false,
    });
    const moves = new Map(reply.body.moves.map((m: { id: string }) => [m.id, m]));
    expect(moves.get(nord[0])).toMatchObject({
      reference: expect.stringMatching(/^RC-/), rule: 'annexe',
      from: { service: 'guichet-unique', site: 'mairie-annexe', queue: 'instruction', priority: 'normale' },
      to: { service: 'guichet-unique', site: 'mairie-annexe', queue: 'annexe', priority: 'normale' },
    });
    expect(moves.get(centre[0])).toMatchObject({ rule: null, from: { queue: 'instruction', priority: 'normale' }, to: { queue: 'accueil', priority: 'haute' } });

    // The table in force moves nobody; and a preview changes nothing.
    const same = await manager.post(`${PATH}/dry-run`, shipped);
    expect(same.body).toMatchObject({ examined: 5, moved: 0, moves: [] });
    expect((await manager.get(PATH)).body.version).toBe(1);
    expect((await manager.get(`/api/dossiers/${nord[0]}`)).body.routing.queue).toBe('instruction');
  });

  it('saves a new version with who and when; the next new dossier goes to the new queue, open ones stay', async () => {
    t.clock.set('2026-03-02T14:00:00.000Z');
    const reply = await manager.put(PATH, withDefaultQueue('campagne-mars'), { 'if-match': '"1"' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe('"2"');
    expect(reply.body).toMatchObject({
      version: 2, changedAt: '2026-03-02T14:00:00.000Z', changedBy: { givenName: 'Philippe', familyName: 'Girard' },
      table: { default: { queue: 'campagne-mars' } }, rerouted: null,
    });
    expect(reply.body.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);

    expect((await manager.get(`/api/dossiers/${centre[0]}`)).body.routing.queue).toBe('instruction');
    const next = await file('37000');
    expect(next.routing).toMatchObject({ service: 'affaires-militaires', queue: 'campagne-mars' });
    centre.push(next.id);
    const inbox = await agentMilitaires.get('/api/tasks?queue=campagne-mars');
    expect(inbox.body.tasks.map((x: { id: string }) => x.id)).toEqual([next.id]);
  });

  it('refuses to save over a version it did not read (If-Match), with 409', async () => {
    const reply = await manager.put(PATH, withDefaultQueue('autre'), { 'if-match': '"1"' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ version: 2 });
    expect((await manager.get(PATH)).body.version).toBe(2);
  });

  it('with reroute=true, moves the open dossiers and says how many moved; a dossier changing service leaves its agent', async () => {
    const taken = await agentMilitaires.post(`/api/dossiers/${centre[1]}/assign`);
    expect(taken.status).toBe(200);
    const takenNord = await agentMilitaires.post(`/api/dossiers/${nord[1]}/assign`);
    expect(takenNord.status).toBe(200);
    const moving = { ...BY_QUARTER, default: { ...BY_QUARTER.default, service: 'citoyennete' } };
    const reply = await manager.put(`${PATH}?reroute=true`, moving);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ version: 3, rerouted: { examined: 6, moved: 6 } });
    const centreNow = (await manager.get(`/api/dossiers/${centre[1]}`)).body;
    expect(centreNow.routing).toEqual({ service: 'citoyennete', site: 'hotel-de-ville', queue: 'accueil', priority: 'haute' });
    expect(centreNow.assigneeId).toBeNull();
    const nordNow = (await manager.get(`/api/dossiers/${nord[1]}`)).body;
    expect(nordNow.routing).toEqual({ service: 'guichet-unique', site: 'mairie-annexe', queue: 'annexe', priority: 'normale' });
    expect(nordNow.assigneeId).toBe(takenNord.body.assigneeId);
    // The agent of the Affaires militaires no longer sees the dossiers sent to Citoyenneté.
    const inbox = await agentMilitaires.get('/api/tasks');
    expect(inbox.body.tasks.map((x: { id: string }) => x.id).sort()).toEqual([...nord].sort());

    const again = await manager.put(`${PATH}?reroute=true`, moving);
    expect(again.body.rerouted).toEqual({ examined: 6, moved: 0 });
  });
});
