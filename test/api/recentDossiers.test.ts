// eslint-disable-next-line no-restricted-imports -- the cache itself, without a server around it.
import { RecentDossiers } from '../../runtime-api/dossiers/recent';
// eslint-disable-next-line no-restricted-imports -- the row type of the cache's entries.
import type { DossierRow } from '../../runtime-api/store';

const row = (id: string, version: number): DossierRow => ({ id, version } as DossierRow);

describe('RecentDossiers', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps the newest version of a dossier, whatever the order in which reads and writes end', () => {
    const recent = new RecentDossiers();
    recent.remember(row('a', 3), null);
    recent.remember(row('a', 2), null); // a read that started before the write of version 3
    expect(recent.get('a')?.row.version).toBe(3);
    recent.remember(row('a', 4), null);
    expect(recent.get('a')?.row.version).toBe(4);
    recent.forget('a');
    expect(recent.get('a')).toBeUndefined();
  });

  it('forgets a dossier after a minute, and the least recently used one first when full', () => {
    jest.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z') });
    const recent = new RecentDossiers();
    recent.remember(row('old', 1), null);
    jest.advanceTimersByTime(61_000);
    expect(recent.get('old')).toBeUndefined();
    for (let i = 0; i < 2_000; i++) recent.remember(row(`d${i}`, 1), null);
    recent.remember(row('d0', 2), null); // used again: now the most recent
    recent.remember(row('new', 1), null);
    expect(recent.get('d1')).toBeUndefined();
    expect(recent.get('d0')?.row.version).toBe(2);
    expect(recent.get('new')).toBeDefined();
  });

  it('tells an event whether another event of this process ran on the dossier meanwhile', async () => {
    const recent = new RecentDossiers();
    recent.remember(row('a', 1), null);
    // Alone: nothing moved the dossier here.
    expect(await recent.acting('a', async (concurrent) => concurrent())).toBe(false);
    // Two at once: each sees the other, whether it is still running or has already written.
    let release!: () => void;
    const first = recent.acting('a', (concurrent) => new Promise<boolean>((resolve) => { release = () => resolve(concurrent()); }));
    const second = recent.acting('a', async (concurrent) => {
      const whileFirstRuns = concurrent();
      release();
      await first;
      recent.remember(row('a', 2), null);
      return whileFirstRuns;
    });
    expect(await second).toBe(true);
    expect(await first).toBe(true);
    // Another dossier is not concerned, and once both are done, the count is back to none.
    expect(await recent.acting('b', async (concurrent) => concurrent())).toBe(false);
    expect(await recent.acting('a', async (concurrent) => concurrent())).toBe(false);
  });

  it('tells an event that the dossier was written by this process while it ran', async () => {
    const recent = new RecentDossiers();
    recent.remember(row('a', 1), null);
    const seen = await recent.acting('a', async (concurrent) => {
      const before = concurrent();
      recent.remember(row('a', 2), null); // an event that ended just before this one began to fail
      return [before, concurrent()];
    });
    expect(seen).toEqual([false, true]);
  });
});
