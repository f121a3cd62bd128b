/** Public URL paths, in one place so routes, views, feeds and sitemaps agree. */
export const paths = {
  home: () => '/',
  article: (slug: string) => `/articles/${encodeURIComponent(slug)}`,
  section: (slug: string) => `/rubrique/${encodeURIComponent(slug)}`,
  tag: (slug: string) => `/sujet/${encodeURIComponent(slug)}`,
  author: (slug: string) => `/auteur/${encodeURIComponent(slug)}`,
  search: () => '/recherche',
  asset: (name: string) => `/assets/${name}`,
  /** Where browsers look for a site's icon by themselves; both layouts link to it too. */
  favicon: () => '/favicon.ico',
};

/** `path` with `?page=n` (page 1 is the bare path, so it has one URL only). */
export function withPage(path: string, page: number): string {
  return page <= 1 ? path : `${path}?page=${page}`;
}
