import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { minimalDemarche } from '../fixtures/minimal';

const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

/** Runs `guichet` as a user would; resolves with its exit code and output. */
async function guichet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin', 'guichet.js'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('guichet lint', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'guichet-lint-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 on the démarches shipped in definitions/', async () => {
    const result = await guichet('lint', 'definitions');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('exits 1 and prints one line per problem: file, JSON pointer, French message', async () => {
    const d = minimalDemarche();
    (d.workflow.states.depose.on as Record<string, unknown>).accepter = 'accepté';
    (d.events.refuser.roles as string[]) = ['maire'];
    const file = path.join(dir, 'casse.json');
    await writeFile(file, JSON.stringify(d, null, 2));
    const result = await guichet('lint', file);
    expect(result.code).toBe(1);
    const relative = path.relative(ROOT, file);
    expect(result.stdout.trim().split('\n')).toEqual([
      `${relative}: /events/refuser/roles/0: Le rôle « maire » n’est pas déclaré dans « roles ». Rôles : « usager », « agent ».`,
      `${relative}: /workflow/states/depose/on/accepter: La cible « accepté » n’existe pas depuis l’état « depose ». États possibles à ce niveau : « depose », « attente_pieces », « accepte », « refuse ».`,
    ]);
  });

  it('reports a file that is not JSON', async () => {
    const file = path.join(dir, 'illisible.json');
    await writeFile(file, '{ "id": "x", }');
    const result = await guichet('lint', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/illisible\.json: \/: JSON illisible/);
  });

  it('checks a routing table against its démarche', async () => {
    await writeFile(path.join(dir, 'copie-acte.json'), JSON.stringify(minimalDemarche()));
    const rule = { id: 'r', label: 'R', when: { '==': [{ var: 'data.ville' }, 'Lyon'] }, then: { service: 'etat-civil', queue: 'q', priority: 'haute' } };
    await writeFile(path.join(dir, 'sans-defaut.json'), JSON.stringify({ demarche: 'copie-acte', rules: [] }));
    await writeFile(path.join(dir, 'routage.json'), JSON.stringify({ demarche: 'copie-acte', rules: [rule], default: rule.then }));
    const result = await guichet('lint', dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('sans-defaut.json: /default: La table n’a pas de règle par défaut');
    expect(result.stdout).toContain('routage.json: /rules/0/when/==/0/var: Le formulaire n’a pas de champ « ville »');
  });

  it('explains how to call it without arguments', async () => {
    const result = await guichet('lint');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('guichet lint definitions');
  });
});

describe('guichet types', () => {
  // In a child process: the generator formats with prettier, which jest's module sandbox cannot load.
  it('has committed generated types that match the schemas (run « npx guichet types » when this fails)', async () => {
    const result = await guichet('types', '--check');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('lists the type files it writes, one per démarche form beside the format’s own', async () => {
    const files = (await readFile(path.join(ROOT, 'definitions', 'types', 'passeport-urgence.generated.ts'), 'utf8'));
    expect(files).toContain('export interface PasseportUrgenceData {');
  });
});
