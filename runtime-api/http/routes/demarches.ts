import Router from '@koa/router';
import type { Demarche } from '../../../engine';
import { problems } from '../../problems';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** What the catalogue shows of a démarche: enough to choose it and know what it takes. */
export function summary(definition: Demarche) {
  return {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    summary: definition.summary,
    category: definition.category,
    typicalDuration: definition.typicalDuration ?? null,
    pieces: Object.entries(definition.pieces ?? {}).map(([id, p]) => ({ id, label: p.label, description: p.description ?? null, required: p.required ?? false })),
  };
}

function versionParam(raw: string): number {
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1) throw problems.badRequest(`« ${raw} » n’est pas un numéro de version (un entier à partir de 1).`);
  return version;
}

/** The published catalogue: public, so that anyone can see what the town offers before signing in. */
export function demarcheRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/demarches' });

  router.get('/', async (ctx) => {
    const rows = await rt.catalogue.list();
    ctx.body = { demarches: rows.map((r) => summary(r.definition)) };
  });

  router.get('/:id', async (ctx) => {
    const definition = await rt.catalogue.latest(ctx.params.id);
    if (!definition) throw problems.notFound(`La démarche « ${ctx.params.id} » n’existe pas ou n’est pas publiée.`);
    ctx.body = { ...summary(definition), definition };
  });

  router.get('/:id/versions', async (ctx) => {
    const versions = await rt.catalogue.history(ctx.params.id);
    if (versions.length === 0) throw problems.notFound(`La démarche « ${ctx.params.id} » n’existe pas ou n’est pas publiée.`);
    ctx.body = { versions };
  });

  router.get('/:id/versions/:version', async (ctx) => {
    const definition = await rt.catalogue.version(ctx.params.id, versionParam(ctx.params.version));
    if (!definition) throw problems.notFound(`La version ${ctx.params.version} de la démarche « ${ctx.params.id} » n’existe pas.`);
    ctx.body = { ...summary(definition), definition };
  });

  return router;
}
