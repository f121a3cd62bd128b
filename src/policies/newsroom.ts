import { atLeast, type Role } from '../domain/roles.ts';
import type { Principal } from './article.ts';

/** Actions on the newsroom itself rather than on one article. */
export type NewsroomAction =
  | 'useBackOffice'
  | 'manageSections'
  | 'manageTags'
  | 'manageUsers'
  | 'manageSettings'
  | 'readAudit'
  | 'readAudience';

const rules: Record<NewsroomAction, (u: Principal) => boolean> = {
  useBackOffice: () => true,
  // A desk editor (limited to some sections) does not reshape the site's sections.
  manageSections: (u) =>
    atLeast(u.role, 'admin') ||
    (u.role === 'editor' && u.sectionIds.length === 0),
  manageTags: (u) => atLeast(u.role, 'editor'),
  manageUsers: (u) => atLeast(u.role, 'admin'),
  manageSettings: (u) => atLeast(u.role, 'admin'),
  readAudit: (u) => atLeast(u.role, 'admin'),
  // What readers read guides the home page: every editor's business, desk editors included.
  readAudience: (u) => atLeast(u.role, 'editor'),
};

export function canInNewsroom(u: Principal, action: NewsroomAction): boolean {
  return rules[action](u);
}

/**
 * May `u` change `target` to `newRole`? Admins manage roles below their own; only the owner
 * manages admins; nobody changes or removes the owner, and nobody makes a second one.
 */
export function canChangeUser(
  u: Principal,
  target: { id: number; role: Role },
  newRole?: Role,
): boolean {
  if (target.role === 'owner' || newRole === 'owner') return false;
  if (u.id === target.id) return false;
  if (u.role === 'owner') return true;
  if (u.role !== 'admin') return false;
  return target.role !== 'admin' && newRole !== 'admin';
}
