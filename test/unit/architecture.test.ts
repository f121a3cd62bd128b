import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// Kysely's query starters and raw SQL: what only a repository (or a migration, or a dialect) may write.
const SQL =
  /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(|\bsql\s*`|\bsql\.(raw|ref|id|table|lit|join)\s*\(/;

test('SQL is written only under src/db (repositories, migrations, dialects)', () => {
  const offenders = sourceFiles(SRC)
    .map((path) => relative(SRC, path))
    .filter((path) => !path.startsWith('db/'))
    .filter((path) => SQL.test(readFileSync(join(SRC, path), 'utf8')));
  assert.deepEqual(
    offenders,
    [],
    `SQL outside src/db: ${offenders.join(', ')}`,
  );
});

test('the SQL pattern recognises each way of starting a query', () => {
  for (const line of [
    "db.selectFrom('articles')",
    "tx.insertInto('events')",
    "db.updateTable('users')",
    "db.deleteFrom('tags')",
    'sql`select 1`',
    "sql.raw('x')",
  ]) {
    assert.ok(SQL.test(line), line);
  }
  assert.ok(!SQL.test('const selection = fromList(x)'));
});
