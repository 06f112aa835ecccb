import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Client } from '../api/support';
import { E2E, addField, expectNoViolation, pdfBytes, screenshot } from './support';

jest.setTimeout(300_000);

const DESIGNER = 'procedures@demo.guichet.fr';
const MANAGER = 'manager@demo.guichet.fr';
const CITIZEN = 'usager@demo.guichet.fr';
/** Copies of civil-status records are handled by the Affaires générales service, where this agent works. */
const AGENT = 'agent.affaires-generales@demo.guichet.fr';
const TITLE = 'Demande de copie d’acte de naissance';
const ID = 'demande-copie-acte-naissance';
const EDITOR = `/conception/${ID}`;
const VERIFICATION = 'verification_de_la_filiation';
const ABANDON = 'classee_sans_suite';

const node = (page: Page, statePath: string) => page.locator(`.react-flow__node[data-id="${statePath}"]`);
const inspectorTitle = (page: Page, text: string) => page.locator('#inspecteur-titre').filter({ hasText: text }).waitFor();
const lintProblems = (page: Page) => page.locator('.designer-lint__list li');

/**
 * Selects a state of the drawing by keyboard (its node is focusable), as the workflow test does.
 * A drawing laid out again just then (after an edit, on a busy machine) may replace the node
 * under the focus: as a person would, press again.
 */
async function selectState(page: Page, statePath: string, label: string): Promise<void> {
  const title = page.locator('#inspecteur-titre').filter({ hasText: `Étape : ${label}` });
  for (let attempt = 1; ; attempt++) {
    await node(page, statePath).focus();
    await page.keyboard.press('Enter');
    try {
      await title.waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** From the selected state, a transition answering `event` towards `target` (a state's path). */
async function addTransition(page: Page, event: string, target: string): Promise<void> {
  await page.getByLabel('Événement de la nouvelle transition').fill(event);
  await page.getByLabel('Étape où elle mène').selectOption(target);
  await page.getByRole('button', { name: 'Ajouter une transition' }).click();
  await page.locator('#inspecteur-titre').filter({ hasText: /^Transition : / }).waitFor();
}

/** Picks a radio by its label, or an option of a select, whichever the form draws for a choice. */
async function choose(scope: Locator, label: RegExp, option: string): Promise<void> {
  const radio = scope.getByRole('radio', { name: option });
  if (await radio.count()) {
    await radio.check({ force: true }); // the DSFR draws the radio over the input
  } else {
    await scope.getByLabel(label).selectOption({ label: option });
  }
}

/** Fills the citizen's answers in a form generated from the definition (the portal's or the simulator's). */
async function fillRequest(scope: Locator): Promise<void> {
  await scope.getByLabel(/^Nom/).first().fill('Martin');
  await scope.getByLabel(/^Prénoms/).fill('Léa Marie');
  await scope.getByLabel(/^Date de naissance/).fill('1990-04-12');
  await scope.getByLabel(/^Lieu de naissance/).fill('Tours');
  await choose(scope, /^Type de copie/, 'Copie intégrale');
  await scope.getByLabel(/^Nombre de copies/).fill('2');
}

/** Sends an action without a payload from the agent's dossier page, confirming it when asked. */
async function act(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const confirm = page.getByRole('dialog', { name: label }).getByRole('button', { name: /^Confirmer/ });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await page.getByRole('status').getByText(/Le dossier est maintenant à l’étape|Le dossier est clos/).first().waitFor();
}

/**
 * The whole life of a new démarche, each person on their own screen: the Procédures team builds
 * « Demande de copie d’acte de naissance » from nothing — its form, a pièce, its workflow with a
 * guarded transition, a refusal with a motif and a timer —, follows the linter, tries it in the
 * simulator and keeps the run as a scenario, publishes it; a manager routes its dossiers to the
 * Affaires générales service; a citizen files it on the portal; an agent of that service takes it to
 * its end; the citizen sees the outcome.
 */
describe('a démarche designed in the browser, then filed and handled', () => {
  let e: E2E;
  let designer: Page;
  let procedures: Client;
  let dir: string;
  let dossier: { id: string; reference: string };

  beforeAll(async () => {
    e = await E2E.start();
    procedures = await e.t.as(DESIGNER);
    dir = await mkdtemp(path.join(tmpdir(), 'guichet-e2e-conception-'));
    designer = await e.page();
    await e.signIn(designer, DESIGNER);
  });
  afterAll(async () => {
    await e?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the démarche and builds its form of six fields and a pièce', async () => {
    const page = designer;
    await page.goto(`${e.url}/conception`);
    await page.getByLabel('Titre de la démarche').fill(TITLE);
    await page.getByRole('button', { name: 'Créer la démarche' }).click();
    await page.waitForURL(`**${EDITOR}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    await addField(page, 'Nom', 'Texte court');
    await addField(page, 'Prénoms', 'Texte court');
    await addField(page, 'Date de naissance', 'Date');
    await addField(page, 'Lieu de naissance', 'Texte court');
    await addField(page, 'Type de copie', 'Choix unique');
    await page.getByLabel('Libellé du choix 1').fill('Copie intégrale');
    await page.getByLabel('Libellé du choix 2').fill('Extrait avec filiation');
    await page.getByLabel('Valeur du choix 1').fill('integrale');
    await page.getByLabel('Valeur du choix 2').fill('extrait');
    await addField(page, 'Nombre de copies', 'Nombre entier');
    await page.getByLabel('Valeur minimale').fill('1');
    await page.getByLabel('Valeur maximale').fill('3');
    await page.getByRole('button', { name: /^Objet de la demande/ }).click();
    await page.getByRole('button', { name: 'Supprimer le champ' }).click();
    await page.getByRole('button', { name: /^Objet de la demande/ }).waitFor({ state: 'detached' });

    await page.getByLabel('Nom de la nouvelle pièce').fill('Pièce d’identité');
    await page.getByRole('button', { name: 'Ajouter la pièce' }).click();
    await page.getByRole('heading', { level: 3, name: 'Pièce « Pièce d’identité »' }).waitFor();
    await page.getByText('Aucun problème : la démarche peut être publiée.').waitFor();
  });

  it('adds a step in « Parcours », sees what the linter says of it, and follows the problem to the step', async () => {
    const page = designer;
    await page.getByRole('tab', { name: 'Parcours' }).click();
    await node(page, 'depose').waitFor();
    await page.locator('.gw-edge-label').first().waitFor();

    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.getByRole('textbox', { name: 'Libellé de la nouvelle étape', exact: true }).fill('Vérification de la filiation');
    await page.getByRole('button', { name: 'Ajouter l’étape' }).click();
    await node(page, VERIFICATION).waitFor();
    await inspectorTitle(page, 'Étape : Vérification de la filiation');

    // Nothing leads to the new step yet: the linter says so, and clicking the problem selects it.
    const unreachable = page.locator('.designer-lint__list button').filter({ hasText: `« ${VERIFICATION} » n’est jamais atteint` });
    await unreachable.waitFor();
    await selectState(page, 'depose', 'Demande déposée');
    await unreachable.click();
    await inspectorTitle(page, 'Étape : Vérification de la filiation');
    await page.getByLabel('Statut affiché à l’usager').fill('Vérification de votre filiation en cours');
    await page.getByLabel('Statut affiché à l’usager').press('Enter');
    await page.getByRole('group', { name: 'Rôles qui agissent à cette étape' }).getByText('Agent instructeur').click();
  });

  it('leads to it from the filed request with a transition guarded by the type of copy', async () => {
    const page = designer;
    await selectState(page, 'depose', 'Demande déposée');
    await addTransition(page, 'verifier_filiation', VERIFICATION);
    await inspectorTitle(page, 'Transition : Verifier filiation');
    const button = page.getByLabel(/^Libellé du bouton/);
    await button.fill('Vérifier la filiation');
    await button.press('Enter');
    await inspectorTitle(page, 'Transition : Vérifier la filiation');

    // Only a full copy needs the filiation checked: a condition over the form's « Type de copie ».
    await page.locator('label[for="transition-avec-condition"]').click();
    const condition = page.getByRole('group', { name: /Condition de la transition/ });
    await condition.waitFor();
    await condition.getByLabel(/^Champ/).selectOption({ label: 'Type de copie' });
    await condition.getByLabel(/^Test/).selectOption({ label: 'est' });
    await condition.getByLabel(/^Valeur/).selectOption({ label: 'Copie intégrale' });
    await page.locator('.gw-edge-label').filter({ hasText: 'Vérifier la filiation' }).locator('.gw-guard-mark').waitFor();
    await page.locator('.designer-lint__list button').filter({ hasText: `« ${VERIFICATION} » n’est jamais atteint` }).waitFor({ state: 'detached' });
  });

  it('gives the step its outcomes: acceptance, a refusal with a motif, and a timer that closes it after 30 days', async () => {
    const page = designer;
    // A final state for dossiers left without an answer.
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.getByRole('textbox', { name: 'Libellé de la nouvelle étape', exact: true }).fill('Classée sans suite');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Étape finale' });
    await page.getByRole('button', { name: 'Ajouter l’étape' }).click();
    await node(page, ABANDON).waitFor();
    await inspectorTitle(page, 'Étape : Classée sans suite');
    await page.getByLabel('Issue du dossier').selectOption({ label: 'Classée sans suite' });
    await page.getByLabel('Statut affiché à l’usager').fill('Demande classée sans suite');
    await page.getByLabel('Statut affiché à l’usager').press('Enter');

    await selectState(page, VERIFICATION, 'Vérification de la filiation');
    await addTransition(page, 'accepter', 'acceptee');
    await inspectorTitle(page, 'Transition : Accepter');

    await selectState(page, VERIFICATION, 'Vérification de la filiation');
    await addTransition(page, 'refuser', 'refusee');
    await inspectorTitle(page, 'Transition : Refuser');
    // The refusal asks for its motif: a required field of the event's form.
    const payload = page.locator('.gw-payload');
    await payload.getByText('Motif du refus').first().waitFor();
    expect(await payload.getByRole('checkbox', { name: /Obligatoire : Motif du refus/ }).isChecked()).toBe(true);
    const confirm = page.getByLabel(/^Question de confirmation/);
    await confirm.fill('Refuser définitivement la demande ?');
    await confirm.press('Enter');

    await selectState(page, VERIFICATION, 'Vérification de la filiation');
    await page.getByLabel('Étape où mène un nouveau minuteur').selectOption(ABANDON);
    await page.getByRole('button', { name: 'Ajouter un minuteur' }).click();
    const duration = page.getByLabel('Durée du minuteur 1');
    await duration.fill('30 jours');
    await duration.press('Enter');
    await page.locator('.gw-edge-label--timer').filter({ hasText: 'après 30 jours' }).waitFor();

    await page.getByText('Aucun problème : la démarche peut être publiée.').waitFor();
    expect(await lintProblems(page).count()).toBe(0);
    await screenshot(page, 'conception-parcours');
    await expectNoViolation(page);

    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText(/^Brouillon enregistré/).waitFor();
    const definition = (await procedures.get(`/api/demarches/${ID}/draft`)).body.definition;
    const states = definition.workflow.states;
    expect(Object.keys(states).sort()).toEqual(['acceptee', ABANDON, 'depose', 'refusee', VERIFICATION].sort());
    expect(states.depose.on.verifier_filiation).toMatchObject({ target: VERIFICATION, guard: { type: 'condition', params: { '==': [{ var: 'data.typeCopie' }, 'integrale'] } } });
    expect(states[VERIFICATION]).toMatchObject({
      meta: { roles: ['agent'] },
      on: { accepter: 'acceptee', refuser: 'refusee' },
      after: { P30D: ABANDON },
    });
    expect(states[ABANDON]).toMatchObject({ type: 'final', meta: { outcome: 'sans_suite' } });
    expect(definition.events.refuser.payload.required).toEqual(['motif']);
  });

  it('tries it in « Essayer »: files a full copy, acts as the agent, fires the timer, refuses with a motif, and keeps the run as a scenario', async () => {
    const page = designer;
    await page.getByRole('tab', { name: 'Essayer' }).click();
    await page.getByRole('heading', { level: 2, name: 'Simulateur' }).waitFor();
    await page.getByLabel('Date et heure du dépôt').fill('2026-06-01T10:00');
    await page.getByRole('checkbox', { name: /Pièce d’identité/ }).check({ force: true });
    const filing = page.locator('#simulateur').or(page.locator('form').filter({ has: page.getByRole('button', { name: 'Déposer', exact: true }) })).first();
    await fillRequest(filing);
    for (let i = 0; i < 5 && !(await page.getByRole('button', { name: 'Déposer', exact: true }).isVisible()); i++) {
      await page.getByRole('button', { name: 'Suivant' }).click();
    }
    await page.getByRole('button', { name: 'Déposer', exact: true }).click();
    await page.getByRole('status').getByText(/Dossier déposé le 1er juin 2026 à 10 h 00 : il est à l’étape « Demande déposée »/).waitFor();

    // The guard lets the agent check the filiation of a full copy.
    expect(await page.getByLabel('Agir en tant que').inputValue()).toBe('agent');
    await page.getByRole('button', { name: 'Vérifier la filiation' }).click(); // nothing to fill in: sent at once
    await page.getByRole('status').getByText(/le dossier est maintenant à l’étape « Vérification de la filiation »/).waitFor();

    // Thirty days without an answer: the timer closes the dossier.
    await page.getByRole('button', { name: 'Aller au prochain minuteur' }).click();
    await page.getByRole('status').getByText(/Le temps a avancé de 30 jours/).waitFor();
    await page.locator('.guichet-simulator__states').getByText('Classée sans suite', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Annuler la dernière étape' }).click();
    await page.locator('.guichet-simulator__states').getByText('Vérification de la filiation', { exact: true }).waitFor();

    // The refusal asks for its motif.
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.getByLabel(/Motif du refus/).fill('Vous n’êtes pas la personne concernée par l’acte.');
    await page.getByRole('button', { name: 'Envoyer en tant que Agent instructeur' }).click();
    await page.getByRole('status').getByText(/« Refuser » par « Agent instructeur »/).waitFor();
    await page.locator('.guichet-simulator__states').getByText('Refusée', { exact: true }).waitFor();
    await screenshot(page, 'conception-simulateur');
    await expectNoViolation(page);

    await page.getByLabel('Nom du scénario').fill('Copie intégrale refusée après vérification');
    await page.getByRole('button', { name: 'Enregistrer comme scénario' }).click();
    await page.getByText('Le scénario « Copie intégrale refusée après vérification » est enregistré avec la démarche.').waitFor();
    await page.locator('.guichet-scenarios').getByText('Le scénario réussit.').or(page.locator('.guichet-scenarios').getByText(/1 scénario.* réussi/)).first().waitFor();
  });

  it('publishes the first version, with its scenario', async () => {
    const page = designer;
    await page.getByRole('tab', { name: 'Publier' }).click();
    await page.getByRole('heading', { level: 2, name: 'Publier la première version' }).waitFor();
    await page.getByRole('button', { name: 'Publier la version 1…' }).click();
    await page.getByRole('button', { name: 'Confirmer la publication de la version 1' }).click();
    await page.getByRole('heading', { name: 'Version 1 publiée' }).waitFor();
    const published = (await e.t.client().get(`/api/demarches/${ID}`)).body;
    expect(published).toMatchObject({ version: 1, title: TITLE });
    expect(published.definition.scenarios).toHaveLength(1);
    expect(published.definition.scenarios[0]).toMatchObject({ title: 'Copie intégrale refusée après vérification' });
  });

  it('is routed by a manager to the Affaires générales service', async () => {
    const page = await e.page();
    await e.signIn(page, MANAGER);
    await page.goto(`${e.url}/pilotage/routage`);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: `Routage : ${TITLE}` }).waitFor();
    await page.getByText('Cette démarche n’a pas encore de table : tous ses dossiers vont au guichet unique.').waitFor();
    await page.getByRole('button', { name: 'Modifier la table' }).click();
    await page.getByLabel('Service par défaut', { exact: true }).selectOption({ label: 'Affaires générales' });
    await page.getByRole('button', { name: 'Essayer la table sur les dossiers en cours' }).click();
    await page.getByRole('heading', { name: 'Résultat de l’essai' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer la table' }).click();
    await page.getByRole('status').filter({ hasText: 'Table enregistrée : version 1' }).waitFor();
  });

  it('is filed by a citizen on the portal, with the pièce', async () => {
    const page = await e.page();
    await e.signIn(page, CITIZEN);
    await page.goto(`${e.url}/demarches/${ID}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await fillRequest(page.locator('main'));
    await expectNoViolation(page);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('heading', { level: 2, name: /Pièces justificatives/ }).first().waitFor();
    const file = path.join(dir, 'carte-identite.pdf');
    await writeFile(file, await pdfBytes('Carte d’identité — Léa Martin'));
    await page.getByLabel('Pièce d’identité', { exact: true }).setInputFiles(file);
    await page.locator('.guichet-piece').filter({ hasText: 'Pièce d’identité' }).getByText('carte-identite.pdf').first().waitFor();
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('heading', { level: 2, name: /Récapitulatif/ }).first().waitFor();
    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    await page.waitForURL(/\/mes-dossiers\/[0-9a-f-]+$/);
    await page.getByRole('status').filter({ hasText: 'Votre demande a bien été déposée' }).waitFor();
    const id = page.url().split('/').pop()!;
    const filed = (await (await e.t.as(CITIZEN)).get(`/api/dossiers/${id}`)).body;
    expect(filed).toMatchObject({ demarche: { id: ID, version: 1 }, routing: { service: 'affaires-generales' } });
    dossier = { id, reference: filed.reference };
    await screenshot(page, 'conception-usager-depot');
  });

  it('is taken to its end by an agent of the service, and the citizen sees the outcome', async () => {
    const agent = await e.page();
    await e.signIn(agent, AGENT);
    await agent.goto(`${e.url}/agent`);
    await agent.getByRole('table', { name: /Dossiers à traiter/ }).getByRole('link', { name: dossier.reference }).click();
    await agent.getByRole('heading', { level: 1, name: `Dossier ${dossier.reference}` }).waitFor();
    await agent.getByRole('button', { name: 'Prendre le dossier' }).click();
    await agent.getByRole('status').getByText('Le dossier vous est attribué').waitFor();
    await act(agent, 'Vérifier la filiation');
    await act(agent, 'Accepter');
    await agent.getByText('Le dossier est clos : plus aucune action n’est possible.').waitFor();
    await screenshot(agent, 'conception-agent-clos');
    await expectNoViolation(agent);

    const citizen = await e.page();
    await e.signIn(citizen, CITIZEN);
    await citizen.goto(`${e.url}/mes-dossiers/${dossier.id}`);
    await citizen.getByText('Demande acceptée').first().waitFor();
    const final = (await (await e.t.as(CITIZEN)).get(`/api/dossiers/${dossier.id}`)).body;
    expect(final).toMatchObject({ status: 'clos' });
    expect(final.etat.states.map((s: { path: string }) => s.path)).toEqual(['acceptee']);
    await screenshot(citizen, 'conception-usager-acceptee');
    await expectNoViolation(citizen);
  });
});
