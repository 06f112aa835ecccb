import { E2E, accessibilityViolations, describeViolations, screenshot } from './support';

jest.setTimeout(60_000);

describe('the interface shell', () => {
  let e: E2E;
  beforeAll(async () => { e = await E2E.start(); });
  afterAll(() => e?.stop());

  it('serves the interface at the root, in French, with the DSFR frame and no accessibility violation', async () => {
    const page = await e.page();
    await page.goto(e.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.getByRole('banner').textContent()).toContain('Guichet');
    await screenshot(page, 'accueil');
    const violations = await accessibilityViolations(page);
    expect(describeViolations(violations)).toBe('');
  });

  it('signs a citizen in and out, showing the menu of their role', async () => {
    const page = await e.page();
    await e.signIn(page, 'usager@demo.guichet.fr');
    await page.getByRole('link', { name: 'Mes dossiers' }).waitFor();
    expect(await page.getByRole('link', { name: 'Corbeille' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
  });

  it('says in words why a sign-in is refused', async () => {
    const page = await e.page();
    await page.goto(`${e.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('usager@demo.guichet.fr');
    await page.getByLabel('Mot de passe').fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await screenshot(page, 'connexion-refusee');
  });

  it('answers the application’s own routes with the interface, and unknown API paths with a problem', async () => {
    const page = await e.page();
    const response = await page.goto(`${e.url}/mes-dossiers`);
    expect(response?.headers()['content-type']).toContain('text/html');
    const api = await page.request.get(`${e.url}/api/nulle-part`);
    expect(api.status()).toBe(404);
    expect(api.headers()['content-type']).toContain('application/problem+json');
  });
});
