import { minimalDemarche } from '../fixtures/minimal';
import { DATABASES, TestServer, warnIfMysqlSkipped, type Client } from './support';

warnIfMysqlSkipped();

describe.each(DATABASES)('the list of drafts on %s', (database) => {
  let t: TestServer;
  let procedures: Client;

  beforeAll(async () => {
    t = await TestServer.start(database);
    procedures = await t.as('procedures@demo.guichet.fr');
  });
  afterAll(() => t.stop());

  it('is for the Procédures team only', async () => {
    expect((await t.client().get('/api/demarches/drafts')).status).toBe(401);
    expect((await (await t.as('agent.titres@demo.guichet.fr')).get('/api/demarches/drafts')).status).toBe(403);
  });

  it('lists each saved draft, newest first, with its published version and what the linter says', async () => {
    expect((await procedures.get('/api/demarches/drafts')).body).toEqual({ drafts: [] });

    const sound = { ...minimalDemarche(), id: 'copie-acte', title: 'Copie d’acte' };
    expect((await procedures.post('/api/demarches', sound)).status).toBe(201);
    await t.advanceTo('2026-03-02T10:00:00.000Z');
    const broken = structuredClone(sound) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    broken.id = 'carte-stationnement';
    broken.title = 'Carte de stationnement';
    broken.workflow.states.depose.on.accepter.target = 'nulle_part';
    expect((await procedures.post('/api/demarches', broken)).status).toBe(201);
    // A draft of a published démarche: its version is reported.
    const published = await procedures.get('/api/demarches/passeport-urgence/draft');
    await t.advanceTo('2026-03-02T11:00:00.000Z');
    expect((await procedures.put('/api/demarches/passeport-urgence/draft', published.body.definition)).status).toBe(200);

    const { status, body } = await procedures.get('/api/demarches/drafts');
    expect(status).toBe(200);
    expect(body.drafts.map((d: { demarcheId: string }) => d.demarcheId)).toEqual(['passeport-urgence', 'carte-stationnement', 'copie-acte']);
    expect(body.drafts[0]).toMatchObject({ publishedVersion: 1, sound: true, errors: 0, updatedAt: '2026-03-02T11:00:00.000Z' });
    expect(body.drafts[1]).toMatchObject({ title: 'Carte de stationnement', publishedVersion: null, sound: false });
    expect(body.drafts[1].errors).toBeGreaterThan(0);
    expect(body.drafts[2]).toMatchObject({ title: 'Copie d’acte', publishedVersion: null, sound: true, errors: 0 });
  });
});
