import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Client } from '../api/support';
import { E2E, addField, expectNoViolation, screenshot } from './support';

jest.setTimeout(240_000);

const DESIGNER = 'procedures@demo.guichet.fr';
const TITLE = 'Demande de copie d’acte de naissance';
const ID = 'demande-copie-acte-naissance';
const EDITOR = `/conception/${ID}`;

/** The data of a citizen's request under the form built below. */
const REQUEST = {
  nom: 'Martin', prenoms: 'Léa Marie', dateNaissance: '1990-04-12', lieuNaissance: 'Tours',
  typeCopie: 'integrale', nombreCopies: 2, telephone: '06 12 34 56 78',
};

/** The lint panel's list of problems, as text. */
async function problems(page: Page): Promise<string[]> {
  return page.locator('.designer-lint__list li').allTextContents();
}

async function saved(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.getByText(/^Brouillon enregistré/).waitFor();
}

/**
 * The Procédures team designs « Demande de copie d’acte de naissance » in the browser: each step
 * below builds on the previous one (one browser page, one server), so that later steps — the
 * workflow, the simulation, a citizen filing it — can be added in between.
 */
describe('the designer', () => {
  let e: E2E;
  let page: Page;
  let procedures: Client;
  let dir: string;

  beforeAll(async () => {
    e = await E2E.start();
    procedures = await e.t.as(DESIGNER);
    page = await e.page();
    dir = await mkdtemp(path.join(tmpdir(), 'guichet-designer-'));
    await e.signIn(page, DESIGNER);
  });
  afterAll(async () => {
    await e?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists the démarches with their published version, and creates a new one from its title', async () => {
    await page.goto(`${e.url}/conception`);
    await page.getByRole('heading', { level: 1, name: 'Conception des démarches' }).waitFor();
    const passeport = page.getByRole('row').filter({ hasText: 'passeport-urgence' });
    await expect(passeport.getByRole('cell').nth(1).textContent()).resolves.toBe('Version 1');
    await expectNoViolation(page);

    await page.getByLabel('Titre de la démarche').fill(TITLE);
    await expect(page.getByLabel('Identifiant').inputValue()).resolves.toBe(ID);
    await page.getByRole('button', { name: 'Créer la démarche' }).click();
    await page.waitForURL(`**${EDITOR}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Aucun problème : la démarche peut être publiée.').waitFor();
    // The draft exists on the server, as the skeleton the linter accepts.
    const draft = await procedures.get(`/api/demarches/${ID}/draft`);
    expect(draft.body).toMatchObject({ source: 'brouillon', sound: true, publishedVersion: null });
  });

  it('builds a form of several fields and a pièce, with a live preview', async () => {
    await addField(page, 'Nom', 'Texte court');
    await addField(page, 'Prénoms', 'Texte court');
    await page.getByLabel('Longueur maximale (caractères)').fill('80');
    await addField(page, 'Date de naissance', 'Date');
    await addField(page, 'Lieu de naissance', 'Texte court');
    await addField(page, 'Type de copie', 'Choix unique');
    await page.getByLabel('Libellé du choix 1').fill('Copie intégrale');
    await page.getByLabel('Libellé du choix 2').fill('Extrait avec filiation');
    await expect(page.getByLabel('Valeur du choix 1').inputValue()).resolves.toBe('copie_integrale');
    await page.getByLabel('Valeur du choix 1').fill('integrale');
    await addField(page, 'Nombre de copies', 'Nombre entier');
    await page.getByLabel('Valeur minimale').fill('1');
    await page.getByLabel('Valeur maximale').fill('3');

    // The skeleton's field goes.
    await page.getByRole('button', { name: /^Objet de la demande/ }).click();
    await page.getByRole('button', { name: 'Supprimer le champ' }).click();
    await page.getByRole('button', { name: /^Objet de la demande/ }).waitFor({ state: 'detached' });

    await page.getByLabel('Nom de la nouvelle pièce').fill('Pièce d’identité');
    await page.getByRole('button', { name: 'Ajouter la pièce' }).click();
    await page.getByRole('heading', { level: 3, name: 'Pièce « Pièce d’identité »' }).waitFor();
    await page.getByLabel('PNG').uncheck({ force: true });

    // The preview is the usager's form, fields and constraints included.
    const preview = page.locator('.designer-preview');
    await preview.getByLabel(/^Date de naissance/).waitFor();
    await preview.getByRole('radio', { name: 'Extrait avec filiation' }).or(preview.getByRole('option', { name: 'Extrait avec filiation' })).first().waitFor({ state: 'attached' });

    await saved(page);
    const definition = (await procedures.get(`/api/demarches/${ID}/draft`)).body.definition;
    expect(definition.form.pages[0].fields).toEqual(['nom', 'prenoms', 'dateNaissance', 'lieuNaissance', 'typeCopie', 'nombreCopies']);
    expect(definition.form.schema.properties.nombreCopies).toMatchObject({ type: 'integer', minimum: 1, maximum: 3 });
    expect(definition.form.schema.properties.prenoms).toMatchObject({ maxLength: 80 });
    expect(definition.form.schema.properties.typeCopie.oneOf).toEqual([{ const: 'integrale', title: 'Copie intégrale' }, { const: 'extrait_avec_filiation', title: 'Extrait avec filiation' }]);
    expect(definition.pieces).toEqual({ piece_d_identite: { label: 'Pièce d’identité', required: true, accept: ['application/pdf', 'image/jpeg'], maxSize: 5 * 1024 * 1024 } });
  });

  it('lists a lint problem, goes to it on a click, and sees it go once fixed', async () => {
    await page.getByLabel('Titre de la nouvelle page').fill('Pour vous joindre');
    await page.getByRole('button', { name: 'Ajouter la page' }).click();
    const problem = page.locator('.designer-lint__list button').filter({ hasText: 'Page « Pour vous joindre »' });
    await problem.waitFor();
    expect(await problems(page)).toEqual([expect.stringContaining('au moins 1 élément')]);
    await page.getByRole('button', { name: /^Nom \(nom\)/ }).click(); // select something else first
    await problem.click();
    await page.getByRole('heading', { level: 3, name: 'Page « Pour vous joindre »' }).waitFor();
    await expect(page.getByLabel('Sur la page').inputValue()).resolves.toBe('pour_vous_joindre');
    await addField(page, 'Téléphone', 'Téléphone');
    await page.getByText('Aucun problème : la démarche peut être publiée.').waitFor();
    await screenshot(page, 'designer-form');
    await expectNoViolation(page);
  });

  it('undoes and redoes with the buttons and the keyboard', async () => {
    const field = page.getByRole('button', { name: /^Téléphone \(telephone\)/ });
    await page.getByRole('button', { name: 'Annuler', exact: true }).click();
    await field.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Rétablir' }).click();
    await field.waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await field.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+y');
    await field.waitFor();
    await saved(page);
  });

  it('says when someone else saved the draft meanwhile, and reloads it', async () => {
    // Someone else adds a guard reading « typeCopie » (the workflow editor's work, done here through the API).
    const draft = (await procedures.get(`/api/demarches/${ID}/draft`)).body;
    const definition = structuredClone(draft.definition);
    definition.workflow.states.depose.on.accepter.guard = { type: 'condition', params: { '!=': [{ var: 'data.typeCopie' }, 'extrait_avec_filiation'] } };
    expect((await procedures.put(`/api/demarches/${ID}/draft`, definition, { 'if-match': `"${draft.etag as string}"` })).status).toBe(200);

    await page.getByRole('button', { name: /^Nom \(nom\)/ }).click();
    await page.getByLabel('Aide (facultatif)').fill('Le nom de naissance.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('alert').filter({ hasText: 'modifié entre-temps' }).waitFor();
    await page.getByRole('button', { name: /^Recharger le brouillon/ }).click();
    await page.getByText(/^Brouillon enregistré/).waitFor();
  });

  it('flags at once a field that a guard reads, and asks before removing it', async () => {
    await page.getByRole('button', { name: /^Type de copie \(typeCopie\)/ }).click();
    await page.getByText('Ce champ est lu ailleurs dans la démarche').waitFor();
    await page.getByText(/Condition de « Accepter » depuis/).waitFor();
    await page.getByRole('button', { name: 'Supprimer le champ' }).click();
    await page.getByRole('heading', { name: 'Supprimer ce champ malgré tout ?' }).waitFor();
    await page.getByRole('button', { name: 'Annuler', exact: true }).last().click();
    await page.getByLabel('Nom technique').fill('typeDeCopie');
    await page.getByRole('button', { name: 'Renommer' }).click();
    await page.getByRole('heading', { name: 'Renommer ce champ en « typeDeCopie » malgré tout ?' }).waitFor();
    await page.getByRole('button', { name: 'Annuler', exact: true }).last().click();
    await expect(page.getByRole('button', { name: /^Type de copie \(typeCopie\)/ }).count()).resolves.toBe(1);
  });

  it('flags a field of a published démarche that a routing rule of the managers reads', async () => {
    const other = await e.page();
    await e.signIn(other, DESIGNER);
    await other.goto(`${e.url}/conception/attestation-accueil`);
    await other.getByRole('heading', { level: 1, name: 'Attestation d’accueil' }).waitFor();
    await other.getByRole('button', { name: /^Le logement \(logement\)/ }).click();
    await other.getByText('Ce champ est lu ailleurs dans la démarche').waitFor();
    await other.getByText(/^Règle de routage « Logement suroccupé/).waitFor();
    await other.getByRole('button', { name: 'Supprimer le champ' }).click();
    await other.getByText(/La table de routage appartient aux managers : prévenez-les/).waitFor();
    await other.close();
  });

  it('shows what the first version holds before publishing it, and publishes it', async () => {
    await page.getByRole('tab', { name: 'Publier' }).click();
    await page.getByRole('heading', { level: 2, name: 'Publier la première version' }).waitFor();
    const diff = page.locator('.designer-diff');
    await diff.getByText('Date de naissance (dateNaissance)').waitFor();
    await diff.getByText('piece_d_identite').waitFor();
    await page.getByRole('button', { name: 'Publier la version 1…' }).click();
    await expectNoViolation(page);
    await page.getByRole('button', { name: 'Confirmer la publication de la version 1' }).click();
    await page.getByRole('heading', { name: 'Version 1 publiée' }).waitFor();
    await page.getByText('version publiée : 1').waitFor();
    expect((await e.t.client().get(`/api/demarches/${ID}`)).body).toMatchObject({ version: 1, title: TITLE });
  });

  it('exports the definition as a JSON file and imports it back, as a draft', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en JSON' }).click()]);
    expect(download.suggestedFilename()).toBe(`${ID}.json`);
    const file = path.join(dir, `${ID}.json`);
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8'));
    expect(exported).toEqual((await procedures.get(`/api/demarches/${ID}/draft`)).body.definition);

    // The same file, reviewed elsewhere: a new summary; and a copy under a new id.
    exported.summary = 'Recevoir une copie intégrale ou un extrait de votre acte de naissance.';
    await writeFile(file, JSON.stringify(exported));
    await page.goto(`${e.url}/conception`);
    await page.getByLabel(/^Fichier JSON d’une démarche/).setInputFiles(file);
    await page.waitForURL(`**${EDITOR}`);
    expect((await procedures.get(`/api/demarches/${ID}/draft`)).body).toMatchObject({ source: 'brouillon', definition: { summary: exported.summary } });

    const copy = path.join(dir, 'copie.json');
    await writeFile(copy, JSON.stringify({ ...exported, id: 'copie-acte-mariage', title: 'Demande de copie d’acte de mariage' }));
    await page.goto(`${e.url}/conception`);
    await page.getByLabel(/^Fichier JSON d’une démarche/).setInputFiles(copy);
    await page.waitForURL('**/conception/copie-acte-mariage');
    await page.getByRole('heading', { level: 1, name: 'Demande de copie d’acte de mariage' }).waitFor();
    await page.goto(`${e.url}/conception`);
    await page.getByRole('row').filter({ hasText: 'copie-acte-mariage' }).getByText('Jamais publiée').waitFor();

    const broken = path.join(dir, 'casse.json');
    await writeFile(broken, '{ "id": ');
    await page.getByLabel(/^Fichier JSON d’une démarche/).setInputFiles(broken);
    await page.getByRole('alert').filter({ hasText: 'pas du JSON valide' }).waitFor();
  });

  it('publishes version 2 while a dossier of version 1 runs, which finishes on version 1', async () => {
    const usager = await e.t.as('usager@demo.guichet.fr');
    const filed = await usager.post('/api/dossiers', { demarche: ID, data: REQUEST });
    expect(filed.status).toBe(201);
    expect(filed.body.demarche.version).toBe(1);

    await page.goto(`${e.url}${EDITOR}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByLabel('Sur la page').selectOption({ label: 'Votre demande' });
    await addField(page, 'Observations', 'Texte long');
    await page.getByLabel('Réponse obligatoire').uncheck({ force: true });
    await page.getByRole('tab', { name: 'Publier' }).click();
    await page.getByRole('heading', { level: 2, name: 'Publier la version 2' }).waitFor();
    await page.locator('.designer-diff').getByText('Observations (observations)').waitFor();
    await page.getByRole('button', { name: 'Publier la version 2…' }).click();
    await page.getByRole('button', { name: 'Confirmer la publication de la version 2' }).click();
    await page.getByRole('heading', { name: 'Version 2 publiée' }).waitFor();

    const agent = await e.t.as('agent.affaires-militaires@demo.guichet.fr');
    const accepted = await agent.post(`/api/dossiers/${filed.body.id as string}/events`, { type: 'accepter', payload: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'clos', demarche: { version: 1 } });
    const fresh = await usager.post('/api/dossiers', { demarche: ID, data: { ...REQUEST, observations: 'Pour un mariage.' } });
    expect(fresh.body.demarche.version).toBe(2);
  });
});
