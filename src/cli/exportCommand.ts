import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withServices } from '../cliUsers.ts';

/** `newsdesk export DIR`: the whole newsroom as a documented folder (docs/EXPORT.md). */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Write the whole newsroom to a new folder (docs/EXPORT.md): articles as stored Markdown and as HTML with their metadata, pictures (originals, crops, focal points), authors, sections, tags, redirects, editions. `newsdesk import newsdesk DIR` reads it back.',
    )
    .argument('<dir>', 'a new (or empty) folder')
    .action(async (dir: string) => {
      await withServices(async (services) => {
        const bar = new cliProgress.SingleBar(
          {
            format:
              'Export |{bar}| {percentage}% · {value}/{total} articles and pictures · ETA {eta_formatted}',
            hideCursor: true,
            noTTYOutput: true,
            notTTYSchedule: 5000,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(1, 0);
        try {
          const { exportNewsroom } = await import(
            '../export/exportNewsroom.ts'
          );
          const manifest = await exportNewsroom(
            services.db,
            services.media.storage,
            dir,
            {
              siteUrl: services.config.site.url,
              now: services.clock.now(),
              onProgress: (done, total) => {
                bar.setTotal(Math.max(1, total));
                bar.update(done);
              },
            },
          );
          bar.stop();
          console.log(
            `Exported to ${dir}: ${Object.entries(manifest.counts)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ')}.`,
          );
        } finally {
          bar.stop();
          await services.media.storage.close();
        }
      });
    });
}
