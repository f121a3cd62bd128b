import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared/` beside the project: test material that is not ours to ship. */
export const SHARED_DIR = fileURLToPath(
  new URL('../../../shared/', import.meta.url),
);

/** A shared file's path, or null (with the reason to skip) where shared/ is absent. */
export function sharedFile(relative: string): string | null {
  const path = SHARED_DIR + relative;
  return existsSync(path) ? path : null;
}

export function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
}

export const SHARED_MISSING =
  'shared/ is absent (../shared): this test needs the payload lists and corpora there';
