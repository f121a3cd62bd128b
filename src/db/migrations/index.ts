import type { Migration, MigrationProvider } from 'kysely';

/**
 * Every migration, in order. Listed by hand rather than read from the folder so that a
 * migration cannot be skipped by a packaging mistake; names are timestamps and never change.
 * Each file is imported only when the migrator asks for them: a start on an up-to-date
 * database checks the names alone (database.ts) and loads none of them.
 */
const migrations: Record<string, () => Promise<Migration>> = {
  '20261128_0001_initial': () => import('./20261128_0001_initial.ts'),
  '20261128_0002_newsroom': () => import('./20261128_0002_newsroom.ts'),
  '20261128_0004_distribution': () => import('./20261128_0004_distribution.ts'),
  '20261128_0003_search': () => import('./20261128_0003_search.ts'),
  '20261128_0005_editorial': () => import('./20261128_0005_editorial.ts'),
  '20261129_0006_search_prefixes': () =>
    import('./20261129_0006_search_prefixes.ts'),
  '20261129_0007_search_newest': () =>
    import('./20261129_0007_search_newest.ts'),
  '20261201_0020_media': () => import('./20261201_0020_media.ts'),
  '20261201_0030_api_credentials': () =>
    import('./20261201_0030_api_credentials.ts'),
  '20261201_0031_webhooks': () => import('./20261201_0031_webhooks.ts'),
  '20261201_0040_audience': () => import('./20261201_0040_audience.ts'),
  '20261201_0041_live_blogs': () => import('./20261201_0041_live_blogs.ts'),
  '20261202_0200_link_public_at': () =>
    import('./20261202_0200_link_public_at.ts'),
  '20261202_0400_live_readers': () => import('./20261202_0400_live_readers.ts'),
  '20261202_0700_imports': () => import('./20261202_0700_imports.ts'),
  '20261202_0800_editions': () => import('./20261202_0800_editions.ts'),
  '20261202_0900_notifications': () =>
    import('./20261202_0900_notifications.ts'),
  '20261202_1000_preview_links': () =>
    import('./20261202_1000_preview_links.ts'),
  // Helper "editor" (issue 16): newsroom comments.
  '20261203_05_article_comments': () =>
    import('./20261203_05_article_comments.ts'),
};

export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);

export const migrationProvider: MigrationProvider = {
  getMigrations: async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(migrations).map(
          async ([name, load]) => [name, await load()] as const,
        ),
      ),
    ),
};
