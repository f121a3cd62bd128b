import { atLeast } from '../domain/roles.ts';
import type { Principal } from './article.ts';

/** What a policy needs to know of a picture. */
export interface MediaFacts {
  uploadedBy: number | null;
}

export type MediaAction =
  | 'view'
  | 'upload'
  | 'use'
  | 'update'
  | 'replace'
  | 'delete';

/**
 * The media library's policy: everyone in the newsroom (contributors too) uploads and uses
 * pictures and describes their own; editors and above manage every picture (describe, replace,
 * delete).
 */
const rules: Record<
  MediaAction,
  (u: Principal, m: MediaFacts | null) => boolean
> = {
  view: () => true,
  upload: () => true,
  use: () => true,
  update: (u, m) =>
    atLeast(u.role, 'editor') || (m !== null && m.uploadedBy === u.id),
  replace: (u) => atLeast(u.role, 'editor'),
  delete: (u) => atLeast(u.role, 'editor'),
};

export function canOnMedia(
  u: Principal,
  action: MediaAction,
  m: MediaFacts | null = null,
): boolean {
  return rules[action](u, m);
}
