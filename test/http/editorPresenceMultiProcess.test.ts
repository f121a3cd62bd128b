import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestDatabase,
  DIALECTS,
  POSTGRES_SKIP,
  type TestDatabase,
} from '../support/databases.ts';
import { buildArticle } from '../support/factories.ts';
import { buildUser } from '../support/newsroom.ts';
import { connectSse, type SseClient } from '../support/sse.ts';
import { startCliServer } from '../support/processes.ts';
import { createServices, type Services } from '../../src/services.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { hashToken, newToken } from '../../src/auth/tokens.ts';
import { insertSession } from '../../src/db/repos/sessions.ts';
import { SESSION_COOKIE } from '../../src/http/admin/session.ts';

interface PresenceView {
  others: { name: string; since: string }[];
  text: string;
}

/**
 * Presence across processes (issue 16 item 8): two `newsdesk serve` processes on one database.
 * A journalist with the article open on process A is shown to an editor who opens it on process
 * B, and the other way round; closing B's editor clears it on A. On PostgreSQL the table poll
 * is pushed out of reach, so only NOTIFY can carry it; on SQLite the poll is the only way.
 */
for (const dialect of DIALECTS) {
  describe(`editor presence across two processes [${dialect}]`, {
    skip: dialect === 'postgres' ? POSTGRES_SKIP : false,
  }, () => {
    let db: TestDatabase;
    let writer: Services;
    let a: { address: string; stop(): Promise<void> };
    let b: { address: string; stop(): Promise<void> };
    let articleId: number;
    const cookies = { samira: '', karim: '' };
    const streams: SseClient[] = [];
    const view = (e: { data: string }) => JSON.parse(e.data) as PresenceView;
    const names = (e: { data: string }) => view(e).others.map((o) => o.name);

    /** A session made as the login form would, usable on either process (sessions are rows). */
    const sessionFor = async (userId: number) => {
      const token = newToken();
      await insertSession(
        writer.db,
        {
          tokenHash: hashToken(token),
          userId,
          expiresAt: new Date(Date.now() + 3_600_000),
          ip: null,
        },
        new Date(),
      );
      return `${SESSION_COOKIE}=${token}`;
    };
    const open = async (base: string, cookie: string) => {
      const c = await connectSse(
        `${base}/admin/articles/${articleId}/presence`,
        { headers: { cookie } },
      );
      streams.push(c);
      assert.equal(c.status, 200);
      return c;
    };

    before(async () => {
      db = await createTestDatabase(dialect);
      writer = createServices(
        loadConfig({ DATABASE_URL: db.url }),
        db.handle,
        systemClock,
      );
      const s = await buildUser(writer, 'journalist', { name: 'Samira' });
      const k = await buildUser(writer, 'editor', { name: 'Karim' });
      cookies.samira = await sessionFor(s.id);
      cookies.karim = await sessionFor(k.id);
      articleId = (await buildArticle(writer, { status: 'draft' })).id;
      const env = {
        DATABASE_URL: db.url,
        SITE_URL: 'http://localhost',
        LIVE_POLL_MS: dialect === 'postgres' ? '600000' : '200',
      };
      [a, b] = await Promise.all([startCliServer(env), startCliServer(env)]);
    });
    after(async () => {
      for (const c of streams) c.close();
      await Promise.all([a?.stop(), b?.stop()]);
      await db?.drop();
    });

    test('a journalist on A is shown to an editor on B, and B to A; leaving B clears it on A', async () => {
      const onA = await open(a.address, cookies.samira);
      const alone = await onA.waitFor((e) => e.event === 'presence');
      assert.deepEqual(names(alone), [], 'nobody else yet');

      const onB = await open(b.address, cookies.karim);
      const seenOnB = await onB.waitFor(
        (e) => e.event === 'presence' && names(e).includes('Samira'),
      );
      assert.deepEqual(names(seenOnB), ['Samira']);
      assert.match(
        view(seenOnB).text,
        /^Samira modifie cet article depuis \d{2}:\d{2}$/,
      );

      const seenOnA = await onA.waitFor(
        (e) => e.event === 'presence' && names(e).includes('Karim'),
      );
      assert.deepEqual(names(seenOnA), ['Karim']);

      const from = onA.events.length;
      onB.close();
      const cleared = await onA.waitFor(
        (e) => e.event === 'presence' && names(e).length === 0,
        30_000,
        from,
      );
      assert.equal(view(cleared).text, '');
    });
  });
}
