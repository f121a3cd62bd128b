import type { SiteDeps } from './context.ts';
import { listHomeLiveBlogs } from '../../db/repos/liveBlogs.ts';
import { paths } from '../../presenters/urls.ts';
import { liveBlogsBlock } from '../../views/site/liveBlog.ts';

/** An ended live blog stays on the home page this long, marked « Terminé ». */
const ENDED_SHOWN_MS = 24 * 3_600_000;

/** « Les directs » for the home page, kept with the pages (live blog events are article events). */
export async function homeLiveBlogsBlock(deps: SiteDeps): Promise<string> {
  const build = async () => {
    const now = deps.clock.now();
    const rows = await listHomeLiveBlogs(
      deps.db,
      now,
      new Date(now.getTime() - ENDED_SHOWN_MS),
      3,
    );
    const value = liveBlogsBlock(
      rows.map((r) => ({
        url: paths.article(r.slug),
        title: r.title,
        state: r.state,
      })),
    );
    return {
      value,
      bytes: value.length * 2,
      validUntil: new Date(now.getTime() + 60_000),
    };
  };
  if (!deps.pages) return (await build()).value;
  return deps.pages.get('live-blogs:home', ['articles'], build);
}
