import type { EntityManager } from 'typeorm';
import { compile, routingEvents, type Demarche } from '../../engine';
import type { Database } from '../store';
import { DemarcheVersion, type DemarcheVersionRow } from '../store';

/**
 * The published démarches. A published version never changes, so each one is read from the
 * database once and kept (with its compiled machine) for the life of the process.
 */
export class Catalogue {
  private readonly versions = new Map<string, Demarche>();
  /** The events on which some version read so far routes a dossier again; null once any event may. */
  private routing: Set<string> | null = new Set();

  constructor(private readonly db: Database) {}

  /**
   * One published version, or null. Inside a transaction, pass its manager: on SQLite a separate
   * read would wait for the transaction it is part of.
   */
  async version(id: string, version: number, manager?: EntityManager): Promise<Demarche | null> {
    const key = `${id}@${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const find = (m: EntityManager) => m.findOneBy(DemarcheVersion, { demarcheId: id, version });
    const row = manager ? await find(manager) : await this.db.read(find);
    if (!row) return null;
    compile(row.definition);
    this.versions.set(key, row.definition);
    const events = routingEvents(row.definition);
    if (events === null) this.routing = null;
    else for (const event of events) this.routing?.add(event);
    return row.definition;
  }

  /**
   * Whether an event may route a dossier again, as far as the versions read so far tell: if so,
   * the routing table is read with the dossier. A version not read yet is read with the dossier
   * first; a transition that routes when this said no reads the table then, one round trip later.
   */
  mayRoute(event: string): boolean {
    return this.routing === null || this.routing.has(event);
  }

  /** The latest published version of a démarche, or null. */
  async latest(id: string): Promise<Demarche | null> {
    const row = await this.db.read((m) => m.findOne(DemarcheVersion, { where: { demarcheId: id }, order: { version: 'DESC' } }));
    return row ? this.version(id, row.version) : null;
  }

  /** The latest version of every published démarche. */
  async list(): Promise<DemarcheVersionRow[]> {
    const rows = await this.db.read((m) =>
      m.createQueryBuilder(DemarcheVersion, 'v')
        .where((qb) => `v.version = ${qb.subQuery().select('MAX(w.version)').from(DemarcheVersion, 'w').where('w.demarche_id = v.demarche_id').getQuery()}`)
        .orderBy('v.category', 'ASC').addOrderBy('v.title', 'ASC')
        .getMany());
    return rows;
  }

  /** Every published version of a démarche, newest first (without their definitions). */
  async history(id: string): Promise<Omit<DemarcheVersionRow, 'definition'>[]> {
    const rows = await this.db.read((m) => m.find(DemarcheVersion, { where: { demarcheId: id }, order: { version: 'DESC' } }));
    return rows.map(({ definition: _definition, ...rest }) => rest);
  }
}
