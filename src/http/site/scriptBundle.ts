import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { loadAsset, type Asset } from './assetsRoute.ts';

const ASSETS_DIR = new URL('../../assets/', import.meta.url);
const bundles = new Map<string, Promise<Asset>>();

/**
 * A browser script with imports (the rich editor and its libraries), bundled by esbuild into
 * memory at start: no build step, so installing and starting stay two commands. Minified, one
 * file, content-hashed URL with an immutable cache like the other assets. Bundled once per
 * process (tests build many apps).
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
  const result = await build({
    entryPoints: [fileURLToPath(new URL(name, ASSETS_DIR))],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return loadAsset(name, 'text/javascript; charset=utf-8', {
    servedAs: name.replace(/\.ts$/, '.js'),
    transform: () => code,
  });
}
