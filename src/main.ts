import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database.ts';
import { systemClock } from './domain/clock.ts';
import { buildApp } from './app.ts';
import { loadDemoContent } from './demo/loadDemo.ts';
import { createServices } from './services.ts';
import { ensureSearchIndex } from './search/indexer.ts';

export interface ServeOptions { demo: boolean; port?: number; host?: string }

export interface RunningServer { app: FastifyInstance; handle: DatabaseHandle; address: string; stop(): Promise<void> }

/** config → database (migrated) → demo content if empty → app → listen. */
export async function startServer(config: Config, options: ServeOptions): Promise<RunningServer> {
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db);
  const services = createServices(config, handle, systemClock);
  const indexed = await ensureSearchIndex(handle.db, services.search);
  if (indexed > 0) console.log(`Index de recherche construit : ${indexed} articles.`);
  if (options.demo) {
    const loaded = await loadDemoContent(services);
    if (loaded > 0) console.log(`Contenu de démonstration chargé : ${loaded} articles.`);
  }
  const app = await buildApp({ ...services, logger: { level: config.logLevel } });
  const address = await app.listen({ port: options.port ?? config.port, host: options.host ?? config.host });
  let stopping: Promise<void> | null = null;
  const stop = () => stopping ??= (async () => { await app.close(); await handle.close(); })();
  return { app, handle, address, stop };
}

/** Runs until SIGINT/SIGTERM, then closes connections cleanly. */
export async function serveForever(options: ServeOptions): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config, options);
  const publicUrl = server.address.replace('127.0.0.1', 'localhost');
  console.log(`newsdesk est en ligne : ${publicUrl}  (base ${config.database.dialect}; Ctrl+C pour arrêter)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal }, 'shutting down');
      server.stop().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
    });
  }
}
