import { DATABASES, TestServer, warnIfMysqlSkipped } from './support';

warnIfMysqlSkipped();

const garde = {
  demandeur: {
    civilite: 'madame', nom: 'Martin', prenom: 'Camille',
    adresse: { numeroEtVoie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
    courriel: 'usager@demo.guichet.fr', telephone: '06 12 34 56 78',
  },
  autreParent: {
    civilite: 'monsieur', nom: 'Martin', prenom: 'Dominique',
    adresse: { numeroEtVoie: '4 place Bellecour', codePostal: '69003', commune: 'Lyon' },
    courriel: 'Coparent@Demo.Guichet.fr', telephone: '07 98 76 54 32',
  },
  enfants: [{ nom: 'Martin', prenom: 'Léa', dateNaissance: '2017-05-14', ecole: 'École élémentaire Jean-Macé' }],
  calendrier: { rythme: 'semaines_paires_impaires', semainesPaires: 'demandeur' },
  dateDebut: '2026-04-20',
  activites: ['restauration_scolaire'],
  fondement: { nature: 'jugement', dateJugement: '2026-01-15' },
  certification: true,
};

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
