import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { login, logout } from '../../commands/accounts/login.ts';
import { setupOwner } from '../../commands/accounts/setupOwner.ts';
import { setPasswordWithToken } from '../../commands/accounts/setPassword.ts';
import { peekOneTimeToken } from '../../db/repos/sessions.ts';
import { hashToken } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';
import {
  loginView,
  invalidLinkView,
  passwordView,
  setupView,
} from '../../views/admin/auth.ts';
import { csrfToken, sendAdminPage, type AdminDeps } from './context.ts';
import {
  SESSION_COOKIE,
  clearSessionCookie,
  setSessionCookie,
} from './session.ts';

/**
 * Where to go after signing in: a back-office path of this site, or the dashboard. It starts with
 * one `/` (never `//`), holds no backslash and only printable ASCII, since a browser sends addresses
 * percent-encoded: no open redirect, and no CR, LF or U+2028 reaching the Location header.
 */
export function safeNext(next: unknown): string {
  return typeof next === 'string' &&
    next.length <= 2000 &&
    /^\/admin([/?#][\x21-\x7e]*)?$/.test(next) &&
    !next.includes('//') &&
    !next.includes('\\')
    ? next
    : '/admin';
}

const loginBody = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(200),
  next: z.string().optional(),
});
const tokenQuery = z.object({ token: z.string().min(10).max(200) });

export function authRoutes(app: FastifyInstance, services: AdminDeps): void {
  app.get('/admin/connexion', async (request, reply) => {
    if (request.newsroomUser) return reply.redirect('/admin');
    const q = request.query as Record<string, unknown>;
    const notice =
      q['ok'] === 'mot-de-passe'
        ? 'Mot de passe enregistré. Vous pouvez vous connecter.'
        : q['ok'] === 'installe'
          ? 'Compte créé. Connectez-vous.'
          : null;
    return sendAdminPage(services, reply, null, {
      title: 'Connexion',
      main: loginView({
        csrf: await csrfToken(reply),
        email: '',
        error: null,
        next: safeNext(q['next']),
        notice,
      }),
    });
  });

  app.post(
    '/admin/connexion',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const parsed = loginBody.safeParse(request.body);
      const email = parsed.success ? parsed.data.email : '';
      const next = safeNext(parsed.success ? parsed.data.next : undefined);
      try {
        if (!parsed.success)
          throw new AppError('unauthenticated', {
            message: 'Adresse e-mail ou mot de passe incorrect.',
          });
        const session = await login(services, {
          email,
          password: parsed.data.password,
          ip: request.ip,
        });
        setSessionCookie(services, request, reply, session.token);
        return reply.redirect(next, 303);
      } catch (error) {
        if (
          !(error instanceof AppError) ||
          (error.code !== 'unauthenticated' && error.code !== 'rate_limited')
        )
          throw error;
        return sendAdminPage(services, reply, null, {
          title: 'Connexion',
          status: error.status,
          main: loginView({
            csrf: await csrfToken(reply),
            email,
            error: error.message,
            next,
          }),
        });
      }
    },
  );

  app.post(
    '/admin/deconnexion',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(services, token);
      clearSessionCookie(reply);
      return reply.redirect('/admin/connexion', 303);
    },
  );

  app.get('/admin/setup', async (request, reply) => {
    const q = tokenQuery.safeParse(request.query);
    const valid =
      q.success &&
      (await peekOneTimeToken(
        services.db,
        hashToken(q.data.token),
        ['setup'],
        services.clock.now(),
      ));
    if (!q.success || !valid)
      return sendAdminPage(services, reply, null, {
        title: 'Lien non valable',
        status: 404,
        main: invalidLinkView(
          'Ce lien d’installation n’est pas ou plus valable. Le serveur en affiche un nouveau au démarrage tant qu’aucun compte n’existe.',
        ),
      });
    return sendAdminPage(services, reply, null, {
      title: 'Installation',
      main: setupView({
        csrf: await csrfToken(reply),
        token: q.data.token,
        values: { email: '', displayName: '' },
        errors: {},
        message: null,
      }),
    });
  });

  const setupBody = z.object({
    token: z.string().max(200),
    email: z.string().trim().max(320),
    displayName: z.string().trim().max(200),
    password: z.string().max(500),
  });
  app.post(
    '/admin/setup',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const raw = setupBody.safeParse(request.body);
      if (!raw.success) throw new AppError('invalid_input');
      const values = {
        email: raw.data.email,
        displayName: raw.data.displayName,
      };
      const errors: Record<string, string> = {};
      if (!z.string().email().safeParse(values.email).success)
        errors['email'] = 'Saisissez une adresse e-mail valide.';
      if (values.displayName.length < 2)
        errors['displayName'] =
          'Saisissez votre nom tel qu’il signera vos articles.';
      try {
        if (Object.keys(errors).length)
          throw new AppError('invalid_input', { fields: errors });
        await setupOwner(services, {
          token: raw.data.token,
          ...values,
          password: raw.data.password,
        });
        return reply.redirect('/admin/connexion?ok=installe', 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        return sendAdminPage(services, reply, null, {
          title: 'Installation',
          status: error.status,
          main: setupView({
            csrf: await csrfToken(reply),
            token: raw.data.token,
            values,
            errors: error.fields,
            message: Object.keys(error.fields).length ? null : error.message,
          }),
        });
      }
    },
  );

  app.get('/admin/mot-de-passe', async (request, reply) => {
    const q = tokenQuery.safeParse(request.query);
    const valid =
      q.success &&
      (await peekOneTimeToken(
        services.db,
        hashToken(q.data.token),
        ['invite', 'reset'],
        services.clock.now(),
      ));
    if (!q.success || !valid)
      return sendAdminPage(services, reply, null, {
        title: 'Lien non valable',
        status: 404,
        main: invalidLinkView(
          'Ce lien n’est pas ou plus valable. Demandez-en un nouveau à un administrateur.',
        ),
      });
    return sendAdminPage(services, reply, null, {
      title: 'Mot de passe',
      main: passwordView({
        csrf: await csrfToken(reply),
        token: q.data.token,
        errors: {},
        message: null,
      }),
    });
  });

  const passwordBody = z.object({
    token: z.string().max(200),
    password: z.string().max(500),
  });
  app.post(
    '/admin/mot-de-passe',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const raw = passwordBody.safeParse(request.body);
      if (!raw.success) throw new AppError('invalid_input');
      try {
        await setPasswordWithToken(services, raw.data);
        return reply.redirect('/admin/connexion?ok=mot-de-passe', 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        return sendAdminPage(services, reply, null, {
          title: 'Mot de passe',
          status: error.status,
          main: passwordView({
            csrf: await csrfToken(reply),
            token: raw.data.token,
            errors: error.fields,
            message: Object.keys(error.fields).length ? null : error.message,
          }),
        });
      }
    },
  );
}
