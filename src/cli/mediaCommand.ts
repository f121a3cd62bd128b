import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withServices } from '../cliUsers.ts';
import type { Services } from '../services.ts';
import {
  checkMedia,
  findOrphans,
  regenerateRenditions,
} from '../media/maintenance.ts';

function progressBar(label: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% · {value}/{total} pictures · ETA {eta_formatted}`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
}

/** The command's services (database migrated, the configured MEDIA_STORAGE), the storage closed after. */
function withMedia<T>(
  work: (db: Services['db'], media: Services['media']) => Promise<T>,
): Promise<T> {
  return withServices(async (services) => {
    try {
      return await work(services.db, services.media);
    } finally {
      await services.media.storage.close();
    }
  });
}

/** `newsdesk media regenerate|check|orphans`: the picture files' upkeep, each with --help. */
export function registerMediaCommands(program: Command): void {
  const media = program
    .command('media')
    .description(
      'Upkeep of picture files in the configured storage (MEDIA_STORAGE: disk or s3).',
    );

  media
    .command('regenerate')
    .description(
      "Remake every picture's renditions (after a change of widths, crops or encoder settings) and remove the ones pages no longer use.",
    )
    .option(
      '--only-missing',
      'keep the current renditions that exist; make only the missing ones',
    )
    .action(async (opts: { onlyMissing?: boolean }) => {
      await withMedia(async (db, m) => {
        const bar = progressBar('Renditions');
        let started = false;
        const startedAt = performance.now();
        const result = await regenerateRenditions(db, m, {
          onlyMissing: opts.onlyMissing ?? false,
          onPicture: (done, total) => {
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          },
        });
        if (started) bar.stop();
        console.log(
          `${result.pictures} pictures: ${result.made} renditions made, ${result.removed} unused ones removed, in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`,
        );
      });
    });

  media
    .command('check')
    .description(
      "Check that every picture's original is in storage and can still be rendered. Exits with 1 if one cannot.",
    )
    .action(async () => {
      const problems = await withMedia(async (db, m) => {
        const bar = progressBar('Checking');
        let started = false;
        const result = await checkMedia(db, m, (done, total) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        });
        if (started) bar.stop();
        console.log(
          `${result.checked} pictures checked, ${result.problems.length} problem(s).`,
        );
        for (const p of result.problems)
          console.log(`  picture ${p.mediaId} (${p.fileName}): ${p.problem}`);
        if (result.problems.length)
          console.log(
            'Replace the file in the back office (Photothèque → the picture → Remplacer le fichier), or restore it into the storage from a backup.',
          );
        return result.problems.length;
      });
      if (problems) process.exitCode = 1;
    });

  media
    .command('orphans')
    .description(
      'List files in storage that no picture needs (interrupted uploads or deletions, old renditions).',
    )
    .option('--delete', 'remove them')
    .action(async (opts: { delete?: boolean }) => {
      await withMedia(async (db, m) => {
        const orphans = await findOrphans(db, m, {
          remove: opts.delete ?? false,
        });
        for (const key of orphans) console.log(key);
        console.log(
          `${orphans.length} orphan file(s)${opts.delete ? ' removed' : ''}.${orphans.length && !opts.delete ? ' Run again with --delete to remove them.' : ''}`,
        );
      });
    });
}
