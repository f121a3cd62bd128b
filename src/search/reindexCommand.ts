import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { reindexAll } from './indexer.ts';
import { searchProviderFor } from './providers.ts';

/** `newsdesk reindex`: rebuilds the search index with a progress bar (counts, rate, time left). */
export async function reindexCommand(config: Config, options: { fresh: boolean; batchSize?: number }): Promise<void> {
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    const search = searchProviderFor(handle.dialect);
    const bar = new cliProgress.SingleBar({
      format: 'Reindexing |{bar}| {percentage}% · {value}/{total} articles · {rate}/s · ETA {eta_formatted}',
      hideCursor: true,
      // Outside a terminal (CI logs), print a line now and then instead of redrawing.
      noTTYOutput: true,
      notTTYSchedule: 5000,
    }, cliProgress.Presets.shades_classic);
    const started = performance.now();
    let begun = false;
    const { indexed, ms } = await reindexAll(handle.db, search, {
      fresh: options.fresh,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      onProgress: (done, total) => {
        const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
        if (!begun) { bar.start(total, done, { rate }); begun = true; } else bar.update(done, { rate });
      },
    });
    bar.stop();
    const size = await search.sizeInBytes(handle.db);
    console.log(`Indexed ${indexed} articles in ${(ms / 1000).toFixed(1)} s (${handle.dialect.name}; index ${(size / 1_048_576).toFixed(1)} MiB).`);
  } finally {
    await handle.close();
  }
}
