import TurndownService from 'turndown';
import { decodeHTML } from 'entities';

/**
 * Imported HTML (WordPress's post content, Ghost's html) to our stored format, Markdown
 * (domain/markdown.ts): figures are `![alt](url "Légende")` lines, consecutive ones a gallery;
 * an embed is a paragraph that is only the bare URL of a recognised provider. Picture URLs are
 * kept as they are here and swapped for `media:ID` once the picture is in the library.
 */

/** Hosts whose bare URL on its own line our renderer turns into an embed. */
const EMBED_HOSTS =
  /^https?:\/\/(?:[a-z0-9-]+\.)*(?:youtube\.com|youtu\.be|vimeo\.com|dailymotion\.com|dai\.ly|twitter\.com|x\.com|instagram\.com|facebook\.com|fb\.watch|tiktok\.com|soundcloud\.com|spotify\.com|google\.[a-z.]+\/maps|maps\.app\.goo\.gl)\b/i;

export function isEmbedUrl(url: string): boolean {
  return EMBED_HOSTS.test(url.trim());
}

const turndown = new TurndownService({
  headingStyle: 'atx',
  bulletListMarker: '-',
  codeBlockStyle: 'fenced',
  emDelimiter: '*',
});
// Scripts and styles carry no text worth keeping; iframes become their URL (an embed) below.
turndown.remove(['script', 'style', 'noscript']);

const imageLine = (img: HTMLElement, caption: string): string => {
  const src = img.getAttribute('src') ?? '';
  if (!src) return '';
  const alt = (img.getAttribute('alt') ?? '').replace(/[[\]\n]/g, ' ').trim();
  const title = caption.replace(/["\n]/g, ' ').replace(/\s+/g, ' ').trim();
  return `![${alt}](${src}${title ? ` "${title}"` : ''})`;
};

// A figure: its picture(s) with the caption as title; a figure of several pictures (a WordPress
// gallery block) becomes consecutive lines, which our renderer shows as a gallery.
turndown.addRule('figure', {
  filter: (node) =>
    node.nodeName === 'FIGURE' && node.getElementsByTagName('img').length > 0,
  replacement: (_content, node) => {
    const el = node as HTMLElement;
    const imgs = Array.from(el.getElementsByTagName('img'));
    const captionEl = el.getElementsByTagName('figcaption')[0];
    const caption = imgs.length === 1 ? (captionEl?.textContent ?? '') : '';
    return `\n\n${imgs.map((img) => imageLine(img as HTMLElement, caption)).join('\n')}\n\n`;
  },
});
turndown.addRule('image', {
  filter: 'img',
  replacement: (_content, node) => {
    const line = imageLine(node as HTMLElement, '');
    return line ? `\n\n${line}\n\n` : '';
  },
});
turndown.addRule('iframe', {
  filter: 'iframe',
  replacement: (_content, node) => {
    const src = (node as HTMLElement).getAttribute('src') ?? '';
    const url = src.startsWith('//') ? `https:${src}` : src;
    return isEmbedUrl(url) ? `\n\n${url}\n\n` : '';
  },
});
// An embed block's URL is its text: keep it alone on its line (turndown would escape nothing in
// a bare URL, but a wrapper could glue it to other text).
turndown.addRule('embedBlock', {
  filter: (node) =>
    (node.nodeName === 'FIGURE' || node.nodeName === 'DIV') &&
    /\bwp-block-embed\b|\bkg-embed-card\b/.test(
      (node as HTMLElement).getAttribute('class') ?? '',
    ),
  replacement: (content, node) => {
    const el = node as HTMLElement;
    const iframe = el.getElementsByTagName('iframe')[0];
    const candidates = [
      iframe?.getAttribute('src') ?? '',
      ...(content.match(/https?:\/\/\S+/g) ?? []),
    ];
    const url = candidates.find((c) => isEmbedUrl(c));
    return url ? `\n\n${url.replace(/\\/g, '')}\n\n` : `\n\n${content}\n\n`;
  },
});

export function htmlToMarkdown(html: string): string {
  if (!html.trim()) return '';
  return plainParagraphs(html) ?? turndownMarkdown(html);
}

/** The general path: the HTML parsed into a DOM and walked by turndown's rules. */
export function turndownMarkdown(html: string): string {
  return turndown
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `<p>` with any attributes (quoted values without angle brackets), its text, `</p>`. */
const PARAGRAPH =
  /\s*<p(?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*\s*>([^<]*)<\/p>/iy;

/**
 * What turndown gives, without building a DOM, for the commonest archive body: paragraphs of
 * plain text (wire copy, excerpts), or text with no tag at all. Anything else (an inline tag,
 * a comment, text between paragraphs) returns null and takes the general path. Same steps as
 * turndown: entities decoded, runs of spaces, tabs and newlines collapsed and trimmed at the
 * paragraph's edges, Markdown escaped (`turndown.escape`), blank paragraphs dropped;
 * test/unit/htmlToMarkdown.test.ts compares both paths.
 */
function plainParagraphs(html: string): string | null {
  if (html.includes('\0')) return null;
  const texts: string[] = [];
  if (!html.includes('<')) texts.push(html);
  else {
    PARAGRAPH.lastIndex = 0;
    let end = 0;
    for (let m = PARAGRAPH.exec(html); m; m = PARAGRAPH.exec(html)) {
      texts.push(m[1]!);
      end = PARAGRAPH.lastIndex;
    }
    if (end === 0 || /\S/.test(html.slice(end))) return null;
  }
  const out: string[] = [];
  for (const raw of texts) {
    const text = decodeHTML(raw)
      .replace(/[ \r\n\t]+/g, ' ')
      .replace(/^ | $/g, '');
    if (/^\s*$/.test(text)) continue;
    out.push(turndown.escape(text));
  }
  return out.join('\n\n').trim();
}

const BLOCK =
  /^<\/?(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|hr|dl|dt|dd|section|article|aside|header|footer|iframe|!--)/i;

/**
 * WordPress stores classic-editor posts without paragraphs (its `wpautop` adds them when it
 * shows a post): blank lines separate paragraphs, single newlines are line breaks.
 */
export function autoParagraphs(content: string): string {
  if (/<p[\s>]/i.test(content)) return content;
  return content
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) =>
      BLOCK.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`,
    )
    .join('\n');
}
