import { GARDE } from '../fixtures/formData';
import { DATABASES, TestServer, warnIfMysqlSkipped } from './support';

warnIfMysqlSkipped();

// The other parent's address as someone would type it: matched to their account whatever the case.
const garde = { ...GARDE, autreParent: { ...GARDE.autreParent, courriel: 'Coparent@Demo.Guichet.fr' } };

describe.each(DATABASES)('citizen parties on %s', (database) => {
  let t: TestServer;
  beforeAll(async () => { t = await TestServer.start(database); });
  afterAll(() => t.stop());

  it('lets the other parent named by the form find the dossier and answer under their own role', async () => {
    const usager = await t.as('usager@demo.guichet.fr');
    const filed = await usager.post('/api/dossiers', { demarche: 'garde-alternee', data: garde });
    expect(filed.status).toBe(201);
    expect(filed.body.actions.map((a: { type: string }) => a.type)).not.toContain('confirmer_garde');

    const coparent = await t.as('coparent@demo.guichet.fr');
    const mine = await coparent.get('/api/dossiers');
    expect(mine.body.dossiers.map((d: { id: string }) => d.id)).toEqual([filed.body.id]);
    const seen = await coparent.get(`/api/dossiers/${filed.body.id}`);
    expect(seen.body.roles).toEqual(['coparent']);
    expect(seen.body.actions.map((a: { type: string }) => a.type)).toEqual(expect.arrayContaining(['confirmer_garde', 'contester_garde']));

    const confirmed = await coparent.post(`/api/dossiers/${filed.body.id}/events`, { type: 'confirmer_garde', payload: {} });
    expect(confirmed.status).toBe(200);
    const history = await usager.get(`/api/dossiers/${filed.body.id}/history`);
    expect(history.body.history.at(-1)).toMatchObject({ event: 'confirmer_garde', role: 'coparent' });
  });

  it('does not let a third citizen see it', async () => {
    const usager = await t.as('usager@demo.guichet.fr');
    const filed = await usager.post('/api/dossiers', { demarche: 'garde-alternee', data: garde });
    const stranger = t.client();
    const reply = await stranger.post('/api/auth/register', { email: 'inconnu@exemple.fr', password: 'un mot de passe long', givenName: 'In', familyName: 'Connu' });
    expect(reply.status).toBe(201);
    expect((await stranger.get(`/api/dossiers/${filed.body.id}`)).status).toBe(404);
    expect((await stranger.get('/api/dossiers')).body.dossiers).toEqual([]);
  });
});
