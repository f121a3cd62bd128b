/**
 * The APIs, on SQLite and PostgreSQL in one run: req/s and p99 of the Content API's article list
 * and single article, each divided by the req/s of the cached public article page measured
 * back to back (the ratio cancels out the machine's speed); and the webhook fan-out: the time
 * from one publication to its delivery at 100 subscriptions (a local receiver), outbox included.
 *   npm run bench -- api [--quick]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startProcess, stop, ROOT } from './lib/processes.ts';
import { openDatabase, migrateToLatest } from '../src/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { createServices, type Services } from '../src/services.ts';
import { systemClock } from '../src/domain/clock.ts';
import { insertUserWithAuthor } from '../src/commands/accounts/addUser.ts';
import { createApiCredential } from '../src/commands/integrations.ts';
import { createWebhook } from '../src/commands/webhooks.ts';
import { createArticle } from '../src/commands/createArticle.ts';
import { publishArticle } from '../src/commands/publishArticle.ts';
import { systemActor, type Actor } from '../src/commands/context.ts';
import { WebhookDispatcher } from '../src/webhooks/dispatcher.ts';
import { insertAuthor, listSections } from '../src/db/repos/taxonomy.ts';

const quick = process.argv.includes('--quick');
const duration = quick ? 2 : 10;
const connections = 20;
const SUBSCRIPTIONS = quick ? 10 : 100;
const adminUrl =
  process.env['DATABASE_URL_TEST'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';

async function measure(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({
    url,
    connections,
    duration,
    pipelining: 1,
    headers,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** An admin and their Content API key (rate limit out of the way), written before the server reads. */
async function keyFor(
  services: Services,
): Promise<{ key: string; actor: Actor }> {
  const id = await services.db.transaction().execute((tx) =>
    insertUserWithAuthor(
      tx,
      {
        email: `bench-${Date.now()}@bench.example`,
        displayName: 'Bench',
        role: 'admin',
        passwordHash: null,
      },
      'active',
      new Date(),
    ),
  );
  const actor: Actor = { kind: 'user', id, role: 'admin', sectionIds: [] };
  return {
    key: (
      await createApiCredential(services, actor, {
        kind: 'content',
        name: 'bench',
        ratePerMinute: 100_000,
      })
    ).secret,
    actor,
  };
}

/** One publication → SUBSCRIPTIONS signed deliveries received; ms from the command to the last one. */
async function fanOut(services: Services, actor: Actor): Promise<number> {
  let received = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.end('ok');
      if (++received === SUBSCRIPTIONS) done();
    });
  });
  await new Promise<void>((resolve) =>
    receiver.listen(0, '127.0.0.1', resolve),
  );
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
  for (let i = 0; i < SUBSCRIPTIONS; i++)
    await createWebhook(services, actor, {
      name: `Abonné ${i}`,
      url,
      events: ['article.published'],
    });
  const dispatcher = new WebhookDispatcher({
    db: services.db,
    dialect: services.dialect,
    clock: systemClock,
    config: { ...services.config.webhooks, pollMs: 50 },
    onError: (e) => console.error(e),
  });
  await dispatcher.start(services.bus);
  // Publishing asks for a section and a byline.
  const authorId = await insertAuthor(
    services.db,
    { slug: `banc-${Date.now()}`, name: 'Banc d’essai', bio: '', userId: null },
    new Date(),
  );
  const draft = await createArticle(services, systemActor('bench'), {
    title: `Alerte ${Date.now()}`,
    lead: '',
    bodySource: 'Texte.',
    sectionId: (await listSections(services.db))[0]!.id,
    authorIds: [authorId],
  });
  const started = performance.now();
  await publishArticle(services, systemActor('bench'), { articleId: draft });
  await all;
  const ms = performance.now() - started;
  await dispatcher.stop();
  receiver.close();
  return ms;
}

async function databases(): Promise<
  { name: string; url: string; drop: () => Promise<void> }[]
> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-api-'));
  const list = [
    {
      name: 'SQLite',
      url: `sqlite:${join(dir, 'bench.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    },
  ];
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    const name = `newsdesk_bench_api_${process.pid}`;
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    list.push({
      name: 'PostgreSQL',
      url: url.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    });
  } catch (error) {
    console.warn(
      `PostgreSQL unreachable at ${adminUrl} (${(error as Error).message}): SQLite only.`,
    );
  } finally {
    await admin.end().catch(() => {});
  }
  return list;
}

const rows: string[] = [];
const fanRows: string[] = [];
for (const database of await databases()) {
  // The server loads the demo content and migrates; the bench then adds its key through the commands.
  const site = await startProcess(['src/cli.ts', 'serve', '--port', '0'], {
    DATABASE_URL: database.url,
    WEBHOOK_POLL_MS: '600000',
  });
  const handle = openDatabase(
    loadConfig({ DATABASE_URL: database.url }).database,
  );
  await migrateToLatest(handle.db);
  const services = createServices(
    loadConfig({ DATABASE_URL: database.url }),
    handle,
    systemClock,
  );
  try {
    const { key, actor } = await keyFor(services);
    const headers = { 'x-api-key': key };
    const list = (await (
      await fetch(`${site.url}/api/v1/articles?limit=20`, { headers })
    ).json()) as { items: { id: number; slug: string }[] };
    const one = list.items[0]!;
    const page = await measure(`${site.url}/articles/${one.slug}`);
    const measures = {
      'GET /api/v1/articles?limit=20': await measure(
        `${site.url}/api/v1/articles?limit=20`,
        headers,
      ),
      'GET /api/v1/articles/:id': await measure(
        `${site.url}/api/v1/articles/${one.id}`,
        headers,
      ),
    };
    for (const [what, m] of Object.entries(measures)) {
      const row = `| ${database.name} | ${what} | ${m.rps.toFixed(0)} | ${m.p99} ms | ${page.rps.toFixed(0)} | **${(m.rps / page.rps).toFixed(2)}** | ${m.errors + page.errors} |`;
      console.log(row);
      rows.push(row);
    }
    await stop(site.child);
    const ms = await fanOut(services, actor);
    const fanRow = `| ${database.name} | ${SUBSCRIPTIONS} | ${ms.toFixed(0)} ms |`;
    console.log(fanRow);
    fanRows.push(fanRow);
  } finally {
    if (site.child.exitCode === null) await stop(site.child);
    await services.bus.close();
    await handle.close();
    await database.drop();
  }
}

const report = `# APIs

\`npm run bench -- api${quick ? ' --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}, demo content, ${connections} connections, ${duration} s per measure.
The ratio is the API route's req/s divided by the cached public article page's, measured in the same run on the same server.

| database | route | req/s | p99 | article page req/s | ratio | errors |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Webhook fan-out: one publication (the command, its outbox rows, the dispatcher, signed POSTs to a local receiver) until the last subscriber has it.

| database | subscriptions | publication → last delivery |
|---|---|---|
${fanRows.join('\n')}
`;
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
if (!quick) writeFileSync(join(ROOT, 'bench/results/api.md'), report);
console.log(
  quick
    ? '(quick run: results not written)'
    : 'written to bench/results/api.md',
);
