import type { Server } from 'node:http';

/**
 * Where a cold start's time goes (NEWSDESK_START_PHASES=1; bench/lib/startProfile.ts reads it):
 * each step of startServer is marked with the wall time since the process started
 * (performance.now) and the CPU time used by then, and the lines are printed once the first
 * response has been sent, so printing them costs the start nothing. Off, a mark is one test.
 */
const enabled = process.env['NEWSDESK_START_PHASES'] === '1';
const marks: string[] = [];

export function markStartPhase(name: string): void {
  if (!enabled) return;
  const cpu = process.cpuUsage();
  marks.push(
    `startphase ${name} ${performance.now().toFixed(1)} ${((cpu.user + cpu.system) / 1000).toFixed(1)}`,
  );
}

/** Marks the end of the first response the server sends, then prints every mark. */
export function reportStartPhasesAfterFirstResponse(server: Server): void {
  if (!enabled) return;
  server.once('request', (_request, response) => {
    response.once('finish', () => {
      markStartPhase('first-response');
      console.log(marks.join('\n'));
    });
  });
}
