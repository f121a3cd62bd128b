import type { Principal } from './article.ts';

/**
 * What a newsroom member may see among articles, for lists and searches: the article policy's
 * `view` rule (`policies/article.ts`: contributors see their own work, everyone else all of it)
 * as a scope the repositories apply in the query (`db/repos/newsroomScope.ts`), beside the
 * readers' `publicScope.ts`. The dashboard, the newsroom search and the editorial panel read
 * through it; a test compares it with the rule for every role, so the two cannot drift.
 */
export interface NewsroomScope {
  /** Only the articles this user created or signs (undefined: all of them). */
  ownedBy?: number;
}

export function newsroomScope(u: Principal): NewsroomScope {
  return u.role === 'contributor' ? { ownedBy: u.id } : {};
}

/** The same scope as the search providers' visibility filter takes it. */
export function newsroomSearchScope(u: Principal): { authorUserId?: number } {
  const { ownedBy } = newsroomScope(u);
  return ownedBy === undefined ? {} : { authorUserId: ownedBy };
}
