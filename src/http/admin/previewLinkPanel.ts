import { listActivePreviewLinks } from '../../db/repos/previewLinks.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import { previewLinksPanel } from '../../views/admin/previewLinks.ts';
import type { AdminDeps } from './context.ts';

/** The editor's panel: the links still open, and the one just made. */
export async function previewLinksSection(
  deps: AdminDeps,
  m: {
    articleId: number;
    csrf: string;
    created: { url: string; expiresAt: Date } | null;
  },
): Promise<string> {
  const tz = deps.config.site.timeZone;
  const links = await listActivePreviewLinks(
    deps.db,
    m.articleId,
    deps.clock.now(),
  );
  return previewLinksPanel({
    articleId: m.articleId,
    csrf: m.csrf,
    links: links.map((l) => ({
      id: l.id,
      createdLabel: formatFullDate(l.createdAt, tz),
      expiresLabel: formatFullDate(l.expiresAt, tz),
    })),
    created: m.created
      ? {
          url: m.created.url,
          expiresLabel: formatFullDate(m.created.expiresAt, tz),
        }
      : null,
  });
}
