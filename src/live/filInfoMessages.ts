import type { SiteConfig } from '../config.ts';
import type { Queryable } from '../db/database.ts';
import type { StoredEvent } from '../db/repos/events.ts';
import { findPublicFilInfo } from '../db/repos/filInfo.ts';
import { liveStatesOf } from '../db/repos/liveBlogs.ts';
import { firstPublicationsOf } from '../db/repos/articles.ts';
import { presentFilInfoLine } from '../presenters/filInfo.ts';
import type { SseMessage } from './sse.ts';
import { liveBlogMessage } from './liveBlogData.ts';
import { LIVE_BLOG_EVENTS } from '../events/names.ts';

/** Live blog events: their own messages (an entry, the header), not a fil info line. */

/** The events a reader's fil info follows: any change to an article. */
export const FIL_INFO_EVENT_PREFIX = 'articles.';

/**
 * Moves that only ever concern an article no reader has seen (a new draft, sent to review and
 * back): skipped, so that a replay does not resend a line for every step of an article's life.
 */
export const INVISIBLE_STEPS: readonly string[] = [
  'articles.create',
  'articles.submit',
  'articles.return',
];

/**
 * Turns events into fil info messages. Whatever the event says, the message carries the
 * article's state as readers may see it now, read through the public read scope:
 * - public: `published` (or `breaking`, for a breaking item) after a publication, `updated`
 *   after anything else (edit, correction, rescheduled time…);
 * - not public but published once (unpublished, trashed, embargoed again): `unpublished`, id only;
 * - never public (drafts being written): nothing at all.
 * So the feed stays right for event names it has never heard of, and replays send current
 * headlines, not stale ones.
 */
export async function filInfoMessages(
  db: Queryable,
  events: readonly StoredEvent[],
  now: Date,
  site: SiteConfig,
): Promise<SseMessage[]> {
  const relevant = events.filter(
    (e) =>
      e.name.startsWith(FIL_INFO_EVENT_PREFIX) &&
      !INVISIBLE_STEPS.includes(e.name) &&
      e.articleId !== null,
  );
  if (relevant.length === 0) return [];
  const ids = relevant.map((e) => e.articleId!);
  const visible = await findPublicFilInfo(db, ids, now);
  const hidden = ids.filter((id) => !visible.has(id));
  const [firsts, liveStates] = await Promise.all([
    firstPublicationsOf(db, hidden),
    liveStatesOf(db, [...visible.keys()]),
  ]);
  const messages: SseMessage[] = [];
  for (const event of relevant) {
    const article = visible.get(event.articleId!);
    if ((LIVE_BLOG_EVENTS as readonly string[]).includes(event.name)) {
      const message = article
        ? await liveBlogMessage(
            db,
            site,
            { ...event, articleId: event.articleId! },
            article.slug,
          )
        : null;
      if (message) messages.push(message);
      // Opening or ending the coverage changes the article's line in every fil info.
      if (message && event.name === 'articles.live')
        messages.push({
          id: event.id,
          event: 'updated',
          data: presentFilInfoLine(
            article!,
            site,
            liveStates.get(article!.id) ?? null,
          ),
        });
    } else if (article) {
      const item = presentFilInfoLine(
        article,
        site,
        liveStates.get(article.id) ?? null,
      );
      const kind =
        event.name === 'articles.publish'
          ? item.breaking
            ? 'breaking'
            : 'published'
          : 'updated';
      messages.push({ id: event.id, event: kind, data: item });
    } else if (firsts.get(event.articleId!)) {
      messages.push({
        id: event.id,
        event: 'unpublished',
        data: { id: event.articleId },
      });
    }
  }
  return messages;
}
