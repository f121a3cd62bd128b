/**
 * `npm run bench -- live [--quick]`: the live fil info under many readers.
 *
 * 1. One server process on SQLite with 2,000 concurrent SSE clients (200 with --quick): events
 *    are published one after the other by the server process itself (the publish command, run
 *    over IPC); every client notes when each headline reaches it. Publish-to-delivery is the time
 *    from asking the server to publish to the message arriving at a client, over loopback, p50 and
 *    p99 over every (client, event) pair. Memory per client is the server's RSS and heap growth
 *    (after a full GC) once all clients are connected, divided by their number.
 * 2. Two server processes on one PostgreSQL database, clients split evenly, events published
 *    through A: the same figures for readers of A (in-process poke) and of B (NOTIFY).
 *
 * Clients are raw HTTP requests in this process, so its own event loop is part of the figures
 * (it reads 2,000 sockets per event): they are an upper bound for what a browser would see.
 * Writes bench/results/live.md.
 */
import os from 'node:os';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/services.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createArticle } from '../src/commands/createArticle.ts';
import { systemActor } from '../src/commands/context.ts';
import { insertAuthor, insertSection } from '../src/db/repos/taxonomy.ts';
import { startDrivenNode, type DrivenNode } from '../test/support/processes.ts';
import {
  checkOpenFiles,
  closeAll,
  connectClients as connectStreams,
  figures,
  settle,
  type Figures,
} from './lib/sseClients.ts';

const connectClients = (addresses: string[], count: number) =>
  connectStreams(addresses, count, HEADLINE);

const quick = process.argv.includes('--quick');
const CLIENTS = quick ? 200 : 2_000;
const EVENTS = quick ? 10 : 40;
const GAP_MS = quick ? 150 : 250;
const adminUrl =
  process.env['DATABASE_URL_TEST'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const NODE_ENV = {
  LIVE_MAX_CLIENTS: '1000000',
  LIVE_MAX_PER_IP: '1000000',
  LOG_LEVEL: 'warn',
  SITE_URL: 'http://localhost',
};

/** A fil info message's id: the event id, first in its data. */
const HEADLINE = /^data: \{"id":(\d+),/gm;

checkOpenFiles(CLIENTS * 2 + 500);
const results: string[] = [];
const memoryRows: string[] = [];
const latencyRows: Figures[] = [];

// --- 1. One process, SQLite ---------------------------------------------------------------------
{
  const dir = mkdtempSync(join(os.tmpdir(), 'newsdesk-bench-live-'));
  const url = `sqlite:${join(dir, 'bench.sqlite')}`;
  const drafts = await prepareDrafts(url, EVENTS);
  const node = await startDrivenNode({ ...NODE_ENV, DATABASE_URL: url }, [
    '--expose-gc',
  ]);
  try {
    const before = await node.memory();
    const clients = await connectClients([node.address], CLIENTS);
    const afterConnect = await node.memory();
    const sent = await publishAll(node, drafts);
    await settle(clients, sent, 5_000);
    latencyRows.push(
      figures(`1 process, SQLite, ${CLIENTS} clients`, clients, sent),
    );
    memoryRows.push(
      memoryRow('SQLite, 1 process', before, afterConnect, CLIENTS),
    );
    closeAll(clients);
  } finally {
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- 2. Two processes, PostgreSQL ----------------------------------------------------------------
const pgProblem = await probe();
if (pgProblem) {
  results.push(`PostgreSQL part skipped: ${pgProblem}`);
  console.warn(
    `!!! PostgreSQL unreachable at ${adminUrl} (${pgProblem}): the two-process part is skipped.`,
  );
} else {
  const name = `newsdesk_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const dbUrl = Object.assign(new URL(adminUrl), {
    pathname: `/${name}`,
  }).toString();
  const nodes: DrivenNode[] = [];
  try {
    const drafts = await prepareDrafts(dbUrl, EVENTS);
    nodes.push(
      ...(await Promise.all([
        startDrivenNode({ ...NODE_ENV, DATABASE_URL: dbUrl }, ['--expose-gc']),
        startDrivenNode({ ...NODE_ENV, DATABASE_URL: dbUrl }, ['--expose-gc']),
      ])),
    );
    const [a, b] = nodes as [DrivenNode, DrivenNode];
    const before = await Promise.all([a.memory(), b.memory()]);
    const onA = await connectClients([a.address], CLIENTS / 2);
    const onB = await connectClients([b.address], CLIENTS / 2);
    const after = await Promise.all([a.memory(), b.memory()]);
    const sent = await publishAll(a, drafts);
    await settle([...onA, ...onB], sent, 5_000);
    latencyRows.push(
      figures(
        `2 processes, PostgreSQL: readers of A (publisher), ${CLIENTS / 2} clients`,
        onA,
        sent,
      ),
    );
    latencyRows.push(
      figures(
        `2 processes, PostgreSQL: readers of B (via NOTIFY), ${CLIENTS / 2} clients`,
        onB,
        sent,
      ),
    );
    latencyRows.push(
      figures(
        `2 processes, PostgreSQL: all ${CLIENTS} clients`,
        [...onA, ...onB],
        sent,
      ),
    );
    memoryRows.push(
      memoryRow('PostgreSQL, process A', before[0], after[0], CLIENTS / 2),
    );
    memoryRows.push(
      memoryRow('PostgreSQL, process B', before[1], after[1], CLIENTS / 2),
    );
    closeAll([...onA, ...onB]);
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await admin(`drop database if exists ${name} with (force)`);
  }
}

report();

// --- Helpers -------------------------------------------------------------------------------------

/** Drafts to publish during the run, written before any client connects. */
async function prepareDrafts(
  databaseUrl: string,
  count: number,
): Promise<number[]> {
  const config = loadConfig({ DATABASE_URL: databaseUrl });
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    const services = createServices(config, handle, systemClock);
    const sectionId = await insertSection(
      handle.db,
      { slug: 'bench', name: 'Banc d’essai', description: '', position: 0 },
      new Date(),
    );
    // Publishing asks for a byline.
    const authorId = await insertAuthor(
      handle.db,
      { slug: 'banc-d-essai', name: 'Banc d’essai', bio: '', userId: null },
      new Date(),
    );
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        await createArticle(services, systemActor('bench'), {
          title: `Dépêche de banc d’essai numéro ${i + 1}`,
          lead: 'Chapô.',
          bodySource: 'Texte.',
          sectionId,
          authorIds: [authorId],
          tagIds: [],
        }),
      );
    }
    return ids;
  } finally {
    await handle.close();
  }
}

/** Publishes each draft through `node`, one after the other, noting when it was asked to. */
async function publishAll(
  node: DrivenNode,
  drafts: number[],
): Promise<Map<number, number>> {
  const sent = new Map<number, number>();
  for (const id of drafts) {
    sent.set(id, performance.now());
    await node.publish(id);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  return sent;
}

function memoryRow(
  label: string,
  before: { rss: number; heapUsed: number },
  after: { rss: number; heapUsed: number },
  clients: number,
): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  return `| ${label} | ${clients} | ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MB | ${kb((after.rss - before.rss) / clients)} KB | ${kb((after.heapUsed - before.heapUsed) / clients)} KB |`;
}

async function probe(): Promise<string | null> {
  try {
    await admin('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: 3_000,
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function report(): void {
  const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');
  const latency = latencyRows.map(
    (f) =>
      `| ${f.label} | ${f.samples}/${f.expected} | ${ms(f.p50)} | ${ms(f.p99)} | ${ms(f.max)} |`,
  );
  const text = `# Live fil info benchmark

${quick ? '**Quick run (--quick): small numbers to check the benchmark works; the figures mean little.**\n\n' : ''}Run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB.
${CLIENTS} concurrent SSE clients over loopback, ${EVENTS} events published one every ${GAP_MS} ms by the server process itself.

## Publish-to-delivery

From asking the process to publish (the command's transaction included) to the message reaching a client.

| setup | messages received | p50 | p99 | max |
|---|---|---|---|---|
${latency.join('\n')}

## Memory per connected client

Server process, after a full GC, before and after the clients connected.

| process | clients | RSS | RSS per client | heap per client |
|---|---|---|---|---|
${memoryRows.join('\n')}
${results.length ? `\n${results.map((r) => `- ${r}`).join('\n')}\n` : ''}
The clients live in the benchmark's own process, which reads every socket on one core: its
queueing is part of the p99. Each figure compares setups measured within this one run.
`;
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/live.md', import.meta.url), text);
  console.log(text);
}
