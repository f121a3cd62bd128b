import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Work every start would otherwise redo although its inputs did not change (the rich editor's
 * bundle, the assets' brotli 11): kept on disk under a name that says what it was made from (a
 * content hash), so the next start reads it back instead of spending a second of CPU. Like
 * Node's compile cache, it lives in the system's temporary directory: losing it costs one slower
 * start, and a file that cannot be read or written is the same as no file.
 */
const DIR = join(tmpdir(), 'newsdesk-cache');

/** The bytes kept under `name`, or null. */
export async function readCached(name: string): Promise<Buffer | null> {
  try {
    return await readFile(join(DIR, name));
  } catch {
    return null;
  }
}

/** Keeps `data` under `name`; written aside then renamed, so a concurrent start reads all of it or nothing. */
export async function writeCached(
  name: string,
  data: Buffer | string,
): Promise<void> {
  try {
    await mkdir(DIR, { recursive: true });
    const aside = join(DIR, `${name}.${process.pid}.tmp`);
    await writeFile(aside, data);
    await rename(aside, join(DIR, name));
  } catch {
    // No cache this time.
  }
}

/**
 * The same, synchronously, for work done while the app is built (a browser script's stripped
 * types: Node's stripper is a WebAssembly module whose loading costs a start ~100 ms of CPU).
 */
export function readCachedSync(name: string): Buffer | null {
  try {
    return readFileSync(join(DIR, name));
  } catch {
    return null;
  }
}

export function writeCachedSync(name: string, data: Buffer | string): void {
  try {
    mkdirSync(DIR, { recursive: true });
    const aside = join(DIR, `${name}.${process.pid}.tmp`);
    writeFileSync(aside, data);
    renameSync(aside, join(DIR, name));
  } catch {
    // No cache this time.
  }
}
