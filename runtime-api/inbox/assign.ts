import type { EntityManager } from 'typeorm';
import { dossierView, openDossier, type DossierView } from '../dossiers';
import { problems } from '../problems';
import type { Runtime } from '../runtime';
import { Dossier, findUserById, type DossierRow, type UserRow } from '../store';
import { worksOn } from './scope';

/** What an assignment asks: nothing (take it myself), someone (a responsable gives it), or null (release it). */
export interface AssignRequest {
  assignee?: string | null;
}

export const assignSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    assignee: { type: ['string', 'null'], minLength: 1, maxLength: 36, title: 'Agent' },
  },
};

function fullName(user: Pick<UserRow, 'givenName' | 'familyName'>): string {
  return `${user.givenName} ${user.familyName}`;
}

async function holderName(m: EntityManager, id: string): Promise<string> {
  const holder = await findUserById(m, id);
  return holder ? fullName(holder) : 'un autre agent';
}

/**
 * Sets the agent in charge of the next step: the one who takes it, or who a responsable of the
 * service gives it to. Only if nobody changed the assignment since it was read, so that of two
 * agents taking the same dossier at once, one gets it and the other a 409 naming who has it.
 * The dossier's version does not change: who holds it is not a step of its workflow.
 */
export async function assignDossier(rt: Runtime, user: UserRow, id: string, request: AssignRequest): Promise<DossierView> {
  // The dossier's version is read into the catalogue first: inside the transaction, on SQLite, the
  // catalogue could not reach the database (the transaction holds its single connection).
  const before = await rt.db.read((m) => m.findOneBy(Dossier, { id }));
  if (before) await rt.catalogue.version(before.demarcheId, before.demarcheVersion);
  return rt.db.write(async (m) => {
    const { row, definition, access } = await openDossier(rt, user, id, m);
    if (row.status !== 'en_cours') throw problems.conflict(row.status === 'clos' ? 'Ce dossier est clos : il ne s’attribue plus.' : 'Ce dossier est un brouillon de l’usager : il ne s’attribue pas.');
    const responsable = user.roles.includes('responsable') && worksOn(user, row.service);
    let target: string | null;
    if (request.assignee === undefined || request.assignee === user.id) {
      if (!worksOn(user, row.service)) throw problems.forbidden(`Seul un agent du service « ${row.service ?? 'aucun'} » peut prendre ce dossier.`);
      if (row.assigneeId && row.assigneeId !== user.id && !responsable) {
        throw problems.conflict(`Ce dossier est déjà pris par ${await holderName(m, row.assigneeId)}.`, { assigneeId: row.assigneeId });
      }
      target = user.id;
    } else if (request.assignee === null) {
      if (row.assigneeId !== user.id && !responsable) throw problems.forbidden('Seul l’agent qui a pris ce dossier, ou un responsable du service, peut le libérer.');
      target = null;
    } else {
      if (!responsable) throw problems.forbidden('Seul un responsable du service attribue un dossier à un autre agent ; vous pouvez le prendre vous-même (corps vide).');
      const other = await findUserById(m, request.assignee);
      if (!other || other.disabledAt || !worksOn(other, row.service)) {
        const message = `Aucun agent actif du service « ${row.service} » n’a l’identifiant « ${request.assignee} ».`;
        throw problems.unprocessable('agent-invalide', 'Agent invalide', message, [{ pointer: '/assignee', field: 'Agent', message }]);
      }
      target = other.id;
    }
    if (target === row.assigneeId) return dossierView(row, definition, access, rt.clock.now());
    const update = m.createQueryBuilder().update(Dossier).set({ assigneeId: target }).where('id = :id', { id: row.id });
    if (row.assigneeId === null) update.andWhere('assignee_id IS NULL');
    else update.andWhere('assignee_id = :held', { held: row.assigneeId });
    const result = await update.execute();
    if (result.affected !== 1) {
      const now = await m.findOneBy(Dossier, { id: row.id });
      throw problems.conflict(`Ce dossier vient d’être pris par ${now?.assigneeId ? await holderName(m, now.assigneeId) : 'un autre agent'}.`, { assigneeId: now?.assigneeId ?? null });
    }
    const updated: DossierRow = { ...row, assigneeId: target };
    return dossierView(updated, definition, access, rt.clock.now());
  });
}
