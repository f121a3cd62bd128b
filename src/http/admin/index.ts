import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import type { AdminDeps } from './context.ts';
import { currentUser } from './session.ts';
import { authRoutes } from './authRoutes.ts';
import { dashboardRoutes } from './dashboardRoutes.ts';
import { articleRoutes } from './articleRoutes.ts';
import { verbRoutes } from './verbRoutes.ts';
import { revisionRoutes } from './revisionRoutes.ts';
import { peopleRoutes } from './peopleRoutes.ts';
import { mediaRoutes } from './mediaRoutes.ts';
import { integrationRoutes } from './integrationRoutes.ts';
import { audienceRoutes } from './audienceRoutes.ts';
import { liveBlogRoutes } from './liveBlogRoutes.ts';
import { publishCheckRoutes } from './publishCheckRoutes.ts';
import { previewRoute } from './previewRoute.ts';
import { previewLinkRoutes } from './previewLinkRoutes.ts';
import { presenceRoutes } from './presenceRoutes.ts';
import { notificationRoutes } from './notificationRoutes.ts';
import { commentRoutes } from './commentRoutes.ts';

/** Pages anyone may open: signing in, first-run setup, choosing a password from a link. */
const PUBLIC_ADMIN_PATHS = new Set([
  '/admin/connexion',
  '/admin/setup',
  '/admin/mot-de-passe',
]);

/**
 * The back office. Every /admin request resolves its session first; every route but the public
 * ones then requires a signed-in member, and each route or command checks its own policy.
 */
export function adminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.decorateRequest('newsroomUser', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/admin')) return;
    request.newsroomUser = await currentUser(deps, request);
    const path = request.url.split('?')[0]!.replace(/\/+$/, '') || '/admin';
    if (!request.newsroomUser && !PUBLIC_ADMIN_PATHS.has(path))
      throw new AppError('unauthenticated');
  });
  authRoutes(app, deps);
  dashboardRoutes(app, deps);
  articleRoutes(app, deps);
  verbRoutes(app, deps);
  revisionRoutes(app, deps);
  peopleRoutes(app, deps);
  mediaRoutes(app, deps);
  integrationRoutes(app, deps);
  audienceRoutes(app, deps);
  liveBlogRoutes(app, deps);
  publishCheckRoutes(app, deps);
  previewRoute(app, deps);
  previewLinkRoutes(app, deps);
  presenceRoutes(app, deps);
  notificationRoutes(app, deps);
  commentRoutes(app, deps);
}
