import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261128_0001_initial.ts';
import * as newsroom from './20261128_0002_newsroom.ts';
import * as distribution from './20261128_0004_distribution.ts';
import * as search from './20261128_0003_search.ts';
import * as editorial from './20261128_0005_editorial.ts';
import * as searchPrefixes from './20261129_0006_search_prefixes.ts';
import * as searchNewest from './20261129_0007_search_newest.ts';
import * as media from './20261201_0020_media.ts';
import * as apiCredentials from './20261201_0030_api_credentials.ts';
import * as webhooks from './20261201_0031_webhooks.ts';
import * as audience from './20261201_0040_audience.ts';
import * as liveReaders from './20261202_0400_live_readers.ts';
import * as liveBlogs from './20261201_0041_live_blogs.ts';
import * as linkPublicAt from './20261202_0200_link_public_at.ts';
import * as editions from './20261202_0800_editions.ts';
import * as imports from './20261202_0700_imports.ts';
import * as previewLinks from './20261202_1000_preview_links.ts';
import * as notifications from './20261202_0900_notifications.ts';
// Helper "editor" (issue 16): newsroom comments.
import * as articleComments from './20261203_05_article_comments.ts';

/**
 * Every migration, in order. Listed by hand rather than read from the folder so that a
 * migration cannot be skipped by a packaging mistake; names are timestamps and never change.
 */
const migrations: Record<string, Migration> = {
  '20261128_0001_initial': initial,
  '20261128_0002_newsroom': newsroom,
  '20261128_0004_distribution': distribution,
  '20261128_0003_search': search,
  '20261128_0005_editorial': editorial,
  '20261129_0006_search_prefixes': searchPrefixes,
  '20261129_0007_search_newest': searchNewest,
  '20261201_0020_media': media,
  '20261201_0030_api_credentials': apiCredentials,
  '20261201_0031_webhooks': webhooks,
  '20261201_0040_audience': audience,
  '20261201_0041_live_blogs': liveBlogs,
  '20261202_0200_link_public_at': linkPublicAt,
  '20261202_0400_live_readers': liveReaders,
  '20261202_0700_imports': imports,
  '20261202_0800_editions': editions,
  '20261202_0900_notifications': notifications,
  '20261202_1000_preview_links': previewLinks,
  '20261203_05_article_comments': articleComments,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
