import type { InlineProcessor } from '../events/eventSink.ts';
import {
  activeUserIdsWithRoles,
  articleCreatorId,
  insertNotifications,
} from '../db/repos/notifications.ts';

/** The editorial events the newsroom is told of, and the kind stored for each. */
const KINDS = {
  'articles.submit': 'submitted',
  'articles.return': 'returned',
  'articles.publish': 'published',
  'articles.schedule': 'scheduled',
  'comments.create': 'mentioned',
} as const;

/** Who reviews a submission: the roles that may publish. */
const REVIEWERS = ['editor', 'admin', 'owner'] as const;

/**
 * In-app notifications (issue 16 item 8), from the bus's events rather than from the commands:
 * a submission tells the editors; a return (with its note), a publication or a scheduling tells
 * the article's creator; a comment tells the members it mentions (the command named only those
 * who may read the article). Never the member who acted. Written in the event's transaction, so a
 * notification exists exactly when its change does.
 */
export const notificationsProcessor: InlineProcessor = {
  name: 'notifications',
  applicableEvents: Object.keys(KINDS) as (keyof typeof KINDS)[],
  async handle(tx, event) {
    const kind = KINDS[event.name as keyof typeof KINDS];
    if (!kind || event.articleId === null) return;
    let userIds: number[];
    if (kind === 'mentioned')
      userIds = mentionedIn(event.payload, event.actorId);
    else if (kind === 'submitted')
      userIds = await activeUserIdsWithRoles(tx, REVIEWERS, event.actorId);
    else {
      const creator = await articleCreatorId(tx, event.articleId);
      userIds = creator !== null && creator !== event.actorId ? [creator] : [];
    }
    const note = event.payload[kind === 'mentioned' ? 'excerpt' : 'note'];
    await insertNotifications(tx, userIds, {
      eventId: event.id,
      articleId: event.articleId,
      kind,
      actorId: event.actorId,
      note: typeof note === 'string' && note.trim() ? note : null,
      at: event.createdAt,
    });
  },
};

/** The member ids a `comments.create` event names, less the author. */
function mentionedIn(
  payload: Record<string, unknown>,
  actorId: number | null,
): number[] {
  const ids = payload['mentions'];
  if (!Array.isArray(ids)) return [];
  return ids.filter(
    (id): id is number => Number.isInteger(id) && id !== actorId,
  );
}
