import type { Command } from 'commander';
import { withServices } from '../cliUsers.ts';
import { systemActor } from '../commands/context.ts';
import {
  addEdition,
  linkTranslations,
  setSectionEditionCommand,
} from '../commands/editions.ts';
import { loadArabicDemo } from '../demo/loadArabicDemo.ts';

/**
 * `newsdesk edition …` (issue #20): add an edition, move a section into it, link translations,
 * load the Arabic demo. A new edition's pages are served from the next start.
 */
export function registerEditionCommand(program: Command): void {
  const edition = program
    .command('edition')
    .description(
      'Editions of the newsroom (French, Arabic…): see README « Editions ».',
    );
  edition
    .command('add')
    .description(
      'Add an edition, served under a path prefix or on its own host.',
    )
    .argument('<code>', 'a short code, e.g. ar')
    .requiredOption('--language <tag>', 'its language, e.g. ar (required)')
    .requiredOption(
      '--name <name>',
      'its name, shown in its masthead (required)',
    )
    .option(
      '--prefix <path>',
      'its path prefix on the site, e.g. /ar (default: /<code>)',
    )
    .option('--host <host>', 'its own host, e.g. ar.example.ma')
    .option(
      '--news-name <name>',
      'its Google News publication name (default: its --name)',
    )
    .option(
      '--legal <text>',
      'its legal notice (one paragraph per line; default: none)',
    )
    .action(
      async (
        code: string,
        o: {
          language: string;
          name: string;
          prefix?: string;
          host?: string;
          newsName?: string;
          legal?: string;
        },
      ) =>
        withServices(async (s) => {
          await addEdition(s, systemActor('cli'), {
            code,
            language: o.language,
            name: o.name,
            pathPrefix: o.prefix ?? `/${code}`,
            host: o.host ?? null,
            newsPublicationName: o.newsName ?? o.name,
            legalNotice: o.legal ?? '',
          });
          console.log(
            `Édition « ${code} » ajoutée ; elle est servie au prochain démarrage.`,
          );
        }),
    );
  edition
    .command('section')
    .description(
      'Move a section (and the articles filed under it from now on) into an edition.',
    )
    .argument('<section>', "the section's slug")
    .argument('<code>', "the edition's code")
    .action(async (section: string, code: string) =>
      withServices(async (s) => {
        await setSectionEditionCommand(s, systemActor('cli'), {
          slug: section,
          edition: code,
        });
        console.log(`Rubrique « ${section} » : édition « ${code} ».`);
      }),
    );
  edition
    .command('link')
    .description(
      'Link articles of different editions as translations of each other.',
    )
    .argument('<ids...>', 'article ids, one per edition')
    .action(async (ids: string[]) =>
      withServices(async (s) => {
        await linkTranslations(s, systemActor('cli'), {
          articleIds: ids.map(Number),
        });
        console.log(`Traductions reliées : ${ids.join(', ')}.`);
      }),
    );
  edition
    .command('demo')
    .description(
      'Add the Arabic edition with its demo articles, linked to the French demo.',
    )
    .action(async () =>
      withServices(async (s) => {
        const n = await loadArabicDemo(s);
        console.log(
          `Édition arabe : ${n} articles de démonstration ajoutés (/ar/).`,
        );
      }),
    );
}
