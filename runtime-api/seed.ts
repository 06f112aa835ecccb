import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Demarche, RoutingTable } from '../engine';
import { hashPassword } from './auth';
import { currentRouting, publish, saveRouting } from './demarches';
import type { Runtime } from './runtime';
import { DemarcheVersion, findUserByEmail, insertUser } from './store';

/** One demo account: who it is and what it may do. */
export interface DemoAccount {
  email: string;
  givenName: string;
  familyName: string;
  roles: string[];
  services: string[];
  /** What the account is for, printed at start. */
  purpose: string;
}

export const DEMO_PASSWORD = 'guichet-demo-2026';

const ALL_SERVICES = ['guichet-unique', 'citoyennete', 'affaires-generales', 'etat-civil', 'famille', 'titres', 'affaires-militaires', 'facturation'];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'usager@demo.guichet.fr', givenName: 'Camille', familyName: 'Martin', roles: ['usager'], services: [], purpose: 'usager (dépose et suit ses dossiers)' },
  { email: 'coparent@demo.guichet.fr', givenName: 'Dominique', familyName: 'Martin', roles: ['usager'], services: [], purpose: 'usager, autre parent d’une garde alternée' },
  { email: 'accueil@demo.guichet.fr', givenName: 'Nadia', familyName: 'Benali', roles: ['accueil'], services: ['guichet-unique', 'titres', 'affaires-generales', 'affaires-militaires'], purpose: 'accueil (niveau 1)' },
  { email: 'agent.affaires-generales@demo.guichet.fr', givenName: 'Julien', familyName: 'Moreau', roles: ['agent', 'accueil'], services: ['affaires-generales', 'citoyennete'], purpose: 'agent Affaires générales (attestations d’accueil)' },
  { email: 'agent.affaires-militaires@demo.guichet.fr', givenName: 'Sarah', familyName: 'Lefèvre', roles: ['agent', 'accueil'], services: ['affaires-militaires', 'guichet-unique'], purpose: 'agent Affaires militaires (recensement)' },
  { email: 'agent.famille@demo.guichet.fr', givenName: 'Thomas', familyName: 'Garnier', roles: ['agent'], services: ['famille'], purpose: 'agent Famille' },
  { email: 'expert.famille@demo.guichet.fr', givenName: 'Claire', familyName: 'Rousseau', roles: ['expert', 'agent'], services: ['famille', 'facturation'], purpose: 'expert Famille (garde alternée, quotient familial)' },
  { email: 'agent.titres@demo.guichet.fr', givenName: 'Karim', familyName: 'Haddad', roles: ['agent', 'accueil'], services: ['titres'], purpose: 'agent Titres sécurisés (passeports)' },
  { email: 'responsable@demo.guichet.fr', givenName: 'Isabelle', familyName: 'Fournier', roles: ['responsable', 'agent'], services: ALL_SERVICES, purpose: 'responsable (valide les urgences)' },
  { email: 'elu@demo.guichet.fr', givenName: 'Bernard', familyName: 'Lambert', roles: ['elu'], services: [], purpose: 'élu (signe les attestations d’accueil)' },
  { email: 'procedures@demo.guichet.fr', givenName: 'Léa', familyName: 'Bonnet', roles: ['procedures'], services: [], purpose: 'équipe Procédures (conçoit les démarches)' },
  { email: 'manager@demo.guichet.fr', givenName: 'Philippe', familyName: 'Girard', roles: ['manager'], services: [], purpose: 'manager (routage, tableaux de bord)' },
  { email: 'admin@demo.guichet.fr', givenName: 'Anne', familyName: 'Mercier', roles: ['admin'], services: [], purpose: 'administrateur (comptes des agents)' },
];

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/**
 * Publishes the démarches shipped in `definitions/` that the database does not have yet, with
 * their starting routing tables. Returns the ids published.
 */
export async function publishShippedDemarches(rt: Runtime): Promise<string[]> {
  const dir = rt.config.definitionsDir;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
  const published: string[] = [];
  for (const file of files) {
    const definition = await readJson<Demarche>(path.join(dir, file));
    const now = rt.clock.now().toISOString();
    await rt.db.write(async (m) => {
      if (!(await m.findOneBy(DemarcheVersion, { demarcheId: definition.id }))) {
        const result = await publish(m, definition, null, now);
        if (!result.ok) throw new Error(`${file} : ${result.problems.map((p) => `${p.pointer}: ${p.message}`).join(' ; ')}`);
        published.push(definition.id);
      }
      const routingFile = path.join(dir, 'routing', file);
      if (!(await currentRouting(m, definition.id))) {
        const table = await readJson<RoutingTable>(routingFile).catch(() => null);
        if (table) {
          const saved = await saveRouting(m, definition, table, null, now);
          if (!saved.ok) throw new Error(`routing/${file} : ${saved.problems.map((p) => `${p.pointer}: ${p.message}`).join(' ; ')}`);
        }
      }
    });
  }
  return published;
}

/** Creates the demo accounts that do not exist yet. Never in production. */
export async function createDemoAccounts(rt: Runtime): Promise<DemoAccount[]> {
  if (rt.config.production) return [];
  // Hashing is deliberately slow: done only when an account is missing, not at every start.
  let passwordHash: string | undefined;
  await rt.db.write(async (m) => {
    for (const account of DEMO_ACCOUNTS) {
      if (await findUserByEmail(m, account.email)) continue;
      passwordHash ??= await hashPassword(DEMO_PASSWORD);
      await insertUser(m, { ...account, passwordHash }, rt.clock.now().toISOString());
    }
  });
  return DEMO_ACCOUNTS;
}
