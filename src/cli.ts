#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from './config.ts';
import { AppError } from './errors.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { serveForever } from './main.ts';
import { registerUserCommands } from './cliUsers.ts';
import { registerNewsSitemapCommand } from './cli/newsSitemapCommand.ts';
import { registerEditionCommand } from './cli/editionCommand.ts';
import { reindexCommand } from './search/reindexCommand.ts';
import { registerMediaCommands } from './cli/mediaCommand.ts';
import { registerImportCommands } from './cli/importCommand.ts';
import { registerExportCommand } from './cli/exportCommand.ts';

/** `newsdesk` — the operator's command line. Every command has --help. */
const program = new Command('newsdesk')
  .description(
    'newsdesk: the platform a French-language newsroom runs its online newspaper on.\nConfiguration comes from the environment (see README.md: DATABASE_URL, PORT, SITE_URL, …).',
  )
  .showHelpAfterError('(add --help for usage)');

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
};

program
  .command('serve')
  .description(
    'Run the site: migrates the database, loads demo content into an empty one, listens.',
  )
  .option('--no-demo', 'do not load the demo content into an empty database')
  .option(
    '-p, --port <port>',
    'port to listen on (default: $PORT or 3000)',
    port,
  )
  .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
  .action(async (opts: { demo: boolean; port?: number; host?: string }) => {
    await serveForever({
      demo: opts.demo,
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.host ? { host: opts.host } : {}),
    });
  });

program
  .command('migrate')
  .description('Bring the database schema up to date, then exit.')
  .action(async () => {
    const config = loadConfig();
    const handle = openDatabase(config.database);
    try {
      const applied = await migrateToLatest(handle.db);
      console.log(
        applied.length
          ? `Applied: ${applied.join(', ')}`
          : 'The schema is up to date.',
      );
    } finally {
      await handle.close();
    }
  });

registerUserCommands(program);
registerNewsSitemapCommand(program);
registerEditionCommand(program);

program
  .command('reindex')
  .description(
    'Rebuild the indexes derived from the articles (search, then editorial: duplicate guard, related articles, section model), with progress bars. --only bodies renders every stored body again from its source (after a renderer change).',
  )
  .option(
    '--only <index>',
    'rebuild one only: search, editorial or bodies',
    (v) => {
      if (v !== 'search' && v !== 'editorial' && v !== 'bodies')
        throw new InvalidArgumentError('search, editorial or bodies');
      return v;
    },
  )
  .option(
    '--fresh',
    'empty the index first: faster on a large archive, but searches find less until it ends',
  )
  .option(
    '--batch-size <n>',
    'articles per transaction (default: 500)',
    (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 10_000)
        throw new InvalidArgumentError('a whole number from 1 to 10000');
      return n;
    },
  )
  .action(
    async (opts: {
      fresh?: boolean;
      batchSize?: number;
      only?: 'search' | 'editorial' | 'bodies';
    }) => {
      await reindexCommand(loadConfig(), {
        fresh: opts.fresh ?? false,
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.only ? { only: opts.only } : {}),
      });
    },
  );

registerMediaCommands(program);
registerImportCommands(program);
registerExportCommand(program);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`newsdesk: ${message}`);
  // A refused input says which field and why (« adresse déjà utilisée »), as the forms do.
  if (error instanceof AppError)
    for (const [field, why] of Object.entries(error.fields))
      console.error(`  ${field}: ${why}`);
  if (/ECONNREFUSED|connect/i.test(message))
    console.error('Is the database reachable? Check DATABASE_URL.');
  process.exit(1);
});
