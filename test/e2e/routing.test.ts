import type { Page } from 'playwright-core';
import { passeport } from '../api/samples';
import type { Client } from '../api/support';
import { E2E, accessibilityViolations, describeViolations, screenshot } from './support';

jest.setTimeout(120_000);

const MANAGER = 'manager@demo.guichet.fr';
const RESPONSABLE = 'responsable@demo.guichet.fr';
const ROUTING = '/pilotage/routage/passeport-urgence';

/** An urgent-passport request from this postcode, leaving in May (not « départ imminent »). */
function request(codePostal: string) {
  const data = passeport('2026-05-20') as { adresse: Record<string, string> };
  data.adresse.codePostal = codePostal;
  return { demarche: 'passeport-urgence', data };
}

/** Adds a rule in the editor and returns its number. */
async function addRule(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Ajouter une règle' }).click();
  const heading = await page.getByRole('heading', { name: /^Règle \d+ : nouvelle règle$/ }).textContent();
  return Number(/\d+/.exec(heading ?? '')?.[0]);
}

/** The text of the focused element. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

describe('the managers’ routing page', () => {
  let e: E2E;
  let usager: Client;
  let agent: Client;
  const before: { id: string; reference: string }[] = [];

  beforeAll(async () => {
    e = await E2E.start();
    usager = await e.t.as('usager@demo.guichet.fr');
    agent = await e.t.as('agent.titres@demo.guichet.fr');
    // Open dossiers for the dry run: two from 69009, one from 69003.
    for (const cp of ['69009', '69009', '69003']) {
      const filed = await usager.post('/api/dossiers', request(cp));
      expect(filed.status).toBe(201);
      expect(filed.body.routing).toMatchObject({ queue: 'validation', priority: 'haute' });
      before.push({ id: filed.body.id, reference: filed.body.reference });
    }
  });
  afterAll(() => e?.stop());

  it('lets a manager add a rule with the condition builder, try it on the open dossiers, and save it; new dossiers follow it', async () => {
    const page = await e.page();
    await e.signIn(page, MANAGER);
    await page.goto(`${e.url}/pilotage/routage`);
    await page.getByRole('heading', { level: 1, name: 'Règles de routage' }).waitFor();
    await page.getByRole('link', { name: 'Passeport d’urgence' }).waitFor();
    await screenshot(page, 'routage-choix');
    expect(describeViolations(await accessibilityViolations(page))).toBe('');
    await page.getByRole('link', { name: 'Passeport d’urgence' }).click();
    await page.getByRole('heading', { level: 1, name: 'Routage : Passeport d’urgence' }).waitFor();
    const current = page.getByRole('table', { name: /Règles de routage en vigueur \(version 1\)/ });
    await current.getByRole('row', { name: /Urgence à examiner, départ dans 7 jours ou moins/ }).getByText('Date de départ dans les 7 jours').waitFor();
    await current.getByRole('row', { name: /Urgence validée/ }).getByText(/Condition écrite à la main/).waitFor();
    await screenshot(page, 'routage-table-en-vigueur');

    await page.getByRole('button', { name: 'Modifier la table' }).click();
    await page.getByRole('heading', { level: 2, name: 'Modifier la table' }).waitFor();
    // The shipped rules: the hand-written ones stay read-only, with a notice; the date one is editable.
    await page.getByText('Condition écrite à la main :').first().waitFor();
    expect(await page.getByLabel('Test de la condition 1 de la règle 3').inputValue()).toBe('withinDays');
    expect(await page.getByLabel('Nombre de jours de la condition 1 de la règle 3').inputValue()).toBe('7');

    await page.getByRole('button', { name: 'Ajouter une règle' }).click();
    const label = page.getByLabel('Libellé de la règle 4');
    expect(await label.evaluate((el) => el === document.activeElement)).toBe(true);
    await label.fill('Quartier nord : mairie annexe');
    await page.getByLabel('Champ de la condition 1 de la règle 4').selectOption({ label: 'Code postal' });
    await page.getByLabel('Test de la condition 1 de la règle 4').selectOption({ label: 'fait partie de la liste' });
    await page.getByLabel('Valeurs de la condition 1 de la règle 4').fill('69009');
    await page.getByText('En clair : Code postal est parmi 69009').waitFor();
    await page.getByLabel('Site de la règle 4', { exact: true }).selectOption({ label: 'Mairie annexe' });
    await page.getByLabel('File de la règle 4', { exact: true }).selectOption({ label: 'Autre (à saisir)…' });
    const queue = page.getByLabel('Nouvelle file de la règle 4');
    expect(await queue.evaluate((el) => el === document.activeElement)).toBe(true);
    await queue.fill('annexe-nord');
    await page.getByLabel('Priorité de la règle 4').selectOption({ label: 'Haute' });

    // Reordering with the keyboard: the focus follows the rule.
    await page.getByRole('button', { name: 'Monter la règle 4' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Règle 3 : Quartier nord : mairie annexe' }).waitFor();
    expect(await focused(page)).toBe('Monter la règle 3');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Descendre la règle 3');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Règle 4 : Quartier nord : mairie annexe' }).waitFor();
    expect(await focused(page)).toBe('Monter la règle 4');

    await screenshot(page, 'routage-edition');
    expect(describeViolations(await accessibilityViolations(page))).toBe('');

    // The dry run, before saving.
    await page.getByRole('button', { name: 'Essayer la table sur les dossiers en cours' }).click();
    await page.getByRole('heading', { name: 'Résultat de l’essai' }).waitFor();
    const caught = page.getByRole('table', { name: 'Dossiers en cours que prendrait chaque règle' });
    expect(await caught.getByRole('row', { name: /Quartier nord : mairie annexe/ }).getByRole('cell').last().textContent()).toBe('2');
    expect(await caught.getByRole('row', { name: /Par défaut/ }).getByRole('cell').last().textContent()).toBe('1');
    const moves = page.getByRole('table', { name: 'Dossiers qui changeraient de place' });
    for (const d of before.slice(0, 2)) {
      const row = moves.getByRole('row', { name: new RegExp(d.reference) });
      expect(await row.textContent()).toContain('file annexe-nord');
      expect(await row.textContent()).toContain('Mairie annexe');
    }
    expect(await moves.getByRole('row', { name: new RegExp(before[2].reference) }).count()).toBe(0);
    await screenshot(page, 'routage-essai');
    expect(describeViolations(await accessibilityViolations(page))).toBe('');

    await page.getByLabel('Appliquer aussi aux dossiers en cours').check({ force: true }); // the DSFR draws the box over the input
    await page.getByRole('button', { name: 'Enregistrer la table' }).click();
    const success = page.getByRole('status').filter({ hasText: 'Table enregistrée : version 2' });
    await success.waitFor();
    expect(await success.textContent()).toContain('2 déplacés');
    await page.getByText('Version 2, enregistrée par Philippe Girard').waitFor();
    await page.getByRole('table', { name: /en vigueur \(version 2\)/ }).getByRole('row', { name: /Quartier nord : mairie annexe/ }).getByText('Code postal est parmi 69009').waitFor();
    await screenshot(page, 'routage-enregistre');

    // The open dossiers from 69009 were moved, the other one was not.
    expect((await agent.get(`/api/dossiers/${before[0].id}`)).body.routing).toMatchObject({ queue: 'annexe-nord', site: 'mairie-annexe', priority: 'haute', service: 'titres' });
    expect((await agent.get(`/api/dossiers/${before[2].id}`)).body.routing).toMatchObject({ queue: 'validation', priority: 'haute' });

    // A citizen files a matching dossier: it lands in the new queue.
    const filed = await usager.post('/api/dossiers', request('69009'));
    expect(filed.status).toBe(201);
    expect(filed.body.routing).toMatchObject({ service: 'titres', site: 'mairie-annexe', queue: 'annexe-nord', priority: 'haute' });
    const seen = await agent.get(`/api/dossiers/${filed.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.routing).toMatchObject({ queue: 'annexe-nord', site: 'mairie-annexe', priority: 'haute' });
    const elsewhere = await usager.post('/api/dossiers', request('69003'));
    expect(elsewhere.body.routing).toMatchObject({ queue: 'validation' });
  });

  it('shows a responsable the table and its history, read-only', async () => {
    const page = await e.page();
    await e.signIn(page, RESPONSABLE);
    await page.goto(`${e.url}${ROUTING}`);
    await page.getByRole('heading', { level: 1, name: 'Routage : Passeport d’urgence' }).waitFor();
    await page.getByRole('table', { name: /en vigueur/ }).getByRole('row', { name: /Quartier nord : mairie annexe/ }).getByText('Code postal est parmi 69009').waitFor();
    await page.getByText('Vous consultez cette table : seuls les managers peuvent la modifier.').waitFor();
    expect(await page.getByRole('button', { name: 'Modifier la table' }).count()).toBe(0);
    await page.getByText(/Version 1 — livrée avec Guichet/).click();
    await page.getByRole('table', { name: 'Version 1 de la table' }).waitFor();
    expect(await page.getByRole('button', { name: /Repartir de la version/ }).count()).toBe(0);
    expect(await page.getByRole('combobox').count()).toBe(0);
    await screenshot(page, 'routage-responsable');
    expect(describeViolations(await accessibilityViolations(page))).toBe('');
  });

  it('says next to each control what is missing, and ties the message to it', async () => {
    const page = await e.page();
    await e.signIn(page, MANAGER);
    await page.goto(`${e.url}${ROUTING}`);
    await page.getByRole('button', { name: 'Modifier la table' }).click();
    const n = await addRule(page);
    await page.getByLabel(`File de la règle ${n}`, { exact: true }).selectOption({ label: 'Autre (à saisir)…' });
    await page.getByLabel(`Nouvelle file de la règle ${n}`).fill('File Nord');
    await page.getByRole('button', { name: 'Essayer la table sur les dossiers en cours' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'choses à corriger' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await summary.getByText('Donnez un libellé à la règle').waitFor();
    const label = page.getByLabel(`Libellé de la règle ${n}`);
    expect(await label.getAttribute('aria-invalid')).toBe('true');
    expect(await label.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)).toContain('Donnez un libellé');
    const field = page.getByLabel(`Champ de la condition 1 de la règle ${n}`);
    expect(await field.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)).toBe('Choisissez le champ à tester.');
    const queue = page.getByLabel(`Nouvelle file de la règle ${n}`);
    expect(await queue.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)).toContain('uniquement des lettres minuscules');
    // Nothing was tried, so nothing can be saved.
    expect(await page.getByRole('button', { name: 'Enregistrer la table' }).count()).toBe(0);
    await screenshot(page, 'routage-erreurs');
    expect(describeViolations(await accessibilityViolations(page))).toBe('');
  });

  it('builds groups and reads back « toujours », and offers the operators of each kind of field', async () => {
    const page = await e.page();
    await e.signIn(page, MANAGER);
    await page.goto(`${e.url}${ROUTING}`);
    await page.getByRole('button', { name: 'Modifier la table' }).click();
    const n = await addRule(page);
    await page.getByLabel(`Libellé de la règle ${n}`).fill('Mineurs ou urgence médicale proche');
    await page.getByLabel(`Champ de la condition 1 de la règle ${n}`).selectOption({ label: 'Le passeport est demandé pour un enfant mineur' });
    expect(await page.getByLabel(`Test de la condition 1 de la règle ${n}`).locator('option:not([disabled])').allTextContents())
      .toEqual(['est oui', 'est non', 'est renseigné', 'n’est pas renseigné']);
    await page.getByRole('button', { name: `Ajouter un groupe de conditions de la règle ${n}` }).click();
    await page.getByLabel(`Champ de la condition 2.1 de la règle ${n}`).selectOption({ label: 'Motif' });
    await page.getByLabel(`Test de la condition 2.1 de la règle ${n}`).selectOption({ label: 'parmi' });
    await page.getByRole('group', { name: `Valeurs de la condition 2.1 de la règle ${n}` }).getByLabel('Raison médicale').check({ force: true }); // the DSFR draws the box over the input
    await page.getByRole('button', { name: `Ajouter une condition au groupe 2 de la règle ${n}` }).click();
    await page.getByLabel(`Champ de la condition 2.2 de la règle ${n}`).selectOption({ label: 'Date de naissance' });
    expect(await page.getByLabel(`Test de la condition 2.2 de la règle ${n}`).locator('option:not([disabled])').allTextContents())
      .toEqual(['avant le', 'après le', 'dans les N jours', 'dans plus de N jours', 'âge d’au moins N ans', 'âge de moins de N ans', 'est renseigné', 'n’est pas renseigné']);
    await page.getByLabel(`Test de la condition 2.2 de la règle ${n}`).selectOption({ label: 'âge de moins de N ans' });
    await page.getByLabel(`Âge en années de la condition 2.2 de la règle ${n}`).fill('12');
    await page.getByRole('group', { name: `Conditions à remplir de la règle ${n}` }).getByLabel('au moins une (OU)').check({ force: true }); // the DSFR draws the box over the input
    await page.getByRole('group', { name: `Conditions à remplir dans le groupe 2 de la règle ${n}` }).getByLabel('toutes (ET)').check({ force: true });
    await page.getByText('En clair : Le passeport est demandé pour un enfant mineur : oui ou (Motif est parmi Raison médicale et Date de naissance : âge de moins de 12 ans)').waitFor();
    await screenshot(page, 'routage-groupe');
    expect(describeViolations(await accessibilityViolations(page))).toBe('');
    await page.getByRole('button', { name: `Supprimer le groupe 2 de la règle ${n}` }).click();
    await page.getByRole('group', { name: `Type de condition de la règle ${n}` }).getByLabel('toujours (tous les dossiers)').check({ force: true }); // the DSFR draws the box over the input
    await page.getByText('En clair : toujours').waitFor();
  });

  it('refuses to save over a version saved meanwhile, and lets the manager keep their changes', async () => {
    const page = await e.page();
    await e.signIn(page, MANAGER);
    await page.goto(`${e.url}${ROUTING}`);
    await page.getByRole('button', { name: 'Modifier la table' }).click();
    await page.getByLabel('Priorité par défaut').selectOption({ label: 'Normale' });

    // Someone else saves a version in the meantime.
    const other = await e.t.as(MANAGER);
    const view = await other.get('/api/demarches/passeport-urgence/routing');
    const changed = await other.put('/api/demarches/passeport-urgence/routing', { ...view.body.table, default: { ...view.body.table.default, queue: 'accueil-titres' } }, { 'if-match': view.headers.get('etag')! });
    expect(changed.status).toBe(200);

    await page.getByRole('button', { name: 'Essayer la table sur les dossiers en cours' }).click();
    await page.getByRole('heading', { name: 'Résultat de l’essai' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer la table' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Quelqu’un a enregistré la table pendant que vous la modifiiez' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('version 3');
    await screenshot(page, 'routage-conflit');
    await conflict.getByRole('button', { name: 'Voir la nouvelle version et garder mes modifications' }).click();
    await page.getByText(/Version 3, enregistrée par Philippe Girard/).waitFor();
    expect(await page.getByLabel('Priorité par défaut').inputValue()).toBe('normale');
    await page.getByRole('button', { name: 'Essayer la table sur les dossiers en cours' }).click();
    await page.getByRole('heading', { name: 'Résultat de l’essai' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer la table' }).click();
    await page.getByRole('status').filter({ hasText: 'Table enregistrée : version 4' }).waitFor();

    // Going back to an earlier version: it is loaded in the editor, to try and save like any other.
    await page.getByText(/Version 1 — livrée avec Guichet/).click();
    await page.getByRole('button', { name: 'Repartir de la version 1' }).click();
    await page.getByText('Vous partez de la version 1.').waitFor();
    expect(await page.getByRole('heading', { name: /^Règle \d+ :/ }).count()).toBe(3);
  });
});
