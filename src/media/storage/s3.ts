import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { MediaStorageConfig } from '../../config.ts';
import { IMMUTABLE_CACHE } from '../../http/cacheControl.ts';
import { assertSafeKey, type MediaStorage } from './storage.ts';

type S3Config = Extract<MediaStorageConfig, { kind: 's3' }>;

/**
 * Any S3-compatible service (AWS, MinIO, R2, Scaleway, OVH…). A PUT is atomic in S3: an object
 * is visible whole or not at all. `S3_PREFIX` lets several sites share a bucket.
 */
export class S3Storage implements MediaStorage {
  readonly kind = 's3' as const;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(config: S3Config) {
    this.#client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      // The SDK's default since 2025 is to send a checksum trailer in aws-chunked encoding, which
      // many S3-compatible services do not decode (they store the chunk framing as the file).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.accessKeyId && config.secretAccessKey
        ? {
            credentials: {
              accessKeyId: config.accessKeyId,
              secretAccessKey: config.secretAccessKey,
            },
          }
        : {}),
    });
    this.#bucket = config.bucket;
    this.#prefix =
      config.prefix && !config.prefix.endsWith('/')
        ? `${config.prefix}/`
        : config.prefix;
  }

  #key(key: string): string {
    assertSafeKey(key);
    return this.#prefix + key;
  }

  async putFile(key: string, path: string, contentType: string): Promise<void> {
    const { size } = await stat(path);
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#key(key),
        Body: createReadStream(path),
        ContentLength: size,
        ContentType: contentType,
        // Keys are content-addressed, never rewritten: a CDN or browser reading the bucket
        // directly (MEDIA_PUBLIC_URL) may keep them for a year.
        CacheControl: IMMUTABLE_CACHE,
      }),
    );
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#key(key),
        Body: body,
        ContentType: contentType,
        CacheControl: IMMUTABLE_CACHE,
      }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const result = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }),
      );
      return result.Body
        ? Buffer.from(await result.Body.transformToByteArray())
        : Buffer.alloc(0);
    } catch (error) {
      if (
        error instanceof NoSuchKey ||
        (error as { name?: string }).name === 'NoSuchKey'
      )
        return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.#client.send(
        new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof NotFound ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata
          ?.httpStatusCode === 404
      )
        return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(
      new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }),
    );
  }

  async *list(prefix: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: this.#prefix + prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key) yield object.Key.slice(this.#prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }
}
