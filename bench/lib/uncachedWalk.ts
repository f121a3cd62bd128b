/**
 * The uncached article walk, one for both benchmarks that measure it (bench/uncached.bench.ts,
 * server in the benchmark's process; bench/site.bench.ts, `newsdesk serve` in its own): the same
 * archive (bench/lib/archive.ts), the same order, the same wrk script, the same Accept-Encoding
 * choices, so their figures cannot disagree for a reason other than where the server runs.
 * Each thread walks its share of the paths once, then again with `?tour=N`: every URL is new,
 * so no request finds its page kept.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** What a walk sends as Accept-Encoding: none (as the old in-process walk did), or a browser's. */
export const WALK_ENCODINGS = {
  identity: null,
  browser: 'gzip, deflate, br',
} as const;
export type WalkEncoding = keyof typeof WALK_ENCODINGS;

/** The archive's article pages, oldest and newest interleaved: a crawler does not read in order. */
export function walkPaths(slugs: readonly string[], query = ''): string[] {
  return slugs
    .map((s, i) => ({ s, k: (i * 7919) % slugs.length }))
    .sort((a, b) => a.k - b.k)
    .map(({ s }) => `/articles/${encodeURIComponent(s)}${query}`);
}

/**
 * A Lua script for wrk, written in `dir`: each of `threads` threads walks its share of `paths`
 * (no URL asked twice), once, then again with `?tour=N`. Pass `args` after wrk's `--`.
 */
export function walkScript(
  dir: string,
  name: string,
  paths: readonly string[],
  threads: number,
): { file: string; args: string[] } {
  const list = join(dir, `${name}.txt`);
  writeFileSync(list, `${paths.join('\n')}\n`);
  const file = join(dir, `${name}.lua`);
  writeFileSync(
    file,
    `local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local mine = {}
local n = 0
function init(args)
  local k = 0
  local count = tonumber(args[2])
  for line in io.lines(args[1]) do
    if k % count == tid then mine[#mine + 1] = line end
    k = k + 1
  end
end
function request()
  local path = mine[n % #mine + 1]
  local tour = math.floor(n / #mine) + 1
  n = n + 1
  if tour > 1 then
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "tour=" .. tour
  end
  return wrk.format(nil, path)
end
`,
  );
  return { file, args: [list, String(threads)] };
}

export interface WalkResult {
  rps: number;
  /** Latency percentiles, in milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx/3xx answers and socket errors. */
  bad: number;
}

const run = promisify(execFile);

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

/**
 * wrk against `url` for `seconds`, with `script` (the walk's, or none: one URL) and sending
 * `accept` (null: no Accept-Encoding); the site benchmark's cached runs use it too.
 */
export async function runWalk(options: {
  url: string;
  seconds: number;
  connections: number;
  threads: number;
  script?: { file: string; args: string[] };
  accept: string | null;
}): Promise<WalkResult> {
  const { stdout } = await run(
    'wrk',
    [
      `-t${options.threads}`,
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '--latency',
      '--timeout',
      '10s',
      ...(options.accept ? ['-H', `Accept-Encoding: ${options.accept}`] : []),
      ...(options.script
        ? ['-s', options.script.file, options.url, '--', ...options.script.args]
        : [options.url]),
    ],
    { maxBuffer: 1 << 24 },
  );
  const latency = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
    return m ? toMs(m[1]!, m[2]!) : Number.NaN;
  };
  const errors =
    /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
      stdout,
    );
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0),
    p50: latency('50'),
    p99: latency('99'),
    requests: Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0),
    bad:
      Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0) +
      (errors ? errors.slice(1).reduce((s, n) => s + Number(n), 0) : 0),
  };
}
