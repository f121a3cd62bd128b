import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  createApiCredential,
  revokeApiCredential,
  type CredentialInput,
} from '../../commands/integrations.ts';
import { listCredentials } from '../../db/repos/apiCredentials.ts';
import { listSections } from '../../db/repos/taxonomy.ts';
import { listUsers } from '../../db/repos/users.ts';
import type { User } from '../../domain/user.ts';
import { atLeast, isRole, ROLES } from '../../domain/roles.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import {
  canManageIntegrations,
  canRevokeCredential,
} from '../../policies/integrations.ts';
import { AppError } from '../../errors.ts';
import {
  deliveryLogView,
  integrationsView,
  webhooksView,
  type IntegrationsModel,
} from '../../views/admin/integrations.ts';
import {
  createWebhook,
  deleteWebhook,
  replayWebhookDelivery,
  setWebhookActive,
} from '../../commands/webhooks.ts';
import {
  findDeliverySubscriptionId,
  findSubscription,
  listDeliveryLog,
  listSubscriptions,
} from '../../db/repos/webhooks.ts';
import { WEBHOOK_TYPES } from '../../webhooks/events.ts';
import { authorize } from '../../policies/authorize.ts';
import { html } from '../../views/html.ts';
import {
  csrfToken,
  requireUser,
  sendAdminPage,
  type AdminDeps,
} from './context.ts';
import { actorOf } from './session.ts';

const sectionIdsOf = (value: unknown): number[] =>
  [value]
    .flat()
    .filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v))
    .map(Number);

async function sendIntegrations(
  deps: AdminDeps,
  reply: FastifyReply,
  user: User,
  extra: Partial<
    Pick<IntegrationsModel, 'secret' | 'errors' | 'values' | 'message'>
  > & { status?: number } = {},
) {
  const [credentials, sections, users, webhooks] = await Promise.all([
    listCredentials(deps.db),
    listSections(deps.db),
    listUsers(deps.db),
    listSubscriptions(deps.db),
  ]);
  const sectionName = new Map(sections.map((s) => [s.id, s.name]));
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const when = (d: Date | null) =>
    d ? formatFullDate(d, deps.config.site.timeZone) : null;
  // Admins see every credential; a member sees the tokens acting for them.
  const visible = canManageIntegrations(user)
    ? credentials
    : credentials.filter((c) => c.userId === user.id);
  const csrf = await csrfToken(reply);
  const webhookSection = canManageIntegrations(user)
    ? webhooksView({
        rows: webhooks.map((w) => ({
          id: w.id,
          name: w.name,
          url: w.url,
          events: w.events,
          active: w.status === 'active',
          disabledAt: when(w.disabledAt),
          disabledReason: w.disabledReason,
        })),
        types: WEBHOOK_TYPES,
        csrf,
        errors: extra.errors ?? {},
        values: extra.values ?? {},
      })
    : '';
  return sendAdminPage(deps, reply, user, {
    title: 'Intégrations',
    ...(extra.status ? { status: extra.status } : {}),
    main: html`!${integrationsView({
      rows: visible.map((c) => ({
        id: c.id,
        kind: c.kind,
        name: c.name,
        prefix: c.prefix,
        role: c.role,
        ratePerMinute: c.ratePerMinute,
        sections: c.sectionIds.map((id) => sectionName.get(id)).join(', '),
        origins: c.corsOrigins.join(' '),
        owner: userName.get(c.userId) ?? '?',
        created: when(c.createdAt)!,
        lastUsed: when(c.lastUsedAt),
        revoked: when(c.revokedAt),
        canRevoke: canRevokeCredential(user, c),
      })),
      csrf,
      canCreateKeys: canManageIntegrations(user),
      roles: ROLES.filter((r) => r !== 'owner' && atLeast(user.role, r)),
      sections: sections.map((s) => ({ value: s.id, label: s.name })),
      secret: extra.secret ?? null,
      errors: extra.errors ?? {},
      values: extra.values ?? {},
      message: extra.message ?? null,
    })}!${webhookSection}`,
  });
}

const tokenBody = z.object({
  name: z.string().max(300),
  role: z.string().max(20),
  sectionIds: z.unknown().optional(),
});
const keyBody = z.object({
  name: z.string().max(300),
  corsOrigins: z.string().max(5_000).default(''),
  ratePerMinute: z.string().max(10).default('600'),
});

/** /admin/integrations: Content API keys (admins) and Admin API tokens (each member, for themselves). */
export function integrationRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/admin/integrations', async (request, reply) =>
    sendIntegrations(deps, reply, requireUser(request)),
  );

  const create = async (
    reply: FastifyReply,
    user: User,
    input: CredentialInput,
    values: Record<string, string>,
  ) => {
    try {
      const { secret } = await createApiCredential(deps, actorOf(user), input);
      return await sendIntegrations(deps, reply, user, {
        secret: {
          label: `${input.kind === 'content' ? 'Clé' : 'Jeton'} « ${input.name.trim()} » créé.`,
          value: secret,
        },
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid_input')
        throw error;
      return sendIntegrations(deps, reply, user, {
        errors: error.fields,
        values,
        status: 400,
      });
    }
  };

  app.post(
    '/admin/integrations/jetons',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const body = tokenBody.safeParse(request.body);
      if (!body.success || !isRole(body.data.role))
        throw new AppError('invalid_input', {
          fields: { role: 'Choisissez un rôle.' },
        });
      return create(
        reply,
        user,
        {
          kind: 'admin',
          name: body.data.name,
          role: body.data.role,
          sectionIds: sectionIdsOf(body.data.sectionIds),
        },
        { kind: 'admin', name: body.data.name, role: body.data.role },
      );
    },
  );

  app.post(
    '/admin/integrations/cles',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const body = keyBody.safeParse(request.body);
      if (!body.success) throw new AppError('invalid_input');
      const rate = /^\d{1,6}$/.test(body.data.ratePerMinute.trim())
        ? Number(body.data.ratePerMinute.trim())
        : Number.NaN;
      return create(
        reply,
        user,
        {
          kind: 'content',
          name: body.data.name,
          corsOrigins: body.data.corsOrigins.split(/[\s,]+/),
          ratePerMinute: rate,
        },
        {
          kind: 'content',
          name: body.data.name,
          corsOrigins: body.data.corsOrigins,
          ratePerMinute: body.data.ratePerMinute,
        },
      );
    },
  );

  const webhookBody = z.object({
    webhookName: z.string().max(300),
    url: z.string().max(3000),
    events: z
      .union([z.string().max(100), z.array(z.string().max(100)).max(100)])
      .optional(),
  });
  app.post(
    '/admin/integrations/webhooks',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(canManageIntegrations(user));
      const body = webhookBody.safeParse(request.body);
      if (!body.success) throw new AppError('invalid_input');
      const values = { webhookName: body.data.webhookName, url: body.data.url };
      try {
        const { secret } = await createWebhook(deps, actorOf(user), {
          name: body.data.webhookName,
          url: body.data.url,
          events: [body.data.events ?? []].flat(),
        });
        return await sendIntegrations(deps, reply, user, {
          secret: {
            label: `Webhook « ${body.data.webhookName.trim()} » créé. Son secret de signature (Standard Webhooks) :`,
            value: secret,
          },
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'invalid_input')
          throw error;
        const fields = { ...error.fields };
        if (fields['name']) {
          fields['webhookName'] = fields['name'];
          delete fields['name'];
        }
        return sendIntegrations(deps, reply, user, {
          errors: fields,
          values,
          status: 400,
        });
      }
    },
  );

  const idParam = (params: unknown) => {
    const id = Number((params as Record<string, string>)['id']);
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647)
      throw new AppError('not_found');
    return id;
  };
  app.get('/admin/integrations/webhooks/:id', async (request, reply) => {
    const user = requireUser(request);
    authorize(canManageIntegrations(user));
    const subscription = await findSubscription(
      deps.db,
      idParam(request.params),
    );
    if (!subscription) throw new AppError('not_found');
    const when = (d: Date) => formatFullDate(d, deps.config.site.timeZone);
    const rows = (await listDeliveryLog(deps.db, subscription.id, 100)).map(
      (d) => ({
        id: d.id,
        type: d.eventType,
        status: d.status,
        attempts: d.attempts,
        created: when(d.createdAt),
        lastStatus:
          d.lastStatusCode !== null
            ? String(d.lastStatusCode)
            : (d.lastError ?? '—'),
        duration: d.lastDurationMs !== null ? `${d.lastDurationMs} ms` : '—',
        excerpt: (d.lastExcerpt ?? '').slice(0, 200),
      }),
    );
    const ok =
      (request.query as Record<string, unknown>)['ok'] === 'renvoi'
        ? 'Livraison remise en file : elle part dans quelques secondes.'
        : null;
    return sendAdminPage(deps, reply, user, {
      title: `Webhook ${subscription.name}`,
      main: deliveryLogView({
        name: subscription.name,
        url: subscription.url,
        rows,
        csrf: await csrfToken(reply),
        message: ok,
      }),
    });
  });
  for (const [segment, active] of [
    ['activer', true],
    ['desactiver', false],
  ] as const) {
    app.post(
      `/admin/integrations/webhooks/:id/${segment}`,
      { preHandler: app.csrfProtection },
      async (request, reply) => {
        const user = requireUser(request);
        await setWebhookActive(
          deps,
          actorOf(user),
          idParam(request.params),
          active,
        );
        return sendIntegrations(deps, reply, user, {
          message: active ? 'Webhook réactivé.' : 'Webhook désactivé.',
        });
      },
    );
  }
  app.post(
    '/admin/integrations/webhooks/:id/supprimer',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      await deleteWebhook(deps, actorOf(user), idParam(request.params));
      return sendIntegrations(deps, reply, user, {
        message: 'Webhook supprimé.',
      });
    },
  );
  app.post(
    '/admin/integrations/livraisons/:id/renvoyer',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(canManageIntegrations(user));
      const id = idParam(request.params);
      const subscriptionId = await findDeliverySubscriptionId(deps.db, id);
      if (subscriptionId === null) throw new AppError('not_found');
      await replayWebhookDelivery(deps, actorOf(user), id).catch(
        (error: unknown) => {
          if (
            !(error instanceof AppError && error.code === 'invalid_transition')
          )
            throw error;
        },
      );
      return reply.redirect(
        `/admin/integrations/webhooks/${subscriptionId}?ok=renvoi`,
        303,
      );
    },
  );

  app.post(
    '/admin/integrations/:id/revoquer',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = Number((request.params as Record<string, string>)['id']);
      if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647)
        throw new AppError('not_found');
      await revokeApiCredential(deps, actorOf(user), id);
      return sendIntegrations(deps, reply, user, {
        message:
          'Révoqué : les requêtes faites avec ce secret sont désormais refusées.',
      });
    },
  );
}
