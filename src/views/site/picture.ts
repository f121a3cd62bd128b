import { html } from '../html.ts';
import type { PictureView } from '../../presenters/picture.ts';

export interface PictureOptions {
  /** The `sizes` attribute: how wide the picture is shown, per viewport. */
  sizes: string;
  /** The page's main picture loads first and eagerly; every other one lazily. */
  priority?: boolean;
  className?: string;
}

/**
 * `<picture>` with AVIF and WebP sources and a JPEG `<img>` that always carries width and
 * height (the browser reserves the box: no layout shift).
 */
export function pictureTag(p: PictureView, o: PictureOptions): string {
  return html`<picture!${o.className ? html` class="${o.className}"` : ''}>!${p.sources.map((s) => html`<source type="${s.type}" srcset="${s.srcset}" sizes="${o.sizes}">`)}<img src="${p.src}" srcset="${p.srcset}" sizes="${o.sizes}" width="${String(p.width)}" height="${String(p.height)}" alt="${p.alt}" !${o.priority ? 'fetchpriority="high" decoding="async"' : 'loading="lazy" decoding="async"'}></picture>`;
}
