import { createHash, randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PDFDocument, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { ROUTING } from '../../definitions';
import { createJobs } from '../../runtime-api';
import { DATABASES, TestServer, warnIfMysqlSkipped, type Client } from './support';

warnIfMysqlSkipped();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function attestation(): Record<string, unknown> {
  return {
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
}

function day(at: Date, plusDays = 0): string {
  return new Date(at.getTime() + plusDays * DAY).toISOString().slice(0, 10);
}

function passeport(now: Date): Record<string, unknown> {
  return {
    numeroPreDemande: 'AB12CD34EF',
    titulaire: { nom: 'Martin', prenoms: 'Camille', dateNaissance: '1985-04-12', communeNaissance: 'Lyon', paysNaissance: 'France' },
    mineur: false,
    urgence: { motif: 'professionnelle', explication: 'Mission imprévue chez un client à Montréal, ordre de mission joint.' },
    voyage: { dateDepart: day(now, 30), destination: 'Canada' },
    contact: { telephone: '06 12 34 56 78', courriel: 'camille.martin@exemple.fr' },
    adresse: { voie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
    possedeAncienPasseport: false,
  };
}

/** A stand-in for another system (the CERT): answers with the status the test sets, and keeps what it received. */
class FakeService {
  status = 500;
  received: { headers: IncomingHttpHeaders; body: { id: string; dossier: { id: string; reference: string }; operation: string; data: unknown } }[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: JSON.parse(text) });
        res.writeHead(this.status, { 'content-type': 'text/plain' });
        res.end(this.status >= 300 ? 'Service momentanément indisponible' : 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cert`;
  }

  for(dossierId: string) {
    return this.received.filter((r) => r.body.dossier.id === dossierId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// Windows-1252 where it differs from Latin-1 (Node's TextDecoder decodes « windows-1252 » as Latin-1).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const decoder = { decode: (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join('') };

/** The text a PDF shows, line by line (pdf-lib writes each line as one hex string in WinAnsi). */
async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const content = Buffer.from(decodePDFRawStream(object).decode()).toString('latin1');
    for (const match of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) lines.push(decoder.decode(Buffer.from(match[1], 'hex')));
  }
  return lines;
}

describe.each(DATABASES)('background jobs on %s', (database) => {
  let t: TestServer;
  let usager: Client;
  let responsable: Client;
  let agentTitres: Client;
  let agentAG: Client;
  const cert = new FakeService();
  let certUrl = '';

  /** Sessions last twelve hours of the clock: everyone signs in again when it has moved further. */
  let signedInAt = -Infinity;
  async function signIn(): Promise<void> {
    if (t.clock.now().getTime() - signedInAt < 6 * HOUR) return;
    signedInAt = t.clock.now().getTime();
    usager = await t.as('usager@demo.guichet.fr');
    responsable = await t.as('responsable@demo.guichet.fr');
    agentTitres = await t.as('agent.titres@demo.guichet.fr');
    agentAG = await t.as('agent.affaires-generales@demo.guichet.fr');
  }

  beforeAll(async () => {
    t = await TestServer.start(database);
    certUrl = await cert.start();
  });
  beforeEach(signIn);
  afterAll(async () => {
    delete process.env.GUICHET_CALLOUT_CERT_URL;
    await t.stop();
    await cert.stop();
  });

  const now = () => t.clock.now();
  const advanceTo = async (at: string) => {
    await t.advanceTo(at);
    await signIn();
  };
  const later = (ms: number) => advanceTo(new Date(now().getTime() + ms).toISOString());
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
    t.server.rt.db.write((m) => m.query(query, params));

  async function send(client: Client, id: string, type: string, payload: Record<string, unknown> = {}) {
    const reply = await client.post(`/api/dossiers/${id}/events`, { type, payload });
    if (reply.status !== 200) throw new Error(`${type} refusé : ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  async function fileAttestation(): Promise<{ id: string; reference: string }> {
    const reply = await usager.post('/api/dossiers', { demarche: 'attestation-accueil', data: attestation() });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  async function timersOf(dossierId: string) {
    return sql<{ id: string; timer_key: string; event: string; due_at: string; attempts: number }>(
      'SELECT id, timer_key, event, due_at, attempts FROM timers WHERE dossier_id = ? ORDER BY due_at', [dossierId]);
  }

  async function historyOf(dossierId: string): Promise<string[]> {
    const reply = await responsable.get(`/api/dossiers/${dossierId}/history`);
    return reply.body.history.map((h: { event: string }) => h.event);
  }

  async function notificationsOf(client: Client, dossierId: string) {
    const reply = await client.get('/api/notifications');
    expect(reply.status).toBe(200);
    return (reply.body.notifications as { dossier: { id: string }; subject: string; body: string; role: string; personal: boolean }[])
      .filter((n) => n.dossier?.id === dossierId);
  }

  /** A passport dossier taken, on the normal track, up to the step named. */
  async function passeportUpTo(step: 'rendez_vous' | 'titre_disponible'): Promise<{ id: string; reference: string }> {
    const filed = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport(now()) });
    expect(filed.status).toBe(201);
    const { id, reference } = filed.body;
    await send(responsable, id, 'passer_voie_normale', { motif: 'Le départ peut attendre le délai normal.' });
    await send(agentTitres, id, 'fixer_rendez_vous', { date: day(now(), 2), heure: '09:30', lieu: 'hotel-de-ville' });
    const at = now().toISOString();
    const pieces = Object.fromEntries(['justificatif_urgence', 'photo_identite', 'timbre_fiscal', 'justificatif_domicile']
      .map((p) => [p, [{ id: randomUUID(), name: `${p}.pdf`, at }]]));
    await send(usager, id, 'pieces.deposees', { pieces });
    if (step === 'rendez_vous') return { id, reference };
    await send(agentTitres, id, 'enregistrer_recueil');
    await send(agentTitres, id, 'produire_titre', { numeroPasseport: '26AB12345' });
    await send(agentTitres, id, 'receptionner_titre');
    return { id, reference };
  }

  it('writes a filing’s notification in the filing’s own transaction: the citizen’s acknowledgement, worded in French', async () => {
    const { id, reference } = await fileAttestation();
    const [receipt] = await notificationsOf(usager, id);
    expect(receipt).toMatchObject({ role: 'usager', personal: true, subject: `Votre demande d’attestation d’accueil n° ${reference} a bien été reçue` });
    expect(receipt.body).toContain('La mairie de Ville de Démo a bien reçu, le 2 mars 2026 à 10 h 00, votre demande');
    expect(receipt.body).toContain('qui séjournera chez vous du 15 mai 2026 au 10 juillet 2026.');
    expect(receipt.body).toContain('timbre fiscal de 30 € (article L. 313-6');
    expect(await notificationsOf(agentTitres, id)).toEqual([]);
    // Nothing was left for the outbox: it only carries files and calls to other systems.
    expect(await sql('SELECT id FROM outbox WHERE dossier_id = ?', [id])).toEqual([]);
  });

  it('fires a délai’s warning, then the implicit refusal, when the clock reaches them', async () => {
    const { id, reference } = await fileAttestation();
    await t.server.jobs.runDue();
    const timers = await timersOf(id);
    expect(timers.map((x) => x.timer_key).sort()).toEqual(['delai.reponse_maire.alerte:P7D', 'delai.reponse_maire.echu']);
    const [warning, expiry] = timers;

    await advanceTo(new Date(new Date(warning.due_at).getTime() - 1000).toISOString());
    expect(await historyOf(id)).toEqual(['depot']);
    await advanceTo(warning.due_at);
    expect(await historyOf(id)).toEqual(['depot', 'delai.reponse_maire.alerte']);
    const [alert] = await notificationsOf(agentAG, id);
    expect(alert).toMatchObject({ role: 'agent', personal: false, subject: `Attestation d’accueil n° ${reference} : rejet implicite le 2 avril 2026 à 10 h 00` });

    await advanceTo(expiry.due_at);
    const dossier = (await agentAG.get(`/api/dossiers/${id}`)).body;
    expect(dossier).toMatchObject({ status: 'clos', etat: { states: [{ path: 'refus_implicite' }] } });
    expect(await timersOf(id)).toEqual([]);
    const letters = (await agentAG.get(`/api/dossiers/${id}/letters`)).body.letters;
    expect(letters).toEqual([expect.objectContaining({ template: 'refus_implicite', status: 'a_verifier', recipient: 'usager' })]);
    expect(letters[0].body).toContain('votre demande a fait l’objet, le 2 avril 2026 à 10 h 00, d’une décision implicite de rejet');
    expect(letters[0].subject).toBe(`Rejet implicite de votre demande d’attestation d’accueil (dossier n° ${reference})`);
    expect((await notificationsOf(agentAG, id)).map((n) => n.subject)).toContain(`Attestation d’accueil n° ${reference} : rejet implicite`);
  });

  it('fires each timer exactly once when two schedulers race on the same database', async () => {
    const dossiers = [];
    for (let i = 0; i < 6; i++) dossiers.push(await fileAttestation());
    await t.server.jobs.runDue();
    const warnings = (await Promise.all(dossiers.map((d) => timersOf(d.id)))).map((timers) => timers[0].due_at).sort();
    t.clock.set(warnings.at(-1)!);
    const first = createJobs(t.server.rt, { batchSize: 1 });
    const second = createJobs(t.server.rt, { batchSize: 1 });
    await Promise.all([first.runDue(), second.runDue(), first.runDue(), second.runDue()]);
    await signIn();
    for (const d of dossiers) {
      expect((await historyOf(d.id)).filter((e) => e === 'delai.reponse_maire.alerte')).toHaveLength(1);
      expect((await notificationsOf(agentAG, d.id)).filter((n) => n.subject.includes('rejet implicite le'))).toHaveLength(1);
    }
    const due = await sql('SELECT id FROM timers WHERE due_at <= ?', [now().toISOString()]);
    expect(due).toEqual([]);
    await Promise.all([first.stop(), second.stop()]);
  });

  it('drops a timer whose state the dossier has left, changing nothing', async () => {
    const { id } = await fileAttestation();
    await send(agentAG, id, 'demander_pieces', { pieces: ['bail'], precisions: 'Le bail fourni est illisible.' });
    const reminder = (await timersOf(id)).find((x) => x.timer_key.startsWith('after:'))!;
    expect(reminder.timer_key).toBe('after:demande.attente_pieces.en_attente:relance_pieces');
    const at = now().toISOString();
    const pieces = Object.fromEntries(['piece_identite_hebergeant', 'justificatif_domicile', 'bail', 'justificatif_ressources', 'timbre_fiscal']
      .map((p) => [p, [{ id: randomUUID(), name: `${p}.pdf`, at }]]));
    const back = await send(usager, id, 'pieces.deposees', { pieces });
    expect(back.etat.states.map((s: { path: string }) => s.path)).toEqual(['demande.verification_completude']);
    expect((await timersOf(id)).filter((x) => x.timer_key.startsWith('after:'))).toEqual([]);

    // A leftover of the state left (an older process, a restore): due now, and no longer expected.
    await sql('INSERT INTO timers (id, dossier_id, timer_key, event, due_at, attempts) VALUES (?, ?, ?, ?, ?, 0)',
      [reminder.id, id, reminder.timer_key, reminder.event, now().toISOString()]);
    const before = (await agentAG.get(`/api/dossiers/${id}`)).body;
    await t.server.jobs.runDue();
    expect((await timersOf(id)).filter((x) => x.timer_key.startsWith('after:'))).toEqual([]);
    const after = (await agentAG.get(`/api/dossiers/${id}`)).body;
    expect(after.version).toBe(before.version);
    expect(after.etat.states).toEqual(before.etat.states);
  });

  it('routes the dossier again with the table in force, in the event’s own transaction, and answers with the new routing', async () => {
    const filed = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport(now()) });
    expect(filed.body.routing).toMatchObject({ service: 'titres', queue: 'validation', priority: 'haute' });
    const moved = await send(responsable, filed.body.id, 'passer_voie_normale', { motif: 'Le départ peut attendre le délai normal.' });
    expect(moved.routing).toEqual({ service: 'titres', site: 'hotel-de-ville', queue: 'instruction', priority: 'normale' });
    await t.server.jobs.runDue();
    const routed = (await agentTitres.get(`/api/dossiers/${filed.body.id}`)).body;
    expect(routed.routing).toEqual(moved.routing);
    expect(routed.version).toBe(moved.version);
  });

  it('routes with the table saved just before, read with the dossier', async () => {
    const manager = await t.as('manager@demo.guichet.fr');
    const path = '/api/demarches/passeport-urgence/routing';
    const current = (await manager.get(path)).body;
    const table = ROUTING['passeport-urgence'];
    const annexe = { ...table, rules: table.rules.map((r) => (r.id === 'voie_normale' ? { ...r, then: { ...r.then, site: 'mairie-annexe', queue: 'annexe' } } : r)) };
    expect((await manager.put(path, annexe, { 'if-match': `"${current.version}"` })).status).toBe(200);
    try {
      const filed = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport(now()) });
      const moved = await send(responsable, filed.body.id, 'passer_voie_normale', { motif: 'Le départ peut attendre le délai normal.' });
      expect(moved.routing).toEqual({ service: 'titres', site: 'mairie-annexe', queue: 'annexe', priority: 'normale' });
    } finally {
      expect((await manager.put(path, table)).status).toBe(200);
    }
  });

  it('hands the exchange to the agents, in the event’s own transaction, when no connector is configured', async () => {
    delete process.env.GUICHET_CALLOUT_CERT_URL;
    const { id, reference } = await passeportUpTo('rendez_vous');
    await send(agentTitres, id, 'enregistrer_recueil');
    // There at once, with nothing left for the outbox: no job has run since the event.
    expect(await sql('SELECT id FROM outbox WHERE dossier_id = ?', [id])).toEqual([]);
    const notices = await notificationsOf(agentTitres, id);
    expect(notices).toContainEqual(expect.objectContaining({
      role: 'agent', body: `Transmettre le dossier ${reference} au service cert (transmettre_demande) : aucun connecteur n’est configuré.`,
    }));
    const failing = await agentTitres.get('/api/failed-effects?status=retrying');
    expect(failing.body.effects.filter((e: { dossier: { id: string } }) => e.dossier.id === id)).toEqual([]);
  });

  it('retries a failing callout with backoff, gives it up as dead for the staff to see, then runs it once the service answers', async () => {
    process.env.GUICHET_CALLOUT_CERT_URL = certUrl;
    cert.status = 500;
    const { id, reference } = await passeportUpTo('rendez_vous');
    await send(agentTitres, id, 'enregistrer_recueil');
    await t.server.jobs.runDue();
    const retrying = async () => (await agentTitres.get('/api/failed-effects?status=retrying')).body.effects.filter((e: { dossier: { id: string } }) => e.dossier.id === id);
    const [first] = await retrying();
    expect(first).toMatchObject({
      status: 'retrying', type: 'callout', attempts: 1, description: 'Transmission au service cert (transmettre_demande)',
      dossier: { reference }, nextAttemptAt: new Date(now().getTime() + 30_000).toISOString(),
    });
    expect(first.lastError).toBe('Le service « cert » a répondu 500 à « transmettre_demande » : Service momentanément indisponible.');
    expect(cert.for(id)).toHaveLength(1);

    await later(29_000);
    expect(cert.for(id)).toHaveLength(1);
    for (const [wait, attempts] of [[1_000, 2], [2 * MINUTE, 3], [10 * MINUTE, 4], [HOUR, 5]] as const) {
      await later(wait);
      expect((await retrying())[0].attempts).toBe(attempts);
    }
    await later(6 * HOUR);
    expect(await retrying()).toEqual([]);
    expect(cert.for(id)).toHaveLength(6);
    const dead = (await agentTitres.get('/api/failed-effects')).body.effects.filter((e: { dossier: { id: string } }) => e.dossier.id === id);
    expect(dead).toEqual([expect.objectContaining({ status: 'dead', attempts: 6, failedAt: now().toISOString(), lastError: first.lastError })]);
    expect((await notificationsOf(agentTitres, id)).map((n) => n.subject)).toContain(`Dossier ${reference} : action automatique en échec`);
    expect((await agentAG.get('/api/failed-effects')).body.effects.filter((e: { dossier: { id: string } }) => e.dossier.id === id)).toEqual([]);
    expect((await usager.get('/api/failed-effects')).status).toBe(403);

    // The service is back: the dead effect is tried again on demand, and new effects go through at once.
    cert.status = 200;
    const retried = await agentTitres.post(`/api/failed-effects/${dead[0].id}/retry`);
    expect(retried.status).toBe(200);
    expect((await agentTitres.post(`/api/failed-effects/${dead[0].id}/retry`)).status).toBe(409);
    await t.server.jobs.runDue();
    expect((await agentTitres.get('/api/failed-effects')).body.effects.filter((e: { dossier: { id: string } }) => e.dossier.id === id)).toEqual([]);
    const delivered = cert.for(id).at(-1)!;
    expect(delivered.body).toMatchObject({ id: dead[0].id, dossier: { id, reference }, operation: 'transmettre_demande', data: { numeroPreDemande: 'AB12CD34EF' } });
    expect(delivered.headers['idempotency-key']).toBe(dead[0].id);

    const other = await passeportUpTo('rendez_vous');
    await send(agentTitres, other.id, 'enregistrer_recueil');
    await t.server.jobs.runDue();
    expect(cert.for(other.id)).toHaveLength(1);
    expect((await agentTitres.get('/api/failed-effects?status=retrying')).body.effects).toEqual([]);
  });

  it('gives up at once an effect no retry can cure, such as a letter whose template the démarche lacks', async () => {
    const { id, reference } = await fileAttestation();
    await t.server.jobs.runDue();
    const effectId = randomUUID();
    await sql('INSERT INTO outbox (id, dossier_id, seq, effect, status, attempts, next_attempt_at, last_error, created_at, done_at) VALUES (?, ?, 1, ?, ?, 0, ?, NULL, ?, NULL)',
      [effectId, id, JSON.stringify({ type: 'letter', template: 'modele_disparu', to: 'usager' }), 'pending', now().toISOString(), now().toISOString()]);
    await t.server.jobs.runDue();
    const dead = (await agentAG.get('/api/failed-effects')).body.effects.find((e: { id: string }) => e.id === effectId);
    expect(dead).toMatchObject({
      status: 'dead', attempts: 1, description: 'Préparation du courrier « modele_disparu »',
      lastError: 'Le modèle « modele_disparu » n’existe pas dans la démarche « Attestation d’accueil » (version 1).',
    });
    const told = (await notificationsOf(agentAG, id)).find((n) => n.subject === `Dossier ${reference} : action automatique en échec`);
    expect(told?.body).toContain('L’action « Préparation du courrier « modele_disparu » » du dossier');
  });

  it('reminds the citizen, then destroys an uncollected title and records it as a PDF', async () => {
    process.env.GUICHET_CALLOUT_CERT_URL = certUrl;
    cert.status = 200;
    const { id, reference } = await passeportUpTo('titre_disponible');
    await t.server.jobs.runDue();
    const [reminder, destruction] = await timersOf(id);
    expect(reminder.timer_key).toBe('delai.retrait_titre.alerte:P1M');
    expect(destruction.timer_key).toBe('delai.retrait_titre.echu');

    await advanceTo(reminder.due_at);
    expect((await notificationsOf(usager, id)).map((n) => n.subject)).toContain('Rappel : votre passeport vous attend en mairie');
    await advanceTo(destruction.due_at);
    const dossier = (await agentTitres.get(`/api/dossiers/${id}`)).body;
    expect(dossier.etat.states.map((s: { path: string }) => s.path)).toEqual(['detruit']);

    const documents = await sql<{ id: string; kind: string; template: string; name: string; media_type: string; size: number; sha256: string; storage_path: string }>(
      'SELECT id, kind, template, name, media_type, size, sha256, storage_path FROM documents WHERE dossier_id = ?', [id]);
    expect(documents).toEqual([expect.objectContaining({
      kind: 'genere', template: 'pv_destruction', name: `pv-destruction-${reference}.pdf`, media_type: 'application/pdf', storage_path: `${id}/${documents[0].id}.pdf`,
    })]);
    const bytes = await readFile(path.join(t.server.rt.config.dataDir, 'files', documents[0].storage_path));
    expect(bytes.byteLength).toBe(Number(documents[0].size));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(documents[0].sha256);

    // The citizen finds it among the dossier’s documents.
    const listed = await usager.get(`/api/dossiers/${id}/documents`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain(documents[0].id);

    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe('Procès-verbal de destruction d’un titre non retiré');
    const lines = await pdfLines(bytes);
    expect(lines).toContain('PROCÈS-VERBAL DE DESTRUCTION D’UN PASSEPORT NON RETIRÉ');
    expect(lines).toContain('Commune de Ville de Démo, service des titres sécurisés');
    expect(lines).toContain('Titulaire : Camille Martin, né(e) le 12 avril 1985 à Lyon');
    expect(lines.find((l) => l.startsWith('Détruit le : '))).toMatch(/^Détruit le : \d{1,2}(er)? [a-zéû]+ 2026 à \d{1,2} h \d{2}$/);
    expect(lines.at(-1)).toBe(`Ville de Démo — Procès-verbal de destruction d’un titre non retiré — dossier ${reference} — page 1/1`);
  });

  it('polls for due work in the background, and runs nothing once stopped', async () => {
    const background = createJobs(t.server.rt, { pollMs: 20 });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const { id } = await fileAttestation();
    const warning = (await timersOf(id)).find((x) => x.timer_key.startsWith('delai.reponse_maire.alerte'))!;
    t.clock.set(warning.due_at);
    await signIn();
    background.start();
    for (let i = 0; i < 250 && !(await historyOf(id)).includes('delai.reponse_maire.alerte'); i++) await pause(20);
    await background.stop();
    expect(await historyOf(id)).toEqual(['depot', 'delai.reponse_maire.alerte']);
    const afterStop = await fileAttestation();
    const later = (await timersOf(afterStop.id)).find((x) => x.timer_key.startsWith('delai.reponse_maire.alerte'))!;
    t.clock.set(later.due_at);
    await signIn();
    await pause(100);
    expect(await historyOf(afterStop.id)).toEqual(['depot']);
    await t.server.jobs.runDue();
    expect(await historyOf(afterStop.id)).toEqual(['depot', 'delai.reponse_maire.alerte']);
  });

  it('runs an effect a second time without creating anything twice (a crash after the work, before « done »)', async () => {
    const { id } = await fileAttestation();
    // An effect that went through the outbox (a template that failed to render at first, say).
    await sql('INSERT INTO outbox (id, dossier_id, seq, effect, status, attempts, next_attempt_at, last_error, created_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      '00000000-0000-4000-8000-00000000e001', id, 1, JSON.stringify({ type: 'notify', to: ['usager'], template: 'accuse_reception' }), 'pending', 0, now().toISOString(), null, now().toISOString(), null,
    ]);
    await t.server.jobs.runDue();
    const count = async () => Number((await sql<{ n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE dossier_id = ?', [id]))[0].n);
    const before = await count();
    expect(before).toBe(2); // the acknowledgement of the filing, and the one the outbox sent
    await sql('UPDATE outbox SET status = ?, next_attempt_at = ?, done_at = NULL WHERE dossier_id = ?', ['pending', now().toISOString(), id]);
    await t.server.jobs.runDue();
    expect(await count()).toBe(before);
    expect(await sql('SELECT id FROM outbox WHERE dossier_id = ? AND status <> ?', [id, 'done'])).toEqual([]);
  });

  it('erases a closed dossier whole once its démarche’s retention has run out, and nothing before', async () => {
    // The passeport d’urgence keeps a closed dossier one year (P1Y).
    const closed = (await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport(now()) })).body as { id: string; reference: string };
    const form = new FormData();
    form.append('piece', 'justificatif_urgence');
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], { type: 'application/pdf' }), 'ordre-de-mission.pdf');
    expect((await usager.request('POST', `/api/dossiers/${closed.id}/documents`, { body: form })).status).toBe(201);
    const cancelled = await usager.post(`/api/dossiers/${closed.id}/events`, { type: 'annuler', payload: { raison: 'Voyage reporté.' } }, { 'idempotency-key': `annulation-${closed.id}` });
    expect(cancelled.body.status).toBe('clos');
    const open = (await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport(now()) })).body as { id: string };
    const files = path.join(t.server.rt.config.dataDir, 'files', closed.id);
    const rowsOf = async (id: string) => {
      const counts: Record<string, number> = {};
      for (const table of ['dossiers', 'history', 'documents', 'notifications', 'timers', 'outbox', 'letters', 'notes', 'dossier_parties']) {
        const [row] = await sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${table === 'dossiers' ? 'id' : 'dossier_id'} = ?`, [id]);
        if (Number(row.n) > 0) counts[table] = Number(row.n);
      }
      return counts;
    };
    expect(await rowsOf(closed.id)).toMatchObject({ dossiers: 1, history: 3, documents: 1 });
    expect((await readdir(files)).length).toBe(1);

    await later(365 * DAY - HOUR); // a year less an hour after closing: kept
    expect((await usager.get(`/api/dossiers/${closed.id}`)).status).toBe(200);
    await later(2 * HOUR);
    expect((await usager.get(`/api/dossiers/${closed.id}`)).status).toBe(404);
    expect(await rowsOf(closed.id)).toEqual({});
    await expect(readdir(files)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await usager.get(`/api/dossiers/reference/${closed.reference}`)).status).toBe(404);
    // Open dossiers are kept whatever their age; the answer kept for retries went after a day.
    expect((await usager.get(`/api/dossiers/${open.id}`)).status).toBe(200);
    expect(await sql('SELECT idem_key FROM idempotency_keys WHERE idem_key = ?', [`annulation-${closed.id}`])).toEqual([]);
  });
});
