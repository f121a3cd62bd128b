import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The pinned runtime, as `npm run newsdesk` uses it. */
const NODE = fileURLToPath(
  new URL('../../node_modules/.bin/node', import.meta.url),
);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node src/cli.ts …args` as an operator would, with `env` added to this process's
 * environment (DATABASE_URL above all); resolves with its exit code and output, never rejects
 * on a non-zero exit.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      NODE,
      ['--disable-warning=ExperimentalWarning', 'src/cli.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn', ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
