import type { MediaStorageConfig } from '../../config.ts';
import { DiskStorage } from './disk.ts';

/**
 * Where picture files live: originals and the renditions made from them. One interface, two
 * places: the local disk (one node, the embedded setup) and S3-compatible object storage
 * (several nodes). Keys are relative paths with `/` (`originals/ab/abcd….jpg`); a key is
 * written once with its final bytes, so readers never see half a file.
 */
export interface MediaStorage {
  readonly kind: 'disk' | 's3';
  /** Stores a file already on the local disk (an upload spooled to a temporary file). */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when there is no such key. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key under `prefix`, in no promised order. */
  list(prefix: string): AsyncIterable<string>;
  close(): Promise<void>;
}

export function openMediaStorage(config: MediaStorageConfig): MediaStorage {
  return config.kind === 'disk'
    ? new DiskStorage(config.dir)
    : lazyS3Storage(config);
}

/**
 * The S3 client, loaded on first use: the AWS SDK is the heaviest import of the whole program
 * (a good part of the time to the first response), and a site on the local disk never needs it.
 */
function lazyS3Storage(
  config: Extract<MediaStorageConfig, { kind: 's3' }>,
): MediaStorage {
  let opened: Promise<MediaStorage> | null = null;
  const open = () =>
    (opened ??= import('./s3.ts').then(
      ({ S3Storage }) => new S3Storage(config),
    ));
  return {
    kind: 's3',
    putFile: async (key, path, type) => (await open()).putFile(key, path, type),
    put: async (key, body, type) => (await open()).put(key, body, type),
    get: async (key) => (await open()).get(key),
    exists: async (key) => (await open()).exists(key),
    delete: async (key) => (await open()).delete(key),
    async *list(prefix) {
      yield* (await open()).list(prefix);
    },
    // Never opened: nothing to close.
    close: async () => (opened ? (await opened).close() : undefined),
  };
}

/** Keys come from our own code, but a key that could climb out of its folder is refused anyway. */
export function assertSafeKey(key: string): void {
  if (
    !/^[a-z0-9][a-z0-9/_.-]*$/i.test(key) ||
    key.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new Error(`unsafe media storage key: ${JSON.stringify(key)}`);
  }
}
