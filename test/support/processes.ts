import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A server node driven over IPC (see serverProcess.ts). */
export interface DrivenNode {
  address: string;
  child: ChildProcess;
  /** Runs the publish command inside that process; resolves when it has committed. */
  publish(articleId: number): Promise<void>;
  memory(): Promise<{ rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

/** Starts test/support/serverProcess.ts with `env` added to this process's environment. */
export function startDrivenNode(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<DrivenNode> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, 'test/support/serverProcess.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  let seq = 0;
  const waiting = new Map<
    number,
    { resolve: (value: never) => void; reject: (error: Error) => void }
  >();
  const call = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      child.send({ ...message, seq: id });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(
        new Error(`server process exited with ${code} before it was ready`),
      ),
    );
    child.on(
      'message',
      (message: {
        type: string;
        seq?: number;
        address?: string;
        error?: string;
      }) => {
        if (message.type === 'ready') {
          resolve({
            address: message.address!,
            child,
            publish: (articleId) => call({ type: 'publish', articleId }),
            memory: () => call({ type: 'memory' }),
            stop: () => stopChild(child, () => child.send({ type: 'stop' })),
          });
          return;
        }
        const pending =
          message.seq !== undefined ? waiting.get(message.seq) : undefined;
        if (!pending) return;
        waiting.delete(message.seq!);
        if (message.error) pending.reject(new Error(message.error));
        else pending.resolve(message as never);
      },
    );
  });
}

/** Starts `newsdesk serve --no-demo --port 0`, as an operator would; resolves with its address. */
export function startCliServer(
  env: Record<string, string>,
): Promise<{ address: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['src/cli.ts', 'serve', '--no-demo', '--port', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) =>
      reject(new Error(`newsdesk serve exited with ${code}: ${out}`)),
    );
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = /en ligne : (http:\/\/\S+)/.exec(out);
      if (match)
        resolve({
          address: match[1]!.replace('localhost', '127.0.0.1'),
          child,
          stop: () => stopChild(child, () => child.kill('SIGTERM')),
        });
    });
  });
}

function stopChild(child: ChildProcess, ask: () => void): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    ask();
  });
}
