import { spawn } from 'node:child_process';
import path from 'node:path';
import { DATABASES, TestServer, warnIfMysqlSkipped, type Client } from '../api/support';

warnIfMysqlSkipped();

const ROOT = path.join(__dirname, '..', '..');
const PASSWORD = 'un mot de passe très long';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.each(DATABASES)('guichet users on %s', (database) => {
  let t: TestServer;
  let admin: Client;

  beforeAll(async () => {
    t = await TestServer.start(database);
    admin = await t.as('admin@demo.guichet.fr');
  });
  afterAll(() => t.stop());

  /** Runs `guichet users …` as an operator would, on the test server's database, with `input` on stdin. */
  function users(args: string[], input = ''): Promise<Run> {
    const { dataDir, databaseUrl } = t.server.rt.config;
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'guichet.js'), 'users', ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });
  }

  async function account(email: string) {
    return ((await admin.get('/api/admin/users')).body.users as { email: string; roles: string[]; services: string[]; disabled: boolean }[]).find((a) => a.email === email);
  }

  async function signIn(email: string, password = PASSWORD): Promise<number> {
    return (await t.client().post('/api/auth/login', { email, password })).status;
  }

  it('lists the staff accounts of the server’s database, in French', async () => {
    const run = await users(['list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Adresse e-mail\s+Nom\s+Rôles\s+Services\s+État$/);
    expect(lines.find((l) => l.startsWith('agent.titres@demo.guichet.fr'))).toMatch(/Karim Haddad\s+agent,accueil\s+titres\s+actif$/);
    expect(run.stdout).not.toContain('usager@demo.guichet.fr');
    expect(run.stdout).not.toContain('argon2');
  });

  it('adds an account with its password read on standard input: it signs in at once', async () => {
    const run = await users(['add', 'Chef.Titres@ville.fr', '--given-name', 'Hélène', '--family-name', 'Roux', '--roles', 'responsable,agent', '--services=titres,guichet-unique', '--password-stdin'], `${PASSWORD}\n`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('Compte créé : chef.titres@ville.fr (Hélène Roux) ; rôles : responsable, agent ; services : titres, guichet-unique.\n');
    expect(await signIn('chef.titres@ville.fr')).toBe(200);
  });

  it('adds an account without a password, which signs in only once `password` has set one', async () => {
    const added = await users(['add', 'sans.mdp@ville.fr', '--given-name', 'Marc', '--family-name', 'Blanc', '--roles', 'accueil']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Sans mot de passe : ce compte ne pourra se connecter qu’une fois un mot de passe défini');
    expect(await signIn('sans.mdp@ville.fr')).toBe(401);
    const set = await users(['password', 'sans.mdp@ville.fr'], `${PASSWORD}\n`);
    expect(set).toMatchObject({ code: 0, stdout: 'Mot de passe de sans.mdp@ville.fr défini ; ses sessions ouvertes sont fermées.\n' });
    expect(await signIn('sans.mdp@ville.fr')).toBe(200);
  });

  it('replaces roles and services', async () => {
    const roles = await users(['set-roles', 'sans.mdp@ville.fr', 'agent,expert']);
    expect(roles).toMatchObject({ code: 0, stdout: 'Rôles de sans.mdp@ville.fr : agent, expert.\n' });
    const services = await users(['set-services', 'sans.mdp@ville.fr', 'famille,facturation']);
    expect(services).toMatchObject({ code: 0, stdout: 'Services de sans.mdp@ville.fr : famille, facturation.\n' });
    expect(await account('sans.mdp@ville.fr')).toMatchObject({ roles: ['agent', 'expert'], services: ['famille', 'facturation'] });
    const none = await users(['set-services', 'sans.mdp@ville.fr']);
    expect(none).toMatchObject({ code: 0, stdout: 'Services de sans.mdp@ville.fr : aucun.\n' });
  });

  it('disables an account, which can no longer sign in, and enables it again', async () => {
    const disabled = await users(['disable', 'chef.titres@ville.fr']);
    expect(disabled).toMatchObject({ code: 0, stdout: 'Compte chef.titres@ville.fr désactivé : il ne peut plus se connecter et ses sessions sont fermées.\n' });
    expect(await signIn('chef.titres@ville.fr')).toBe(401);
    expect((await account('chef.titres@ville.fr'))?.disabled).toBe(true);
    const enabled = await users(['enable', 'chef.titres@ville.fr']);
    expect(enabled).toMatchObject({ code: 0, stdout: 'Compte chef.titres@ville.fr réactivé.\n' });
    expect(await signIn('chef.titres@ville.fr')).toBe(200);
  });

  it('refuses with exit code 1 and a French reason: unknown role, taken e-mail, unknown account, weak password', async () => {
    const [role, taken, unknown, weak] = await Promise.all([
      users(['add', 'x@ville.fr', '--given-name', 'X', '--family-name', 'Y', '--roles', 'chef']),
      users(['add', 'agent.titres@demo.guichet.fr', '--given-name', 'X', '--family-name', 'Y', '--roles', 'agent']),
      users(['disable', 'personne@ville.fr']),
      users(['password', 'chef.titres@ville.fr'], 'court\n'),
    ]);
    expect(role).toMatchObject({ code: 1, stdout: '' });
    expect(role.stderr).toContain('Refusé : « chef » n’est pas un rôle de la plateforme.');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('Un compte existe déjà avec l’adresse « agent.titres@demo.guichet.fr »');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Aucun compte d’agent n’a l’adresse « personne@ville.fr »');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('au moins 12 caractères');
    expect(await account('x@ville.fr')).toBeUndefined();
  });

  it('answers a mistaken command line with exit code 2 and the usage', async () => {
    const runs = await Promise.all([['renommer', 'a@ville.fr'], ['add', 'a@ville.fr', '--given-name', 'A'], ['set-roles', 'a@ville.fr'], ['list', '--tous']].map((args) => users(args)));
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage : guichet users <action>');
    }
    const bare = await users([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('set-services <e-mail>');
  });
});
