import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../runtime-api';
import { ATTESTATION, GARDE } from '../fixtures/formData';
import { E2E, attachPdf, expectNoViolation, pdfBytes, screenshot } from './support';

jest.setTimeout(180_000);

const CITIZEN = 'usager@demo.guichet.fr';
const AGENT = 'agent.affaires-generales@demo.guichet.fr';
const COPARENT = 'coparent@demo.guichet.fr';

const RECENSEMENT = {
  declarant: { qualite: 'jeune' },
  jeune: {
    nomNaissance: 'Martin', prenoms: 'Léa Marie', sexe: 'F', dateNaissance: '2010-03-02',
    lieuNaissance: { enFrance: true, commune: 'Tours', departement: '37' },
  },
  nationalite: { modeAcquisition: 'naissance' },
  adresse: { voie: '12 rue Nationale', codePostal: '37000', commune: 'Tours' },
  contact: { telephone: '06 12 34 56 78', courriel: 'lea.martin@example.fr' },
  parents: [{ nom: 'Martin', prenoms: 'Paul', dateNaissance: '1978-02-03' }, { nom: 'Durand', prenoms: 'Sophie' }],
  situation: { statut: 'scolarise', niveau: 'lycee', etablissement: 'Lycée Descartes' },
  declarationHonneur: true,
};

/** A small real PDF, written to a temporary file for the file picker. */
async function pdfFile(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, await pdfBytes(text));
  return file;
}

/** The ids an element's aria-describedby points to, and their texts. */
async function describedText(control: Locator): Promise<string> {
  return control.evaluate((element) => (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' | '));
}

/** Picks a radio as a person does: by clicking its label (the DSFR draws the radio over the input). */
async function choose(page: Page, group: string | RegExp, option: string): Promise<void> {
  const radio = page.getByRole('group', { name: group }).getByLabel(option, { exact: true });
  await page.locator(`label[for="${await radio.getAttribute('id')}"]`).click();
  expect(await radio.isChecked()).toBe(true);
}

async function stepTitle(page: Page): Promise<string> {
  return (await page.locator('.fr-stepper__title').textContent()) ?? '';
}

async function next(page: Page, expectedTitle: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Suivant' }).click();
  await page.getByRole('heading', { level: 2, name: expectedTitle }).first().waitFor();
}

describe('the citizen portal', () => {
  let e: E2E;
  let dir: string;
  beforeAll(async () => {
    e = await E2E.start();
    dir = await mkdtemp(path.join(tmpdir(), 'guichet-e2e-citoyen-'));
  });
  afterAll(async () => {
    await e?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lets a citizen file an attestation d’accueil from the catalogue, come back to a draft, send the pièces and follow the dossier', async () => {
    const page = await e.page();

    // The catalogue, before signing in.
    await page.goto(e.url);
    await page.getByRole('heading', { level: 1, name: 'Les démarches de votre mairie' }).waitFor();
    const card = page.locator('.fr-card').filter({ has: page.getByRole('heading', { name: 'Attestation d’accueil' }) });
    await expect(card.textContent()).resolves.toContain('Délai habituel : 1 mois');
    const titre = card.getByRole('listitem').filter({ hasText: 'Titre de propriété' });
    await expect(titre.textContent()).resolves.toContain('selon votre situation');
    const identite = card.getByRole('listitem').filter({ hasText: 'Pièce d’identité de l’hébergeant' });
    await expect(identite.textContent()).resolves.toContain('obligatoire');
    expect(await page.getByRole('heading', { level: 2, name: 'Citoyenneté' }).count()).toBe(1);
    await screenshot(page, 'citoyen-catalogue');
    await expectNoViolation(page);

    // « Faire la demande » asks to sign in first, then opens the form.
    await card.getByRole('link', { name: 'Faire la demande' }).click();
    await page.waitForURL(/\/connexion\?retour=/);
    await page.getByLabel('Adresse e-mail').fill(CITIZEN);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => u.pathname === '/demarches/attestation-accueil');
    await page.getByRole('heading', { level: 1, name: 'Attestation d’accueil' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Vous, l’hébergeant/ }).waitFor();
    await expectNoViolation(page);

    // Page 1: a wrong postcode is said in French as the citizen leaves the field, tied to it.
    await choose(page, 'Civilité', 'Madame');
    await page.getByLabel('Prénoms').fill('Camille');
    await page.getByLabel('Date de naissance').fill('1984-05-04');
    await page.getByLabel('Lieu de naissance').fill('Lyon, France');
    await page.getByLabel('Nationalité').fill('française');
    await page.getByLabel('Adresse électronique').fill('camille.martin@exemple.fr');
    await page.getByLabel('Numéro et voie').fill('3 rue de la Paix');
    const postcode = page.getByLabel('Code postal');
    await postcode.fill('9320');
    await page.getByLabel('Commune').fill('Saint-Denis');
    await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
    expect(await postcode.getAttribute('aria-invalid')).toBe('true');
    const postcodeError = await describedText(postcode);
    expect(postcodeError).toMatch(/format|code postal/i);
    await screenshot(page, 'citoyen-formulaire-erreur-code-postal');

    // The required « Nom de naissance » left empty: « Suivant » refuses, says so, and ties it to the field.
    await page.getByRole('button', { name: 'Suivant' }).click();
    const nom = page.getByLabel('Nom de naissance');
    await page.waitForFunction(() => document.getElementById('demarche_hebergeant_nom')?.getAttribute('aria-invalid') === 'true'
      || document.querySelector('input[aria-invalid="true"][id$="nom"]') !== null);
    expect(await nom.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(nom)).toMatch(/obligatoire|renseign/i);
    const summary = page.locator('.guichet-error-summary');
    await expect(summary.textContent()).resolves.toContain('Nom de naissance');
    expect(await stepTitle(page)).toContain('Étape 1 sur');
    await screenshot(page, 'citoyen-formulaire-erreurs');
    await expectNoViolation(page);

    await nom.fill('Martin');
    await postcode.fill('93200');
    await next(page, /Votre logement et vos ressources/);
    await expectNoViolation(page);

    // Page 2, then a draft: the address becomes the draft's.
    await choose(page, 'Vous êtes', 'Locataire du logement');
    await choose(page, 'Type de logement', 'Appartement');
    await page.getByLabel('Surface habitable (m²)').fill('62');
    await page.getByLabel('Nombre de pièces principales').fill('3');
    await page.getByLabel('Nombre de personnes qui vivent déjà dans le logement').fill('2');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForURL(/\/demarches\/attestation-accueil\/brouillons\/[0-9a-f-]+$/);
    await page.getByText(/Brouillon enregistré le/).waitFor();
    const draftUrl = page.url();
    const draftId = draftUrl.split('/').pop()!;
    await screenshot(page, 'citoyen-formulaire-logement-brouillon');

    // The citizen leaves, and comes back from « Mes dossiers ».
    await page.goto(`${e.url}/`);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes dossiers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes dossiers' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /À terminer/ }).waitFor();
    await screenshot(page, 'citoyen-mes-dossiers-brouillon');
    await expectNoViolation(page);
    await page.getByRole('link', { name: /Attestation d’accueil : reprendre le brouillon/ }).click();
    await page.waitForURL(draftUrl);
    await page.getByRole('heading', { level: 2, name: /Votre logement et vos ressources/ }).waitFor();
    expect(await page.getByLabel('Surface habitable (m²)').inputValue()).toBe('62');
    expect(await page.getByRole('group', { name: 'Vous êtes' }).getByLabel('Locataire du logement').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Précédent' }).click();
    await page.getByRole('heading', { level: 2, name: /Vous, l’hébergeant/ }).waitFor();
    expect(await page.getByLabel('Nom de naissance').inputValue()).toBe('Martin');
    expect(await page.getByLabel('Code postal').inputValue()).toBe('93200');
    await next(page, /Votre logement et vos ressources/);

    await choose(page, 'Nature principale de vos ressources', 'Salaire');
    await page.getByLabel('Montant mensuel net de vos ressources (€)').fill('2450');
    await next(page, /La personne que vous accueillez/);
    await expectNoViolation(page);

    // Page 3: the visitor.
    await choose(page, 'Civilité', 'Monsieur');
    await page.getByLabel('Nom', { exact: true }).fill('Diallo');
    await page.getByLabel('Prénoms').fill('Amadou');
    await page.getByLabel('Date de naissance').fill('1979-11-20');
    await page.getByLabel('Lieu de naissance').fill('Dakar, Sénégal');
    await page.getByLabel('Nationalité').fill('sénégalaise');
    await page.getByLabel('Numéro de passeport').fill('A01234567');
    await page.getByLabel('Adresse', { exact: true }).fill('12 avenue Cheikh Anta Diop');
    await page.getByLabel('Ville').fill('Dakar');
    await page.getByLabel('Pays').fill('Sénégal');
    await next(page, /Le séjour/);
    await expectNoViolation(page);

    // Page 4: the stay.
    await page.getByLabel('Date d’arrivée').fill('2026-05-02');
    await page.getByLabel('Date de départ').fill('2026-06-14');
    await page.getByLabel('Lien avec le visiteur').selectOption({ label: 'Frère ou sœur' });
    await choose(page, /prendre en charge les frais de séjour/, 'Oui');
    await choose(page, 'Qui souscrit l’assurance ?', 'Moi, l’hébergeant');
    await page.getByText(/Je certifie sur l’honneur/).click();
    expect(await page.getByLabel(/Je certifie sur l’honneur/).isChecked()).toBe(true);
    await screenshot(page, 'citoyen-formulaire-sejour');
    await next(page, /Pièces justificatives/);

    // The pièces: each PDF goes to the draft, with its progress shown.
    await expectNoViolation(page);
    expect(await page.getByLabel('Titre de propriété').count()).toBe(0);
    await page.route('**/api/dossiers/*/documents', async (route) => {
      if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    const pieces: [string, string][] = [
      ['Pièce d’identité de l’hébergeant', 'carte-identite.pdf'],
      ['Justificatif de domicile', 'facture-electricite.pdf'],
      ['Bail de location', 'bail.pdf'],
      ['Justificatifs de ressources', 'bulletins-salaire.pdf'],
      ['Timbre fiscal', 'timbre-fiscal.pdf'],
    ];
    for (const [label, name] of pieces) {
      const input = page.getByLabel(label, { exact: true });
      await input.setInputFiles(await pdfFile(dir, name, `${label} — Camille Martin`));
      await page.getByRole('progressbar', { name: new RegExp(name.replace('.', '\\.')) }).waitFor();
      if (label === 'Pièce d’identité de l’hébergeant') await screenshot(page, 'citoyen-pieces-envoi-en-cours');
      await page.getByRole('progressbar').waitFor({ state: 'detached' });
      await page.locator('.guichet-piece').filter({ hasText: label }).getByText(name).first().waitFor();
    }
    await page.unroute('**/api/dossiers/*/documents');
    const listed = await page.request.get(`${e.url}/api/dossiers/${draftId}/documents`);
    expect(((await listed.json()) as { documents: { piece: string }[] }).documents.map((d) => d.piece).sort())
      .toEqual(['bail', 'justificatif_domicile', 'justificatif_ressources', 'piece_identite_hebergeant', 'timbre_fiscal']);
    await screenshot(page, 'citoyen-pieces');
    await expectNoViolation(page);

    // The summary, then the submission.
    await next(page, /Récapitulatif/);
    const recap = page.locator('.guichet-recap');
    await expect(recap.textContent()).resolves.toContain('Diallo');
    await expect(recap.textContent()).resolves.toContain('bail.pdf');
    await expect(recap.textContent()).resolves.toContain('Frère ou sœur');
    await screenshot(page, 'citoyen-recapitulatif');
    await expectNoViolation(page);

    // A refusal of the server (422) is shown on its field, on its page.
    const refusal = 'Ce numéro de passeport figure déjà sur une autre demande en cours : vérifiez-le.';
    await page.route('**/api/dossiers/*/submit', (route) => route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'urn:guichet:probleme:formulaire-invalide', title: 'Formulaire invalide', status: 422, instance: `/api/dossiers/${draftId}/submit`,
        detail: 'Le formulaire contient 1 erreur : corrigez les champs signalés.',
        errors: [{ pointer: '/visiteur/numeroPasseport', field: 'Numéro de passeport', message: refusal }],
      }),
    }));
    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    await page.getByRole('heading', { level: 2, name: /La personne que vous accueillez/ }).waitFor();
    const passport = page.getByLabel('Numéro de passeport');
    await page.waitForFunction(() => document.querySelector('input[aria-invalid="true"][id*="numeroPasseport"]') !== null);
    expect(await describedText(passport)).toContain(refusal);
    await expect(page.locator('.guichet-error-summary').textContent()).resolves.toContain(refusal);
    await screenshot(page, 'citoyen-erreur-serveur');
    await expectNoViolation(page);
    await page.unroute('**/api/dossiers/*/submit');
    await passport.fill('A01234568');
    await page.getByRole('button', { name: 'Revenir au récapitulatif' }).click();
    await page.getByRole('heading', { level: 2, name: /Récapitulatif/ }).waitFor();
    await page.getByRole('button', { name: 'Déposer ma demande' }).click();

    await page.waitForURL(`${e.url}/mes-dossiers/${draftId}`);
    const confirmation = page.getByRole('status').filter({ hasText: 'Votre demande a bien été déposée' });
    await confirmation.waitFor();
    const reference = /AA-\d{4}-[A-Z0-9]+/.exec((await confirmation.textContent()) ?? '')?.[0];
    expect(reference).toBeDefined();
    await page.getByText('Demande reçue, en cours de vérification').first().waitFor();
    await page.getByText(/au plus tard le 2 avril 2026/).waitFor();
    await page.getByText(/Demande déposée/).waitFor();
    await screenshot(page, 'citoyen-dossier-depose');
    await expectNoViolation(page);

    // An agent asks for a missing pièce (and sends the letter).
    const agent = await e.t.as(AGENT);
    const asked = await agent.post(`/api/dossiers/${draftId}/events`, {
      type: 'demander_pieces',
      payload: { pieces: ['attestation_assurance'], precisions: 'Merci de joindre l’attestation d’assurance médicale du visiteur.' },
    });
    expect(asked.status).toBe(200);
    const letters = await agent.get(`/api/dossiers/${draftId}/letters`);
    for (const letter of letters.body.letters as { id: string; status: string }[]) {
      if (letter.status === 'a_verifier') expect((await agent.post(`/api/letters/${letter.id}/send`)).status).toBe(200);
    }

    // « Mes dossiers » shows what is expected, highlighted.
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes dossiers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes dossiers' }).waitFor();
    const item = page.locator('.fr-card').filter({ hasText: reference! });
    await item.getByText('Pièces à fournir').first().waitFor();
    await expect(item.textContent()).resolves.toContain('À faire de votre côté');
    await expect(item.textContent()).resolves.toContain('Attestation d’assurance médicale du visiteur');
    await expect(item.textContent()).resolves.toContain('Dernière mise à jour le');
    await screenshot(page, 'citoyen-mes-dossiers');
    await expectNoViolation(page);

    // The dossier: what is expected, the letter, the history; the citizen uploads the pièce there.
    await item.getByRole('link').first().click();
    await page.waitForURL(`${e.url}/mes-dossiers/${draftId}`);
    const expected = page.locator('.fr-callout');
    await expected.getByRole('heading', { name: 'Ce que la mairie attend de vous' }).waitFor();
    await expect(expected.textContent()).resolves.toContain('Déposez dans votre dossier les pièces demandées');
    await page.getByRole('button', { name: /pièces manquantes/ }).click();
    await page.getByText('Merci de joindre l’attestation d’assurance médicale du visiteur.').waitFor();
    const history = page.locator('.guichet-history');
    await expect(history.textContent()).resolves.toContain('Pièces à fournir');
    await expect(history.textContent()).resolves.not.toMatch(/Julien|Moreau/);
    await page.getByText(/délai suspendu/).waitFor();
    await screenshot(page, 'citoyen-dossier-pieces-demandees');
    await expectNoViolation(page);

    await expected.getByLabel('Attestation d’assurance médicale du visiteur').setInputFiles(await pdfFile(dir, 'assurance.pdf', 'Assurance voyage'));
    await page.getByRole('status').filter({ hasText: 'Pièce reçue : Attestation d’assurance médicale du visiteur.' }).waitFor();
    await page.locator('.fr-badge').filter({ hasText: 'Demande reçue, en cours de vérification' }).waitFor();
    expect(await page.locator('.fr-callout').filter({ hasText: 'Ce que la mairie attend de vous' }).count()).toBe(0);
    await expect(history.textContent()).resolves.toContain('Pièces déposées : Attestation d’assurance médicale du visiteur');
    await page.getByRole('link', { name: /Télécharger assurance\.pdf/ }).waitFor();
    await screenshot(page, 'citoyen-dossier-piece-deposee');
    await expectNoViolation(page);
  });

  it('lets the other parent of a garde alternée contest it from the dossier page, with the form checked in French and a confirmation', async () => {
    const usager = await e.t.as(CITIZEN);
    const filed = await usager.post('/api/dossiers', { demarche: 'garde-alternee', data: GARDE });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;

    const page = await e.page();
    await e.signIn(page, COPARENT);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes dossiers' }).click();
    const item = page.locator('.fr-card').filter({ hasText: filed.body.reference });
    await item.waitFor();
    await item.getByRole('link').first().click();
    await page.waitForURL(`${e.url}/mes-dossiers/${id}`);
    await page.getByRole('heading', { level: 1, name: /Garde alternée/ }).waitFor();
    await page.getByRole('button', { name: 'Confirmer la garde alternée' }).waitFor();
    await screenshot(page, 'citoyen-autre-parent-dossier');
    await expectNoViolation(page);

    // Contesting asks for a motif: too short, it is refused in French, tied to the field.
    await page.getByRole('button', { name: 'Contester la demande' }).click();
    const motif = page.getByLabel('Motif de la contestation');
    await motif.fill('Non.');
    await page.locator('.guichet-panel').getByRole('button', { name: 'Contester la demande' }).click();
    await page.waitForFunction(() => document.querySelector('.guichet-panel textarea[aria-invalid="true"]') !== null);
    expect(await describedText(motif)).toMatch(/caractères/);
    await screenshot(page, 'citoyen-autre-parent-contestation-erreur');
    await expectNoViolation(page);
    await motif.fill('Le calendrier proposé ne correspond pas au jugement : les semaines paires sont chez moi.');
    await page.locator('.guichet-panel').getByRole('button', { name: 'Contester la demande' }).click();

    // The irreversible decision is confirmed in a dialog first.
    const dialog = page.getByRole('dialog', { name: 'Contester la demande' });
    await dialog.waitFor();
    await screenshot(page, 'citoyen-autre-parent-confirmation');
    await expectNoViolation(page);
    await dialog.getByRole('button', { name: /^Oui/ }).click();
    await page.getByRole('status').filter({ hasText: 'C’est fait : « Contester la demande ».' }).waitFor();
    expect(await page.getByRole('button', { name: 'Confirmer la garde alternée' }).count()).toBe(0);
    const history = page.locator('.guichet-history');
    await expect(history.textContent()).resolves.toContain('Par vous');
    const after = await usager.get(`/api/dossiers/${id}/history`);
    expect((after.body.history as { event: string; role: string }[]).at(-1)).toMatchObject({ event: 'contester_garde', role: 'coparent' });
    await screenshot(page, 'citoyen-autre-parent-conteste');
  });

  it('lets a citizen withdraw a request, with a reason and after confirming', async () => {
    const usager = await e.t.as(CITIZEN);
    const filed = await usager.post('/api/dossiers', { demarche: 'attestation-accueil', data: ATTESTATION });
    expect(filed.status).toBe(201);
    const page = await e.page();
    await e.signIn(page, CITIZEN);
    await page.goto(`${e.url}/mes-dossiers/${filed.body.id}`);
    await page.getByRole('heading', { name: 'Ce que vous pouvez faire' }).waitFor();
    await page.getByRole('button', { name: 'Retirer ma demande' }).click();
    await page.getByLabel(/Raison/).fill('Mon frère a annulé son voyage.');
    await page.locator('.guichet-panel').getByRole('button', { name: 'Retirer ma demande' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retirer ma demande' });
    await dialog.getByText(/Retirer définitivement votre demande/).waitFor();
    // « Annuler » changes nothing.
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await usager.get(`/api/dossiers/${filed.body.id}`)).body.status).toBe('en_cours');
    await page.locator('.guichet-panel').getByRole('button', { name: 'Retirer ma demande' }).click();
    await dialog.getByRole('button', { name: /^Oui/ }).click();
    await page.getByRole('status').filter({ hasText: 'C’est fait' }).waitFor();
    const closed = await usager.get(`/api/dossiers/${filed.body.id}`);
    expect(closed.body.status).toBe('clos');
    expect(closed.body.instruction.raisonRetrait).toBe('Mon frère a annulé son voyage.');
    await page.locator('.fr-badge').filter({ hasText: closed.body.etat.citizenStatus }).waitFor();
    expect(await page.getByRole('button', { name: 'Retirer ma demande' }).count()).toBe(0);
    await screenshot(page, 'citoyen-demande-retiree');
    await expectNoViolation(page);
  });

  it('offers the certificate the mairie issued for download, again and again', async () => {
    const usager = await e.t.as(CITIZEN);
    const draft = await usager.post('/api/dossiers', { demarche: 'recensement-citoyen', data: RECENSEMENT, draft: true });
    for (const piece of ['piece_identite_jeune', 'livret_famille']) {
      expect((await attachPdf(usager, draft.body.id, piece)).status).toBe(201);
    }
    expect((await usager.post(`/api/dossiers/${draft.body.id}/submit`)).status).toBe(200);
    const agent = await e.t.as('agent.affaires-militaires@demo.guichet.fr');
    const validated = await agent.post(`/api/dossiers/${draft.body.id}/events`, { type: 'valider', payload: {} });
    expect(validated.status).toBe(200);
    await e.t.advanceTo(new Date(e.t.clock.now().getTime() + 60_000).toISOString());

    const page = await e.page();
    await e.signIn(page, CITIZEN);
    await page.goto(`${e.url}/mes-dossiers/${draft.body.id}`);
    await page.getByRole('heading', { level: 3, name: 'Délivrés par la mairie' }).waitFor();
    const link = page.locator('a.fr-link--download').first();
    const href = await link.getAttribute('href');
    expect(await link.textContent()).toMatch(/Télécharger attestation-recensement-RC-\d{4}-\w+\.pdf/);
    // The certificate may be downloaded again whenever it is needed (it is never cached).
    for (let i = 0; i < 2; i++) {
      const download = await page.request.get(`${e.url}${href}`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toContain('pdf');
      expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await screenshot(page, 'citoyen-attestation-delivree');
    await expectNoViolation(page);
  });

  it('keeps the form page light: the JavaScript it loads weighs less than 300 kB gzipped', async () => {
    const page = await e.page();
    await e.signIn(page, CITIZEN);
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      const request = response.request();
      if (request.resourceType() !== 'script' && !response.url().endsWith('.js')) return;
      try {
        scripts.set(response.url(), gzipSync(await response.body()).length);
      } catch {
        // A response without body (redirect): nothing downloaded.
      }
    });
    await page.goto(`${e.url}/demarches/attestation-accueil`);
    await page.getByRole('heading', { level: 2, name: /Vous, l’hébergeant/ }).waitFor();
    await page.waitForLoadState('networkidle');
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    const detail = [...scripts.entries()].map(([url, size]) => `  ${new URL(url).pathname} : ${(size / 1024).toFixed(1)} ko`).join('\n');
    process.stdout.write(`JavaScript de la page du formulaire : ${(total / 1024).toFixed(1)} ko gzip (${scripts.size} fichiers)\n${detail}\n`);
    expect(scripts.size).toBeGreaterThan(0);
    expect(total).toBeLessThan(300 * 1024);
  });
});
