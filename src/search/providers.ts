import type { DialectInfo } from '../db/database.ts';
import { postgresSearch } from '../db/repos/search/postgres.ts';
import { sqliteSearch } from '../db/repos/search/sqlite.ts';
import type { SearchProvider } from './provider.ts';

/** The search provider for the database in use: read from the dialect, never sniffed. */
export function searchProviderFor(dialect: DialectInfo): SearchProvider {
  return dialect.name === 'sqlite' ? sqliteSearch : postgresSearch;
}
