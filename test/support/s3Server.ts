import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface S3TestServer {
  /** The environment that points newsdesk at this server's bucket. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A real S3 API server (s3rver) in its own process, on a random port, with one bucket, so the
 * S3 adapter is tested over HTTP with the real SDK, signatures and all.
 */
export function startS3Server(): Promise<S3TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-s3-'));
  const bucket = `newsdesk-${randomBytes(3).toString('hex')}`;
  const child = spawn(
    process.execPath,
    [
      'node_modules/s3rver/bin/s3rver.js',
      '-d',
      dir,
      '-a',
      '127.0.0.1',
      '-p',
      '0',
      '--configure-bucket',
      bucket,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) =>
      reject(new Error(`s3rver exited with ${code}: ${out}`));
    child.once('exit', onExit);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on ([\d.]+):(\d+)/.exec(out);
      if (!match) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.off('exit', onExit);
      resolve({
        env: {
          MEDIA_STORAGE: 's3',
          S3_BUCKET: bucket,
          S3_ENDPOINT: `http://${match[1]}:${match[2]}`,
          S3_REGION: 'us-east-1',
          S3_ACCESS_KEY_ID: 'S3RVER',
          S3_SECRET_ACCESS_KEY: 'S3RVER',
          S3_FORCE_PATH_STYLE: 'true',
        },
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => {
              rmSync(dir, { recursive: true, force: true });
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export type StorageName = 'disk' | 's3';
export const STORAGES: StorageName[] = ['disk', 's3'];

/** The environment for one storage: a fresh temporary folder, or a fresh s3rver process. */
export async function storageEnv(
  name: StorageName,
): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  if (name === 's3') return startS3Server();
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-media-'));
  return {
    env: { MEDIA_STORAGE: 'disk', MEDIA_DIR: dir },
    stop: async () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
