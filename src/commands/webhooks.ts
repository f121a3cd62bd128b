import { randomBytes } from 'node:crypto';
import { actorId, type Actor, type CommandContext } from './context.ts';
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  replayDelivery,
  setSubscriptionStatus,
} from '../db/repos/webhooks.ts';
import { canManageIntegrations } from '../policies/integrations.ts';
import { authorize } from '../policies/authorize.ts';
import { WEBHOOK_TYPES } from '../webhooks/events.ts';
import { AppError } from '../errors.ts';

/** Webhooks are an admin's business: they send the newsroom's changes out of it. */
function mayManage(actor: Actor): void {
  if (actor.kind === 'user') authorize(canManageIntegrations(actor));
}

/**
 * Subscribes an endpoint to some webhook types. Returns the signing secret (Standard Webhooks'
 * `whsec_…`), which the receiver verifies signatures with; it is shown once.
 */
export async function createWebhook(
  ctx: CommandContext,
  actor: Actor,
  input: { name: string; url: string; events: string[] },
): Promise<{ id: number; secret: string }> {
  mayManage(actor);
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const fields: Record<string, string> = {};
  const name = input.name.trim();
  if (name.length < 2 || name.length > 200)
    fields['name'] = 'Donnez un nom de 2 à 200 caractères.';
  let url: URL | null = null;
  try {
    url = new URL(input.url.trim());
  } catch {
    /* below */
  }
  if (!url || !/^https?:$/.test(url.protocol) || input.url.length > 2000)
    fields['url'] = 'Indiquez l’adresse http(s) complète du récepteur.';
  const events = [...new Set(input.events)];
  const unknown = events.find((e) => !WEBHOOK_TYPES.includes(e));
  if (unknown || events.length === 0)
    fields['events'] = unknown
      ? `Événement inconnu : ${unknown}.`
      : 'Choisissez au moins un événement.';
  if (Object.keys(fields).length)
    throw new AppError('invalid_input', { fields });
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertSubscription(
      tx,
      { name, url: url!.toString(), events, secret, createdBy: actor.id },
      now,
    );
    await ctx.events.record(tx, {
      name: 'integrations.create',
      actorId: actorId(actor),
      payload: { webhookId: id, kind: 'webhook', name, events },
      at: now,
    });
    return { id, secret };
  });
}

/** Sends a delivery again now, whatever became of it (the log's « Renvoyer »). */
export async function replayWebhookDelivery(
  ctx: CommandContext,
  actor: Actor,
  deliveryId: number,
): Promise<void> {
  mayManage(actor);
  if (!(await replayDelivery(ctx.db, deliveryId, ctx.clock.now())))
    throw new AppError('invalid_transition', {
      message: 'Cette livraison est déjà en attente d’envoi.',
    });
}

/** Re-enables a subscription disabled after repeated failures (its abandoned deliveries can be replayed). */
export async function setWebhookActive(
  ctx: CommandContext,
  actor: Actor,
  id: number,
  active: boolean,
): Promise<void> {
  mayManage(actor);
  if (!(await findSubscription(ctx.db, id))) throw new AppError('not_found');
  await setSubscriptionStatus(
    ctx.db,
    id,
    active ? 'active' : 'disabled',
    ctx.clock.now(),
    active ? null : 'Désactivé à la main.',
  );
}

export async function deleteWebhook(
  ctx: CommandContext,
  actor: Actor,
  id: number,
): Promise<void> {
  mayManage(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const s = await findSubscription(tx, id);
    if (!s) throw new AppError('not_found');
    await deleteSubscription(tx, id);
    await ctx.events.record(tx, {
      name: 'integrations.revoke',
      actorId: actorId(actor),
      payload: { webhookId: id, kind: 'webhook', name: s.name },
      at: now,
    });
  });
}
