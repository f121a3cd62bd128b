import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type BenchArticle } from '../searchCorpus.ts';

/**
 * The generated WXR for `count` posts, made once and kept in the system's temporary folder under
 * a content key (this generator's source, the corpus's text, `count` and `join`): a second
 * benchmark run, or one after an interruption, spends its time importing. The file is written
 * under a `.partial` name and renamed when complete, so an interrupted generation starts again.
 */
export async function cachedWxr(
  count: number,
  options: { join?: number; dir?: string } = {},
): Promise<{ path: string; bytes: number; cached: boolean }> {
  const { articles } = await loadCorpus();
  const join = options.join ?? 4;
  const key = createHash('sha256');
  key.update(readFileSync(fileURLToPath(import.meta.url)));
  key.update(`${count}:${join}`);
  for (const a of articles)
    key.update(`${a.title}\0${a.lead}\0${a.category}\0${a.bodyHtml}\0`);
  const path = joinPath(
    options.dir ?? tmpdir(),
    `newsdesk-wxr-${count}-${key.digest('hex').slice(0, 16)}.xml`,
  );
  if (existsSync(path))
    return { path, bytes: statSync(path).size, cached: true };
  const { bytes } = await generateWxr(`${path}.partial`, count, {
    join,
    articles,
  });
  renameSync(`${path}.partial`, path);
  return { path, bytes, cached: false };
}

/**
 * A WordPress export (WXR 1.2) of `count` posts made from the fr-news corpus, written as a
 * stream: each post joins `join` corpus articles (about 10 KB of body with join = 4, so 100,000
 * posts are about 1 GB), with a category, two tags, one of 25 authors, Yoast meta, a comment
 * now and then, and dated permalinks. Every post has a distinct title and post id, so the
 * file's posts are what an import must bring over, one for one.
 */
export async function generateWxr(
  path: string,
  count: number,
  options: { join?: number; articles?: BenchArticle[] } = {},
): Promise<{ bytes: number; categories: string[] }> {
  const articles = options.articles ?? (await loadCorpus()).articles;
  const join = options.join ?? 4;
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  // Posts are gathered into chunks of about 1 MB: one write (and one wait) per chunk.
  let chunk: string[] = [];
  let chunkLength = 0;
  const flush = async () => {
    if (!chunk.length) return;
    const buffer = Buffer.from(chunk.join(''));
    chunk = [];
    chunkLength = 0;
    bytes += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
  };
  const write = async (s: string) => {
    chunk.push(s);
    chunkLength += s.length;
    if (chunkLength >= 1 << 20) await flush();
  };
  const categories = [...new Set(articles.map((a) => slug(a.category)))]
    .filter(Boolean)
    .slice(0, 40);
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Le Journal généré</title>
<link>https://ancien.example.ma</link>
<language>fr-FR</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://ancien.example.ma</wp:base_site_url>
<wp:base_blog_url>https://ancien.example.ma</wp:base_blog_url>
`);
  for (let i = 0; i < 25; i++)
    await write(
      `<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login><![CDATA[redac${i + 1}]]></wp:author_login><wp:author_email>redac${i + 1}@example.ma</wp:author_email><wp:author_display_name><![CDATA[Rédacteur ${i + 1}]]></wp:author_display_name></wp:author>\n`,
    );
  for (const [i, c] of categories.entries())
    await write(
      `<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename><![CDATA[${c}]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[${c}]]></wp:cat_name></wp:category>\n`,
    );
  const base = Date.parse('2015-01-01T08:00:00Z');
  for (let i = 0; i < count; i++) {
    const parts: BenchArticle[] = [];
    for (let k = 0; k < join; k++)
      parts.push(articles[(i * join + k) % articles.length]!);
    const a = parts[0]!;
    const id = i + 1;
    const date = new Date(base + i * 37 * 60_000);
    const gmt = date.toISOString().slice(0, 19).replace('T', ' ');
    const [y, m, d] = gmt.slice(0, 10).split('-');
    const title = `${a.title} (${id})`;
    const postSlug = `${slug(a.title).slice(0, 80)}-${id}`;
    const category = slug(a.category) || categories[0]!;
    const words = a.title.split(/\s+/).filter((w) => w.length > 5);
    const tags = words.slice(0, 2).map((w) => slug(w));
    const body = parts.map((p) => p.bodyHtml).join('\n');
    const comment =
      i % 10 === 0
        ? `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Lecteur]]></wp:comment_author><wp:comment_date_gmt>${gmt}</wp:comment_date_gmt><wp:comment_content><![CDATA[Merci pour cet article.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>`
        : '';
    await write(`<item>
<title><![CDATA[${cdata(title)}]]></title>
<link>https://ancien.example.ma/${y}/${m}/${d}/${postSlug}/</link>
<pubDate>${date.toUTCString()}</pubDate>
<dc:creator><![CDATA[redac${(i % 25) + 1}]]></dc:creator>
<guid isPermaLink="false">https://ancien.example.ma/?p=${id}</guid>
<content:encoded><![CDATA[${cdata(body)}]]></content:encoded>
<excerpt:encoded><![CDATA[${cdata(a.lead)}]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id>
<wp:post_date>${gmt}</wp:post_date>
<wp:post_date_gmt>${gmt}</wp:post_date_gmt>
<wp:post_name><![CDATA[${postSlug}]]></wp:post_name>
<wp:status><![CDATA[${i % 50 === 49 ? 'draft' : 'publish'}]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="${category}"><![CDATA[${category}]]></category>
${tags.map((t) => `<category domain="post_tag" nicename="${t}"><![CDATA[${t}]]></category>`).join('\n')}
<wp:postmeta><wp:meta_key><![CDATA[_yoast_wpseo_metadesc]]></wp:meta_key><wp:meta_value><![CDATA[${cdata(a.lead.slice(0, 150))}]]></wp:meta_value></wp:postmeta>
${comment}
</item>
`);
  }
  await write('</channel>\n</rss>\n');
  await flush();
  out.end();
  await once(out, 'finish');
  return { bytes, categories };
}

const cdata = (s: string) => s.replaceAll(']]>', ']]]]><![CDATA[>');

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
