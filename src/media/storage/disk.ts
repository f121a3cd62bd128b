import {
  copyFile,
  mkdir,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { assertSafeKey, type MediaStorage } from './storage.ts';

/**
 * Files under one folder (by default `media/` beside the SQLite file). Each write goes to a
 * temporary name in the same folder and is renamed into place, which is atomic on one file system.
 */
export class DiskStorage implements MediaStorage {
  readonly kind = 'disk' as const;
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  #path(key: string): string {
    assertSafeKey(key);
    return join(this.#root, ...key.split('/'));
  }

  async #place(
    key: string,
    write: (tmp: string) => Promise<void>,
  ): Promise<void> {
    const target = this.#path(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await write(tmp);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  putFile(key: string, path: string): Promise<void> {
    return this.#place(key, (tmp) => copyFile(path, tmp));
  }
  put(key: string, body: Buffer): Promise<void> {
    return this.#place(key, (tmp) => writeFile(tmp, body));
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.#path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.#path(key))).isFile();
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<string> {
    const start = prefix
      ? join(this.#root, ...prefix.replace(/\/+$/, '').split('/'))
      : this.#root;
    let entries;
    try {
      entries = await readdir(start, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
      yield relative(this.#root, join(entry.parentPath, entry.name))
        .split(sep)
        .join('/');
    }
  }

  async close(): Promise<void> {}
}
