import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { uploadMedia } from '../commands/media/uploadMedia.ts';
import type { MediaCommandContext } from '../commands/media/mediaContext.ts';
import type { Actor } from '../commands/context.ts';
import { findMapped, recordMapped } from '../db/repos/imports.ts';
import { findMediaById } from '../db/repos/media.ts';
import type { MediaRecord } from '../domain/pictures.ts';

/**
 * Re-hosts an imported site's pictures in our media library, through the upload command (so
 * renditions, credits and "where used" work as for any upload): from a copy of the old site's
 * uploads folder when one is given, else from their URL when it answers. Each URL is taken once
 * (recorded in import_map), so a rerun uploads nothing again.
 */
export class PictureImporter {
  readonly #ctx: MediaCommandContext;
  readonly #actor: Actor;
  readonly #source: string;
  readonly #uploads: string | null;
  readonly #fetch: boolean;
  readonly #done = new Map<string, MediaRecord | string>();

  constructor(
    ctx: MediaCommandContext,
    actor: Actor,
    source: string,
    options: { uploads: string | null; fetch: boolean },
  ) {
    this.#ctx = ctx;
    this.#actor = actor;
    this.#source = source;
    this.#uploads = options.uploads;
    this.#fetch = options.fetch;
  }

  /** The library picture for `url`, or the reason it could not be brought over. */
  async picture(url: string): Promise<MediaRecord | string> {
    const known = this.#done.get(url);
    if (known !== undefined) return known;
    const result = await this.#import(url).catch(
      (error: unknown) =>
        `not re-hosted: ${error instanceof Error ? error.message : String(error)}`,
    );
    this.#done.set(url, result);
    return result;
  }

  async #import(url: string): Promise<MediaRecord | string> {
    const key =
      url.length <= 200 ? url : createHash('sha256').update(url).digest('hex');
    const mapped = (
      await findMapped(this.#ctx.db, this.#source, 'media', [key])
    ).get(key);
    if (mapped !== undefined) {
      const media = await findMediaById(this.#ctx.db, mapped);
      if (media) return media;
    }
    const file = this.#localFile(url);
    let path = file;
    let tempDir: string | null = null;
    if (!path) {
      if (!this.#fetch) return 'missing: not in --uploads and fetching is off';
      const response = await fetch(url, {
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) return `missing: ${url} answered ${response.status}`;
      tempDir = mkdtempSync(join(tmpdir(), 'newsdesk-import-'));
      path = join(tempDir, 'picture');
      writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    }
    try {
      const media = await uploadMedia(this.#ctx, this.#actor, {
        path,
        fileName: basename(new URL(url, 'http://x/').pathname) || 'image',
      });
      await recordMapped(
        this.#ctx.db,
        [
          {
            source: this.#source,
            kind: 'media',
            sourceId: key,
            targetId: media.id,
          },
        ],
        this.#ctx.clock.now(),
      );
      return media;
    } finally {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    }
  }

  /**
   * `…/wp-content/uploads/2013/03/x.jpg` (or WordPress.com's `files.wordpress.com/2013/03/x.jpg`)
   * is `DIR/2013/03/x.jpg` in a copy of the uploads folder.
   */
  #localFile(url: string): string | null {
    if (!this.#uploads) return null;
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(url, 'http://x/').pathname);
    } catch {
      return null;
    }
    const rest = pathname.includes('/uploads/')
      ? pathname.slice(pathname.lastIndexOf('/uploads/') + 9)
      : pathname.replace(/^\/+/, '');
    if (rest.split('/').includes('..')) return null;
    const candidate = join(this.#uploads, rest);
    return existsSync(candidate) ? candidate : null;
  }
}
