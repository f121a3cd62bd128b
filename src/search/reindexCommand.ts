import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { reindexAll } from './indexer.ts';
import { reindexAll as reindexEditorial } from '../editorial/reindexAll.ts';
import { countArticles } from '../db/repos/taxonomy.ts';
import { rerenderBodies } from '../commands/rerenderBodies.ts';
import { createServices } from '../services.ts';
import { systemClock } from '../domain/clock.ts';

function progressBar(label: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% · {value}/{total} articles · {rate}/s · ETA {eta_formatted}`,
      hideCursor: true,
      // Outside a terminal (CI logs), print a line now and then instead of redrawing.
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
}

/**
 * `newsdesk reindex`: rebuilds the indexes derived from the articles, each with a progress bar
 * (counts, rate, time left): the search index, then the editorial index (duplicate guard,
 * related articles, section model). `only` picks one; `bodies` (only when asked) renders every
 * stored body again from its source, for articles saved before a renderer change.
 */
export async function reindexCommand(
  config: Config,
  options: {
    fresh: boolean;
    batchSize?: number;
    only?: 'search' | 'editorial' | 'bodies';
  },
): Promise<void> {
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    if (options.only === 'bodies') {
      await rerenderAll(config, handle);
      return;
    }
    if (options.only !== 'editorial') await reindexSearch(handle, options);
    if (options.only !== 'search') {
      const total = await countArticles(handle.db);
      const bar = progressBar('Editorial index');
      const started = performance.now();
      bar.start(total, 0, { rate: 0 });
      const done = await reindexEditorial(
        handle.db,
        () => new Date(),
        (n) =>
          bar.update(n, {
            rate: Math.round(
              n / Math.max(0.001, (performance.now() - started) / 1000),
            ),
          }),
      );
      bar.stop();
      console.log(
        `Editorial index rebuilt: ${done} articles in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
    }
  } finally {
    await handle.close();
  }
}

async function reindexSearch(
  handle: ReturnType<typeof openDatabase>,
  options: { fresh: boolean; batchSize?: number },
): Promise<void> {
  const search = handle.dialect.search;
  const bar = progressBar('Search index');
  const started = performance.now();
  let begun = false;
  const { indexed, ms } = await reindexAll(handle.db, search, {
    fresh: options.fresh,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    onProgress: (done, total) => {
      const rate = Math.round(
        done / Math.max(0.001, (performance.now() - started) / 1000),
      );
      if (!begun) {
        bar.start(total, done, { rate });
        begun = true;
      } else bar.update(done, { rate });
    },
    onBuilding: () => {
      bar.stop();
      console.log(
        'Building the index from the written entries (on PostgreSQL, several minutes for 100,000 articles)…',
      );
    },
  });
  const size = await search.sizeInBytes(handle.db);
  console.log(
    `Search index: ${indexed} articles in ${(ms / 1000).toFixed(1)} s (${handle.dialect.name}; index ${(size / 1_048_576).toFixed(1)} MiB).`,
  );
}

async function rerenderAll(
  config: Config,
  handle: ReturnType<typeof openDatabase>,
): Promise<void> {
  // Through the services' event sink, so each changed body updates the search index and
  // queues its webhooks in the same transaction, like an edit.
  const services = createServices(config, handle, systemClock);
  const total = await countArticles(handle.db);
  const bar = progressBar('Bodies');
  const started = performance.now();
  bar.start(total, 0, { rate: 0 });
  const { seen, changed } = await rerenderBodies(services, (n) =>
    bar.update(n, {
      rate: Math.round(
        n / Math.max(0.001, (performance.now() - started) / 1000),
      ),
    }),
  );
  bar.stop();
  console.log(
    `Bodies rendered again: ${changed} of ${seen} articles changed in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}
