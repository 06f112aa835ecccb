import Router from '@koa/router';
import { LoginThrottle, checkSignIn, hashPassword, passwordProblem } from '../../auth';
import type { Runtime } from '../../runtime';
import { createSession, deleteSession } from '../../store';
import { findUserByEmail, insertUser, normaliseEmail, publicUser } from '../../store';
import type { AppContext, AppState } from '../context';
import { SESSION_COOKIE, forgetSession } from '../middleware';
import { problems } from '../../problems';
import { body } from '../validate';
import { requireUser } from '../guards';

const SESSION_LIFETIME_MS = 12 * 3600 * 1000;

export const registerSchema = {
  type: 'object',
  required: ['email', 'password', 'givenName', 'familyName'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254, title: 'Adresse e-mail' },
    password: { type: 'string', minLength: 12, maxLength: 256, title: 'Mot de passe' },
    givenName: { type: 'string', minLength: 1, maxLength: 100, title: 'Prénom' },
    familyName: { type: 'string', minLength: 1, maxLength: 100, title: 'Nom' },
  },
};

export const loginSchema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254, title: 'Adresse e-mail' },
    password: { type: 'string', minLength: 1, maxLength: 256, title: 'Mot de passe' },
  },
};

/** Sign-up of citizens, sign-in and sign-out of everyone, and who is signed in. */
export function authRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/auth' });
  // Ten wrong passwords per quarter of an hour, per address and per account.
  const throttle = new LoginThrottle(rt.db, 10, 15 * 60_000);

  async function open(ctx: AppContext, userId: string): Promise<string> {
    const { token, row } = await rt.db.write((m) => createSession(m, userId, rt.clock.now(), SESSION_LIFETIME_MS));
    ctx.cookies.set(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'lax', secure: rt.config.secureCookies, path: '/', maxAge: SESSION_LIFETIME_MS, overwrite: true,
    });
    return row.csrfToken;
  }

  router.post('/register', async (ctx) => {
    const input = body<{ email: string; password: string; givenName: string; familyName: string }>(ctx, registerSchema);
    const weak = passwordProblem(input.password);
    if (weak) throw problems.badRequest(weak, [{ pointer: '/password', field: 'Mot de passe', message: weak }]);
    const passwordHash = await hashPassword(input.password);
    const user = await rt.db.write(async (m) => {
      if (await findUserByEmail(m, input.email)) {
        throw problems.conflict('Un compte existe déjà avec cette adresse e-mail : connectez-vous.');
      }
      return insertUser(m, { ...input, passwordHash, roles: ['usager'] }, rt.clock.now().toISOString());
    });
    const csrfToken = await open(ctx, user.id);
    ctx.status = 201;
    ctx.body = { user: publicUser(user), csrfToken };
  });

  router.post('/login', async (ctx) => {
    const input = body<{ email: string; password: string }>(ctx, loginSchema);
    const now = rt.clock.now().getTime();
    const accountKey = `compte:${normaliseEmail(input.email)}`;
    const keys = [`adresse:${ctx.ip}`, accountKey];
    const wait = await throttle.retryAfter(keys, now);
    if (wait > 0) throw problems.tooManyRequests(`Trop de tentatives de connexion : réessayez dans ${Math.ceil(wait / 60)} minute(s).`, wait);
    const user = await rt.db.read((m) => findUserByEmail(m, input.email));
    const matches = await checkSignIn(user?.passwordHash, input.password);
    if (!user || user.disabledAt || !matches) {
      await throttle.recordFailure(keys, now);
      throw problems.unauthenticated('Adresse e-mail ou mot de passe incorrect.');
    }
    await throttle.reset(accountKey);
    const csrfToken = await open(ctx, user.id);
    ctx.body = { user: publicUser(user), csrfToken };
  });

  router.post('/logout', async (ctx) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    if (token) {
      forgetSession(rt, token);
      await rt.db.write((m) => deleteSession(m, token));
    }
    ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
    ctx.status = 204;
  });

  router.get('/me', (ctx) => {
    const user = requireUser(ctx);
    ctx.body = { user: publicUser(user), csrfToken: ctx.state.session!.csrfToken };
  });

  return router;
}
