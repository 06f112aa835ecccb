import type { Locator, Page } from 'playwright-core';
import type { Client } from '../api/support';
import { passeport, recensement } from '../api/samples';
import { E2E, expectNoViolation, pdfBytes, screenshot } from './support';

jest.setTimeout(120_000);

/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

interface Filed {
  id: string;
  reference: string;
  version: number;
}

/** The text of what a control's aria-describedby points at: its hint and its error. */
async function describedBy(control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => control.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('the agent’s workspace', () => {
  let e: E2E;
  let usager: Client;
  let responsable: Client;
  let ordre: Buffer;
  // The clock of the server stands at 2 March 2026, 10:00 in Paris.
  let urgent: Filed; // departure in 4 days: « urgente », queue « validation »
  let soon: Filed; // departure in 18 days: « haute », queue « validation »
  let normal: Filed; // moved to the normal track: queue « instruction »
  let raced: Filed; // changed through the API while a page shows it
  let bare: Filed; // no pièce yet: the urgency cannot be validated

  async function file(dateDepart: string, pieces = true): Promise<Filed> {
    const reply = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport(dateDepart) });
    expect(reply.status).toBe(201);
    if (pieces) {
      await attach(usager, reply.body.id, 'justificatif_urgence', 'ordre-de-mission.pdf', 'application/pdf', ordre);
      await attach(usager, reply.body.id, 'photo_identite', 'photo.png', 'image/png', PNG);
    }
    const now = await usager.get(`/api/dossiers/${reply.body.id}`);
    return { id: now.body.id, reference: now.body.reference, version: now.body.version };
  }

  async function attach(client: Client, id: string, piece: string, name: string, type: string, bytes: Buffer): Promise<void> {
    const form = new FormData();
    form.append('piece', piece);
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const reply = await client.request('POST', `/api/dossiers/${id}/documents`, { body: form });
    expect(reply.status).toBe(201);
  }

  async function send(client: Client, id: string, type: string, payload: Record<string, unknown> = {}): Promise<void> {
    const reply = await client.post(`/api/dossiers/${id}/events`, { type, payload });
    expect(reply.status).toBe(200);
  }

  /** A browser page whose clock shows the server's (manual) time, so that « reste 1 jour » agrees on both sides. */
  async function open(): Promise<Page> {
    const page = await e.page();
    await page.clock.setFixedTime(e.t.clock.now());
    return page;
  }

  beforeAll(async () => {
    e = await E2E.start();
    usager = await e.t.as('usager@demo.guichet.fr');
    responsable = await e.t.as('responsable@demo.guichet.fr');
    ordre = Buffer.from(await pdfBytes('Ordre de mission'));
    urgent = await file('2026-03-06');
    soon = await file('2026-03-20');
    normal = await file('2026-03-25', false);
    await send(responsable, normal.id, 'passer_voie_normale', { motif: 'Le départ est assez lointain pour le circuit habituel.' });
    raced = await file('2026-03-21');
    bare = await file('2026-03-23', false);
  });
  afterAll(() => e?.stop());

  it('shows the titres agent the dossiers of the service, filters by queue, and opens one to take it, read it and add a note', async () => {
    const page = await open();
    await e.signIn(page, 'agent.titres@demo.guichet.fr');
    await page.waitForURL(/\/agent$/);
    await page.getByRole('heading', { level: 1, name: 'Corbeille' }).waitFor();
    const table = page.getByRole('table', { name: /Dossiers à traiter/ });
    await table.getByRole('link', { name: urgent.reference }).waitFor();

    // Most urgent first, with the priority, the time left and nobody assigned yet.
    const firstRow = table.getByRole('row').nth(1);
    expect(await firstRow.textContent()).toContain(urgent.reference);
    expect(await firstRow.textContent()).toContain('Priorité urgente');
    expect(await firstRow.textContent()).toMatch(/Reste \d+ (heure|jour)s?/);
    expect(await firstRow.textContent()).toContain('Personne');
    expect(await firstRow.textContent()).toContain('Camille Martin'); // the citizen, to recognise the dossier
    expect(await table.textContent()).toContain('Priorité haute');
    await screenshot(page, 'agent-corbeille');
    await expectNoViolation(page);

    // Queues as tags with their counts; the filter goes into the address.
    await page.getByRole('button', { name: 'Instruction (1)' }).click();
    await page.waitForURL(/queue=instruction/);
    await table.getByRole('link', { name: normal.reference }).waitFor();
    await page.getByRole('button', { name: 'Instruction (1)', pressed: true }).waitFor();
    expect(await table.getByRole('link', { name: urgent.reference }).count()).toBe(0);
    await page.getByRole('button', { name: /^Validation \(4\)$/ }).click();
    await page.waitForURL(/queue=validation/);
    await table.getByRole('link', { name: urgent.reference }).waitFor();
    expect(await table.getByRole('link', { name: normal.reference }).count()).toBe(0);
    await screenshot(page, 'agent-corbeille-file-validation');

    // The step, among the démarche's steps, with their counts.
    await page.getByRole('button', { name: /^Toutes les files/ }).click();
    await page.getByLabel('Démarche', { exact: true }).selectOption({ label: 'Passeport d’urgence' });
    await page.waitForURL(/demarche=passeport-urgence/);
    await page.getByLabel('Étape', { exact: true }).selectOption({ label: 'Rendez-vous de recueil à fixer (1)' });
    await page.waitForURL(/state=recueil\.rendez_vous_a_fixer/);
    await table.getByRole('link', { name: normal.reference }).waitFor();
    expect(await table.getByRole('link', { name: urgent.reference }).count()).toBe(0);
    await page.getByRole('status').getByText('1 dossier correspond aux filtres.').waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();

    // A filter nothing matches says so in words.
    await page.getByLabel('Attribution').selectOption('me');
    await page.waitForURL(/assignee=me/);
    await page.getByText('Aucun dossier ne correspond à ces filtres').waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await table.getByRole('link', { name: urgent.reference }).waitFor();
    expect(new URL(page.url()).search).toBe('');

    // The dossier: take it, read the form by pages, the documents, add a note.
    await table.getByRole('link', { name: urgent.reference }).click();
    await page.getByRole('heading', { level: 1, name: `Dossier ${urgent.reference}` }).waitFor();
    await page.getByRole('button', { name: 'Prendre le dossier' }).click();
    await page.getByRole('status').getByText('Le dossier vous est attribué').waitFor();
    expect(await page.getByRole('button', { name: 'Prendre le dossier' }).count()).toBe(0);
    const situation = page.getByRole('region', { name: 'Situation' });
    expect(await situation.textContent()).toContain('Vous');
    expect(await situation.textContent()).toContain('Demande reçue : l’urgence est en cours d’examen');
    expect(await situation.textContent()).toContain('Prochaine échéancele 3 mars 2026 à 10 h 00 · reste 1 jour');

    const panel = page.getByRole('tabpanel');
    await panel.getByRole('heading', { name: 'Titulaire' }).waitFor();
    for (const text of ['Numéro de pré-demande ANTS', 'AB12CD34EF', 'Nom de naissance', 'Martin', '12 avril 1985', 'Déplacement professionnel imprévu', '6 mars 2026', 'Canada']) {
      expect(await panel.textContent()).toContain(text);
    }
    expect(await panel.getByText('Le passeport est demandé pour un enfant mineur').count()).toBe(1);

    await page.getByRole('tab', { name: /Pièces/ }).click();
    const documents = page.getByRole('table', { name: 'Documents du dossier' });
    await documents.getByRole('cell', { name: /^ordre-de-mission\.pdf/ }).waitFor();
    expect(await documents.textContent()).toContain('Justificatif de l’urgence');
    expect(await documents.textContent()).toContain('Photo d’identité');
    const missing = page.getByRole('heading', { name: 'Pièces manquantes' }).locator('..');
    expect(await missing.textContent()).toContain('Timbre fiscal');
    expect(await missing.textContent()).toContain('Justificatif de domicile');
    const download = documents.getByRole('link', { name: 'Télécharger ordre-de-mission.pdf' });
    expect(await download.getAttribute('href')).toMatch(new RegExp(`/api/dossiers/${urgent.id}/documents/[^?]+$`));

    await page.getByRole('button', { name: 'Aperçu de photo.png' }).click();
    const dialog = page.getByRole('dialog', { name: /Photo d’identité/ });
    await dialog.waitFor();
    expect(await dialog.getByRole('img').getAttribute('src')).toMatch(/\?inline=1$/);
    await screenshot(page, 'agent-dossier-apercu');
    await expectNoViolation(page);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Historique' }).click();
    await page.getByRole('tabpanel').getByText('par Usager').first().waitFor();
    await screenshot(page, 'agent-dossier-historique');

    await page.getByLabel('Nouvelle note').fill('Appelé l’usager : il apporte le timbre fiscal demain.');
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    await page.getByRole('status').getByText('Votre note est ajoutée').waitFor();
    await page.getByText('Appelé l’usager : il apporte le timbre fiscal demain.').waitFor();
    expect(await page.getByText('Karim Haddad').count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Demande' }).click();
    await screenshot(page, 'agent-dossier');
    await expectNoViolation(page);
  });

  it('lets a responsable turn down an urgency with a required motif, then validate another', async () => {
    const page = await open();
    await e.signIn(page, 'responsable@demo.guichet.fr');

    // Without the proof of urgency, « Valider l’urgence » is greyed out, and the page says why.
    await page.goto(`${e.url}/agent/dossiers/${bare.id}`);
    const blocked = page.getByRole('button', { name: 'Valider l’urgence' });
    await blocked.waitFor();
    // The pièce's label comes with the démarche, which may load after the dossier.
    await page.getByText(/Pièces manquantes : Justificatif de l’urgence/).waitFor();
    expect(await blocked.isDisabled()).toBe(true);
    expect(await describedBy(blocked)).toContain('Pièces manquantes : Justificatif de l’urgence');

    await page.goto(`${e.url}/agent/dossiers/${soon.id}`);
    await page.getByRole('heading', { level: 1, name: `Dossier ${soon.reference}` }).waitFor();

    await page.getByRole('button', { name: 'Passer en voie normale' }).click();
    const dialog = page.getByRole('dialog', { name: 'Passer en voie normale' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    // The motif is required: the error is on the field, tied to it.
    const motif = dialog.getByLabel(/^Motif/);
    const fieldError = dialog.getByText('Ce champ est obligatoire.', { exact: true });
    await fieldError.waitFor();
    expect(await motif.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(motif)).toContain('Ce champ est obligatoire.');
    await screenshot(page, 'agent-dossier-motif-obligatoire');
    await expectNoViolation(page);

    await motif.fill('Le départ est prévu dans dix-huit jours : le délai habituel suffit.');
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    await dialog.getByText('Passer la demande en voie normale ? Elle perdra son traitement prioritaire.').waitFor();
    await dialog.getByRole('button', { name: /^Confirmer/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Le dossier est maintenant à l’étape « Rendez-vous de recueil à fixer »').waitFor();
    expect(await page.getByText('Priorité normale').count()).toBeGreaterThan(0);
    const after = await responsable.get(`/api/dossiers/${soon.id}`);
    expect(after.body.instruction).toMatchObject({ urgenceValidee: false, motifVoieNormale: 'Le départ est prévu dans dix-huit jours : le délai habituel suffit.' });

    await page.goto(`${e.url}/agent/dossiers/${urgent.id}`);
    await page.getByRole('button', { name: 'Valider l’urgence' }).click();
    const validate = page.getByRole('dialog', { name: 'Valider l’urgence' });
    await validate.getByLabel(/^Observation/).fill('Ordre de mission vérifié.');
    await validate.getByRole('button', { name: 'Valider l’urgence' }).click();
    await page.getByRole('status').getByText('Le dossier est maintenant à l’étape « Rendez-vous de recueil à fixer »').waitFor();
    expect((await responsable.get(`/api/dossiers/${urgent.id}`)).body.routing).toMatchObject({ queue: 'prioritaire', priority: 'urgente' });
  });

  it('tells in words that the dossier moved meanwhile (409) and shows it as it is now', async () => {
    const page = await open();
    await e.signIn(page, 'responsable@demo.guichet.fr');
    await page.goto(`${e.url}/agent/dossiers/${raced.id}`);
    await page.getByRole('button', { name: 'Valider l’urgence' }).waitFor();

    // Someone else decides first, through the API.
    await send(responsable, raced.id, 'passer_voie_normale', { motif: 'Décidé par un collègue au téléphone avec l’usager.' });

    await page.getByRole('button', { name: 'Valider l’urgence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Valider l’urgence' });
    await dialog.getByRole('button', { name: 'Valider l’urgence' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Le dossier a changé entre-temps' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Le dossier est passé à l’étape « Rendez-vous de recueil à fixer »');
    expect(await alert.textContent()).toContain('Validation de l’urgence');
    expect(await alert.textContent()).toMatch(/Entre-temps/);
    // The page shows the dossier as it is now: its step and the actions of that step.
    expect(await page.getByRole('button', { name: 'Valider l’urgence' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Fixer le rendez-vous' }).waitFor();
    expect((await responsable.get(`/api/dossiers/${raced.id}`)).body.instruction.urgenceValidee).toBe(false);
    await screenshot(page, 'agent-dossier-conflit');
    await expectNoViolation(page);
  });

  it('files a dossier at the desk for a new citizen, then attaches a scanned pièce', async () => {
    const page = await open();
    await e.signIn(page, 'agent.titres@demo.guichet.fr');
    await page.goto(`${e.url}/agent/guichet`);
    await page.getByRole('heading', { level: 1, name: 'Déposer un dossier au guichet' }).waitFor();
    await expectNoViolation(page);

    // Nothing entered: each error is said and tied to its field.
    await page.getByRole('button', { name: 'Continuer vers le formulaire' }).click();
    await page.getByRole('alert').getByText('Choisissez la démarche.').waitFor();
    expect(await page.getByLabel(/^Adresse e-mail de l’usager/).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Démarche', { exact: true }).selectOption({ label: 'Passeport d’urgence' });
    // A slip: the address typed is a colleague's. The API refuses it; the field says so.
    await page.getByLabel(/^Adresse e-mail de l’usager/).fill('accueil@demo.guichet.fr');
    await page.getByLabel('Prénom de l’usager', { exact: true }).fill('Lucie');
    await page.getByLabel('Nom de l’usager', { exact: true }).fill('Bernard');
    await page.getByRole('button', { name: 'Continuer vers le formulaire' }).click();
    await fillPasseport(page);
    await screenshot(page, 'agent-guichet-formulaire');
    await expectNoViolation(page);
    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.getByRole('alert').getByText('Cette adresse e-mail est celle d’un agent').waitFor();
    const email = page.getByLabel(/^Adresse e-mail de l’usager/);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(email)).toContain('Cette adresse e-mail est celle d’un agent');

    await email.fill('lucie.bernard@exemple.fr');
    await screenshot(page, 'agent-guichet-usager');
    await page.getByRole('button', { name: 'Continuer vers le formulaire' }).click();
    // What was typed in the form is kept: straight to the recap.
    for (let i = 0; i < 5; i += 1) await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('heading', { name: 'Récapitulatif' }).waitFor();
    await page.getByRole('button', { name: 'Déposer le dossier' }).click();

    await page.waitForURL(/\/agent\/dossiers\/[^/?]+/);
    await page.getByRole('status').getByText(/est déposé pour Lucie Bernard/).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const filed = await responsable.get(`/api/dossiers/${id}`);
    expect(filed.body).toMatchObject({ channel: 'guichet', data: { titulaire: { nom: 'Bernard', prenoms: 'Lucie' } } });
    const lucie = await e.t.as('lucie.bernard@exemple.fr').catch(() => null);
    expect(lucie).toBeNull(); // created without a password: she sets one later

    // The pièces she brought, scanned at the desk.
    await page.getByRole('heading', { name: 'Joindre des pièces numérisées' }).waitFor();
    await page.getByLabel(/Timbre fiscal/).first().setInputFiles({ name: 'timbre.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdfBytes('Timbre fiscal')) });
    await page.getByRole('table', { name: 'Documents du dossier' }).getByRole('cell', { name: /^timbre\.pdf/ }).waitFor();
    const documents = await responsable.get(`/api/dossiers/${id}/documents`);
    expect(documents.body.documents.map((d: { piece: string }) => d.piece)).toContain('timbre_fiscal');
    await screenshot(page, 'agent-guichet-dossier-depose');
    await expectNoViolation(page);
  });

  it('pages a long inbox with « Afficher plus »', async () => {
    const filed: string[] = [];
    for (let i = 0; i < 26; i += 1) filed.push((await file('2026-04-30', false)).reference);
    const page = await open();
    await e.signIn(page, 'agent.titres@demo.guichet.fr');
    const table = page.getByRole('table', { name: /Dossiers à traiter/ });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getByRole('row').count()).toBe(1 + 25);
    await page.getByRole('button', { name: 'Afficher plus de dossiers' }).click();
    await page.getByText(/Tous les dossiers sont affichés/).waitFor();
    const total = (await e.t.as('agent.titres@demo.guichet.fr').then((c) => c.get('/api/tasks?limit=200'))).body.tasks.length;
    expect(await table.getByRole('row').count()).toBe(1 + total);
    for (const reference of filed) await table.getByRole('link', { name: reference }).waitFor();
  });

  it('lets an agent correct and send a letter to check', async () => {
    const page = await open();
    await e.signIn(page, 'agent.titres@demo.guichet.fr');
    await page.goto(`${e.url}/agent/courriers`);
    await page.getByRole('heading', { level: 1, name: 'Courriers' }).waitFor();
    const table = page.getByRole('table', { name: /Courriers à vérifier/ });
    const row = table.getByRole('row').filter({ hasText: soon.reference });
    await row.waitFor();
    expect(await row.textContent()).toContain('Passage de la demande en voie normale');
    await screenshot(page, 'agent-courriers');
    await expectNoViolation(page);

    await row.getByRole('button', { name: /Vérifier/ }).click();
    const dialog = page.getByRole('dialog', { name: /Vérifier le courrier/ });
    await dialog.waitFor();
    const body = dialog.getByLabel('Texte du courrier');
    expect(await body.inputValue()).toContain('Le départ est prévu dans dix-huit jours');
    await dialog.getByLabel('Objet').fill('Objet : votre demande de passeport, suivie en voie normale');
    await screenshot(page, 'agent-courrier-verification');
    await expectNoViolation(page);
    await dialog.getByRole('button', { name: 'Envoyer le courrier' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText(/est envoyé/).waitFor();
    expect(await table.getByRole('row').filter({ hasText: soon.reference }).count()).toBe(0);

    const letters = await responsable.get(`/api/dossiers/${soon.id}/letters`);
    expect(letters.body.letters[0]).toMatchObject({ status: 'envoye', subject: 'Objet : votre demande de passeport, suivie en voie normale' });

    // The same letter, read from the dossier's page.
    await page.goto(`${e.url}/agent/dossiers/${soon.id}?onglet=courriers`);
    const fromDossier = page.getByRole('table', { name: 'Courriers du dossier' });
    await fromDossier.getByText('Envoyé').waitFor();
    await fromDossier.getByRole('button', { name: /Lire/ }).click();
    await page.getByRole('dialog').getByText('Objet : votre demande de passeport, suivie en voie normale').waitFor();
  });

  it('flags the dossiers past their deadline, in words', async () => {
    // Two days later: the one-day targets of « Validation de l’urgence » have passed.
    await e.t.advanceTo('2026-03-04T09:00:00.000Z');
    const page = await open();
    await e.signIn(page, 'agent.titres@demo.guichet.fr');
    await page.goto(`${e.url}/agent?overdue=true`);
    const table = page.getByRole('table', { name: /Dossiers à traiter/ });
    const row = table.getByRole('row').filter({ hasText: bare.reference });
    // The long inbox above filed dozens of dossiers due at the same moment as this one, in the order
    // of their ids: it may be on a later page.
    await table.getByRole('row').nth(1).waitFor();
    const more = page.getByRole('button', { name: 'Afficher plus de dossiers' });
    while ((await row.count()) === 0 && (await more.count()) > 0) {
      const shown = await table.getByRole('row').count();
      await more.click();
      await table.getByRole('row').nth(shown).waitFor();
    }
    await row.waitFor();
    expect(await row.textContent()).toContain('En retard');
    expect(await row.textContent()).toContain('En retard de 1 jour');
    expect(await page.getByLabel('Délais').inputValue()).toBe('true');
    await screenshot(page, 'agent-corbeille-en-retard');
    await page.goto(`${e.url}/agent/dossiers/${bare.id}`);
    const situation = page.getByRole('region', { name: 'Situation' });
    await situation.getByText('En retard de 1 jour').waitFor();
    await page.getByRole('list').getByText('En retard', { exact: true }).waitFor();
    await screenshot(page, 'agent-dossier-en-retard');
  });

  it('opens a dossier by the reference the citizen quotes, and says so when no dossier of the service has it', async () => {
    const page = await open();
    await e.signIn(page, 'agent.titres@demo.guichet.fr');
    await page.waitForURL(/\/agent$/);
    const box = page.getByRole('textbox', { name: /Ouvrir un dossier par sa référence/ });
    await box.fill('PU-2026-ZZZZZ');
    await page.getByRole('button', { name: 'Ouvrir' }).click();
    await page.getByText('Aucun dossier que vous pouvez consulter ne porte la référence « PU-2026-ZZZZZ ».').waitFor();
    expect(await describedBy(box)).toContain('Aucun dossier que vous pouvez consulter');
    await expectNoViolation(page);

    // As read over the phone: in lower case.
    await box.fill(soon.reference.toLowerCase());
    await box.press('Enter');
    await page.waitForURL(new RegExp(`/agent/dossiers/${soon.id}$`));
    await page.getByRole('heading', { level: 1, name: `Dossier ${soon.reference}` }).waitFor();
  });

  it('shows nested answers readably: a list too narrow for field and value side by side puts each value under its field', async () => {
    // The person's place of birth is a list inside a list: on a laptop screen it has about 14rem.
    // A session of its own: the clock has moved on since the suite signed the citizen in.
    const citizen = await e.t.as('usager@demo.guichet.fr');
    const filed = await citizen.post('/api/dossiers', { demarche: 'recensement-citoyen', data: recensement() });
    expect(filed.status).toBe(201);
    const page = await open();
    await page.setViewportSize({ width: 1280, height: 900 });
    await e.signIn(page, 'agent.affaires-militaires@demo.guichet.fr');
    await page.waitForURL(/\/agent$/);
    await page.goto(`${e.url}/agent/dossiers/${filed.body.id}`);
    const birthplace = page.locator('.guichet-data__row', { hasText: 'Commune ou ville de naissance' }).last();
    await birthplace.getByText('Tours', { exact: true }).waitFor();
    const widths = await birthplace.evaluate((row) => [...row.children].map((cell) => cell.getBoundingClientRect().width));
    // Stacked: the value has the whole width of its list, not the few pixels left beside its field.
    expect(widths[1]).toBeGreaterThan(150);
    expect(widths[1]).toBeCloseTo(widths[0], 0);
  });
});

/** Ticks a DSFR radio as a person does: by its label (which covers the input). */
async function choose(group: Locator, option: string): Promise<void> {
  await group.locator('label', { hasText: new RegExp(`^${option}$`) }).click();
  expect(await group.getByLabel(option, { exact: true }).isChecked()).toBe(true);
}

/** The passeport form at the desk, page by page, as the agent types it with the citizen. */
async function fillPasseport(page: Page): Promise<void> {
  const next = () => page.getByRole('button', { name: /Continuer|Suivant/ }).last().click();
  await page.getByLabel(/Numéro de pré-demande ANTS/).fill('ZX98CV76BN');
  await next();
  await page.getByLabel(/^Nom de naissance/).fill('Bernard');
  await page.getByLabel(/^Prénoms/).fill('Lucie');
  await page.getByLabel(/^Date de naissance/).fill('1990-07-14');
  await page.getByLabel(/^Commune de naissance/).fill('Nantes');
  await choose(page.getByRole('group', { name: /enfant mineur/ }), 'Non');
  await next();
  await choose(page.getByRole('group', { name: /^Motif/ }), 'Déplacement professionnel imprévu');
  await page.getByLabel(/^Explication/).fill('Mission de conseil à Dakar décidée hier par mon employeur.');
  await page.getByLabel(/^Date de départ/).fill('2026-03-12');
  await page.getByLabel(/^Pays de destination/).fill('Sénégal');
  await next();
  await page.getByLabel(/^Téléphone mobile/).fill('06 98 76 54 32');
  await page.getByLabel(/^Adresse électronique/).fill('lucie.bernard@exemple.fr');
  await page.getByLabel(/^Numéro et voie/).fill('3 place du Commerce');
  await page.getByLabel(/^Code postal/).fill('44000');
  await page.getByLabel(/^Commune$|^Commune \(/).fill('Nantes');
  await next();
  await choose(page.getByRole('group', { name: /possède déjà un passeport/ }), 'Non');
  await next();
}
