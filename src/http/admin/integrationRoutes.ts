import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { createApiCredential, revokeApiCredential, type CredentialInput } from '../../commands/integrations.ts';
import { listCredentials } from '../../db/repos/apiCredentials.ts';
import { listSections } from '../../db/repos/taxonomy.ts';
import { listUsers, type User } from '../../db/repos/users.ts';
import { atLeast, isRole, ROLES } from '../../domain/roles.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import { canManageIntegrations, canRevokeCredential } from '../../policies/integrations.ts';
import { AppError } from '../../errors.ts';
import { integrationsView, type IntegrationsModel } from '../../views/admin/integrations.ts';
import { csrfToken, requireUser, sendAdminPage, type AdminDeps } from './context.ts';
import { actorOf } from './session.ts';

const sectionIdsOf = (value: unknown): number[] => [value].flat().filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number);

async function sendIntegrations(deps: AdminDeps, reply: FastifyReply, user: User, extra: Partial<Pick<IntegrationsModel, 'secret' | 'errors' | 'values' | 'message'>> & { status?: number } = {}) {
  const [credentials, sections, users] = await Promise.all([listCredentials(deps.db), listSections(deps.db), listUsers(deps.db)]);
  const sectionName = new Map(sections.map((s) => [s.id, s.name]));
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const when = (d: Date | null) => (d ? formatFullDate(d, deps.config.site.timeZone) : null);
  // Admins see every credential; a member sees the tokens acting for them.
  const visible = canManageIntegrations(user) ? credentials : credentials.filter((c) => c.userId === user.id);
  return sendAdminPage(deps, reply, user, {
    title: 'Intégrations', ...(extra.status ? { status: extra.status } : {}),
    main: integrationsView({
      rows: visible.map((c) => ({
        id: c.id, kind: c.kind, name: c.name, prefix: c.prefix, role: c.role, ratePerMinute: c.ratePerMinute,
        sections: c.sectionIds.map((id) => sectionName.get(id)).join(', '), origins: c.corsOrigins.join(' '),
        owner: userName.get(c.userId) ?? '?', created: when(c.createdAt)!, lastUsed: when(c.lastUsedAt), revoked: when(c.revokedAt),
        canRevoke: canRevokeCredential(user, c),
      })),
      csrf: await csrfToken(reply), canCreateKeys: canManageIntegrations(user),
      roles: ROLES.filter((r) => r !== 'owner' && atLeast(user.role, r)), sections: sections.map((s) => ({ value: s.id, label: s.name })),
      secret: extra.secret ?? null, errors: extra.errors ?? {}, values: extra.values ?? {}, message: extra.message ?? null,
    }),
  });
}

const tokenBody = z.object({ name: z.string().max(300), role: z.string().max(20), sectionIds: z.unknown().optional() });
const keyBody = z.object({ name: z.string().max(300), corsOrigins: z.string().max(5_000).default(''), ratePerMinute: z.string().max(10).default('600') });

/** /admin/integrations: Content API keys (admins) and Admin API tokens (each member, for themselves). */
export function integrationRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/admin/integrations', async (request, reply) => sendIntegrations(deps, reply, requireUser(request)));

  const create = async (reply: FastifyReply, user: User, input: CredentialInput, values: Record<string, string>) => {
    try {
      const { secret } = await createApiCredential(deps, actorOf(user), input);
      return await sendIntegrations(deps, reply, user, { secret: { label: `${input.kind === 'content' ? 'Clé' : 'Jeton'} « ${input.name.trim()} » créé.`, value: secret } });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
      return sendIntegrations(deps, reply, user, { errors: error.fields, values, status: 400 });
    }
  };

  app.post('/admin/integrations/jetons', { preHandler: app.csrfProtection }, async (request, reply) => {
    const user = requireUser(request);
    const body = tokenBody.safeParse(request.body);
    if (!body.success || !isRole(body.data.role)) throw new AppError('invalid_input', { fields: { role: 'Choisissez un rôle.' } });
    return create(reply, user, { kind: 'admin', name: body.data.name, role: body.data.role, sectionIds: sectionIdsOf(body.data.sectionIds) }, { kind: 'admin', name: body.data.name, role: body.data.role });
  });

  app.post('/admin/integrations/cles', { preHandler: app.csrfProtection }, async (request, reply) => {
    const user = requireUser(request);
    const body = keyBody.safeParse(request.body);
    if (!body.success) throw new AppError('invalid_input');
    const rate = /^\d{1,6}$/.test(body.data.ratePerMinute.trim()) ? Number(body.data.ratePerMinute.trim()) : Number.NaN;
    return create(reply, user, { kind: 'content', name: body.data.name, corsOrigins: body.data.corsOrigins.split(/[\s,]+/), ratePerMinute: rate },
      { kind: 'content', name: body.data.name, corsOrigins: body.data.corsOrigins, ratePerMinute: body.data.ratePerMinute });
  });

  app.post('/admin/integrations/:id/revoquer', { preHandler: app.csrfProtection }, async (request, reply) => {
    const user = requireUser(request);
    const id = Number((request.params as Record<string, string>)['id']);
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw new AppError('not_found');
    await revokeApiCredential(deps, actorOf(user), id);
    return sendIntegrations(deps, reply, user, { message: 'Révoqué : les requêtes faites avec ce secret sont désormais refusées.' });
  });
}
