import type { Logger as TypeOrmLogger } from 'typeorm';
import { passeport, recensement } from './samples';
import { DATABASES, TestServer, warnIfMysqlSkipped, type Client } from './support';

warnIfMysqlSkipped();

interface TaskLine {
  id: string;
  reference: string;
  priority: string;
  dueAt: string | null;
  service: string;
  site: string;
  queue: string;
  overdue: boolean;
  assignee: { id: string; givenName: string; familyName: string } | null;
  demarche: { id: string };
  states: { path: string; label: string }[];
}

const RANK: Record<string, number> = { urgente: 0, haute: 1, normale: 2, basse: 3 };
const NO_DUE = '9999-12-31T23:59:59.999Z';
const sortKey = (t: TaskLine) => [RANK[t.priority], t.dueAt ?? NO_DUE, t.id] as const;

function inOrder(tasks: TaskLine[]): boolean {
  return tasks.every((t, i) => {
    if (i === 0) return true;
    const [a, b] = [sortKey(tasks[i - 1]), sortKey(t)];
    return a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
  });
}

describe.each(DATABASES)('inbox API on %s', (database) => {
  let t: TestServer;
  let usager: Client;
  let manager: Client;
  let elu: Client;
  let responsable: Client;
  let agentTitres: Client;
  let accueil: Client;
  let agentMilitaires: Client;
  let agentFamille: Client;
  const filed = { urgent: [] as string[], haute: [] as string[], militaires: [] as string[], annexe: [] as string[] };
  let normalTrack = '';
  let closed = '';
  let draft = '';

  async function file(demarche: string, data: Record<string, unknown>): Promise<string> {
    const reply = await usager.post('/api/dossiers', { demarche, data });
    expect(reply.status).toBe(201);
    return reply.body.id;
  }

  /** Every task of an inbox, page after page. */
  async function everything(client: Client, query: string, limit: number): Promise<{ tasks: TaskLine[]; pages: number }> {
    const tasks: TaskLine[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const reply: { status: number; body: { tasks: TaskLine[]; next: string | null } } = await client.get(`/api/tasks?${query}limit=${limit}${after ? `&after=${after}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.body.tasks.length).toBeLessThanOrEqual(limit);
      tasks.push(...reply.body.tasks);
      after = reply.body.next;
      pages++;
    } while (after);
    return { tasks, pages };
  }

  beforeAll(async () => {
    t = await TestServer.start(database);
    usager = await t.as('usager@demo.guichet.fr');
    manager = await t.as('manager@demo.guichet.fr');
    elu = await t.as('elu@demo.guichet.fr');
    responsable = await t.as('responsable@demo.guichet.fr');
    agentTitres = await t.as('agent.titres@demo.guichet.fr');
    accueil = await t.as('accueil@demo.guichet.fr');
    agentMilitaires = await t.as('agent.affaires-militaires@demo.guichet.fr');
    agentFamille = await t.as('agent.famille@demo.guichet.fr');
    // Filed over a morning, so that due dates differ, and some at the same minute, so that ids break ties.
    const at = ['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T11:30:00.000Z'];
    for (const when of at) {
      t.clock.set(when);
      filed.urgent.push(await file('passeport-urgence', passeport('2026-03-05')));
      filed.haute.push(await file('passeport-urgence', passeport('2026-04-20')));
      filed.militaires.push(await file('recensement-citoyen', recensement('37000')));
    }
    t.clock.set('2026-03-02T12:00:00.000Z');
    filed.annexe.push(await file('recensement-citoyen', recensement('37100')), await file('recensement-citoyen', recensement('37100')));
    normalTrack = await file('passeport-urgence', passeport('2026-04-20'));
    expect((await responsable.post(`/api/dossiers/${normalTrack}/events`, { type: 'passer_voie_normale', payload: { motif: 'Le départ peut attendre.' } })).status).toBe(200);
    closed = await file('passeport-urgence', passeport('2026-04-20'));
    expect((await usager.post(`/api/dossiers/${closed}/events`, { type: 'annuler', payload: {} })).status).toBe(200);
    draft = (await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: {}, draft: true })).body.id;
  });
  afterAll(() => t.stop());

  const allPasseports = () => [...filed.urgent, ...filed.haute, normalTrack];
  const allRecensements = () => [...filed.militaires, ...filed.annexe];

  it('shows an agent the open dossiers routed to their services, and nothing of other services', async () => {
    const titres = await agentTitres.get('/api/tasks');
    expect(titres.status).toBe(200);
    expect(titres.body.tasks.map((x: TaskLine) => x.id).sort()).toEqual(allPasseports().sort());
    expect(titres.body.counts.total).toBe(allPasseports().length);

    const militaires = await agentMilitaires.get('/api/tasks');
    expect(militaires.body.tasks.map((x: TaskLine) => x.id).sort()).toEqual(allRecensements().sort());

    const famille = await agentFamille.get('/api/tasks');
    expect(famille.status).toBe(200);
    expect(famille.body).toEqual({ tasks: [], next: null, counts: { total: 0, byQueue: {} } });
  });

  it('never lists drafts nor closed dossiers', async () => {
    const ids = (await manager.get('/api/tasks?limit=200')).body.tasks.map((x: TaskLine) => x.id);
    expect(ids).not.toContain(closed);
    expect(ids).not.toContain(draft);
  });

  it('shows the élu and the manager the open dossiers of every service', async () => {
    for (const client of [manager, elu]) {
      const reply = await client.get('/api/tasks?limit=200');
      expect(reply.status).toBe(200);
      expect(reply.body.tasks.map((x: TaskLine) => x.id).sort()).toEqual([...allPasseports(), ...allRecensements()].sort());
    }
  });

  it('answers 403 to a citizen, the Procédures team and an administrator, and 401 without a session', async () => {
    for (const email of ['usager@demo.guichet.fr', 'procedures@demo.guichet.fr', 'admin@demo.guichet.fr']) {
      const reply = await (await t.as(email)).get('/api/tasks');
      expect(reply.status).toBe(403);
      expect(reply.body.detail).toContain('réservée aux agents');
    }
    expect((await t.client().get('/api/tasks')).status).toBe(401);
  });

  it('sorts by priority, then due date, then id', async () => {
    const { tasks } = (await manager.get('/api/tasks?limit=200')).body as { tasks: TaskLine[] };
    expect(inOrder(tasks)).toBe(true);
    expect(tasks.slice(0, filed.urgent.length).map((x) => x.priority)).toEqual(filed.urgent.map(() => 'urgente'));
    // Two urgent passports filed at the same minute share priority and due date: the id decides.
    const tied = tasks.filter((x) => x.priority === 'urgente' && x.dueAt === '2026-03-03T10:00:00.000Z');
    expect(tied).toHaveLength(2);
    expect(tied[0].id < tied[1].id).toBe(true);
  });

  it('pages with an opaque cursor and returns every dossier exactly once, in order', async () => {
    const whole = (await manager.get('/api/tasks?limit=200')).body.tasks.map((x: TaskLine) => x.id);
    for (const limit of [1, 2, 5]) {
      const { tasks, pages } = await everything(manager, '', limit);
      expect(tasks.map((x) => x.id)).toEqual(whole);
      expect(new Set(tasks.map((x) => x.id)).size).toBe(whole.length);
      expect(pages).toBe(Math.ceil(whole.length / limit));
    }
    const filtered = await everything(agentTitres, 'state=validation_urgence&', 3);
    expect(filtered.tasks.map((x) => x.id).sort()).toEqual([...filed.urgent, ...filed.haute].sort());
    const first = await manager.get('/api/tasks?limit=4');
    expect(first.body.next).toEqual(expect.any(String));
    expect(first.body.next).not.toContain(first.body.tasks[3].id);
  });

  it('filters by démarche, step, site, queue, priority and service', async () => {
    const ids = async (client: Client, query: string) => {
      const reply = await client.get(`/api/tasks?${query}`);
      expect(reply.status).toBe(200);
      return (reply.body.tasks as TaskLine[]).map((x) => x.id).sort();
    };
    expect(await ids(manager, 'demarche=recensement-citoyen')).toEqual(allRecensements().sort());
    expect(await ids(manager, 'demarche=passeport-urgence&state=recueil.rendez_vous_a_fixer')).toEqual([normalTrack]);
    expect(await ids(manager, 'state=validation_urgence')).toEqual([...filed.urgent, ...filed.haute].sort());
    expect(await ids(manager, 'site=mairie-annexe')).toEqual([...filed.annexe].sort());
    expect(await ids(manager, 'queue=validation&priority=urgente')).toEqual([...filed.urgent].sort());
    expect(await ids(manager, 'priority=haute&state=validation_urgence')).toEqual([...filed.haute].sort());
    expect(await ids(agentMilitaires, 'service=guichet-unique')).toEqual([...filed.annexe].sort());
    expect(await ids(manager, 'service=titres&priority=basse')).toEqual([]);
  });

  it('counts by queue whatever the queue filter, and by step within one démarche', async () => {
    const reply = await manager.get('/api/tasks?demarche=recensement-citoyen&queue=instruction&site=hotel-de-ville&limit=1');
    expect(reply.body.tasks).toHaveLength(1);
    expect(reply.body.counts).toEqual({
      total: filed.militaires.length,
      byQueue: { instruction: filed.militaires.length },
      byState: { 'instruction.verification_pieces': filed.militaires.length },
    });
    const validation = await manager.get('/api/tasks?state=validation_urgence&queue=prioritaire');
    expect(validation.body.counts).toEqual({ total: 0, byQueue: { validation: filed.urgent.length + filed.haute.length } });
    const stepped = await manager.get('/api/tasks?demarche=passeport-urgence&state=recueil.rendez_vous_a_fixer');
    expect(stepped.body.counts.total).toBe(1);
    expect(stepped.body.counts.byState).toEqual({ validation_urgence: filed.urgent.length + filed.haute.length, 'recueil.rendez_vous_a_fixer': 1 });
    const mine = await agentMilitaires.get('/api/tasks');
    expect(mine.body.counts).toEqual({ total: allRecensements().length, byQueue: { instruction: allRecensements().length } });
  });

  it('describes each task with its step labels, citizen status, routing, due date, time left and citizen', async () => {
    const reply = await manager.get('/api/tasks?limit=1');
    expect(reply.body.tasks[0]).toEqual({
      id: filed.urgent[0],
      reference: expect.stringMatching(/^PU-2026-/),
      demarche: { id: 'passeport-urgence', version: 1, title: 'Passeport d’urgence' },
      states: [{ path: 'validation_urgence', label: 'Validation de l’urgence' }],
      citizenStatus: 'Demande reçue : l’urgence est en cours d’examen',
      service: 'titres', site: 'hotel-de-ville', queue: 'validation', priority: 'urgente',
      dueAt: '2026-03-03T09:00:00.000Z',
      timeLeft: { seconds: 21 * 3600, label: 'Reste 21 heures' },
      overdue: false,
      assignee: null,
      owner: { id: expect.any(String), givenName: 'Camille', familyName: 'Martin' },
      stateSince: '2026-03-02T09:00:00.000Z',
      submittedAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('lists the overdue dossiers once their due date has passed', async () => {
    expect((await manager.get('/api/tasks?overdue=true')).body.tasks).toEqual([]);
    t.clock.set('2026-03-03T10:30:00.000Z');
    try {
      // The next morning: a new session (the one of the day before has expired).
      const manager = await t.as('manager@demo.guichet.fr');
      const late = (await manager.get('/api/tasks?overdue=true')).body.tasks as (TaskLine & { timeLeft: { label: string } })[];
      // The passports of 9:00 and 10:00 (validation due within a day), not those of 11:30 nor the census.
      expect(late.map((x) => x.id).sort()).toEqual([...filed.urgent.slice(0, 3), ...filed.haute.slice(0, 3)].sort());
      expect(late.every((x) => x.overdue)).toBe(true);
      expect(late[0].timeLeft.label).toBe('En retard de 1 heure');
      const onTime = (await manager.get('/api/tasks?overdue=false&limit=200')).body.tasks as TaskLine[];
      expect(onTime.some((x) => x.overdue)).toBe(false);
      expect(onTime.length + late.length).toBe(allPasseports().length + allRecensements().length);
    } finally {
      t.clock.set('2026-03-02T12:00:00.000Z');
    }
  });

  it('refuses invalid filters with a 400 and a French message for each', async () => {
    const cases: [string, string, string][] = [
      ['priority=vite', '/priority', '« vite » n’est pas une priorité'],
      ['limit=0', '/limit', 'de 1 à 200'],
      ['limit=201', '/limit', 'de 1 à 200'],
      ['overdue=oui', '/overdue', '« overdue » vaut « true »'],
      ['assignee=karim', '/assignee', '« assignee » vaut « me »'],
      ['after=pas-un-curseur', '/after', 'reprenez la liste depuis le début'],
      ['after=WzEsMl0', '/after', 'reprenez la liste depuis le début'],
      ['tri=date', '/tri', 'n’est pas un filtre de la corbeille'],
      ['queue=Prioritaire!', '/queue', 'n’est pas un identifiant valide'],
      ['demarche=permis-de-voler', '/demarche', 'n’existe pas ou n’est pas publiée'],
      ['demarche=passeport-urgence&state=recueil', '/state', 'n’a pas d’étape (état feuille) « recueil »'],
      ['state=a,b', '/state', 'n’est pas un chemin d’étape'],
      ['priority=haute&priority=basse', '/priority', 'plusieurs fois'],
    ];
    for (const [query, pointer, message] of cases) {
      const reply = await manager.get(`/api/tasks?${query}`);
      expect(reply.status).toBe(400);
      expect(reply.body.type).toBe('urn:guichet:probleme:requete-invalide');
      expect(reply.body.errors).toContainEqual(expect.objectContaining({ pointer, message: expect.stringContaining(message) }));
    }
    const notMine = await agentTitres.get('/api/tasks?service=famille');
    expect(notMine.status).toBe(400);
    expect(notMine.body.detail).toBe('Le service « famille » n’est pas l’un des vôtres. Vos services : « titres ».');
    const several = await manager.get('/api/tasks?priority=x&limit=x');
    expect(several.body.errors).toHaveLength(2);
  });

  if (database === 'sqlite') {
    it('reads the inbox through idx_dossiers_inbox, sorting without a temporary B-tree for one service', async () => {
      const source = t.server.rt.db.source;
      const original = source.logger;
      const seen: { sql: string; parameters: unknown[] }[] = [];
      source.logger = {
        logQuery: (sql: string, parameters?: unknown[]) => {
          if (/FROM "dossiers" "d" .* ORDER BY "d_priority" ASC, "d_due_at" ASC, "d_id" ASC/.test(sql)) seen.push({ sql, parameters: parameters ?? [] });
        },
        logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined,
      } as TypeOrmLogger;
      try {
        const first = await agentTitres.get('/api/tasks?limit=2');
        await agentTitres.get(`/api/tasks?limit=2&after=${first.body.next}&assignee=none&overdue=false`);
        await agentMilitaires.get('/api/tasks?queue=instruction&site=hotel-de-ville');
        await agentTitres.get('/api/tasks?demarche=passeport-urgence&state=validation_urgence&assignee=me&queue=validation');
        await manager.get('/api/tasks?demarche=passeport-urgence&state=validation_urgence');
      } finally {
        source.logger = original;
      }
      expect(seen).toHaveLength(5);
      const plans: string[] = [];
      for (const { sql, parameters } of seen) {
        const rows = await t.server.rt.db.read((m) => m.query(`EXPLAIN QUERY PLAN ${sql}`, parameters)) as { detail: string }[];
        plans.push(rows.map((r) => r.detail).join(' | '));
      }
      for (const plan of plans) expect(plan).toMatch(/SEARCH d USING INDEX idx_dossiers_inbox \(status=\?/);
      // One service (the agent des titres): the index yields rows in the inbox's order, from the cursor on.
      expect(plans[0]).toMatch(/idx_dossiers_inbox \(status=\? AND service=\?\)/);
      expect(plans[0]).not.toContain('TEMP B-TREE');
      expect(plans[1]).toMatch(/idx_dossiers_inbox \(status=\? AND service=\? AND \(priority,due_at,id\)>\(\?,\?,\?\)\)/);
      expect(plans[1]).not.toContain('TEMP B-TREE');
      // Two services: one index range per service (IN), then the inbox's order.
      expect(plans[2]).toMatch(/idx_dossiers_inbox \(status=\? AND service=\?\)/);
      // Filters on columns with indexes of their own do not lure the planner away from the inbox's.
      expect(plans[3]).toMatch(/idx_dossiers_inbox \(status=\? AND service=\?\)/);
      expect(plans[3]).not.toContain('TEMP B-TREE');
    });
  }

  describe('taking a dossier', () => {
    it('lets an agent take a dossier of their service, which then shows under assignee=me and leaves assignee=none', async () => {
      const id = filed.haute[0];
      const taken = await agentTitres.post(`/api/dossiers/${id}/assign`);
      expect(taken.status).toBe(200);
      expect(taken.body.assigneeId).toEqual(expect.any(String));
      expect((await agentTitres.post(`/api/dossiers/${id}/assign`)).status).toBe(200);
      const mine = (await agentTitres.get('/api/tasks?assignee=me')).body.tasks as TaskLine[];
      expect(mine.map((x) => x.id)).toEqual([id]);
      expect(mine[0].assignee).toEqual({ id: taken.body.assigneeId, givenName: 'Karim', familyName: 'Haddad' });
      // The responsable who moved one passport to the normal track holds it since.
      const free = (await agentTitres.get('/api/tasks?assignee=none')).body.tasks as TaskLine[];
      expect(free.map((x) => x.id).sort()).toEqual(allPasseports().filter((x) => x !== id && x !== normalTrack).sort());
    });

    it('answers 409 naming the holder when another agent takes a dossier already taken', async () => {
      const id = filed.haute[0];
      const reply = await accueil.post(`/api/dossiers/${id}/assign`);
      expect(reply.status).toBe(409);
      expect(reply.body.detail).toBe('Ce dossier est déjà pris par Karim Haddad.');
    });

    it('lets exactly one of two agents who take the same dossier at once have it', async () => {
      const id = filed.haute[1];
      const replies = await Promise.all([agentTitres.post(`/api/dossiers/${id}/assign`), accueil.post(`/api/dossiers/${id}/assign`)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const holder = (await manager.get(`/api/dossiers/${id}`)).body.assigneeId;
      expect(holder).toBe(replies.find((r) => r.status === 200)!.body.assigneeId);
    });

    it('lets a responsable give a dossier to an agent of its service, and no one else', async () => {
      const id = filed.haute[2];
      const agents = (await (await t.as('admin@demo.guichet.fr')).get('/api/admin/users')).body.users as { id: string; email: string }[];
      const idOf = (email: string) => agents.find((a) => a.email === email)!.id;
      const given = await responsable.post(`/api/dossiers/${id}/assign`, { assignee: idOf('accueil@demo.guichet.fr') });
      expect(given.status).toBe(200);
      expect(given.body.assigneeId).toBe(idOf('accueil@demo.guichet.fr'));
      const wrong = await responsable.post(`/api/dossiers/${id}/assign`, { assignee: idOf('agent.famille@demo.guichet.fr') });
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors[0]).toMatchObject({ pointer: '/assignee', message: expect.stringContaining('Aucun agent actif du service « titres »') });
      const byAgent = await agentTitres.post(`/api/dossiers/${id}/assign`, { assignee: idOf('agent.affaires-generales@demo.guichet.fr') });
      expect(byAgent.status).toBe(403);
      // The holder releases it; it is free again.
      expect((await accueil.post(`/api/dossiers/${id}/assign`, { assignee: null })).body.assigneeId).toBeNull();
      expect((await agentTitres.get('/api/tasks?assignee=none')).body.tasks.map((x: TaskLine) => x.id)).toContain(id);
    });

    it('hides a dossier of another service (404) and refuses it to its citizen (403) and the élu (403)', async () => {
      const id = filed.haute[3];
      expect((await agentFamille.post(`/api/dossiers/${id}/assign`)).status).toBe(404);
      expect((await usager.post(`/api/dossiers/${id}/assign`)).status).toBe(403);
      expect((await elu.post(`/api/dossiers/${id}/assign`)).status).toBe(403);
      expect((await agentTitres.post(`/api/dossiers/${closed}/assign`)).status).toBe(409);
      expect((await agentTitres.post(`/api/dossiers/${id}/assign`, { quelqu: 'un' })).status).toBe(400);
      expect((await manager.get(`/api/dossiers/${id}`)).body.assigneeId).toBeNull();
    });

    it('takes a dossier right after a restart, before anything else was read', async () => {
      await t.restart();
      agentTitres = await t.as('agent.titres@demo.guichet.fr');
      manager = await t.as('manager@demo.guichet.fr');
      const reply = await agentTitres.post(`/api/dossiers/${filed.urgent[3]}/assign`);
      expect(reply.status).toBe(200);
    });
  });
});
