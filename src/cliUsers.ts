import type { Command } from 'commander';
import { loadConfig } from './config.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { systemClock } from './domain/clock.ts';
import { createServices } from './services.ts';
import { addUser } from './commands/accounts/addUser.ts';
import { resetPassword } from './commands/accounts/changeUser.ts';
import { systemActor } from './commands/context.ts';
import { findUserByEmail } from './db/repos/users.ts';
import { isRole, ROLES } from './domain/roles.ts';
import { findSectionBySlug } from './db/repos/taxonomy.ts';

/** Opens the database (migrated) and the services for one command, and closes them after. */
export async function withServices<T>(
  run: (services: ReturnType<typeof createServices>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    return await run(createServices(config, handle, systemClock));
  } finally {
    await handle.close();
  }
}

/** Before a printed link: no server here to learn the address from, so it names PORT on localhost. */
function warnLinkAddress(services: ReturnType<typeof createServices>): void {
  if (services.config.site.urlFromServer)
    console.warn(
      `SITE_URL is not set: the link below uses ${services.config.site.url}. Set SITE_URL to the site's public address so the link works for the person you send it to.`,
    );
}

/** `newsdesk user add|reset-password`: accounts from the command line; links instead of mail. */
export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description(
      'Manage newsroom accounts (prints one-time links; no mail server needed).',
    );

  user
    .command('add')
    .description(
      'Invite a member: prints a one-time link where they choose their password.',
    )
    .requiredOption(
      '--email <email>',
      'their e-mail address, their login (required)',
    )
    .requiredOption(
      '--role <role>',
      `one of: ${ROLES.filter((r) => r !== 'owner').join(', ')} (required)`,
    )
    .option(
      '--name <name>',
      'the name that signs their articles (default: the part of the e-mail before @)',
    )
    .option(
      '--sections <slugs>',
      'for editors: comma-separated section slugs they may act in (default: all)',
    )
    .action(
      async (opts: {
        email: string;
        role: string;
        name?: string;
        sections?: string;
      }) => {
        if (!isRole(opts.role) || opts.role === 'owner')
          throw new Error(
            `--role must be one of: ${ROLES.filter((r) => r !== 'owner').join(', ')}`,
          );
        const role = opts.role;
        await withServices(async (services) => {
          warnLinkAddress(services);
          const sectionIds: number[] = [];
          for (const slug of (opts.sections ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)) {
            const section = await findSectionBySlug(services.db, slug);
            if (!section)
              throw new Error(
                `unknown section "${slug}" (see the sections in the back office)`,
              );
            sectionIds.push(section.id);
          }
          const { link } = await addUser(
            { ...services, siteUrl: services.config.site.url },
            systemActor('cli'),
            {
              email: opts.email,
              displayName: opts.name ?? opts.email.split('@')[0]!,
              role,
              sectionIds,
            },
          );
          console.log(
            `Invitation created for ${opts.email} (${role}). Send them this one-time link (valid 7 days):\n  ${link}`,
          );
        });
      },
    );

  user
    .command('reset-password')
    .description(
      'Print a one-time link to choose a new password (valid 24 hours).',
    )
    .requiredOption(
      '--email <email>',
      'the account’s e-mail address (required)',
    )
    .action(async (opts: { email: string }) => {
      await withServices(async (services) => {
        warnLinkAddress(services);
        const target = await findUserByEmail(services.db, opts.email);
        if (!target) throw new Error(`no account with e-mail ${opts.email}`);
        const link = await resetPassword(
          { ...services, siteUrl: services.config.site.url },
          systemActor('cli'),
          { userId: target.id },
        );
        console.log(
          `Password reset link for ${opts.email} (valid 24 hours, single use):\n  ${link}`,
        );
      });
    });
}
