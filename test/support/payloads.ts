import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFile } from './shared.ts';

/** One hostile list: where it came from and its strings. */
export interface PayloadList {
  name: string;
  payloads: string[];
}

/**
 * The hostile strings of ../shared/data/security-payloads, one list per file: every line of the
 * line-based lists (XSS, SQL, traversal, template, CRLF… and the naughty strings, less their
 * comments), and the small XML and SVG documents whole. Null where the folder is absent.
 */
export function loadSecurityPayloads(): PayloadList[] | null {
  const root = sharedFile('data/security-payloads');
  if (!root) return null;
  const lists: PayloadList[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const name = path.slice(root.length + 1);
      if (/LICENSE|PROVENANCE|\.json$|base64/.test(name)) continue;
      const text = readFileSync(path, 'utf8');
      const payloads = /\.(txt|fuzz)$/.test(name)
        ? text
            .split(/\r?\n/)
            .filter(
              (line) =>
                line.trim() !== '' &&
                !(name.includes('naughty') && line.startsWith('#')),
            )
        : text.length <= 20_000
          ? [text]
          : [];
      if (payloads.length) lists.push({ name, payloads });
    }
  };
  walk(root);
  return lists;
}
