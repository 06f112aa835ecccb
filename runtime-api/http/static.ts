import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Next } from 'koa';
import send from 'koa-send';
import type { AppContext } from './context';

/**
 * Serves the built web interface (dist/ui) beside the API. Any other GET that is not a file is the
 * single-page application's own route: it gets index.html. Hashed assets are cached for a year.
 */
export function staticUi(dir: string) {
  const index = path.join(dir, 'index.html');
  return async (ctx: AppContext, next: Next): Promise<void> => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api')) {
      await next();
      return;
    }
    if (!existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'L’interface n’est pas construite : lancez « npm run build:ui » (ou « npm start », qui la construit).';
      return;
    }
    const file = ctx.path === '/' ? '' : decodeURIComponent(ctx.path);
    const isAsset = file.startsWith('/assets/');
    try {
      if (file && existsSync(path.join(dir, path.normalize(file).replace(/^(\.\.[/\\])+/, '')))) {
        await send(ctx, file, { root: dir, immutable: isAsset, maxage: isAsset ? 365 * 24 * 3600 * 1000 : 0 });
        return;
      }
    } catch {
      // not a file of the build: the application's own route
    }
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root: dir });
  };
}
