import type { InlineProcessor } from '../events/eventSink.ts';
import type { SiteConfig } from '../config.ts';
import {
  insertDeliveries,
  listActiveSubscriptions,
  type NewDelivery,
} from '../db/repos/webhooks.ts';
import { BREAKING, WEBHOOK_SOURCE_EVENTS, webhookTypeOf } from './events.ts';
import { webhookPayload } from './payload.ts';

/**
 * The webhook outbox: in the transaction that records an event, one delivery row per
 * subscription that wants it. The change and its deliveries commit together or not at all, so
 * a crash can neither lose a delivery nor announce a change that rolled back.
 */
export function webhookOutboxProcessor(site: SiteConfig): InlineProcessor {
  return {
    name: 'webhook-outbox',
    applicableEvents: WEBHOOK_SOURCE_EVENTS,
    async handle(tx, event) {
      const subscriptions = await listActiveSubscriptions(tx);
      if (subscriptions.length === 0) return;
      const types = [webhookTypeOf(event.name)!];
      if (
        event.name === 'articles.publish' &&
        event.payload['breaking'] === true
      )
        types.push(BREAKING);
      const deliveries: NewDelivery[] = [];
      for (const type of types) {
        const wanted = subscriptions.filter((s) => s.events.includes(type));
        if (wanted.length === 0) continue;
        const payload = await webhookPayload(tx, event, type, site);
        for (const s of wanted)
          deliveries.push({
            subscriptionId: s.id,
            eventId: event.id,
            eventType: type,
            payload,
          });
      }
      await insertDeliveries(tx, deliveries, event.createdAt);
    },
  };
}
