import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { DEMO_PASSWORD } from '../../runtime-api';
import { DATABASES, TestServer, warnIfMysqlSkipped, type Client, type Reply } from './support';

warnIfMysqlSkipped();

const passeport = {
  numeroPreDemande: 'AB12CD34EF',
  titulaire: { nom: 'Martin', prenoms: 'Camille', dateNaissance: '1985-04-12', communeNaissance: 'Lyon', paysNaissance: 'France' },
  mineur: false,
  urgence: { motif: 'professionnelle', explication: 'Mission imprévue chez un client à Montréal, ordre de mission joint.' },
  voyage: { dateDepart: '2026-03-20', destination: 'Canada' },
  contact: { telephone: '06 12 34 56 78', courriel: 'camille.martin@exemple.fr' },
  adresse: { voie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
  possedeAncienPasseport: false,
};

const attestation = {
  hebergeant: {
    civilite: 'madame', nom: 'Benali', prenoms: 'Samia', dateNaissance: '1978-05-14', lieuNaissance: 'Saint-Denis (France)',
    nationalite: 'française', telephone: '06 12 34 56 78', courriel: 'samia.benali@exemple.fr',
    adresse: { voie: '12 rue de la République', codePostal: '93200', commune: 'Saint-Denis' },
  },
  logement: { statut: 'locataire', type: 'appartement', surface: 68, nombrePieces: 3, nombreOccupants: 2 },
  ressources: { nature: 'salaire', montantMensuel: 2400 },
  visiteur: {
    civilite: 'monsieur', nom: 'Benali', prenoms: 'Karim', dateNaissance: '1950-11-02', lieuNaissance: 'Sétif (Algérie)',
    nationalite: 'algérienne', numeroPasseport: '212345678', adresse: { voie: '5 rue Ben Boulaïd', ville: 'Sétif', pays: 'Algérie' },
  },
  sejour: { dateArrivee: '2026-05-15', dateDepart: '2026-07-10', lienParente: 'parent' },
  engagements: { priseEnChargeFrais: true, assurance: { souscripteur: 'hebergeant', assureur: 'Assur’Voyage' }, certificationExactitude: true },
};

/** A file as a test sends it. */
interface TestFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A Windows program: « MZ » and then anything. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real one-page PDF, with a line of text so that two PDFs differ. */
async function pdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  doc.setCreationDate(new Date('2026-03-01T00:00:00Z'));
  return doc.save();
}

describe.each(DATABASES)('documents API on %s', (database) => {
  let t: TestServer;
  let usager: Client;
  let responsable: Client;
  let agentTitres: Client;
  let agentFamille: Client;
  let agentAffairesGenerales: Client;
  let manager: Client;
  let pdfBytes: Uint8Array;

  beforeAll(async () => {
    t = await TestServer.start(database);
    usager = await t.as('usager@demo.guichet.fr');
    responsable = await t.as('responsable@demo.guichet.fr');
    agentTitres = await t.as('agent.titres@demo.guichet.fr');
    agentFamille = await t.as('agent.famille@demo.guichet.fr');
    agentAffairesGenerales = await t.as('agent.affaires-generales@demo.guichet.fr');
    manager = await t.as('manager@demo.guichet.fr');
    pdfBytes = await pdf('Ordre de mission');
  });
  afterAll(() => t.stop());

  const filesDir = () => path.join(t.server.rt.config.dataDir, 'files');
  const onDisk = async (dossierId: string) => readdir(path.join(filesDir(), dossierId)).catch(() => [] as string[]);
  const inTemp = async () => readdir(path.join(filesDir(), '.tmp')).catch(() => [] as string[]);

  const asPdf = (name = 'ordre-de-mission.pdf', bytes = pdfBytes): TestFile => ({ name, type: 'application/pdf', bytes });

  function upload(client: Client, dossierId: string, piece: string | undefined, files: TestFile[]): Promise<Reply> {
    const form = new FormData();
    if (piece !== undefined) form.append('piece', piece);
    for (const f of files) form.append('file', new Blob([Buffer.from(f.bytes)], { type: f.type }), f.name);
    return client.request('POST', `/api/dossiers/${dossierId}/documents`, { body: form });
  }

  /** A session for requests the JSON client cannot make: raw bodies, binary answers. */
  async function rawSession(email: string): Promise<{ cookie: string; csrf: string }> {
    const response = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('guichet_session='))!;
    return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
  }

  async function download(session: { cookie: string }, url: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(`${t.url}${url}`, { headers: { cookie: session.cookie } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  async function file(data: object = passeport, demarche = 'passeport-urgence', draft = false): Promise<{ id: string; version: number }> {
    const reply = await usager.post('/api/dossiers', { demarche, data, draft });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  async function history(id: string): Promise<{ event: string; payload: Record<string, unknown> }[]> {
    return (await usager.get(`/api/dossiers/${id}/history`)).body.history;
  }

  async function anotherCitizen(): Promise<Client> {
    const other = t.client();
    const registered = await other.post('/api/auth/register', { email: `autre-${randomUUID()}@exemple.fr`, password: 'un mot de passe long', givenName: 'Autre', familyName: 'Usager' });
    expect(registered.status).toBe(201);
    other.csrf = registered.body.csrfToken;
    return other;
  }

  it('attaches a PDF to a draft, and the submission counts the pièce', async () => {
    const draft = await file(passeport, 'passeport-urgence', true);
    const reply = await upload(usager, draft.id, 'justificatif_urgence', [asPdf()]);
    expect(reply.status).toBe(201);
    expect(reply.body.documents).toEqual([expect.objectContaining({
      kind: 'piece', piece: 'justificatif_urgence', template: null, name: 'ordre-de-mission.pdf', mediaType: 'application/pdf',
      size: pdfBytes.length, sha256: sha256(pdfBytes),
    })]);
    expect(reply.body.dossier).toMatchObject({ status: 'brouillon', version: draft.version + 1 });
    // The draft only stores: no event, no history.
    const listed = await usager.get(`/api/dossiers/${draft.id}/documents`);
    expect(listed.body.documents.map((d: { id: string }) => d.id)).toEqual([reply.body.documents[0].id]);
    expect(await onDisk(draft.id)).toEqual([reply.body.documents[0].id]);

    const submitted = await usager.post(`/api/dossiers/${draft.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.etat.piecesManquantes).not.toContain('justificatif_urgence');
    expect(submitted.body.etat.piecesManquantes).toContain('photo_identite');
    // Validating the urgency needs its proof: the one attached to the draft counts.
    expect((await responsable.post(`/api/dossiers/${draft.id}/events`, { type: 'valider_urgence', payload: {} })).status).toBe(200);
  });

  it('sends « pieces.deposees » for a submitted dossier, and the workflow waiting for the pièces moves on', async () => {
    const { id } = await file();
    const refused = await responsable.post(`/api/dossiers/${id}/events`, { type: 'valider_urgence', payload: {} });
    expect(refused.status).toBe(422);

    const proof = await upload(usager, id, 'justificatif_urgence', [asPdf()]);
    expect(proof.status).toBe(201);
    expect(proof.body.dossier.version).toBe(2);
    const lines = await history(id);
    expect(lines.map((h) => h.event)).toEqual(['depot', 'pieces.deposees']);
    const [doc] = proof.body.documents;
    expect(lines[1].payload).toEqual({ pieces: { justificatif_urgence: [{ id: doc.id, name: 'ordre-de-mission.pdf', at: doc.createdAt, type: 'application/pdf', size: pdfBytes.length }] } });
    expect((await responsable.post(`/api/dossiers/${id}/events`, { type: 'valider_urgence', payload: {} })).status).toBe(200);

    // At the collection appointment the agent cannot record it while pièces are missing...
    expect((await agentTitres.post(`/api/dossiers/${id}/events`, { type: 'fixer_rendez_vous', payload: { date: '2026-03-05', heure: '09:30', lieu: 'hotel-de-ville' } })).status).toBe(200);
    const early = await agentTitres.post(`/api/dossiers/${id}/events`, { type: 'enregistrer_recueil', payload: {} });
    expect(early.status).toBe(422);
    // ...the citizen sends two, the agent scans the stamp at the desk...
    expect((await upload(usager, id, 'photo_identite', [{ name: 'photo.png', type: 'image/png', bytes: PNG }])).status).toBe(201);
    expect((await upload(usager, id, 'justificatif_domicile', [asPdf('facture.pdf', await pdf('Facture EDF'))])).status).toBe(201);
    const stamp = await upload(agentTitres, id, 'timbre_fiscal', [asPdf('timbre.pdf', await pdf('Timbre fiscal'))]);
    expect(stamp.status).toBe(201);
    expect(stamp.body.dossier.etat.piecesManquantes).toEqual([]);
    // ...and then the dossier goes to the CERT.
    const recorded = await agentTitres.post(`/api/dossiers/${id}/events`, { type: 'enregistrer_recueil', payload: {} });
    expect(recorded.status).toBe(200);
    expect(recorded.body.etat.states.map((s: { path: string }) => s.path)).toEqual(['instruction_cert']);
    expect((await usager.get(`/api/dossiers/${id}/documents`)).body.documents).toHaveLength(4);
  });

  it('moves an attestation d’accueil out of « en attente de pièces » when the requested pièce arrives', async () => {
    const draft = await file(attestation, 'attestation-accueil', true);
    for (const piece of ['piece_identite_hebergeant', 'justificatif_domicile', 'bail', 'justificatif_ressources']) {
      expect((await upload(usager, draft.id, piece, [asPdf(`${piece}.pdf`, await pdf(piece))])).status).toBe(201);
    }
    expect((await usager.post(`/api/dossiers/${draft.id}/submit`)).status).toBe(200);
    const asked = await agentAffairesGenerales.post(`/api/dossiers/${draft.id}/events`, {
      type: 'demander_pieces', payload: { pieces: ['timbre_fiscal'], precisions: 'Le timbre fiscal électronique n’est pas joint au dossier.' },
    });
    expect(asked.status).toBe(200);
    expect(asked.body.etat.states.map((s: { path: string }) => s.path)).toEqual(['demande.attente_pieces.en_attente']);

    const stamp = await upload(usager, draft.id, 'timbre_fiscal', [asPdf('timbre.pdf', await pdf('Timbre'))]);
    expect(stamp.status).toBe(201);
    expect(stamp.body.dossier.etat.states.map((s: { path: string }) => s.path)).toEqual(['demande.verification_completude']);
  });

  it('refuses a program renamed « .pdf » with 415, and stores nothing', async () => {
    const { id } = await file();
    const reply = await upload(usager, id, 'justificatif_urgence', [{ name: 'ordre-de-mission.pdf', type: 'application/pdf', bytes: EXE }]);
    expect(reply.status).toBe(415);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.detail).toContain('programme Windows');
    expect(reply.body.detail).toContain('PDF, JPEG ou PNG');
    // A PDF is not a photo either, whatever the browser declares.
    const photo = await upload(usager, id, 'photo_identite', [{ name: 'photo.png', type: 'image/png', bytes: pdfBytes }]);
    expect(photo.status).toBe(415);
    expect(photo.body.detail).toContain('JPEG ou PNG');

    expect((await usager.get(`/api/dossiers/${id}/documents`)).body.documents).toEqual([]);
    expect(await onDisk(id)).toEqual([]);
    expect(await inTemp()).toEqual([]);
    expect((await history(id)).map((h) => h.event)).toEqual(['depot']);
  });

  it('refuses a file over the pièce’s size limit with 413, and stores nothing', async () => {
    const { id } = await file();
    // The photo may weigh 2 Mo: send 3 Mo that start like a PNG.
    const big = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]);
    const reply = await upload(usager, id, 'photo_identite', [{ name: 'photo.png', type: 'image/png', bytes: big }]);
    expect(reply.status).toBe(413);
    expect(reply.body.detail).toContain('2 Mo');
    expect(reply.body.detail).toContain('Photo d’identité');
    expect((await usager.get(`/api/dossiers/${id}/documents`)).body.documents).toEqual([]);
    expect(await onDisk(id)).toEqual([]);
    expect(await inTemp()).toEqual([]);
    expect((await usager.get(`/api/dossiers/${id}`)).body.version).toBe(1);
  });

  it('answers 422 with the démarche’s pièces to an unknown pièce, and 400 when the pièce is missing', async () => {
    const { id } = await file();
    const reply = await upload(usager, id, 'carte_de_fidelite', [asPdf()]);
    expect(reply.status).toBe(422);
    expect(reply.body.type).toBe('urn:guichet:probleme:piece-inconnue');
    expect(reply.body.detail).toContain('« justificatif_urgence » (Justificatif de l’urgence)');
    expect(reply.body.pieces).toContainEqual({ id: 'photo_identite', label: 'Photo d’identité' });
    expect(reply.body.errors[0]).toMatchObject({ pointer: '/piece' });
    const none = await upload(usager, id, undefined, [asPdf()]);
    expect(none.status).toBe(400);
    expect(none.body.detail).toContain('« piece »');
    expect((await usager.get(`/api/dossiers/${id}/documents`)).body.documents).toEqual([]);
    expect(await inTemp()).toEqual([]);
  });

  it('takes the pièce from the query string too, and refuses an empty file (422)', async () => {
    const { id } = await file();
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(pdfBytes)], { type: 'application/pdf' }), 'ordre.pdf');
    const reply = await usager.request('POST', `/api/dossiers/${id}/documents?piece=justificatif_urgence`, { body: form });
    expect(reply.status).toBe(201);
    expect(reply.body.documents[0]).toMatchObject({ piece: 'justificatif_urgence', name: 'ordre.pdf' });
    expect((await usager.request('POST', `/api/dossiers/${id}/documents?piece=inconnue`, { body: form })).status).toBe(422);
    const empty = await upload(usager, id, 'justificatif_urgence', [{ name: 'vide.pdf', type: 'application/pdf', bytes: new Uint8Array(0) }]);
    expect(empty.status).toBe(422);
    expect(empty.body.detail).toContain('« vide.pdf » est vide');
    expect(await onDisk(id)).toEqual([reply.body.documents[0].id]);
    expect(await inTemp()).toEqual([]);
  });

  it('takes several files only for a pièce that allows them, in one event', async () => {
    const { id } = await file();
    const two = [asPdf('ordre-1.pdf'), asPdf('ordre-2.pdf', await pdf('Page 2'))];
    const refused = await upload(usager, id, 'timbre_fiscal', two);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('un seul fichier');
    expect(await onDisk(id)).toEqual([]);

    const accepted = await upload(usager, id, 'justificatif_urgence', two);
    expect(accepted.status).toBe(201);
    expect(accepted.body.documents.map((d: { name: string }) => d.name)).toEqual(['ordre-1.pdf', 'ordre-2.pdf']);
    const lines = await history(id);
    expect(lines.map((h) => h.event)).toEqual(['depot', 'pieces.deposees']);
    expect((lines[1].payload.pieces as Record<string, unknown[]>).justificatif_urgence).toHaveLength(2);
    expect((await onDisk(id)).sort()).toEqual(accepted.body.documents.map((d: { id: string }) => d.id).sort());
  });

  it('hides the documents from another citizen and another service (404), and lets nobody upload there', async () => {
    const { id } = await file();
    const uploaded = await upload(usager, id, 'justificatif_urgence', [asPdf()]);
    const docId = uploaded.body.documents[0].id;
    const other = await anotherCitizen();
    expect((await upload(other, id, 'justificatif_urgence', [asPdf()])).status).toBe(404);
    expect((await other.get(`/api/dossiers/${id}/documents`)).status).toBe(404);
    expect((await other.get(`/api/dossiers/${id}/documents/${docId}`)).status).toBe(404);
    expect((await agentFamille.get(`/api/dossiers/${id}/documents/${docId}`)).status).toBe(404);
    // Nor through a dossier of their own: a document is found only in its dossier.
    const own = await other.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport });
    expect((await other.get(`/api/dossiers/${own.body.id}/documents/${docId}`)).status).toBe(404);
    // Staff of the service see them; a manager may look but not attach (403).
    expect((await agentTitres.get(`/api/dossiers/${id}/documents/${docId}`)).status).toBe(200);
    expect((await manager.get(`/api/dossiers/${id}/documents`)).body.documents).toHaveLength(1);
    expect((await upload(manager, id, 'justificatif_urgence', [asPdf()])).status).toBe(403);
    expect((await usager.get(`/api/dossiers/${id}/documents`)).body.documents).toHaveLength(1);
    expect(await onDisk(id)).toEqual([docId]);
  });

  it('downloads the very bytes uploaded, as an attachment with its UTF-8 name, or inline for a preview', async () => {
    const { id } = await file();
    const bytes = await pdf('Certificat d’hospitalisation');
    const uploaded = await upload(usager, id, 'justificatif_urgence', [asPdf('Certificat d’hospitalisation été.pdf', bytes)]);
    expect(uploaded.status).toBe(201);
    const doc = uploaded.body.documents[0];
    const session = await rawSession('usager@demo.guichet.fr');
    const got = await download(session, `/api/dossiers/${id}/documents/${doc.id}`);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha256(bytes));
    expect(doc.sha256).toBe(sha256(bytes));
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-length')).toBe(String(bytes.length));
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="Certificat d_hospitalisation ete.pdf"; filename*=UTF-8''Certificat%20d%E2%80%99hospitalisation%20%C3%A9t%C3%A9.pdf`);
    const preview = await download(session, `/api/dossiers/${id}/documents/${doc.id}?inline=1`);
    expect(preview.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(sha256(preview.bytes)).toBe(sha256(bytes));
  });

  it('neutralises a path in the file name: the file is kept under its id, in its dossier’s folder', async () => {
    const { id } = await file();
    const session = await rawSession('usager@demo.guichet.fr');
    const boundary = '----guichet-test';
    const part = (name: string, filename: string, bytes: Uint8Array) => Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from(bytes), Buffer.from('\r\n'),
    ]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="piece"\r\n\r\njustificatif_urgence\r\n`),
      part('file', '../../../../evil.pdf', pdfBytes),
      part('file', '..\\..\\..\\windows.pdf', pdfBytes),
      part('file', '\u202Efdp.exe', pdfBytes),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const response = await fetch(`${t.url}/api/dossiers/${id}/documents`, {
      method: 'POST', body, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(response.status).toBe(201);
    const { documents } = (await response.json()) as { documents: { id: string; name: string }[] };
    expect(documents.map((d) => d.name)).toEqual(['evil.pdf', 'windows.pdf', 'fdp.exe']);
    expect((await onDisk(id)).sort()).toEqual(documents.map((d) => d.id).sort());
    const dataDir = t.server.rt.config.dataDir;
    for (const escaped of ['evil.pdf', 'windows.pdf', path.join('..', 'evil.pdf'), path.join('files', 'evil.pdf')]) {
      expect(existsSync(path.join(dataDir, escaped))).toBe(false);
    }
  });

  it('accepts uploads that race, keeping the rows, the files and the history in step', async () => {
    const { id } = await file();
    const replies = await Promise.all([1, 2, 3, 4].map(async (n) => upload(usager, id, 'justificatif_urgence', [asPdf(`ordre-${n}.pdf`, await pdf(`Ordre ${n}`))])));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const accepted = replies.filter((r) => r.status === 201).flatMap((r) => r.body.documents.map((d: { id: string }) => d.id)).sort();
    expect(accepted).toHaveLength(4);
    const listed = (await usager.get(`/api/dossiers/${id}/documents`)).body.documents.map((d: { id: string }) => d.id).sort();
    expect(listed).toEqual(accepted);
    expect((await onDisk(id)).sort()).toEqual(accepted);
    expect((await history(id)).filter((h) => h.event === 'pieces.deposees')).toHaveLength(accepted.length);
    expect(await inTemp()).toEqual([]);
  });

  it('refuses uploads to a closed dossier (409), yet its citizen downloads the generated certificate again', async () => {
    const { id } = await file();
    // The generator (another part of the runtime) writes its PDF and its row like this.
    const certificate = await pdf('Attestation');
    const docId = randomUUID();
    await mkdir(path.join(filesDir(), id), { recursive: true });
    await writeFile(path.join(filesDir(), id, `${docId}.pdf`), certificate);
    await t.server.rt.db.write((m) => m.query(
      'INSERT INTO documents (id, dossier_id, kind, piece_id, template, name, media_type, size, sha256, storage_path, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [docId, id, 'genere', null, 'attestation', 'Attestation de dépôt.pdf', 'application/pdf', certificate.length, sha256(certificate), `${id}/${docId}.pdf`, null, '2026-03-02T09:00:00.000Z'],
    ));
    expect((await usager.post(`/api/dossiers/${id}/events`, { type: 'annuler', payload: { raison: 'Voyage reporté.' } })).status).toBe(200);
    expect((await usager.get(`/api/dossiers/${id}`)).body.status).toBe('clos');

    const refused = await upload(usager, id, 'justificatif_urgence', [asPdf()]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: 'urn:guichet:probleme:dossier-clos', detail: expect.stringContaining('clos') });
    expect(await inTemp()).toEqual([]);

    const listed = (await usager.get(`/api/dossiers/${id}/documents`)).body.documents;
    expect(listed).toEqual([expect.objectContaining({ id: docId, kind: 'genere', piece: null, template: 'attestation', mediaType: 'application/pdf' })]);
    const got = await download(await rawSession('usager@demo.guichet.fr'), `/api/dossiers/${id}/documents/${docId}`);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha256(certificate));
    expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''Attestation%20de%20d%C3%A9p%C3%B4t.pdf");
  });

  it('leaves no temporary file behind when the client goes away mid-upload', async () => {
    const { id } = await file();
    const session = await rawSession('usager@demo.guichet.fr');
    const boundary = '----guichet-coupure';
    const request = httpRequest(`${t.url}/api/dossiers/${id}/documents`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(5 * 1024 * 1024) },
    });
    request.on('error', () => undefined);
    // Koa reports the cut connection on the console by default (app.ts sets no « error » listener): expected here.
    const koaReport = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      request.write(`--${boundary}\r\nContent-Disposition: form-data; name="piece"\r\n\r\njustificatif_urgence\r\n`);
      request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="long.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
      request.write(Buffer.concat([Buffer.from(pdfBytes), Buffer.alloc(256 * 1024)]));
      // Wait until the server has started writing the file, then hang up.
      for (let i = 0; i < 100 && (await inTemp()).length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect((await inTemp()).length).toBe(1);
      request.destroy();
      for (let i = 0; i < 100 && (await inTemp()).length > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    } finally {
      koaReport.mockRestore();
    }
    expect(await inTemp()).toEqual([]);
    expect((await usager.get(`/api/dossiers/${id}/documents`)).body.documents).toEqual([]);
    expect(await onDisk(id)).toEqual([]);
  });

  it('removes, when the server starts, the uploads a stopped server left half-received', async () => {
    const tmp = path.join(filesDir(), '.tmp');
    await mkdir(tmp, { recursive: true });
    const stale = path.join(tmp, `${randomUUID()}.part`);
    const recent = path.join(tmp, `${randomUUID()}.part`);
    await writeFile(stale, 'début d’un envoi');
    await writeFile(recent, 'envoi en cours dans un autre processus');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    await t.restart();
    for (let i = 0; i < 100 && existsSync(stale); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    await rm(recent);
    usager = await t.as('usager@demo.guichet.fr');
  });

  it('requires a session, the CSRF token and a multipart body', async () => {
    const { id } = await file();
    const anonymous = t.client();
    expect((await upload(anonymous, id, 'justificatif_urgence', [asPdf()])).status).toBe(401);
    expect((await anonymous.get(`/api/dossiers/${id}/documents`)).status).toBe(401);
    const json = await usager.post(`/api/dossiers/${id}/documents`, { piece: 'justificatif_urgence' });
    expect(json.status).toBe(415);
    expect(json.body.detail).toContain('multipart/form-data');
    const noCsrf = await t.as('usager@demo.guichet.fr');
    noCsrf.csrf = '';
    expect((await upload(noCsrf, id, 'justificatif_urgence', [asPdf()])).status).toBe(403);
    expect((await usager.get(`/api/dossiers/${id}/documents`)).body.documents).toEqual([]);
  });
});
