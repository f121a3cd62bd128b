/**
 * CPU time a server process spends per request, which on a shared machine says more than req/s:
 * the server's own `process.cpuUsage()` (user + system) before and after a wrk run, over the
 * responses wrk counted. The server prints it on SIGUSR2 as part of a `loopstats {json}` line
 * (src/loopStats.ts for newsdesk, bench/bareServer.ts for the baseline). The ratio of two
 * servers' CPU per request approximates the inverse of their throughput ratio on an idle
 * machine, where the server, not the load generator, is the bottleneck.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What `cpuPerRequest` measured: CPU µs per response, and the responses it divided by. */
export interface CpuRun {
  usPerRequest: number;
  requests: number;
  /** Non-2xx/3xx responses and socket errors (a run with any is not a measure). */
  bad: number;
}

/** The `loopstats {json}` line a server prints on SIGUSR2 (src/loopStats.ts, bench/bareServer.ts). */
export function readLoopStats(
  child: ChildProcess,
): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /loopstats (\{[^\n]*\})\n/.exec(out);
      if (!m) return;
      child.stdout!.off('data', onData);
      resolve(JSON.parse(m[1]!) as Record<string, number>);
    };
    child.stdout!.on('data', onData);
    child.kill('SIGUSR2');
  });
}

/** The process's CPU microseconds so far (user + system), from its `loopstats` line. */
export async function serverCpu(child: ChildProcess): Promise<number> {
  return (await readLoopStats(child))['cpu']!;
}

/**
 * `seconds` of wrk at `connections` against `url` (the same request each time, with `headers`),
 * and the server's CPU time over that run divided by the responses counted.
 */
export async function cpuPerRequest(
  child: ChildProcess,
  url: string,
  options: {
    seconds: number;
    connections: number;
    threads: number;
    headers: Record<string, string>;
  },
): Promise<CpuRun> {
  const before = await serverCpu(child);
  const { stdout } = await run(
    'wrk',
    [
      `-t${options.threads}`,
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '--timeout',
      '10s',
      ...Object.entries(options.headers).flatMap(([name, value]) => [
        '-H',
        `${name}: ${value}`,
      ]),
      url,
    ],
    { maxBuffer: 1 << 24 },
  );
  const after = await serverCpu(child);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  const errors =
    /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
      stdout,
    );
  const bad =
    Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0) +
    (errors ? errors.slice(1).reduce((s, n) => s + Number(n), 0) : 0);
  return {
    usPerRequest: requests > 0 ? (after - before) / requests : Number.NaN,
    requests,
    bad,
  };
}
