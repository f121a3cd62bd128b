import type { ArticleStatus } from '../domain/article.ts';
import type { ImportedArticle } from '../commands/importArticles.ts';
import { slugFromTitle } from '../domain/slug.ts';
import { autoParagraphs, htmlToMarkdown } from './htmlToMarkdown.ts';
import { expandShortcodes } from './shortcodes.ts';
import { childrenNamed, field, rawField, type WxrNode } from './wxr.ts';

/**
 * WordPress's records in our terms. Pure functions over one WXR record each: the runner
 * (importRun.ts) streams the file and writes what these return.
 */

/** How WordPress statuses become ours; a status not here is reported and skipped. */
const STATUSES: Record<string, ArticleStatus> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'review',
  // Private posts were readable by logged-in editors only: here, off the public site.
  private: 'unpublished',
  trash: 'trashed',
};

export interface WpAttachment {
  id: string;
  /** The post it was uploaded to (a [gallery] without ids shows these). */
  parent: string;
  url: string;
  alt: string;
  caption: string;
}

export interface WpTerm {
  key: string;
  slug: string;
  name: string;
  description: string;
}

/** `2010-07-02 14:03:00` in UTC, or null for WordPress's zero date. */
function gmtDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(
    value.trim(),
  );
  if (!m || m[1] === '0000') return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A local WordPress date (`post_date`) in the site's zone: a draft never scheduled has no GMT
 * date, and its local date is all there is.
 */
function localDate(value: string, timeZone: string): Date | null {
  const asUtc = gmtDate(value);
  if (!asUtc) return null;
  const shown = new Date(asUtc.toLocaleString('en-US', { timeZone }));
  const utcShown = new Date(asUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(asUtc.getTime() - (shown.getTime() - utcShown.getTime()));
}

export function itemDate(
  node: WxrNode,
  gmtName: string,
  localName: string,
  timeZone: string,
): Date | null {
  return (
    gmtDate(field(node, gmtName)) ??
    localDate(field(node, localName), timeZone) ??
    (field(node, 'pubDate') && !Number.isNaN(Date.parse(field(node, 'pubDate')))
      ? new Date(field(node, 'pubDate'))
      : null)
  );
}

export function postMeta(node: WxrNode): Map<string, string> {
  const meta = new Map<string, string>();
  for (const m of childrenNamed(node, 'wp:postmeta'))
    meta.set(field(m, 'wp:meta_key'), field(m, 'wp:meta_value'));
  return meta;
}

export function readAttachment(node: WxrNode): WpAttachment | null {
  const url = field(node, 'wp:attachment_url') || field(node, 'guid');
  if (!url) return null;
  return {
    id: field(node, 'wp:post_id'),
    parent: field(node, 'wp:post_parent'),
    url,
    alt: postMeta(node).get('_wp_attachment_image_alt') ?? '',
    caption: field(node, 'excerpt:encoded'),
  };
}

export function readCategory(node: WxrNode): WpTerm {
  const slug = field(node, 'wp:category_nicename');
  return {
    key: slug || field(node, 'wp:term_id'),
    slug,
    name: field(node, 'wp:cat_name') || slug,
    description: field(node, 'wp:category_description'),
  };
}

export function readTag(node: WxrNode): WpTerm {
  const slug = field(node, 'wp:tag_slug');
  return {
    key: slug || field(node, 'wp:term_id'),
    slug,
    name: field(node, 'wp:tag_name') || slug,
    description: field(node, 'wp:tag_description'),
  };
}

export function readAuthor(node: WxrNode): WpTerm | null {
  const login = field(node, 'wp:author_login');
  if (!login) return null;
  const name =
    field(node, 'wp:author_display_name') ||
    [field(node, 'wp:author_first_name'), field(node, 'wp:author_last_name')]
      .filter(Boolean)
      .join(' ') ||
    login;
  return { key: login, slug: slugFromTitle(login), name, description: '' };
}

/** A Co-Authors Plus guest author (a `guest-author` item): a byline without an account. */
export function readGuestAuthor(node: WxrNode): WpTerm | null {
  const meta = postMeta(node);
  const login =
    meta.get('cap-user_login') ||
    field(node, 'wp:post_name').replace(/^cap-/, '');
  if (!login) return null;
  return {
    key: `cap-${login}`,
    slug: slugFromTitle(login),
    name: meta.get('cap-display_name') || field(node, 'title') || login,
    description: meta.get('cap-description') ?? '',
  };
}

/** An item's categories, tags and Co-Authors Plus bylines, as its <category> elements give them. */
export function itemTerms(node: WxrNode): {
  categories: WpTerm[];
  tags: WpTerm[];
  coauthors: WpTerm[];
} {
  const out = {
    categories: [] as WpTerm[],
    tags: [] as WpTerm[],
    coauthors: [] as WpTerm[],
  };
  for (const c of childrenNamed(node, 'category')) {
    const slug = c.attrs['nicename'] ?? slugFromTitle(c.text);
    const term = {
      key: slug,
      slug,
      name: c.text.trim() || slug,
      description: '',
    };
    if (c.attrs['domain'] === 'category') out.categories.push(term);
    else if (c.attrs['domain'] === 'post_tag') out.tags.push(term);
    else if (c.attrs['domain'] === 'author')
      out.coauthors.push({
        ...term,
        key: slug.startsWith('cap-') ? slug : `cap-${slug}`,
        slug: slug.replace(/^cap-/, ''),
      });
  }
  return out;
}

export interface WpPostResult {
  article: ImportedArticle;
  /** Things brought over imperfectly, for the report. */
  notes: string[];
  comments: number;
  /** The featured image's attachment id (`_thumbnail_id`), if any. */
  featuredId: string | null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Yoast and Rank Math keep templates (`%%title%% %%sep%%`) where no title was typed. */
const seoText = (s: string | undefined) =>
  s && !/%%|%[a-z_]+%/.test(s) ? s.trim() : '';

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** The old address's path, as readers and search engines know it. */
export function oldPath(link: string): string | null {
  try {
    const url = new URL(link);
    const path = url.pathname + url.search;
    return path.length > 1 && path.length <= 1000 ? path : null;
  } catch {
    return null;
  }
}

/**
 * A post or page in our terms, or a reason it cannot be (reported). The body's HTML goes
 * through shortcodes first, then paragraphs, then Markdown.
 */
export function readPost(
  node: WxrNode,
  options: {
    timeZone: string;
    keepShortcodes: boolean;
    attachment: (id: string) => WpAttachment | null;
    children: (postId: string) => WpAttachment[];
    /** The section pages go to (we have no pages). */
    pagesSection: string;
    /** Category slug → section key, from --section-map. */
    sectionMap: Map<string, string>;
  },
): WpPostResult | { skip: string } {
  const sourceId = field(node, 'wp:post_id');
  if (!sourceId) return { skip: 'no wp:post_id: it cannot be matched again' };
  const wpStatus = field(node, 'wp:status') || 'draft';
  const status = STATUSES[wpStatus];
  if (!status) return { skip: `status "${wpStatus}" has no equivalent` };
  const type = field(node, 'wp:post_type') || 'post';
  const title = cut(field(node, 'title'), 300) || '(sans titre)';
  const notes: string[] = [];
  const shortcodes = expandShortcodes(rawField(node, 'content:encoded'), {
    keepUnknown: options.keepShortcodes,
    attachment: (id) => {
      const a = options.attachment(id);
      return a ? { url: a.url, alt: a.alt } : null;
    },
    children: () =>
      options
        .children(sourceId)
        .filter((a) => /\.(jpe?g|png|gif|webp|avif)$/i.test(a.url))
        .map((a) => a.id),
  });
  for (const name of new Set(shortcodes.unknown))
    notes.push(
      `shortcode [${name}] ${options.keepShortcodes ? 'kept as text' : 'dropped'}`,
    );
  const bodySource = htmlToMarkdown(
    autoParagraphs(
      // Gutenberg's block delimiters are comments; the HTML between them is the content.
      shortcodes.html.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, ''),
    ),
  );
  const excerpt = field(node, 'excerpt:encoded');
  const lead = cut(htmlToMarkdown(excerpt).replace(/\s+/g, ' ').trim(), 1000);
  const meta = postMeta(node);
  const terms = itemTerms(node);
  const categories = terms.categories.map(
    (c) => options.sectionMap.get(c.slug) ?? c.key,
  );
  const sectionKey =
    type === 'page' ? options.pagesSection : (categories[0] ?? null);
  const creator = field(node, 'dc:creator');
  const authorKeys = terms.coauthors.length
    ? terms.coauthors.map((a) => a.key)
    : creator
      ? [creator]
      : [];
  const date = itemDate(
    node,
    'wp:post_date_gmt',
    'wp:post_date',
    options.timeZone,
  );
  const modified = itemDate(
    node,
    'wp:post_modified_gmt',
    'wp:post_modified',
    options.timeZone,
  );
  const createdAt = date ?? modified ?? new Date(0);
  const online =
    status === 'published' || status === 'unpublished' || status === 'trashed';
  const publishedAt = online ? createdAt : null;
  const modifiedAt =
    publishedAt &&
    modified &&
    modified.getTime() > publishedAt.getTime() + 60_000
      ? modified
      : null;
  const link = field(node, 'link');
  const paths = new Set<string>();
  const fromLink = link ? oldPath(link) : null;
  // `/?p=12` (a draft's link) is our home page's address: not one we can answer for.
  if (fromLink && !fromLink.startsWith('/?')) paths.add(fromLink);
  const comments = childrenNamed(node, 'wp:comment').length;
  if (comments)
    notes.push(`${comments} comment(s) not kept: newsdesk has no comments yet`);
  if (wpStatus === 'private')
    notes.push('private in WordPress: imported as unpublished (not public)');
  if (type === 'page')
    notes.push(`page imported as an article of the « Pages » section`);
  const slug = cut(
    slugFromTitle(safeDecode(field(node, 'wp:post_name'))) ||
      slugFromTitle(title),
    180,
  );
  return {
    article: {
      sourceId,
      status,
      title,
      slug,
      lead,
      bodySource,
      sectionKey,
      authorKeys,
      tagKeys: terms.tags.map((t) => t.key),
      createdAt,
      publishedAt,
      modifiedAt,
      scheduledAt: status === 'scheduled' ? createdAt : null,
      deletedAt: status === 'trashed' ? (modified ?? createdAt) : null,
      seoTitle:
        cut(
          seoText(meta.get('_yoast_wpseo_title')) ||
            seoText(meta.get('rank_math_title')),
          300,
        ) || null,
      seoDescription:
        cut(
          seoText(meta.get('_yoast_wpseo_metadesc')) ||
            seoText(meta.get('rank_math_description')),
          500,
        ) || null,
      oldPaths: [...paths],
      cover: null,
    },
    notes,
    comments,
    featuredId: meta.get('_thumbnail_id') || null,
  };
}
