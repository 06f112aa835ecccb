import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../runtime-api';
import { TestServer, type Client, type Reply } from '../api/support';

const ROOT = path.join(__dirname, '..', '..');
/** Where screenshots go for a reviewer to look at (not committed). */
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** Debian's Chromium, headless, with nothing that calls home (the machine's network is closed). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium introuvable (${executablePath}) : installez le paquet Debian « chromium » (.ci/run le fait).`);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A real server (fresh database, manual clock) serving the built interface, and a browser. */
export class E2E {
  private constructor(readonly t: TestServer, readonly browser: Browser) {}

  static async start(at?: string): Promise<E2E> {
    if (!existsSync(path.join(ROOT, 'dist', 'ui', 'index.html'))) {
      throw new Error('L’interface n’est pas construite : lancez « npm run build:ui » (npm test le fait).');
    }
    const t = await TestServer.start('sqlite', at);
    return new E2E(t, await launchBrowser());
  }

  get url(): string {
    return this.t.url;
  }

  /** A fresh browser context (own cookies), in French, at a desktop size. */
  async page(): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  /** Signs a demo account in through the sign-in page, as a person would. */
  async signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
    await page.goto(`${this.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.t.stop();
  }
}

/** Keeps a full-page screenshot under test-results/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

let axeSource: string | null = null;

/** Runs axe-core in the page (WCAG 2 A and AA rules) and returns its violations. */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  });
}

/** A readable account of axe's violations, for a failing assertion. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}) : ${v.help}\n${v.nodes.slice(0, 3).map((n) => `    ${n.target.join(' ')} — ${n.html.slice(0, 120)}`).join('\n')}`).join('\n');
}

/** Fails with axe's violations in words when the page has any. */
export async function expectNoViolation(page: Page): Promise<void> {
  expect(describeViolations(await accessibilityViolations(page))).toBe('');
}

/** A small real PDF with one line of text, as a citizen would attach. */
export async function pdfBytes(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  return doc.save();
}

/** Attaches a PDF to a pièce of a dossier through the API (to set a scene, not to test the upload). */
export async function attachPdf(client: Client, dossierId: string, piece: string, name = `${piece}.pdf`): Promise<Reply> {
  const form = new FormData();
  form.append('piece', piece);
  form.append('file', new Blob([new Uint8Array(await pdfBytes(piece))], { type: 'application/pdf' }), name);
  return client.request('POST', `/api/dossiers/${dossierId}/documents`, { body: form });
}

/** In the designer's form builder: adds a field through the « Ajouter un champ » form, on the page chosen there, and waits for its inspector. */
export async function addField(page: Page, title: string, type: string): Promise<void> {
  await page.getByLabel('Libellé du nouveau champ').fill(title);
  await page.getByLabel('Type du nouveau champ').selectOption({ label: type });
  await page.getByRole('button', { name: 'Ajouter le champ' }).click();
  await page.getByRole('heading', { level: 3, name: `Champ « ${title} »` }).waitFor();
}
