import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('src/start.js runs the CLI and leaves compiled code in the compile cache', async () => {
  const cache = await mkdtemp(join(tmpdir(), 'newsdesk-compile-cache-'));
  try {
    const { stdout } = await run(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'src/start.js', '--help'],
      // No NODE_COMPILE_CACHE (it would turn the cache on by itself): start.ts must, and its
      // default place is under the system's temporary directory.
      { env: { ...withoutCacheVariable(process.env), TMPDIR: cache } },
    );
    assert.match(stdout, /Usage: newsdesk/);
    assert.match(stdout, /serve/);
    // The cache holds one directory per Node version, filled with entries for the modules loaded.
    const root = join(cache, 'node-compile-cache');
    const versions = await readdir(root);
    assert.equal(versions.length, 1);
    const entries = await readdir(join(root, versions[0]!), {
      recursive: true,
    });
    assert.ok(entries.length > 10, `only ${entries.length} cache entries`);
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
});

function withoutCacheVariable(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_COMPILE_CACHE: _, ...rest } = env;
  return rest;
}
