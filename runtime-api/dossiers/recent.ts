import type { Runtime } from '../runtime';
import type { DossierRow, UserRow } from '../store';

/**
 * The dossiers this process last read or wrote, as committed, with their owner: an agent opens a
 * dossier, then acts on it; the event then needs no read before its transaction, whose only round
 * trip is its writes (a workflow engine's cache of mutable state).
 *
 * It can never make a transition apply to a dossier that is not as remembered: the transition's
 * update is fenced on the version and on every column that changes without one (placement,
 * assignee; see `persistTransition`), so a dossier another process moved, re-routed or gave to
 * someone makes it fail, and the event is then decided again from the database (`sendEvent`).
 * The owner (to whom notifications speak) may be up to `TTL_MS` old.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;

export interface Remembered {
  row: DossierRow;
  owner: UserRow | null;
  /** When it was read or written (Date.now()). */
  at: number;
}

export class RecentDossiers {
  private readonly entries = new Map<string, Remembered>();
  /** How many events this process is sending to each dossier. */
  private readonly running = new Map<string, number>();

  /** The dossier as this process last saw it committed, if recent. */
  get(id: string): Remembered | undefined {
    const entry = this.entries.get(id);
    if (entry && Date.now() - entry.at > TTL_MS) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Keeps a committed dossier, unless a newer version of it is already kept. */
  remember(row: DossierRow, owner: UserRow | null): void {
    const known = this.entries.get(row.id);
    if (known && known.row.version > row.version) return;
    // Re-inserted last: the map's order is the order of use, and the oldest goes first.
    this.entries.delete(row.id);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(row.id, { row, owner, at: Date.now() });
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  /**
   * Runs `work`, an event this process sends to the dossier; `concurrent()`, asked during it,
   * tells whether another such event ran meanwhile or still runs (whether the dossier may have
   * moved by this process's own doing).
   */
  async acting<T>(id: string, work: (concurrent: () => boolean) => Promise<T>): Promise<T> {
    const started = this.entries.get(id);
    this.running.set(id, (this.running.get(id) ?? 0) + 1);
    try {
      return await work(() => (this.running.get(id) ?? 0) > 1 || this.entries.get(id) !== started);
    } finally {
      const left = (this.running.get(id) ?? 1) - 1;
      if (left === 0) this.running.delete(id);
      else this.running.set(id, left);
    }
  }
}

const perRuntime = new WeakMap<Runtime, RecentDossiers>();

/** The recent dossiers of this runtime (one per server process). */
export function recentDossiers(rt: Runtime): RecentDossiers {
  let recent = perRuntime.get(rt);
  if (!recent) perRuntime.set(rt, (recent = new RecentDossiers()));
  return recent;
}
