import Router from '@koa/router';
import { createStaff, listStaff, setStaffPassword, updateStaff } from '../../admin';
import { forgetUser } from '../middleware';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';
import { requireRole } from '../guards';
import { body } from '../validate';

// The account module checks the body against its schemas (newStaffSchema…), shared with the command line.
const anObject = { type: 'object' };

/** Administration of staff accounts: administrators only. Password hashes never leave the server. */
export function adminRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/admin/users' });

  router.get('/', async (ctx) => {
    requireRole(ctx, 'admin');
    ctx.body = { users: await listStaff(rt.db) };
  });

  router.post('/', async (ctx) => {
    requireRole(ctx, 'admin');
    const account = await createStaff(rt.db, body<unknown>(ctx, anObject), rt.clock.now().toISOString());
    ctx.status = 201;
    ctx.body = account;
  });

  router.put('/:id', async (ctx) => {
    const admin = requireRole(ctx, 'admin');
    ctx.body = await updateStaff(rt.db, admin.id, ctx.params.id, body<unknown>(ctx, anObject), rt.clock.now().toISOString());
    // New roles, or a disabled account, count from the next request.
    forgetUser(rt, ctx.params.id);
  });

  router.post('/:id/password', async (ctx) => {
    const admin = requireRole(ctx, 'admin');
    ctx.body = await setStaffPassword(rt.db, admin.id, ctx.params.id, body<unknown>(ctx, anObject));
  });

  return router;
}
