import { Argument, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { systemClock } from '../domain/clock.ts';
import { createServices } from '../services.ts';
import { systemActor } from '../commands/context.ts';
import { setSectionInNewsSitemap } from '../commands/setSectionInNewsSitemap.ts';
import { AppError } from '../errors.ts';

/** `newsdesk news-sitemap <section> include|exclude`: until the back office has a switch for it. */
export function registerNewsSitemapCommand(program: Command): void {
  program
    .command('news-sitemap')
    .description(
      "Put a section's articles into the Google News sitemap, or keep them out (e.g. opinion pieces).",
    )
    .argument('<section>', "the section's slug, as in /rubrique/<section>")
    .addArgument(
      new Argument('<choice>', 'include or exclude').choices([
        'include',
        'exclude',
      ]),
    )
    .action(async (section: string, choice: 'include' | 'exclude') => {
      const config = loadConfig();
      const handle = openDatabase(config.database);
      try {
        await migrateToLatest(handle.db);
        await setSectionInNewsSitemap(
          createServices(config, handle, systemClock),
          systemActor('cli'),
          { slug: section, include: choice === 'include' },
        );
        console.log(
          `Section « ${section} » : ${choice === 'include' ? 'incluse dans' : 'exclue du'} sitemap Google News.`,
        );
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found')
          throw new Error(`no section with the slug "${section}"`);
        throw error;
      } finally {
        await handle.close();
      }
    });
}
