import type { MediaConfig } from '../config.ts';
import { openMediaStorage, type MediaStorage } from './storage/storage.ts';
import { linkRenditionsAt, Renditions } from './renditions.ts';

/** The pictures' stateful parts: where files live, and the rendition maker. Built once per process. */
export interface MediaServices {
  config: MediaConfig;
  storage: MediaStorage;
  renditions: Renditions;
}

export function createMediaServices(config: MediaConfig): MediaServices {
  const storage = openMediaStorage(config.storage);
  linkRenditionsAt(
    config.storage.kind === 's3' ? config.storage.publicUrl : null,
  );
  return {
    config,
    storage,
    renditions: new Renditions(storage, { maxPixels: config.maxPixels }),
  };
}
