import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAsset, type Asset } from './assetsRoute.ts';
import { readCached, writeCached } from './diskCache.ts';

const ASSETS_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));
const bundles = new Map<string, Promise<Asset>>();

/** Bump when the build options below change: a bundle made with others is not reused. */
const BUILD_OPTIONS = 'esm es2022 browser minify v1';

/** What a kept bundle was made from: each input file's hash, and the code. */
interface KeptBundle {
  options: string;
  inputs: Record<string, string>;
  code: string;
}

/**
 * A browser script with imports (the rich editor and its libraries), bundled by esbuild into
 * memory: no build step, so installing and starting stay two commands. Minified, one file,
 * content-hashed URL with an immutable cache like the other assets. Bundled once per process
 * (tests build many apps), and kept on disk (diskCache.ts) with the hash of every file that went
 * into it: a start whose inputs are unchanged reads it back without loading esbuild (a bundle
 * costs more than the rest of a start's work on a two-core machine).
 */
export function bundleScriptAsset(name: string): Promise<Asset> {
  let bundle = bundles.get(name);
  if (!bundle) {
    bundle = bundleOnce(name);
    bundles.set(name, bundle);
  }
  return bundle;
}

async function bundleOnce(name: string): Promise<Asset> {
  const cacheName = `bundle-${name}.json`;
  const code = (await keptCode(cacheName)) ?? (await build(name, cacheName));
  return loadAsset(name, 'text/javascript; charset=utf-8', {
    servedAs: name.replace(/\.ts$/, '.js'),
    transform: () => code,
  });
}

/** The kept bundle's code if every input it was made from is unchanged. */
async function keptCode(cacheName: string): Promise<string | null> {
  const raw = await readCached(cacheName);
  if (!raw) return null;
  try {
    const kept = JSON.parse(raw.toString('utf8')) as KeptBundle;
    if (kept.options !== BUILD_OPTIONS) return null;
    const current = await hashInputs(Object.keys(kept.inputs));
    const same = Object.entries(kept.inputs).every(
      ([path, hash]) => current[path] === hash,
    );
    return same ? kept.code : null;
  } catch {
    return null; // unreadable, or an input is gone
  }
}

async function build(name: string, cacheName: string): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [resolve(ASSETS_DIR, name)],
    absWorkingDir: ASSETS_DIR,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const inputs = await hashInputs(Object.keys(result.metafile.inputs)).catch(
    () => null, // an input that is not a file: not kept
  );
  if (inputs) {
    const kept: KeptBundle = { options: BUILD_OPTIONS, inputs, code };
    await writeCached(cacheName, JSON.stringify(kept));
  }
  return code;
}

/** Input paths (relative to the assets directory, as esbuild names them) → a hash of their content. */
async function hashInputs(paths: string[]): Promise<Record<string, string>> {
  const hashes = await Promise.all(
    paths.map(async (path) =>
      createHash('sha1')
        .update(await readFile(resolve(ASSETS_DIR, path)))
        .digest('base64url'),
    ),
  );
  return Object.fromEntries(paths.map((path, i) => [path, hashes[i]!]));
}
