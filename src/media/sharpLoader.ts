import type SharpModule from 'sharp';

type Sharp = typeof SharpModule;

let loading: Promise<Sharp> | undefined;

/**
 * sharp (libvips, ~230 ms to load under load) is imported on the first picture that needs it,
 * not at start: the first page a reader asks for needs no encoder. Its operation cache is
 * bounded here, once, so that a walk over many pictures does not grow the process's memory
 * (libvips keeps up to 50 MB and 100 operations by default; renditions are stored, not re-made).
 */
export function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache({ memory: 16, files: 0, items: 20 });
    return sharp;
  });
  return loading;
}
