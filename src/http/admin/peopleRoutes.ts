import type { FastifyInstance } from 'fastify';
import { AUDIT_LABELS } from '../../domain/auditLog.ts';
import { z } from 'zod';
import { addUser } from '../../commands/accounts/addUser.ts';
import {
  changeUserRole,
  deactivateUser,
  resetPassword,
} from '../../commands/accounts/changeUser.ts';
import {
  updateSettings,
  createSection,
} from '../../commands/newsroomSettings.ts';
import { listUsers } from '../../db/repos/users.ts';
import {
  listSections,
  countArticlesBySection,
} from '../../db/repos/taxonomy.ts';
import { readSettings } from '../../db/repos/settings.ts';
import { listAuditEntries } from '../../db/repos/newsroom.ts';
import { fromJson, toDate } from '../../db/schema.ts';
import { isRole } from '../../domain/roles.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import { canChangeUser, canInNewsroom } from '../../policies/newsroom.ts';
import { authorize } from '../../policies/authorize.ts';
import { AppError } from '../../errors.ts';
import {
  ASSIGNABLE_ROLES,
  auditView,
  sectionsView,
  settingsView,
  usersView,
} from '../../views/admin/pages.ts';
import type { FieldErrors } from '../../views/admin/forms.ts';
import {
  csrfToken,
  requireUser,
  sendAdminPage,
  type AdminDeps,
} from './context.ts';
import { actorOf } from './session.ts';
import type { FastifyReply } from 'fastify';
import { parseIdList, parseIdParam, recordId } from '../ids.ts';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../domain/settings.ts';
import type { User } from '../../domain/user.ts';

const userIdParam = (params: unknown) => parseIdParam(params);
const SECTIONS_MESSAGE = 'Choisissez des rubriques dans la liste.';

async function sendUsers(
  deps: AdminDeps,
  reply: FastifyReply,
  user: User,
  extra: {
    errors?: FieldErrors;
    values?: Record<string, string>;
    link?: { label: string; url: string } | null;
    message?: string | null;
    error?: string | null;
    status?: number;
  } = {},
) {
  const [users, sections] = await Promise.all([
    listUsers(deps.db),
    listSections(deps.db),
  ]);
  const sectionName = new Map(sections.map((s) => [s.id, s.name]));
  return sendAdminPage(deps, reply, user, {
    title: 'Utilisateurs',
    ...(extra.status ? { status: extra.status } : {}),
    main: usersView({
      rows: users.map((u) => ({
        id: u.id,
        name: u.displayName,
        email: u.email,
        role: u.role,
        status: u.status,
        sections: u.sectionIds.map((id) => sectionName.get(id)).join(', '),
        canChange: canChangeUser(user, u),
      })),
      sections: sections.map((s) => ({ value: s.id, label: s.name })),
      csrf: await csrfToken(reply),
      errors: extra.errors ?? {},
      values: extra.values ?? {},
      link: extra.link ?? null,
      message: extra.message ?? null,
      error: extra.error ?? null,
      assignableRoles:
        user.role === 'owner'
          ? ASSIGNABLE_ROLES
          : ASSIGNABLE_ROLES.filter((r) => r !== 'admin'),
    }),
  });
}

/** Users, settings, sections and the audit log: the admins' pages. */
export function peopleRoutes(app: FastifyInstance, deps: AdminDeps): void {
  // Read per request: without SITE_URL the address is only known once the server listens.
  const withSiteUrl = () => ({ ...deps, siteUrl: deps.config.site.url });

  app.get('/admin/utilisateurs', async (request, reply) => {
    const user = requireUser(request);
    authorize(canInNewsroom(user, 'manageUsers'));
    return sendUsers(deps, reply, user);
  });

  const inviteBody = z.object({
    email: z.string().trim().max(320),
    displayName: z.string().trim().max(200),
    role: z.string().max(20),
    sectionIds: z.unknown().optional(),
  });
  app.post(
    '/admin/utilisateurs',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(canInNewsroom(user, 'manageUsers'));
      const body = inviteBody.safeParse(request.body);
      if (!body.success) throw new AppError('invalid_input');
      const values = {
        email: body.data.email,
        displayName: body.data.displayName,
        role: body.data.role,
      };
      const errors: FieldErrors = {};
      if (!z.string().email().safeParse(values.email).success)
        errors['email'] = 'Saisissez une adresse e-mail valide.';
      if (values.displayName.length < 2)
        errors['displayName'] = 'Saisissez le nom qui signera ses articles.';
      if (!isRole(values.role) || values.role === 'owner')
        errors['role'] = 'Choisissez un rôle.';
      const sectionIds = parseIdList(body.data.sectionIds);
      if (!sectionIds) errors['sectionIds'] = SECTIONS_MESSAGE;
      try {
        if (Object.keys(errors).length)
          throw new AppError('invalid_input', { fields: errors });
        const { link } = await addUser(withSiteUrl(), actorOf(user), {
          email: values.email,
          displayName: values.displayName,
          role: values.role as 'journalist',
          sectionIds: sectionIds!,
        });
        return sendUsers(deps, reply, user, {
          link: {
            label: `Invitation créée pour ${values.displayName}.`,
            url: link,
          },
        });
      } catch (error) {
        if (
          !(error instanceof AppError) ||
          error.status >= 500 ||
          error.code === 'forbidden'
        )
          throw error;
        return sendUsers(deps, reply, user, {
          errors: error.fields,
          values,
          status: 400,
        });
      }
    },
  );

  app.post(
    '/admin/utilisateurs/:id/role',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const userId = userIdParam(request.params);
      const role =
        typeof body['role'] === 'string' && isRole(body['role'])
          ? body['role']
          : null;
      const sectionIds = parseIdList(body['sectionIds']);
      try {
        if (!role)
          throw new AppError('invalid_input', {
            message: 'Choisissez un rôle dans la liste.',
          });
        if (!sectionIds)
          throw new AppError('invalid_input', { message: SECTIONS_MESSAGE });
        await changeUserRole(deps, actorOf(user), { userId, role, sectionIds });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'invalid_input')
          throw error;
        authorize(canInNewsroom(user, 'manageUsers'));
        return sendUsers(deps, reply, user, {
          error: Object.values(error.fields)[0] ?? error.message,
          status: 400,
        });
      }
      return sendUsers(deps, reply, user, { message: 'Rôle modifié.' });
    },
  );

  app.post(
    '/admin/utilisateurs/:id/desactiver',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      await deactivateUser(deps, actorOf(user), {
        userId: userIdParam(request.params),
      });
      return sendUsers(deps, reply, user, {
        message: 'Compte désactivé ; ses sessions sont terminées.',
      });
    },
  );

  app.post(
    '/admin/utilisateurs/:id/reinitialiser',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(canInNewsroom(user, 'manageUsers'));
      const link = await resetPassword(withSiteUrl(), actorOf(user), {
        userId: userIdParam(request.params),
      });
      return sendUsers(deps, reply, user, {
        link: {
          label: 'Lien de réinitialisation du mot de passe :',
          url: link,
        },
      });
    },
  );

  app.get('/admin/reglages', async (request, reply) => {
    const user = requireUser(request);
    authorize(canInNewsroom(user, 'manageSettings'));
    const settings = await readSettings(deps.db);
    return sendAdminPage(deps, reply, user, {
      title: 'Réglages',
      main: settingsView({
        csrf: await csrfToken(reply),
        settings,
        message: null,
      }),
    });
  });

  app.post(
    '/admin/reglages',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const checked = (key: string) => body[key] === '1';
      const days = z.coerce
        .number()
        .int()
        .safeParse(
          body['duplicateWindowDays'] ?? DEFAULT_SETTINGS.duplicateWindowDays,
        );
      const settings: SiteSettings = {
        journalistsCanPublish: checked('journalistsCanPublish'),
        duplicateGuard: checked('duplicateGuard'),
        entitySuggestions: checked('entitySuggestions'),
        sectionSuggestions: checked('sectionSuggestions'),
        duplicateWindowDays: days.success ? days.data : Number.NaN,
      };
      try {
        await updateSettings(deps, actorOf(user), settings);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'invalid_input')
          throw error;
        return sendAdminPage(deps, reply, user, {
          title: 'Réglages',
          status: 400,
          main: settingsView({
            csrf: await csrfToken(reply),
            settings: {
              ...settings,
              duplicateWindowDays: (await readSettings(deps.db))
                .duplicateWindowDays,
            },
            errors: error.fields,
            message: null,
          }),
        });
      }
      return sendAdminPage(deps, reply, user, {
        title: 'Réglages',
        main: settingsView({
          csrf: await csrfToken(reply),
          settings,
          message: 'Réglages enregistrés.',
        }),
      });
    },
  );

  const sectionsPage = async (
    reply: FastifyReply,
    user: User,
    extra: {
      errors?: FieldErrors;
      values?: Record<string, string>;
      message?: string | null;
      status?: number;
    } = {},
  ) => {
    const sections = await listSections(deps.db);
    const countBy = await countArticlesBySection(deps.db);
    return sendAdminPage(deps, reply, user, {
      title: 'Rubriques',
      ...(extra.status ? { status: extra.status } : {}),
      main: sectionsView({
        csrf: await csrfToken(reply),
        rows: sections.map((s) => ({
          name: s.name,
          slug: s.slug,
          count: countBy.get(s.id) ?? 0,
        })),
        errors: extra.errors ?? {},
        values: extra.values ?? {},
        message: extra.message ?? null,
      }),
    });
  };

  app.get('/admin/rubriques', async (request, reply) => {
    const user = requireUser(request);
    authorize(canInNewsroom(user, 'manageSections'));
    return sectionsPage(reply, user);
  });

  app.post(
    '/admin/rubriques',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const body = z
        .object({
          name: z.string().max(200).default(''),
          description: z.string().max(1000).default(''),
        })
        .safeParse(request.body ?? {});
      if (!body.success) throw new AppError('invalid_input');
      try {
        await createSection(deps, actorOf(user), body.data);
        return sectionsPage(reply, user, { message: 'Rubrique créée.' });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'invalid_input')
          throw error;
        return sectionsPage(reply, user, {
          errors: error.fields,
          values: body.data,
          status: 400,
        });
      }
    },
  );

  app.get('/admin/journal', async (request, reply) => {
    const user = requireUser(request);
    authorize(canInNewsroom(user, 'readAudit'));
    const before = recordId.safeParse(
      (request.query as Record<string, unknown>)['avant'],
    );
    const entries = await listAuditEntries(
      deps.db,
      100,
      before.success ? before.data : undefined,
    );
    return sendAdminPage(deps, reply, user, {
      title: 'Journal',
      main: auditView({
        nextBefore: entries.length === 100 ? entries.at(-1)!.id : null,
        rows: entries.map((e) => {
          const payload = fromJson<Record<string, unknown>>(e.payload) ?? {};
          const target =
            e.articleId !== null
              ? String(payload['title'] ?? `article ${e.articleId}`)
              : String(
                  payload['email'] ??
                    (payload['userId'] !== undefined
                      ? `utilisateur ${payload['userId']}`
                      : ''),
                );
          // An editor's override of the duplicate guard is said in so many words.
          const override = payload['duplicateOverride'] as
            | { of?: unknown; score?: unknown }
            | undefined;
          const what =
            (AUDIT_LABELS.get(e.name) ?? e.name) +
            (override
              ? ` malgré un doublon probable (article ${String(override.of)}, similarité ${Math.round(Number(override.score) * 100)} %)`
              : '');
          return {
            when: formatFullDate(
              toDate(e.createdAt),
              deps.config.site.timeZone,
            ),
            who: e.actorName ?? 'Système',
            what,
            target,
            targetUrl:
              e.articleId !== null ? `/admin/articles/${e.articleId}` : null,
          };
        }),
      }),
    });
  });
}
