import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * For benchmarks (NEWSDESK_LOOP_STATS=1): the event loop's delay and the process's memory,
 * printed on stdout as one `loopstats {json}` line each time the process gets SIGUSR2, after
 * which the delay histogram starts again. A load generator resets it before a run and reads it
 * after, so the figures are those of the run. Delays in milliseconds, memory in bytes, `cpu`
 * in microseconds since the process started (not reset).
 */
export function reportLoopStatsOnSignal(): void {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  process.on('SIGUSR2', () => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const stats = {
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
      rss: process.memoryUsage.rss(),
      // resourceUsage gives kilobytes: the peak over the process's whole life.
      maxRss: process.resourceUsage().maxRSS * 1024,
      // CPU microseconds so far, user + system, every thread (compression runs on libuv's pool):
      // a run's share is the difference between two reports (bench/lib/cpuPerRequest.ts).
      cpu: cpuMicros(),
    };
    delay.reset();
    process.stdout.write(`loopstats ${JSON.stringify(stats)}\n`);
  });
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
