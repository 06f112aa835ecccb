import type { Page } from 'playwright-core';
import { describe as describeDossier, playSimulation } from '../../engine';
import { DEMARCHES } from '../../definitions';
import { E2E, accessibilityViolations, describeViolations, screenshot } from './support';

jest.setTimeout(120_000);

/** Goes through the form's pages up to the recap, then files. */
async function fileForm(page: Page): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if (await page.getByRole('heading', { name: /Récapitulatif/ }).count()) break;
    await page.getByRole('button', { name: 'Suivant' }).click();
  }
  await page.getByRole('button', { name: 'Déposer', exact: true }).click();
}

describe('the designer’s simulator', () => {
  let e: E2E;
  beforeAll(async () => { e = await E2E.start(); });
  afterAll(() => e?.stop());

  it('files the passport form, acts as each role, sees a refusal, moves time, records a scenario that passes, renames and deletes it', async () => {
    const page = await e.page();
    await e.signIn(page, 'procedures@demo.guichet.fr');
    await page.goto(`${e.url}/conception/passeport-urgence`);
    await page.getByRole('tab', { name: 'Essayer' }).click();
    await page.getByRole('heading', { level: 2, name: 'Simulateur' }).waitFor();

    // The shipped scenarios are played at once and pass.
    const scenarios = page.locator('.guichet-scenarios');
    await scenarios.getByText('Les 5 scénarios réussissent.').waitFor();

    // The citizen's answers of a shipped scenario, then the form's pages up to « Déposer ».
    await page.getByLabel('Reprendre les réponses d’un scénario').selectOption({ label: 'Urgence validée, recueil en mairie, passeport produit par le CERT et remis' });
    await page.getByRole('button', { name: 'Reprendre ces réponses' }).click();
    expect(await page.getByLabel('Date et heure du dépôt').inputValue()).toBe('2026-06-01T10:00');
    expect(await page.getByRole('checkbox', { name: /Justificatif de l’urgence/ }).isChecked()).toBe(true);
    await fileForm(page);
    await page.getByRole('status').getByText(/Dossier déposé le 1er juin 2026 à 10 h 00 : il est à l’étape « Validation de l’urgence »/).waitFor();
    await page.getByText('Nous sommes le 1er juin 2026 à 10 h 00.').waitFor();
    // The filing's acknowledgement is listed among the effects.
    await page.getByRole('cell', { name: 'Notification « Accusé de réception de la demande » à Usager' }).waitFor();

    // The state expects the head of service: the role is chosen for us.
    const role = page.getByLabel('Agir en tant que');
    expect(await role.inputValue()).toBe('responsable');

    // An agent may not validate the urgency: the engine refuses, in French.
    await role.selectOption({ label: 'Agent titres sécurisés' });
    await page.getByText('Aucune action n’est offerte à « Agent titres sécurisés » à cette étape.').waitFor();
    await page.getByText('Essayer une autre action').click();
    await page.getByLabel('Action à essayer').selectOption({ label: 'Valider l’urgence' });
    await page.getByRole('button', { name: 'Essayer cette action' }).click();
    await page.getByRole('button', { name: 'Envoyer en tant que Agent titres sécurisés' }).click();
    await page.getByRole('alert').getByText('Ce rôle n’a pas le droit de faire cette action').waitFor();

    // The head of service validates it, with an observation.
    await role.selectOption({ label: 'Responsable du service' });
    await page.getByRole('button', { name: 'Valider l’urgence' }).click();
    await page.getByLabel(/Observation/).fill('Ordre de mission conforme.');
    await page.getByRole('button', { name: 'Envoyer en tant que Responsable du service' }).click();
    await page.getByRole('status').getByText(/« Valider l’urgence » par « Responsable du service » : le dossier est maintenant à l’étape « Rendez-vous de recueil à fixer »/).waitFor();
    await page.getByRole('cell', { name: /Notification « .+ » à Usager/ }).nth(1).waitFor();
    expect(await page.getByRole('cell', { name: 'Orientation du dossier par les tables de routage' }).count()).toBe(1);
    // The new step expects the front desk or an agent: the front desk acts next.
    expect(await role.inputValue()).toBe('accueil');
    await page.getByRole('button', { name: 'Fixer le rendez-vous' }).waitFor();
    await screenshot(page, 'simulateur-urgence-validee');
    expect(describeViolations(await accessibilityViolations(page))).toBe('');

    // Two days pass: nothing is due.
    await page.getByLabel('Durée').fill('2');
    await page.getByLabel('Unité').selectOption('jours');
    await page.getByRole('button', { name: 'Avancer le temps' }).click();
    await page.getByRole('status').getByText(/Le temps a avancé de 2 jours, jusqu’au 3 juin 2026 à 10 h 00 : rien ne s’est déclenché/).waitFor();

    // « Annuler la dernière étape » takes the two days back.
    await page.getByRole('button', { name: 'Annuler la dernière étape' }).click();
    await page.getByText('Nous sommes le 1er juin 2026 à 10 h 00.').waitFor();

    // Kept as a scenario: it is played with the others and passes.
    await page.getByLabel('Nom du scénario').fill('Essai dans le navigateur');
    await page.getByRole('button', { name: 'Enregistrer comme scénario' }).click();
    await page.getByText('Le scénario « Essai dans le navigateur » est enregistré avec la démarche.').waitFor();
    await scenarios.getByText('Les 6 scénarios réussissent.').waitFor();
    const item = scenarios.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Essai dans le navigateur' }) });
    await item.getByText('Réussi').waitFor();
    await item.getByText('identifiant').getByText('essai-dans-le-navigateur').waitFor();

    // Renamed, then deleted.
    await item.getByRole('button', { name: 'Renommer le scénario « Essai dans le navigateur »' }).click();
    await page.getByLabel('Nouveau nom du scénario « Essai dans le navigateur »').fill('Urgence validée, refus à l’agent');
    await page.getByRole('button', { name: 'Renommer', exact: true }).click();
    await scenarios.getByRole('heading', { name: 'Urgence validée, refus à l’agent' }).waitFor();
    await scenarios.getByRole('button', { name: 'Supprimer le scénario « Urgence validée, refus à l’agent »' }).click();
    await scenarios.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await scenarios.getByText('Les 5 scénarios réussissent.').waitFor();
    expect(await scenarios.getByRole('heading', { name: 'Urgence validée, refus à l’agent' }).count()).toBe(0);
    expect(describeViolations(await accessibilityViolations(page))).toBe('');

    // « Recommencer »: the form again, with the answers given.
    await page.getByRole('button', { name: 'Recommencer' }).click();
    await page.getByRole('heading', { name: 'Dépôt du dossier' }).waitFor();
    expect(await page.getByLabel('Date et heure du dépôt').inputValue()).toBe('2026-06-01T10:00');
  });

  it('goes to the next timer and fires it, on a workflow with parallel states', async () => {
    // What the engine says happens, for the page to show it: the answers of the first scenario, filed, then the first timer.
    const garde = DEMARCHES['garde-alternee'];
    const shipped = garde.scenarios![0];
    const played = playSimulation(garde, shipped.start, []);
    if (!('simulation' in played)) throw new Error(played.message);
    const timer = [...played.simulation.timers.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    const armed = played.simulation.timers.size;
    const fired = played.simulation.advanceTo(timer.dueAt)[0];
    const after = describeDossier(garde, fired.snapshot, timer.dueAt).states.map((s) => s.label);

    const page = await e.page();
    await e.signIn(page, 'procedures@demo.guichet.fr');
    await page.goto(`${e.url}/conception/garde-alternee`);
    await page.getByRole('tab', { name: 'Essayer' }).click();
    await page.getByLabel('Reprendre les réponses d’un scénario').selectOption({ label: shipped.title });
    await page.getByRole('button', { name: 'Reprendre ces réponses' }).click();
    await fileForm(page);
    await page.getByRole('status').getByText(/Dossier déposé/).waitFor();
    await page.getByRole('heading', { name: 'Étapes en cours' }).waitFor();

    const timers = page.getByRole('table', { name: 'Minuteurs armés' });
    expect(await timers.getByRole('row').count()).toBe(1 + armed);
    await page.getByRole('button', { name: 'Aller au prochain minuteur' }).click();
    await page.getByRole('status').getByText(`Le temps a avancé de 15 jours, jusqu’au 17 mars 2026 à 10 h 00 : ${fired.history.label}.`, { exact: false }).waitFor();
    for (const label of after) await page.locator('.guichet-simulator__states').getByText(label, { exact: true }).waitFor();
    await page.getByRole('list').getByText(fired.history.label).first().waitFor();
    await screenshot(page, 'simulateur-minuteur');
    expect(describeViolations(await accessibilityViolations(page))).toBe('');
  });
});
