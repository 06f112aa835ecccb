import Router from '@koa/router';
import { In, type EntityManager } from 'typeorm';
import { isSound, lintRouting, type Demarche, type RoutingTable } from '../../../engine';
import { blockingErrors, isUniqueViolation, warningsOf } from '../../admin';
import { FALLBACK_ROUTING, currentRouting, routingHistory, saveRouting } from '../../demarches';
import { previewRouting, publishedVersions, rerouteOpenDossiers } from '../../inbox';
import { problems } from '../../problems';
import type { Runtime } from '../../runtime';
import { User, type RoutingTableRow } from '../../store';
import type { AppContext, AppState } from '../context';
import { requireRole } from '../guards';

/** Who changed a table, as the history shows them. */
interface Author {
  id: string;
  givenName: string;
  familyName: string;
}

async function authors(m: EntityManager, rows: RoutingTableRow[]): Promise<Map<string, Author>> {
  const ids = [...new Set(rows.map((r) => r.changedBy).filter((id): id is string => id !== null))];
  const users = ids.length === 0 ? [] : await m.find(User, { select: { id: true, givenName: true, familyName: true }, where: { id: In(ids) } });
  return new Map(users.map((u) => [u.id, { id: u.id, givenName: u.givenName, familyName: u.familyName }]));
}

/** The table in force (or the fallback when the démarche has none), who set it and when, and every earlier version. */
async function routingView(m: EntityManager, demarcheId: string) {
  const history = await routingHistory(m, demarcheId);
  const names = await authors(m, history);
  const version = (row: RoutingTableRow) => ({
    version: row.version, table: row.table, changedAt: row.changedAt, changedBy: row.changedBy ? names.get(row.changedBy) ?? { id: row.changedBy, givenName: '', familyName: '' } : null,
  });
  const current = history[0];
  return {
    demarche: demarcheId,
    // Without a table of its own, every dossier goes to the front desk (FALLBACK_ROUTING).
    fallback: !current,
    ...(current ? version(current) : { version: null, table: { ...FALLBACK_ROUTING, demarche: demarcheId }, changedAt: null, changedBy: null }),
    history: history.map(version),
  };
}

async function demarcheOr404(rt: Runtime, id: string): Promise<Demarche> {
  const definition = await rt.catalogue.latest(id);
  if (!definition) throw problems.notFound(`La démarche « ${id} » n’existe pas ou n’est pas publiée.`);
  return definition;
}

/**
 * The table sent in the body, checked against the démarche's latest version: a 422 listing every
 * error (JSON pointer, French message) when it is not sound. `demarche` may be left out.
 */
function tableFrom(ctx: AppContext, definition: Demarche): { table: RoutingTable; warnings: { pointer: string; message: string }[] } {
  const input = ctx.state.body;
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw problems.badRequest('Le corps de la requête doit être une table de routage (un objet JSON avec « rules » et « default »).');
  const table = 'demarche' in input ? input : { ...input, demarche: definition.id };
  const found = lintRouting(table, definition);
  if (!isSound(found)) {
    const errors = blockingErrors(found, 'Table de routage');
    throw problems.unprocessable('table-de-routage-invalide', 'Table de routage invalide',
      `La table de routage a ${errors.length} erreur${errors.length > 1 ? 's' : ''} : voir « errors ». Rien n’a été enregistré.`, errors, { warnings: warningsOf(found) });
  }
  return { table: table as RoutingTable, warnings: warningsOf(found) };
}

/** `?reroute=true`: also move the open dossiers. Anything else than true/false is a 400. */
function rerouteParam(ctx: AppContext): boolean {
  const raw = ctx.query.reroute;
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  const message = '« reroute » vaut « true » (appliquer aussi la table aux dossiers en cours) ou « false ».';
  throw problems.badRequest(message, [{ pointer: '/reroute', field: 'reroute', message }]);
}

/** `If-Match: "3"`: save only over version 3 of the table (0 when it has none yet). */
function expectedVersion(ctx: AppContext): number | undefined {
  const raw = ctx.get('if-match');
  if (!raw) return undefined;
  const version = Number(raw.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 0) throw problems.badRequest('If-Match attend la version de la table de routage, par exemple « "3" ».');
  return version;
}

/**
 * Managers' routing tables: read (managers, responsables, and the Procédures team, whose form
 * builder warns before a field that a rule reads is renamed or removed), change and preview (managers).
 */
export function routingRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/demarches' });

  router.get('/:id/routing', async (ctx) => {
    requireRole(ctx, 'manager', 'responsable', 'procedures');
    await demarcheOr404(rt, ctx.params.id);
    const view = await rt.db.read((m) => routingView(m, ctx.params.id));
    ctx.set('ETag', `"${view.version ?? 0}"`);
    ctx.body = view;
  });

  // A new version of the table; the dossiers filed from now on follow it. `?reroute=true` also
  // moves the open ones, in the same transaction.
  router.put('/:id/routing', async (ctx) => {
    const user = requireRole(ctx, 'manager');
    const definition = await demarcheOr404(rt, ctx.params.id);
    const { table, warnings } = tableFrom(ctx, definition);
    const reroute = rerouteParam(ctx);
    const expected = expectedVersion(ctx);
    const versions = reroute ? await publishedVersions(rt, definition.id) : new Map();
    const now = rt.clock.now().toISOString();
    const conflict = (version: number) => problems.conflict(`La table de routage a été modifiée entre-temps (elle est à la version ${version}) : rechargez-la avant d’enregistrer.`, { version });
    try {
      const result = await rt.db.write(async (m) => {
        const current = await currentRouting(m, definition.id);
        if (expected !== undefined && (current?.version ?? 0) !== expected) throw conflict(current?.version ?? 0);
        const saved = await saveRouting(m, definition, table, user.id, now);
        if (!saved.ok) throw problems.unprocessable('table-de-routage-invalide', 'Table de routage invalide', 'La table de routage n’est pas valide : voir « errors ».', blockingErrors(saved.problems, 'Table de routage'));
        const rerouted = reroute ? await rerouteOpenDossiers(versions, m, definition.id, table, now) : null;
        return { view: await routingView(m, definition.id), rerouted };
      });
      ctx.set('ETag', `"${result.view.version ?? 0}"`);
      ctx.body = { ...result.view, rerouted: result.rerouted, warnings };
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict((await rt.db.read((m) => currentRouting(m, definition.id)))?.version ?? 0);
      throw e;
    }
  });

  // What a table would do to today's open dossiers, without saving it.
  router.post('/:id/routing/dry-run', async (ctx) => {
    requireRole(ctx, 'manager');
    const definition = await demarcheOr404(rt, ctx.params.id);
    const { table, warnings } = tableFrom(ctx, definition);
    const versions = await publishedVersions(rt, definition.id);
    const now = rt.clock.now().toISOString();
    const preview = await rt.db.read((m) => previewRouting(versions, m, definition.id, table, now));
    ctx.body = { ...preview, warnings };
  });

  return router;
}
