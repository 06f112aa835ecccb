import { Agent, get } from 'node:http';
import { TestServer } from './support';

/** The local port of the connection that carried a GET: the same port means the same connection. */
function portOf(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      const port = res.socket.localPort!;
      res.resume();
      res.on('end', () => resolve(port));
    }).on('error', reject);
  });
}

describe('connections', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start('sqlite');
  });
  afterAll(() => t.stop());

  it('keeps a connection open across an agent’s pause between two actions (longer than Node’s default 5 s)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await portOf(`${t.url}/api/health`, agent);
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await portOf(`${t.url}/api/health`, agent)).toBe(first);
    } finally {
      agent.destroy();
    }
  });
});
