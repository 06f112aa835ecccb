import type { Page } from 'playwright-core';
import { E2E, accessibilityViolations, screenshot } from './support';

jest.setTimeout(120_000);

const PROCEDURES = 'procedures@demo.guichet.fr';

/** Opens a démarche in the designer on its « Parcours » tab and waits for elk's layout. */
async function openWorkflow(e: E2E, page: Page, id: string): Promise<void> {
  await page.goto(`${e.url}/conception/${id}`);
  await page.getByRole('tab', { name: 'Parcours' }).click();
  await page.locator('.react-flow__node').first().waitFor();
  await page.locator('.gw-edge-label').first().waitFor();
}

const node = (page: Page, path: string) => page.locator(`.react-flow__node[data-id="${path}"]`);

describe('the workflow editor of the designer', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await E2E.start();
  });

  afterAll(async () => {
    await e?.stop();
  });

  it('draws garde-alternee with its parallel and nested states, timers in words and guarded transitions', async () => {
    const page = await e.page();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await e.signIn(page, PROCEDURES);
    await openWorkflow(e, page, 'garde-alternee');
    await page.getByRole('button', { name: 'Afficher tout le parcours' }).click();

    await expectText(node(page, 'instruction'), 'en parallèle');
    await expectText(node(page, 'instruction.accord_autre_parent.attente_reponse.sollicite'), 'début');
    await expectText(node(page, 'refuse'), 'fin : refusée');
    expect(await page.locator('.gw-edge-label--timer').filter({ hasText: /^après \d+ jours/ }).count()).toBeGreaterThan(0);
    expect(await page.locator('.gw-edge-label').filter({ hasText: 'Statuer sans réponse de l’autre parent' }).locator('.gw-guard-mark').count()).toBe(2);
    await screenshot(page, 'workflow-garde-alternee');
    expect(errors).toEqual([]);
  });

  it('selects a state with the keyboard, adds a state and a transition with a motif from the inspector, and draws them', async () => {
    const page = await e.page();
    await e.signIn(page, PROCEDURES);
    await openWorkflow(e, page, 'attestation-accueil');

    // Keyboard: focus a node, Entrée selects it and the inspector shows it.
    await node(page, 'demande.instruction').focus();
    await page.keyboard.press('Enter');
    await expectText(page.locator('#inspecteur-titre'), 'Étape : Instruction');

    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.getByRole('textbox', { name: 'Libellé de la nouvelle étape', exact: true }).fill('Archivage du dossier');
    await page.getByRole('button', { name: 'Ajouter l’étape' }).click();
    await node(page, 'archivage_du_dossier').waitFor();
    await expectText(page.locator('#inspecteur-titre'), 'Étape : Archivage du dossier');

    await page.getByLabel('Événement de la nouvelle transition').fill('classer');
    await page.getByLabel('Étape où elle mène').selectOption('classe_sans_suite');
    await page.getByRole('button', { name: 'Ajouter une transition' }).click();
    await expectText(page.locator('#inspecteur-titre'), 'Transition : Classer');

    await page.getByLabel('Libellé du champ à ajouter').fill('Motif du classement');
    await page.getByRole('button', { name: 'Ajouter le champ' }).click();
    await expectText(page.locator('.gw-payload'), 'motifClassement');
    await page.locator('label[for="transition-avec-condition"]').click();
    await page.getByRole('group', { name: /Condition de la transition/ }).waitFor();

    const edge = page.locator('.gw-edge-label').filter({ hasText: 'Classer' });
    await edge.waitFor();
    expect(await edge.locator('.gw-guard-mark').count()).toBe(1);

    // Deleting the transition goes back to its state, and its edge leaves the drawing.
    await page.getByRole('button', { name: 'Supprimer la transition' }).click();
    await expectText(page.locator('#inspecteur-titre'), 'Étape : Archivage du dossier');
    expect(await page.locator('.gw-edge-label').filter({ hasText: 'Classer' }).count()).toBe(0);

    const violations = await accessibilityViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    await screenshot(page, 'workflow-inspector');
  });

  it('asks before deleting a state that transitions lead to, and removes them with it', async () => {
    const page = await e.page();
    await e.signIn(page, PROCEDURES);
    await openWorkflow(e, page, 'passeport-urgence');
    await node(page, 'detruit').click();
    await page.getByRole('button', { name: 'Supprimer l’étape' }).click();
    await expectText(page.getByRole('alert'), 'mène');
    await page.getByRole('button', { name: 'Confirmer la suppression' }).click();
    await node(page, 'detruit').waitFor({ state: 'detached' });
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}
