import type { ArticleStatus } from '../domain/article.ts';
import type { EditorialVerb } from '../domain/editorialVerbs.ts';
import { atLeast, type Role } from '../domain/roles.ts';
import type { SiteSettings } from '../domain/settings.ts';

/** Who is asking: a signed-in newsroom member. */
export interface Principal {
  id: number;
  role: Role;
  sectionIds: number[];
}

/** What a policy needs to know of an article. */
export interface ArticleFacts {
  status: ArticleStatus;
  sectionId: number | null;
  createdBy: number | null;
  authorUserIds: number[];
}

/** Every editorial verb is a policy action of its own, plus the actions that are not state moves. */
export type ArticleAction =
  | EditorialVerb
  | 'view'
  | 'create'
  | 'update'
  | 'correct'
  | 'overrideDuplicate'
  | 'runLive'
  | 'postLive';

const owns = (u: Principal, a: ArticleFacts) =>
  a.createdBy === u.id || a.authorUserIds.includes(u.id);

/** An editor acts only in their sections (none listed: all); admins and the owner everywhere. */
export const editsSection = (u: Principal, sectionId: number | null) =>
  atLeast(u.role, 'admin') ||
  (u.role === 'editor' &&
    (u.sectionIds.length === 0 ||
      (sectionId !== null && u.sectionIds.includes(sectionId))));

const journalistMayPublish = (u: Principal, a: ArticleFacts, s: SiteSettings) =>
  u.role === 'journalist' && owns(u, a) && s.journalistsCanPublish;

type Rule = (u: Principal, a: ArticleFacts, s: SiteSettings) => boolean;

/**
 * The article policy, one line per action. Read it as: who may do this to this article.
 * Any rule loosened here makes the role × route matrix test fail (test/http/policyMatrix.test.ts).
 */
const rules: Record<ArticleAction, Rule> = {
  view: (u, a) => u.role !== 'contributor' || owns(u, a),
  create: () => true,
  update: (u, a, s) =>
    a.status !== 'trashed' &&
    (editsSection(u, a.sectionId) ||
      (owns(u, a) &&
        (a.status === 'draft' ||
          (u.role === 'journalist' &&
            (a.status === 'review' ||
              (a.status === 'published' && s.journalistsCanPublish)))))),
  submit: (u, a) => owns(u, a) || editsSection(u, a.sectionId),
  return: (u, a) => editsSection(u, a.sectionId),
  publish: (u, a, s) =>
    editsSection(u, a.sectionId) || journalistMayPublish(u, a, s),
  schedule: (u, a, s) =>
    editsSection(u, a.sectionId) || journalistMayPublish(u, a, s),
  unschedule: (u, a, s) =>
    editsSection(u, a.sectionId) || journalistMayPublish(u, a, s),
  unpublish: (u, a) => editsSection(u, a.sectionId),
  correct: (u, a, s) =>
    editsSection(u, a.sectionId) || journalistMayPublish(u, a, s),
  trash: (u, a) =>
    editsSection(u, a.sectionId) || (owns(u, a) && a.status === 'draft'),
  restore: (u, a) => editsSection(u, a.sectionId),
  // Putting a likely duplicate online is an editor's call, even where journalists may publish.
  overrideDuplicate: (u, a) => editsSection(u, a.sectionId),
  // Live blogs: the desk opens and closes them and keeps the score; any journalist may post.
  runLive: (u, a) =>
    a.status !== 'trashed' &&
    (editsSection(u, a.sectionId) || (u.role === 'journalist' && owns(u, a))),
  postLive: (u, a) => a.status !== 'trashed' && u.role !== 'contributor',
};

export function canOnArticle(
  u: Principal,
  action: ArticleAction,
  a: ArticleFacts,
  settings: SiteSettings,
): boolean {
  return rules[action](u, a, settings);
}
