import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { withServices } from '../cliUsers.ts';
import { importRedirects } from '../commands/importRedirects.ts';
import { systemActor } from '../commands/context.ts';
import type { ImportReport } from '../import/report.ts';
import type { Services } from '../services.ts';
import { isValidSlug } from '../domain/slug.ts';

// The importers (turndown, saxes…) are loaded by the action that runs them: `serve` loads this
// file too, and needs none of them.

/** What an importer tells of its progress: work done of its total, and articles written. */
type ImportProgress = (done: number, total: number, articles: number) => void;

/**
 * Runs one import with the progress bar (share of the work done, articles written and their
 * rate), then writes the report and prints its summary; the media storage is closed whatever
 * happens. Every `newsdesk import …` goes through here.
 */
async function withImportProgress(
  services: Pick<Services, 'db' | 'dialect'> & {
    media: { storage: { close(): Promise<void> } };
  },
  reportFile: string,
  run: (onProgress: ImportProgress) => Promise<ImportReport>,
): Promise<void> {
  const bar = new cliProgress.SingleBar(
    {
      format:
        'Import |{bar}| {percentage}% · {articles} articles · {rate}/s · ETA {timeLeft}',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const eta = new WindowedEta();
  bar.start(1, 0, { articles: 0, rate: 0, timeLeft: '…' });
  try {
    // The bar counts the importer's own units (bytes read of the file, items of an export).
    const report = await run((done, total, articles) => {
      if (bar.getTotal() !== total) bar.setTotal(Math.max(1, total));
      bar.update(done, {
        timeLeft: eta.text(done, total),
        articles,
        rate: Math.round(
          articles / Math.max(0.001, (performance.now() - started) / 1000),
        ),
      });
    });
    bar.stop();
    // Thousands of rows in: the planner must know, or the first pages scan whole tables.
    if (!report.dryRun) await services.dialect.refreshStatistics(services.db);
    finish(report, reportFile);
  } finally {
    bar.stop();
    await services.media.storage.close();
  }
}

/**
 * Time left from the progress of the last half minute. cli-progress's own ETA uses its last
 * few updates, and an importer reports in bursts (the reader runs ahead, then waits for a
 * batch to be written): its estimate swung between « 30s » and infinite on a large import.
 */
export class WindowedEta {
  static readonly WINDOW_MS = 30_000;
  readonly #samples: { at: number; done: number }[] = [];

  text(done: number, total: number, now = performance.now()): string {
    this.#samples.push({ at: now, done });
    while (
      this.#samples.length > 2 &&
      now - this.#samples[1]!.at > WindowedEta.WINDOW_MS
    )
      this.#samples.shift();
    const first = this.#samples[0]!;
    const rate = (done - first.done) / Math.max(1, now - first.at);
    if (rate <= 0) return '…';
    const seconds = Math.round((total - done) / rate / 1000);
    return seconds >= 60
      ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
      : `${seconds}s`;
  }
}

const readableFile = (value: string): string => {
  if (!existsSync(value) || !statSync(value).isFile())
    throw new InvalidArgumentError(`no such file: ${value}`);
  return value;
};
const directory = (value: string): string => {
  if (!existsSync(value) || !statSync(value).isDirectory())
    throw new InvalidArgumentError(`no such folder: ${value}`);
  return value;
};
const batchSize = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5000)
    throw new InvalidArgumentError('a whole number from 1 to 5000');
  return n;
};

/**
 * `--section-map FILE`: one `category-slug,section-slug` (or `=`) per line; lines starting
 * with # are comments. Categories not listed become sections of their own.
 */
export function readSectionMap(path: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [i, raw] of readFileSync(path, 'utf8').split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [from, to] = line.split(/[,=;\t]/).map((s) => s.trim());
    if (!from || !to || !isValidSlug(to))
      throw new InvalidArgumentError(
        `${path}, line ${i + 1}: expected "category-slug,section-slug" (lower case, digits, hyphens)`,
      );
    map.set(from, to);
  }
  return map;
}

function finish(report: ImportReport, reportFile: string): void {
  writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(report.toText());
  console.log(
    `\nFull report (every record not imported, and why): ${reportFile}`,
  );
  if (report.error) process.exitCode = 1;
}

/**
 * The options every importer takes: a dry run, the batch size, where the report goes.
 * Commander prints each default itself: descriptions do not repeat it.
 */
function commonImportOptions(command: Command): Command {
  return command
    .option('--dry-run', 'report what would be imported; write nothing')
    .option('--batch-size <n>', 'articles per transaction', batchSize, 500)
    .option(
      '--report <file>',
      'where to write the full report (JSON)',
      'newsdesk-import-report.json',
    );
}

export function registerImportCommands(program: Command): void {
  const imports = program
    .command('import')
    .description(
      'Bring an archive in from another platform: resumable (run it again after an interruption) and idempotent (a second run changes nothing).',
    );

  commonImportOptions(
    imports
      .command('wordpress')
      .description(
        'Import a WordPress export (Tools › Export, WXR .xml): posts, pages, categories, tags, authors, pictures; old addresses answer 301 to the new ones.',
      )
      .argument(
        '<file>',
        'the WXR export (.xml), read as a stream whatever its size',
        readableFile,
      )
      .option(
        '--uploads <dir>',
        'a copy of wp-content/uploads: pictures are taken from there first',
        directory,
      )
      .option(
        '--no-fetch',
        'do not download pictures missing from --uploads from their URL',
      )
      .option(
        '--section-map <file>',
        'category → section mapping, one "category-slug,section-slug" per line',
        readableFile,
      )
      .option(
        '--shortcodes <mode>',
        'unknown shortcodes: keep (as text) or drop',
        (v) => {
          if (v !== 'keep' && v !== 'drop')
            throw new InvalidArgumentError('keep or drop');
          return v;
        },
        'keep',
      ),
  ).action(
    async (
      file: string,
      opts: {
        uploads?: string;
        fetch: boolean;
        dryRun?: boolean;
        sectionMap?: string;
        shortcodes: 'keep' | 'drop';
        batchSize: number;
        report: string;
      },
    ) => {
      const sectionMap = opts.sectionMap
        ? readSectionMap(opts.sectionMap)
        : new Map<string, string>();
      await withServices((services) =>
        withImportProgress(services, opts.report, async (onProgress) =>
          (await import('../import/importWordpress.ts')).importWordpress(
            { ...services, media: services.media },
            services.search,
            file,
            {
              dryRun: opts.dryRun ?? false,
              uploads: opts.uploads ?? null,
              fetchPictures: opts.fetch,
              keepShortcodes: opts.shortcodes === 'keep',
              sectionMap,
              batchSize: opts.batchSize,
              timeZone: services.config.site.timeZone,
              onProgress,
            },
          ),
        ),
      );
    },
  );

  commonImportOptions(
    imports
      .command('ghost')
      .description(
        'Import a Ghost export (Settings › Labs › Export, .json): posts and pages (HTML, Lexical or Mobiledoc), tags, staff as bylines; old /slug/ addresses answer 301.',
      )
      .argument('<file>', 'the Ghost export (.json)', readableFile),
  ).action(
    async (
      file: string,
      opts: { dryRun?: boolean; batchSize: number; report: string },
    ) => {
      await withServices((services) =>
        withImportProgress(services, opts.report, async (onProgress) =>
          (await import('../import/importGhost.ts')).importGhost(
            services,
            services.search,
            file,
            {
              dryRun: opts.dryRun ?? false,
              batchSize: opts.batchSize,
              onProgress,
            },
          ),
        ),
      );
    },
  );

  commonImportOptions(
    imports
      .command('newsdesk')
      .description(
        'Read back a `newsdesk export` folder (docs/EXPORT.md): sections, tags, authors, pictures with their crops, articles and redirects.',
      )
      .argument('<dir>', 'the export folder', directory),
  ).action(
    async (
      dir: string,
      opts: { dryRun?: boolean; batchSize: number; report: string },
    ) => {
      await withServices((services) =>
        withImportProgress(services, opts.report, async (onProgress) =>
          (await import('../import/importNewsdesk.ts')).importNewsdesk(
            services,
            services.search,
            dir,
            {
              dryRun: opts.dryRun ?? false,
              batchSize: opts.batchSize,
              onProgress,
            },
          ),
        ),
      );
    },
  );

  program
    .command('redirects')
    .description('Old addresses that answer 301 (imports add their own).')
    .command('import')
    .description(
      'Add redirects from a CSV file: one "old-path,new-path-or-URL" per line (a "from,to" header is allowed).',
    )
    .argument('<file>', 'the CSV file', readableFile)
    .action(async (file: string) => {
      await withServices(async (services) => {
        const result = await importRedirects(
          services,
          systemActor('import'),
          readFileSync(file, 'utf8'),
        );
        console.log(
          `Redirects added: ${result.added}; already there: ${result.unchanged}; refused: ${result.refused.length}.`,
        );
        for (const r of result.refused)
          console.log(`  line ${r.line}: ${r.reason}`);
        if (result.refused.length) process.exitCode = 1;
        await services.media.storage.close();
      });
    });
}
