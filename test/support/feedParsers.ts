import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import Parser from 'rss-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { extractFromJson } from '@extractus/feed-extractor';

/**
 * Feed parsers newsdesk did not write, to read our feeds as aggregators do. Each returns the
 * same small shape, with dates as epoch milliseconds (NaN when the parser did not understand one).
 */
export interface ParsedFeed {
  title: string;
  items: {
    id: string;
    title: string;
    link: string;
    date: number;
    authors: string[];
  }[];
}

/** npm rss-parser: RSS and Atom. */
export async function parseWithRssParser(xml: string): Promise<ParsedFeed> {
  const feed = await new Parser({
    customFields: { item: [['dc:creator', 'creators', { keepArray: true }]] },
  }).parseString(xml);
  return {
    title: feed.title ?? '',
    items: feed.items.map((i) => {
      const item = i as typeof i & {
        id?: string;
        creators?: string[];
        author?: string | { name?: string[] };
      };
      return {
        id: i.guid ?? item.id ?? '',
        title: i.title ?? '',
        link: i.link ?? '',
        date: i.isoDate ? Date.parse(i.isoDate) : NaN,
        authors:
          item.creators ??
          (typeof item.author === 'string' ? [item.author] : []),
      };
    }),
  };
}

/** Debian's python3-feedparser, the parser behind many aggregators. */
const PYTHON = '/usr/bin/python3';
const FEEDPARSER_SCRIPT = `
import sys, json, calendar, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
def ms(t):
    return calendar.timegm(t) * 1000 if t else None
print(json.dumps({
  "bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
  "title": d.feed.get("title", ""),
  "items": [{"id": e.get("id", ""), "title": e.get("title", ""), "link": e.get("link", ""),
             "date": ms(e.get("published_parsed") or e.get("updated_parsed")),
             "authors": [a.get("name", "") for a in e.get("authors", [])]} for e in d.entries],
}))
`;

export const FEEDPARSER_MISSING =
  existsSync(PYTHON) &&
  spawnSync(PYTHON, ['-c', 'import feedparser']).status === 0
    ? false
    : 'python3-feedparser is not installed (apt-get install python3-feedparser; .ci/run does it)';
// In CI a missing parser would quietly halve what the feed tests prove: fail instead.
if (FEEDPARSER_MISSING && process.env['CI'])
  throw new Error(FEEDPARSER_MISSING);

export function parseWithPythonFeedparser(
  xml: string,
): ParsedFeed & { bozo: boolean; error: string; version: string } {
  const run = spawnSync(PYTHON, ['-c', FEEDPARSER_SCRIPT], {
    input: xml,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`feedparser failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as ParsedFeed & {
    bozo: boolean;
    error: string;
    version: string;
    items: { date: number | null }[];
  };
  return {
    ...out,
    items: out.items.map((i) => ({ ...i, date: i.date ?? NaN })),
  };
}

/** npm feedsmith: RSS, Atom and JSON Feed, strict about each format's structure. */
export function parseWithFeedsmith(
  body: string,
  format: 'rss' | 'atom' | 'json',
): ParsedFeed {
  if (format === 'json') {
    const feed = parseJsonFeed(JSON.parse(body));
    return {
      title: feed.title ?? '',
      items: (feed.items ?? []).map((i) => ({
        id: i.id ?? '',
        title: i.title ?? '',
        link: i.url ?? '',
        date: i.date_published ? Date.parse(String(i.date_published)) : NaN,
        authors: (i.authors ?? []).map((a) => a.name ?? ''),
      })),
    };
  }
  if (format === 'atom') {
    const feed = parseAtomFeed(body);
    // Atom text constructs come back as { value } (they may carry a type).
    const text = (t: unknown) =>
      typeof t === 'object' && t !== null && 'value' in t
        ? String((t as { value: unknown }).value)
        : String(t ?? '');
    return {
      title: text(feed.title),
      items: (feed.entries ?? []).map((e) => ({
        id: e.id ?? '',
        title: text(e.title),
        link: e.links?.[0]?.href ?? '',
        date: e.published ? Date.parse(String(e.published)) : NaN,
        authors: (e.authors ?? []).map((a) => a.name ?? ''),
      })),
    };
  }
  const feed = parseRssFeed(body);
  return {
    title: feed.title ?? '',
    items: (feed.items ?? []).map((i) => ({
      id: i.guid?.value ?? '',
      title: i.title ?? '',
      link: i.link ?? '',
      date: i.pubDate ? Date.parse(String(i.pubDate)) : NaN,
      authors: (i.dc?.creators ?? []).map(String),
    })),
  };
}

/** npm @extractus/feed-extractor: JSON Feed (its second reader, after feedsmith). */
export function parseWithFeedExtractor(body: string): ParsedFeed {
  const feed = extractFromJson(body, {
    descriptionMaxLen: 0,
    getExtraEntryFields: (e) => ({
      authors: ((e['authors'] as { name: string }[] | undefined) ?? []).map(
        (a) => a.name,
      ),
    }),
  });
  return {
    title: feed.title ?? '',
    items: (feed.entries ?? []).map((e) => ({
      id: e.id,
      title: e.title ?? '',
      link: e.link ?? '',
      date: e.published ? Date.parse(e.published) : NaN,
      authors: (e['authors'] as string[] | undefined) ?? [],
    })),
  };
}
