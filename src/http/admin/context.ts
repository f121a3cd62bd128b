import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { adminLayout, type AdminShell } from '../../views/admin/layout.ts';
import { AppError } from '../../errors.ts';
import { canInNewsroom } from '../../policies/newsroom.ts';
import type { User } from '../../domain/user.ts';
import { PRIVATE_NO_STORE } from '../cacheControl.ts';
import { countUnreadNotifications } from '../../db/repos/notifications.ts';

/** What back-office routes need: the services and the hashed URLs of their assets. */
export interface AdminDeps extends Services {
  assets: {
    stylesheet: string;
    editorScript: string;
    mediaScript: string;
    /** Publish checklist and presence in the editor (src/assets/newsroomTools.ts). */
    newsroomToolsScript: string;
    /** The rich-text editor, bundled at start (http/site/scriptBundle.ts). */
    richEditorScript: string;
    /** The public site's embeds script, for the true preview. */
    embedsScript: string;
  };
  /** Open live streams in this process: the audience page's « lecteurs en direct ». */
  /** Live streams open now on every process (live/liveReaders.ts). */
  liveReaders?: () => Promise<number>;
}

declare module 'fastify' {
  interface FastifyRequest {
    newsroomUser: User | null;
  }
}

/** The signed-in user, or a 401 (the error handler sends people to the login page). */
export function requireUser(request: FastifyRequest): User {
  if (!request.newsroomUser) throw new AppError('unauthenticated');
  return request.newsroomUser;
}

/** Renders a back-office page: never cached, never indexed. */
export async function sendAdminPage(
  services: AdminDeps,
  reply: FastifyReply,
  user: User | null,
  page: AdminShell & { status?: number },
): Promise<FastifyReply> {
  const html = adminLayout(
    {
      siteName: services.config.site.name,
      stylesheet: services.assets.stylesheet,
      csrf: user ? await reply.generateCsrf() : '',
      user: user
        ? {
            name: user.displayName,
            role: user.role,
            canManageUsers: canInNewsroom(user, 'manageUsers'),
            canReadAudit: canInNewsroom(user, 'readAudit'),
            canReadAudience: canInNewsroom(user, 'readAudience'),
            canManageSections: canInNewsroom(user, 'manageSections'),
            unread: await countUnreadNotifications(services.db, user.id),
          }
        : null,
    },
    page,
  );
  return reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', PRIVATE_NO_STORE)
    .header('X-Robots-Tag', 'noindex')
    .send(html);
}

export async function csrfToken(reply: FastifyReply): Promise<string> {
  return reply.generateCsrf();
}
