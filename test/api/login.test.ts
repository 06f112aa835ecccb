import { request } from 'node:http';
import { DEMO_PASSWORD } from '../../runtime-api';
import { DATABASES, TestServer, warnIfMysqlSkipped } from './support';

warnIfMysqlSkipped();

const USAGER = 'usager@demo.guichet.fr';

/**
 * A sign-in attempt from a given loopback address (127.x.x.x): every one of them reaches the
 * server on this machine, which sees each as a different client address.
 */
function loginFrom(base: string, address: string, email: string, password: string): Promise<{ status: number; body: any; retryAfter?: string }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const url = new URL('/api/auth/login', base);
  const payload = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: address,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), retryAfter: res.headers['retry-after'] }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe.each(DATABASES)('sign-in limits on %s', (database) => {
  let t: TestServer;
  let minutes = 0;

  beforeAll(async () => {
    t = await TestServer.start(database);
  });
  afterAll(() => t.stop());
  // Each test starts a quarter of an hour after the previous one: no failure of one counts in the next.
  beforeEach(() => {
    minutes += 20;
    t.clock.set(new Date(Date.parse('2026-03-02T09:00:00.000Z') + minutes * 60_000).toISOString());
  });

  const login = (address: string, email: string, password: string) => loginFrom(t.url, address, email, password);

  it('refuses an account after ten wrong passwords, from whatever address and even with the right one, for a quarter of an hour', async () => {
    for (let i = 0; i < 10; i++) expect((await login(`127.0.1.${i + 1}`, USAGER, 'pas le bon')).status).toBe(401);
    const refused = await login('127.0.1.50', USAGER, DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.type).toBe('urn:guichet:probleme:trop-de-tentatives');
    expect(refused.body.detail).toBe('Trop de tentatives de connexion : réessayez dans 15 minute(s).');
    expect(Number(refused.retryAfter)).toBeGreaterThan(14 * 60);
    // Nothing was counted for the refused attempt: once the first failure leaves the window, one attempt is allowed.
    t.clock.set(new Date(t.clock.now().getTime() + 15 * 60_000 + 1000).toISOString());
    expect((await login('127.0.1.50', USAGER, DEMO_PASSWORD)).status).toBe(200);
  });

  it('refuses an address after ten wrong passwords on any accounts, and only that address', async () => {
    for (let i = 0; i < 10; i++) expect((await login('127.0.2.1', `inconnu-${i}@exemple.fr`, 'devinette')).status).toBe(401);
    expect((await login('127.0.2.1', USAGER, DEMO_PASSWORD)).status).toBe(429);
    expect((await login('127.0.2.2', USAGER, DEMO_PASSWORD)).status).toBe(200);
  });

  it('clears an account’s failures when it signs in', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) expect((await login(`127.0.3.${round * 10 + i + 1}`, USAGER, 'pas le bon')).status).toBe(401);
      expect((await login('127.0.3.100', USAGER, DEMO_PASSWORD)).status).toBe(200);
    }
  });

  it('answers a wrong password as slowly whether the account exists or not', async () => {
    const timed = async (email: string) => {
      const started = performance.now();
      expect((await login('127.0.5.1', email, 'pas le bon')).status).toBe(401);
      return performance.now() - started;
    };
    await timed(USAGER); // the first check against the decoy hash computes it
    const known = Math.min(await timed(USAGER), await timed(USAGER));
    const unknown = Math.min(await timed('personne@exemple.fr'), await timed('quelquun@exemple.fr'));
    // A password hash check takes tens of milliseconds; skipping it would answer an unknown address in one or two.
    expect(unknown).toBeGreaterThan(known / 2);
  });

  it('keeps counting across a restart', async () => {
    for (let i = 0; i < 10; i++) expect((await login(`127.0.4.${i + 1}`, USAGER, 'pas le bon')).status).toBe(401);
    await t.restart();
    expect((await login('127.0.4.50', USAGER, DEMO_PASSWORD)).status).toBe(429);
  });
});
