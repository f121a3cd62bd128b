import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { buildUser, Client } from '../support/newsroom.ts';
import { WebhookReceiver } from '../support/webhookReceiver.ts';
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.ts';
import {
  createWebhook,
  replayWebhookDelivery,
  setWebhookActive,
} from '../../src/commands/webhooks.ts';
import { publishArticle } from '../../src/commands/publishArticle.ts';
import { unpublishArticle } from '../../src/commands/unpublishArticle.ts';
import {
  listDeliveryLog,
  findSubscription,
} from '../../src/db/repos/webhooks.ts';
import { WEBHOOK_TYPES } from '../../src/webhooks/events.ts';
import { MAX_PAYLOAD_BYTES } from '../../src/webhooks/payload.ts';
import { EVENT_NAMES } from '../../src/events/names.ts';
import type { Actor } from '../../src/commands/context.ts';

describeEachDialect('webhooks', (getDb) => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let dispatcher: WebhookDispatcher;
  let adminActor: Actor;
  let adminEmail: string;
  let section: { id: number };
  let subscriptionId: number;

  test('setup: a receiver that verifies signatures, a subscription, retries every 1 s then 2 s', async () => {
    t = await buildTestApp(getDb(), { WEBHOOK_RETRY_DELAYS_MS: '1000,2000' });
    receiver = await new WebhookReceiver().start();
    const admin = await buildUser(t.ctx, 'admin');
    adminEmail = admin.email;
    adminActor = { kind: 'user', id: admin.id, role: 'admin', sectionIds: [] };
    section = await buildSection(t.ctx, {
      slug: 'politique',
      name: 'Politique',
    });
    const made = await createWebhook(t.ctx, adminActor, {
      name: 'Relais d’alertes',
      url: receiver.url,
      events: ['article.published', 'article.unpublished', 'fil_info.breaking'],
    });
    receiver.secret = made.secret;
    subscriptionId = made.id;
    dispatcher = new WebhookDispatcher({
      db: t.ctx.db,
      dialect: t.ctx.dialect,
      clock: t.clock,
      config: t.ctx.config.webhooks,
      onError: (e) => {
        throw e;
      },
    });
  });

  test('the types are derived from the bus’s event names', () => {
    assert.ok(
      WEBHOOK_TYPES.includes('article.published') &&
        WEBHOOK_TYPES.includes('article.corrected') &&
        WEBHOOK_TYPES.includes('section.created'),
    );
    assert.ok(WEBHOOK_TYPES.includes('fil_info.breaking'));
    assert.ok(
      !WEBHOOK_TYPES.some(
        (ty) =>
          ty.startsWith('user.') ||
          ty.startsWith('setting.') ||
          ty.startsWith('integration.'),
      ),
      'accounts and settings stay inside',
    );
    assert.equal(
      WEBHOOK_TYPES.length,
      EVENT_NAMES.filter((n) =>
        /^(articles|sections|tags|authors|media)\./.test(n),
      ).length + 1,
    );
  });

  test('a breaking article published: article.published and fil_info.breaking, signed, small, by reference', async () => {
    const a = await buildArticle(t.ctx, {
      status: 'draft',
      sectionId: section.id,
      breaking: true,
      title: 'Séisme de magnitude 5 au large d’Agadir',
      bodySource: 'x '.repeat(40_000),
    });
    await publishArticle(
      t.ctx,
      { kind: 'system', label: 'test' },
      { articleId: a.id },
    );
    assert.equal(await dispatcher.runOnce(), 2);
    const got = receiver.received.filter((r) => r.payload['data']?.id === a.id);
    assert.deepEqual(got.map((r) => r.type).sort(), [
      'article.published',
      'fil_info.breaking',
    ]);
    assert.ok(
      got.every((r) => r.verified && r.status === 200),
      'signatures verify with standardwebhooks',
    );
    const data = got[0]!.payload['data'];
    assert.equal(data.title, 'Séisme de magnitude 5 au large d’Agadir');
    assert.equal(data.api, `https://journal.example/api/v1/articles/${a.id}`);
    assert.ok(
      JSON.stringify(got[0]!.payload).length < MAX_PAYLOAD_BYTES,
      'the 80 kB body is not in it',
    );
    assert.equal(await dispatcher.runOnce(), 0, 'nothing sent twice');
  });

  test('the outbox commits with the change: a change that rolls back queues nothing', async () => {
    const a = await buildArticle(t.ctx, {
      status: 'draft',
      sectionId: section.id,
      title: 'Un article qui ne sortira pas',
    });
    t.ctx.events.register({
      name: 'fails-for-test',
      applicableEvents: ['articles.publish'],
      handle: async (_tx, e) => {
        if (e.articleId === a.id) throw new Error('panne simulée');
      },
    });
    await assert.rejects(
      publishArticle(
        t.ctx,
        { kind: 'system', label: 'test' },
        { articleId: a.id },
      ),
      /panne simulée/,
    );
    const queued = await t.ctx.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('payload', 'like', `%"id":${a.id},%`)
      .execute();
    assert.deepEqual(queued, []);
  });

  test('a failing receiver: retried on schedule, every attempt logged, delivered once', async () => {
    const a = await buildArticle(t.ctx, {
      sectionId: section.id,
      title: 'Le Parlement adopte le budget',
    });
    assert.equal(await dispatcher.runOnce(), 1, 'its publication');
    receiver.failFirst = 2;
    await unpublishArticle(t.ctx, adminActor, { articleId: a.id });
    assert.equal(await dispatcher.runOnce(), 1);
    assert.equal(await dispatcher.runOnce(), 0, 'not before its retry time');
    t.clock.advance(1_000);
    assert.equal(await dispatcher.runOnce(), 1);
    t.clock.advance(2_000);
    assert.equal(await dispatcher.runOnce(), 1);
    const [log] = await listDeliveryLog(t.ctx.db, subscriptionId, 1);
    assert.equal(log!.eventType, 'article.unpublished');
    assert.equal(log!.status, 'delivered');
    assert.equal(log!.attempts, 3);
    assert.equal(log!.lastStatusCode, 200);
    assert.ok(log!.lastDurationMs !== null && log!.lastDurationMs >= 0);
    const attempts = await t.ctx.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', log!.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      attempts.map((x) => x.status_code),
      [500, 500, 200],
    );
    assert.match(attempts[0]!.response_excerpt, /refusé \(tentative 1\)/);
    const id = `msg_${log!.id}`;
    assert.equal(receiver.accepted().get(id), 1);
  });

  test('retries exhausted: the delivery is abandoned, the subscription disabled with a notice; replay after re-enabling', async () => {
    receiver.failFirst = 100;
    const a = await buildArticle(t.ctx, {
      status: 'draft',
      sectionId: section.id,
      title: 'Inondations à Tétouan',
    });
    await publishArticle(t.ctx, adminActor, {
      articleId: a.id,
      overrideDuplicate: true,
    });
    await dispatcher.runOnce();
    t.clock.advance(1_000);
    await dispatcher.runOnce();
    t.clock.advance(2_000);
    await dispatcher.runOnce();
    const [log] = await listDeliveryLog(t.ctx.db, subscriptionId, 1);
    assert.equal(log!.status, 'failed');
    assert.equal(log!.attempts, 3);
    const s = await findSubscription(t.ctx.db, subscriptionId);
    assert.equal(s!.status, 'disabled');
    assert.match(s!.disabledReason!, /Échecs répétés/);
    const admin = new Client(t.app);
    await admin.signIn(adminEmail);
    const page = cheerio.load((await admin.get('/admin/integrations')).body);
    assert.match(
      page('.webhook-disabled').text(),
      /Relais d’alertes.*désactivé/s,
    );
    // Nothing is sent while disabled, even a new event.
    await buildArticle(t.ctx, {
      sectionId: section.id,
      title: 'Pendant la panne',
    });
    assert.equal(await dispatcher.runOnce(), 0);
    receiver.failFirst = 0;
    await setWebhookActive(t.ctx, adminActor, subscriptionId, true);
    await replayWebhookDelivery(t.ctx, adminActor, log!.id);
    assert.equal(
      await dispatcher.runOnce(),
      1,
      'the replayed delivery (a disabled subscription queues nothing new)',
    );
    const [replayed] = (
      await listDeliveryLog(t.ctx.db, subscriptionId, 10)
    ).filter((l) => l.id === log!.id);
    assert.equal(replayed!.status, 'delivered');
  });

  test('teardown', async () => {
    await dispatcher.stop();
    await receiver.stop();
    await t.app.close();
  });
});
