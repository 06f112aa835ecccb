import { DATABASES, TestServer, warnIfMysqlSkipped, type Client } from './support';

warnIfMysqlSkipped();

const PASSWORD = 'un mot de passe très long';

interface Account {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  roles: string[];
  services: string[];
  disabled: boolean;
  canSignIn: boolean;
}

describe.each(DATABASES)('staff accounts API on %s', (database) => {
  let t: TestServer;
  let admin: Client;

  beforeAll(async () => {
    t = await TestServer.start(database);
    admin = await t.as('admin@demo.guichet.fr');
  });
  afterAll(() => t.stop());

  async function accounts(): Promise<Account[]> {
    const reply = await admin.get('/api/admin/users');
    expect(reply.status).toBe(200);
    return reply.body.users;
  }

  async function idOf(email: string): Promise<string> {
    return (await accounts()).find((a) => a.email === email)!.id;
  }

  async function create(email: string, extra: Record<string, unknown> = {}): Promise<Account> {
    const reply = await admin.post('/api/admin/users', { email, givenName: 'Lucie', familyName: 'Petit', roles: ['agent'], services: ['titres'], password: PASSWORD, ...extra });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  async function signIn(email: string, password = PASSWORD): Promise<number> {
    return (await t.client().post('/api/auth/login', { email, password })).status;
  }

  it('answers 403 to everyone but administrators, and 401 without a session', async () => {
    const id = await idOf('agent.titres@demo.guichet.fr');
    for (const email of ['manager@demo.guichet.fr', 'responsable@demo.guichet.fr', 'procedures@demo.guichet.fr', 'usager@demo.guichet.fr']) {
      const client = await t.as(email);
      expect((await client.get('/api/admin/users')).status).toBe(403);
      expect((await client.post('/api/admin/users', { email: 'x@ville.fr', givenName: 'X', familyName: 'Y', roles: ['admin'] })).status).toBe(403);
      expect((await client.put(`/api/admin/users/${id}`, { roles: ['admin'] })).status).toBe(403);
      expect((await client.post(`/api/admin/users/${id}/password`, { password: PASSWORD })).status).toBe(403);
    }
    expect((await t.client().get('/api/admin/users')).status).toBe(401);
    expect((await accounts()).some((a) => a.email === 'x@ville.fr')).toBe(false);
  });

  it('lists the staff accounts, never a password hash, and no citizen', async () => {
    const reply = await admin.get('/api/admin/users');
    const emails = reply.body.users.map((a: Account) => a.email);
    expect(emails).toEqual(expect.arrayContaining(['agent.titres@demo.guichet.fr', 'responsable@demo.guichet.fr', 'admin@demo.guichet.fr']));
    expect(emails).not.toContain('usager@demo.guichet.fr');
    expect(JSON.stringify(reply.body)).not.toMatch(/argon2|passwordHash|password_hash/);
    expect(reply.body.users.find((a: Account) => a.email === 'agent.titres@demo.guichet.fr')).toEqual({
      id: expect.any(String), email: 'agent.titres@demo.guichet.fr', givenName: 'Karim', familyName: 'Haddad', roles: ['agent', 'accueil'], services: ['titres'],
      createdAt: '2026-03-02T09:00:00.000Z', disabled: false, disabledAt: null, canSignIn: true,
    });
  });

  it('creates an account with its roles, services and password: it signs in and works at once', async () => {
    const account = await create('Lucie.Petit@Ville.fr');
    expect(account).toMatchObject({ email: 'lucie.petit@ville.fr', roles: ['agent'], services: ['titres'], canSignIn: true, disabled: false });
    expect(JSON.stringify(account)).not.toContain('argon2');
    const lucie = await t.client().login('lucie.petit@ville.fr', PASSWORD);
    expect((await lucie.get('/api/tasks')).status).toBe(200);
  });

  it('creates an account without a password, which cannot sign in until one is set', async () => {
    const account = await create('sans.mdp@ville.fr', { password: undefined });
    expect(account.canSignIn).toBe(false);
    expect(await signIn('sans.mdp@ville.fr', '!')).toBe(401);
    expect(await signIn('sans.mdp@ville.fr')).toBe(401);
    const set = await admin.post(`/api/admin/users/${account.id}/password`, { password: PASSWORD });
    expect(set.status).toBe(200);
    expect(set.body.canSignIn).toBe(true);
    expect(await signIn('sans.mdp@ville.fr')).toBe(200);
  });

  it('refuses invalid accounts with 400 and a French message for each field, creating nothing', async () => {
    const base = { email: 'nouvel.agent@ville.fr', givenName: 'Nouvel', familyName: 'Agent', roles: ['agent'] };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, email: 'pas-une-adresse' }, '/email', 'adresse e-mail'],
      [{ ...base, roles: ['agent', 'chef'] }, '/roles/1', '« chef » n’est pas un rôle de la plateforme'],
      [{ ...base, roles: ['usager'] }, '/roles', 'au moins un rôle autre que « usager »'],
      [{ ...base, roles: [] }, '/roles', 'au moins 1 élément'],
      [{ ...base, password: 'court' }, '/password', '12 caractères'],
      [{ ...base, services: ['Titres Sécurisés'] }, '/services/0', '« Titres Sécurisés » n’est pas un identifiant de service'],
      [{ ...base, givenName: '   ' }, '/givenName', 'Le prénom ne peut pas être vide'],
      [{ ...base, passwordHash: 'x' }, '', 'Le champ « passwordHash » n’est pas prévu ici'],
    ];
    for (const [input, pointer, message] of cases) {
      const reply = await admin.post('/api/admin/users', input);
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toContainEqual(expect.objectContaining({ pointer, message: expect.stringContaining(message) }));
    }
    expect((await accounts()).some((a) => a.email === 'nouvel.agent@ville.fr')).toBe(false);
  });

  it('answers 409 when the e-mail is already an account’s, whatever its case, citizens included', async () => {
    for (const email of ['AGENT.TITRES@demo.guichet.fr', 'usager@demo.guichet.fr']) {
      const reply = await admin.post('/api/admin/users', { email, givenName: 'A', familyName: 'B', roles: ['agent'] });
      expect(reply.status).toBe(409);
      expect(reply.body.detail).toContain('Un compte existe déjà');
    }
  });

  it('changes roles, services and names, which apply from the next request', async () => {
    const account = await create('changeant@ville.fr');
    const agent = await t.client().login('changeant@ville.fr', PASSWORD);
    expect((await agent.get('/api/tasks')).status).toBe(200);
    const changed = await admin.put(`/api/admin/users/${account.id}`, { roles: ['procedures'], services: [], familyName: 'Petit-Durand' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ roles: ['procedures'], services: [], familyName: 'Petit-Durand', givenName: 'Lucie' });
    expect((await agent.get('/api/tasks')).status).toBe(403);
    expect((await agent.get('/api/demarches/passeport-urgence/draft')).status).toBe(200);
    expect((await admin.put(`/api/admin/users/${account.id}`, {})).status).toBe(400);
    expect((await admin.put(`/api/admin/users/${account.id}`, { email: 'autre@ville.fr' })).status).toBe(400);
    expect((await admin.put('/api/admin/users/00000000-0000-0000-0000-000000000000', { roles: ['agent'] })).status).toBe(404);
  });

  it('does not administer citizens’ accounts', async () => {
    const me = await (await t.as('usager@demo.guichet.fr')).get('/api/auth/me');
    const reply = await admin.put(`/api/admin/users/${me.body.user.id}`, { roles: ['admin'] });
    expect(reply.status).toBe(404);
    expect((await admin.post(`/api/admin/users/${me.body.user.id}/password`, { password: PASSWORD })).status).toBe(404);
  });

  it('disables an account, which is signed out everywhere and cannot sign in, until enabled again', async () => {
    const account = await create('depart@ville.fr');
    const agent = await t.client().login('depart@ville.fr', PASSWORD);
    const disabled = await admin.put(`/api/admin/users/${account.id}`, { disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true, disabledAt: '2026-03-02T09:00:00.000Z', canSignIn: false });
    expect((await agent.get('/api/tasks')).status).toBe(401);
    expect(await signIn('depart@ville.fr')).toBe(401);
    const enabled = await admin.put(`/api/admin/users/${account.id}`, { disabled: false });
    expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null, canSignIn: true });
    expect(await signIn('depart@ville.fr')).toBe(200);
  });

  it('ends the other sessions of an account whose password an administrator sets', async () => {
    const account = await create('oubli@ville.fr');
    const agent = await t.client().login('oubli@ville.fr', PASSWORD);
    const reply = await admin.post(`/api/admin/users/${account.id}/password`, { password: 'un tout nouveau mot de passe' });
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body)).not.toContain('argon2');
    expect((await agent.get('/api/tasks')).status).toBe(401);
    expect(await signIn('oubli@ville.fr')).toBe(401);
    expect(await signIn('oubli@ville.fr', 'un tout nouveau mot de passe')).toBe(200);
    const weak = await admin.post(`/api/admin/users/${account.id}/password`, { password: 'court' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].pointer).toBe('/password');
  });

  it('refuses with 409 that administrators remove their own admin role or disable themselves, but not another’s', async () => {
    const self = await idOf('admin@demo.guichet.fr');
    const demote = await admin.put(`/api/admin/users/${self}`, { roles: ['manager'] });
    expect(demote.status).toBe(409);
    expect(demote.body.detail).toContain('votre propre rôle « admin »');
    expect((await admin.put(`/api/admin/users/${self}`, { disabled: true })).status).toBe(409);
    expect((await accounts()).find((a) => a.id === self)).toMatchObject({ roles: ['admin'], disabled: false });
    // Adding a role to oneself, keeping admin, is fine.
    expect((await admin.put(`/api/admin/users/${self}`, { roles: ['admin', 'manager'] })).status).toBe(200);

    const other = await create('second.admin@ville.fr', { roles: ['admin'], services: [] });
    const second = await t.client().login('second.admin@ville.fr', PASSWORD);
    const demoted = await second.put(`/api/admin/users/${self}`, { roles: ['manager'] });
    expect(demoted.status).toBe(200);
    expect((await admin.get('/api/admin/users')).status).toBe(403);
    expect((await second.put(`/api/admin/users/${other.id}`, { roles: ['agent'] })).status).toBe(409);
  });
});
