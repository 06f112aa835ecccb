import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Client } from '../api/support';
import { ATTESTATION } from '../fixtures/formData';
import { E2E, attachPdf, expectNoViolation, pdfBytes, screenshot } from './support';

jest.setTimeout(240_000);

const CITIZEN = 'usager@demo.guichet.fr';
const AGENT = 'agent.affaires-generales@demo.guichet.fr';
const ELU = 'elu@demo.guichet.fr';
const MANAGER = 'manager@demo.guichet.fr';

/** Sends the action `label` from the agent's dossier page, through its dialog when it has one. */
async function act(page: Page, label: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  if (fill) {
    await dialog.waitFor();
    await fill(dialog);
    await dialog.getByRole('button', { name: /^(Continuer|Confirmer)/ }).or(dialog.getByRole('button', { name: label, exact: true })).first().click();
  }
  const confirm = dialog.getByRole('button', { name: /^Confirmer/ });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await page.getByRole('status').getByText(/Le dossier est maintenant à l’étape|Le dossier est clos/).first().waitFor();
}

/**
 * The whole life of an attestation d'accueil, each person on their own screen: the citizen
 * (whose filing through the form is covered step by step in citizen.test.ts) follows the dossier,
 * the agent takes it and asks for a missing pièce, the citizen adds it, the agent proposes it for
 * signature, the élu signs, the agent hands it over; then a manager reads the counts.
 */
describe('a dossier from the front desk to the hand-over, on everyone’s screen', () => {
  let e: E2E;
  let dir: string;
  let usager: Client;
  let dossier: { id: string; reference: string };

  beforeAll(async () => {
    e = await E2E.start();
    dir = await mkdtemp(path.join(tmpdir(), 'guichet-e2e-parcours-'));
    usager = await e.t.as(CITIZEN);
    const draft = await usager.post('/api/dossiers', { demarche: 'attestation-accueil', data: ATTESTATION, draft: true });
    expect(draft.status).toBe(201);
    for (const piece of ['piece_identite_hebergeant', 'justificatif_domicile', 'bail', 'justificatif_ressources', 'timbre_fiscal']) {
      expect((await attachPdf(usager, draft.body.id, piece)).status).toBe(201);
    }
    const submitted = await usager.post(`/api/dossiers/${draft.body.id}/submit`);
    expect(submitted.status).toBe(200);
    dossier = { id: draft.body.id, reference: submitted.body.reference ?? draft.body.reference };
  });

  afterAll(async () => {
    await e?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('goes through the agent, the citizen, the élu and back to the agent, and the dashboard counts it', async () => {
    const citizen = await e.page();
    const agent = await e.page();
    const elu = await e.page();
    const manager = await e.page();
    await e.signIn(citizen, CITIZEN);
    await e.signIn(agent, AGENT);
    await e.signIn(elu, ELU);
    await e.signIn(manager, MANAGER);

    // The citizen follows the dossier: received, being checked.
    await citizen.goto(`${e.url}/mes-dossiers/${dossier.id}`);
    await citizen.getByText('Demande reçue, en cours de vérification').first().waitFor();

    // The agent finds it in the inbox and takes it.
    await agent.goto(`${e.url}/agent`);
    const inbox = agent.getByRole('table', { name: /Dossiers à traiter/ });
    await inbox.getByRole('link', { name: dossier.reference }).click();
    await agent.getByRole('heading', { level: 1, name: `Dossier ${dossier.reference}` }).waitFor();
    await agent.getByRole('button', { name: 'Prendre le dossier' }).click();
    await agent.getByRole('status').getByText('Le dossier vous est attribué').waitFor();

    // A missing pièce: the agent asks for it, with a precision the citizen will read.
    await act(agent, 'Demander des pièces', async (dialog) => {
      await dialog.getByLabel('Attestation d’assurance médicale du visiteur').check({ force: true });
      await dialog.getByLabel(/^Précisions/).fill('Merci de joindre l’attestation d’assurance médicale du visiteur, valable pendant tout le séjour.');
    });
    await screenshot(agent, 'parcours-agent-pieces-demandees');
    await expectNoViolation(agent);

    // The letter that goes with it is checked, then sent.
    await agent.goto(`${e.url}/agent/courriers`);
    const letters = agent.getByRole('table', { name: /Courriers à vérifier/ });
    await letters.getByRole('row').filter({ hasText: dossier.reference }).getByRole('button', { name: /Vérifier/ }).click();
    const letter = agent.getByRole('dialog', { name: /Vérifier le courrier/ });
    expect(await letter.getByLabel('Texte du courrier').inputValue()).toContain('valable pendant tout le séjour');
    await letter.getByRole('button', { name: 'Envoyer le courrier' }).click();
    await agent.getByRole('status').getByText(/est envoyé/).waitFor();

    // The citizen sees what is expected, and adds the pièce from the dossier's page.
    await citizen.reload();
    const expected = citizen.locator('.fr-callout');
    await expected.getByRole('heading', { name: 'Ce que la mairie attend de vous' }).waitFor();
    await citizen.getByRole('button', { name: /pièces manquantes/ }).click();
    await citizen.getByText(/valable pendant tout le séjour/).first().waitFor();
    const insurance = path.join(dir, 'assurance.pdf');
    await writeFile(insurance, await pdfBytes('Assurance voyage — Amadou Diallo'));
    await expected.getByLabel('Attestation d’assurance médicale du visiteur').setInputFiles(insurance);
    await citizen.getByRole('status').filter({ hasText: 'Pièce reçue : Attestation d’assurance médicale du visiteur.' }).waitFor();
    await screenshot(citizen, 'parcours-usager-piece-ajoutee');

    // Back with the agent: the pièce is there, the dossier is complete, proposed for signature.
    await agent.goto(`${e.url}/agent/dossiers/${dossier.id}`);
    await agent.getByRole('tab', { name: /Pièces/ }).click();
    await agent.getByRole('table', { name: 'Documents du dossier' }).getByRole('cell', { name: /^assurance\.pdf/ }).waitFor();
    await act(agent, 'Déclarer le dossier complet');
    await act(agent, 'Proposer à la signature', async (dialog) => {
      await dialog.getByRole('group', { name: /Avis de l’instructeur/ }).getByText('Favorable à la validation').click();
    });

    // The élu finds it among the dossiers to sign, and signs.
    await elu.goto(`${e.url}/agent`);
    await elu.getByRole('table', { name: /Dossiers à traiter/ }).getByRole('link', { name: dossier.reference }).click();
    await elu.getByRole('heading', { level: 1, name: `Dossier ${dossier.reference}` }).waitFor();
    await act(elu, 'Valider et signer l’attestation');
    await screenshot(elu, 'parcours-elu-signee');
    await expectNoViolation(elu);

    // The agent hands it over to the citizen, who sees the dossier closed with its attestation.
    await agent.reload();
    await act(agent, 'Remettre l’attestation à l’hébergeant');
    await agent.getByText('Le dossier est clos : plus aucune action n’est possible.').waitFor();
    const final = await usager.get(`/api/dossiers/${dossier.id}`);
    expect(final.body).toMatchObject({ status: 'clos' });
    expect(final.body.etat.states.map((s: { path: string }) => s.path)).toEqual(['remise']);

    await citizen.reload();
    await citizen.locator('.fr-badge').first().waitFor();
    const badge = (await citizen.locator('.fr-badge').first().textContent()) ?? '';
    expect(badge).toMatch(/remise|délivrée/i);
    await screenshot(citizen, 'parcours-usager-remise');
    await expectNoViolation(citizen);

    // The manager's dashboard counts it: one filed, one closed, none open. The browser lives on the
    // server's (manual) clock, so that « the last 30 days » include the dossier.
    await manager.clock.setFixedTime(new Date('2026-03-02T12:00:00Z'));
    await manager.goto(`${e.url}/pilotage`);
    const kpis = manager.getByRole('list', { name: 'Indicateurs clés' });
    await kpis.waitFor();
    const tile = (label: string) => kpis.getByRole('listitem').filter({ hasText: label }).locator('.fr-tile__title').textContent();
    expect(await tile('Dossiers déposés')).toBe('1');
    expect(await tile('Dossiers en cours')).toBe('0');
    expect(await tile('Dossiers clos')).toBe('1');
    const volumes = manager.getByRole('table', { name: /Volumes par démarche/ });
    expect(await volumes.getByRole('row').filter({ hasText: 'Attestation d’accueil' }).textContent()).toContain('1');
    const closed = manager.getByRole('table', { name: /Dossiers clos sur la période/ });
    await closed.getByRole('row').filter({ hasText: 'Attestation d’accueil' }).waitFor();
    await screenshot(manager, 'parcours-pilotage');
    await expectNoViolation(manager);
  });
});
