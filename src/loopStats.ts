import { monitorEventLoopDelay } from 'node:perf_hooks';

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/**
 * For benchmarks (NEWSDESK_LOOP_STATS=1): the event loop's delay, the process's memory and its
 * CPU time, printed on stdout as one `loopstats {json}` line each time the process gets
 * SIGUSR2, after which the delay histogram starts again. A load generator resets it before a
 * run and reads it after, so the figures are those of the run. Delays and CPU in milliseconds,
 * memory in bytes.
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
      // CPU time since the process started (every thread: compression runs on libuv's pool), in
      // milliseconds: a run's share is the difference between two reports.
      cpuMs: Math.round(cpuMs(process.cpuUsage())),
    };
    delay.reset();
    process.stdout.write(`loopstats ${JSON.stringify(stats)}\n`);
  });
}
