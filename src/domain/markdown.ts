import { createRequire } from 'node:module';
import type MarkdownItCallable from 'markdown-it';
import type { MarkdownIt } from 'markdown-it';
import type sanitizeHtml from 'sanitize-html';
import { embedFacade, recogniseEmbed } from './embeds.ts';

type SanitizeHtml = typeof sanitizeHtml;

/*
 * Article bodies are Markdown, rendered once at save time to HTML that is then sanitised with an
 * allowlist: whatever a journalist (or an importer) types, only these tags and attributes reach a
 * reader. Raw HTML in the source is not interpreted at all (`html: false`); the sanitiser is the
 * second wall, for imported HTML and for anything markdown-it might let through.
 */

/**
 * Pictures of the media library in a body. A line `![texte alternatif](media:123 "Légende — Crédit")`
 * is a figure; several such lines in one paragraph (no blank line between them) are a gallery.
 * The caption and credit come from the title (« Légende — Crédit »); without a credit there, the
 * picture's own credit from the library is shown. The renderer is given, at save time, a function
 * that turns an id into `<picture>` markup (see commands/articleFields.ts); an id it does not
 * know (a deleted picture) renders nothing.
 */
export interface BodyPicture {
  html: string;
  credit: string;
}
export interface MarkdownEnv {
  picture?: (id: number, alt: string) => BodyPicture | null;
  /** « Lire aussi »: another article's current address and title, by id (null: unknown). */
  article?: (id: number) => { url: string; title: string } | null;
  trusted?: string[];
}

/** Private-use characters frame the markers; they are removed from sources before rendering. */
const MARK_OPEN = '\uE000',
  MARK_CLOSE = '\uE001';
const marker = (name: string) => `${MARK_OPEN}${name}${MARK_CLOSE}`;
const MARKERS = /\uE000(g|\/g|p\d{1,4})\uE001/g;

/** Ids of articles a body's « Lire aussi » blocks name, in order (`article:123`). */
export function bodyArticleIds(source: string): number[] {
  return [...source.matchAll(/\]\(\s*article:(\d{1,9})\s*\)/g)].map((m) =>
    Number(m[1]),
  );
}

/** Ids of library pictures a body uses, in order (`media:123`). */
export function bodyMediaIds(source: string): number[] {
  return [...source.matchAll(/!\[[^\]]*\]\(\s*media:(\d{1,9})\b/g)].map((m) =>
    Number(m[1]),
  );
}

/**
 * The configured renderer. markdown-it and sanitize-html (with postcss, ~60 ms of CPU to load)
 * are required on the first body rendered or sanitised, not when the server starts: every
 * start loads this module, and the pages it serves first are stored HTML. They are CommonJS
 * and the functions below are synchronous, hence require rather than import().
 */
function libraries(): { markdown: MarkdownIt; sanitizeHtml: SanitizeHtml } {
  loaded ??= {
    markdown: createMarkdown(
      require('markdown-it') as typeof MarkdownItCallable,
    ),
    sanitizeHtml: require('sanitize-html') as SanitizeHtml,
  };
  return loaded;
}
let loaded: { markdown: MarkdownIt; sanitizeHtml: SanitizeHtml } | undefined;
const require = createRequire(import.meta.url);

function createMarkdown(
  MarkdownItClass: typeof MarkdownItCallable,
): MarkdownIt {
  const markdown = new MarkdownItClass({
    html: false,
    linkify: true,
    typographer: false,
    breaks: false,
  });
  // A paragraph made only of an image becomes a <figure>; its title becomes the caption
  // (« Légende — Crédit » splits into caption and credit). A paragraph of several images (and the
  // line breaks between them) becomes a gallery of figures.
  markdown.core.ruler.push('figures', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length - 2; i++) {
      const open = tokens[i]!,
        inline = tokens[i + 1]!,
        close = tokens[i + 2]!;
      if (
        open.type !== 'paragraph_open' ||
        inline.type !== 'inline' ||
        close.type !== 'paragraph_close'
      )
        continue;
      const children = (inline.children ?? []).filter(
        (c) => !(c.type === 'text' && c.content.trim() === ''),
      );
      const images = children.filter((c) => c.type === 'image');
      if (images.length === 1 && children.length === 1) {
        open.type = 'figure_open';
        open.tag = 'figure';
        close.type = 'figure_close';
        close.tag = 'figure';
      } else if (
        images.length >= 2 &&
        children.every((c) => c.type === 'image' || c.type === 'softbreak')
      ) {
        open.type = 'gallery_open';
        open.tag = 'div';
        close.type = 'gallery_close';
        close.tag = 'div';
        inline.children = images;
        for (const image of images) image.meta = { inGallery: true };
      }
    }
  });
  markdown.renderer.rules['figure_open'] = () => '<figure>';
  markdown.renderer.rules['figure_close'] = () => '</figure>\n';
  markdown.renderer.rules['gallery_open'] = () => marker('g');
  markdown.renderer.rules['gallery_close'] = () => `${marker('/g')}\n`;
  const defaultImage = markdown.renderer.rules.image!;
  markdown.renderer.rules.image = (tokens, idx, options, env, self) => {
    const pictures = env as MarkdownEnv | undefined;
    const token = tokens[idx]!;
    const title = String(token.attrGet('title') ?? '');
    const [caption, titleCredit] = title.split(/\s+—\s+/, 2);
    const mediaId = /^media:(\d{1,9})$/.exec(
      String(token.attrGet('src') ?? ''),
    )?.[1];
    let img: string;
    let credit = titleCredit ?? '';
    if (mediaId !== undefined) {
      const picture = pictures?.picture?.(Number(mediaId), token.content);
      if (!picture || !pictures?.trusted) return '';
      // Our own <picture> markup goes in after sanitising (see renderMarkdown), so the body's
      // allowlist stays as strict as ever: the sanitiser sees only a marker here.
      img = marker(`p${pictures.trusted.push(picture.html) - 1}`);
      credit ||= picture.credit;
    } else {
      img = defaultImage(tokens, idx, options, env, self)
        .replace(/ title="[^"]*"/, '')
        .replace('<img ', '<img loading="lazy" ');
    }
    const creditHtml = credit
      ? ` <span class="credit">${markdown.utils.escapeHtml(credit)}</span>`
      : '';
    const figcaption =
      caption || credit
        ? `<figcaption>${markdown.utils.escapeHtml(caption ?? '')}${creditHtml}</figcaption>`
        : '';
    const inner = `${img}${figcaption}`;
    return token.meta?.inGallery ? `<figure>${inner}</figure>` : inner;
  };

  const READ_ALSO = /^\[([^\]\n]{0,300})\]\(\s*article:(\d{1,9})\s*\)$/;
  const PULL_QUOTE = /^\[!exergue\]\s*/i;

  // The document's extension blocks (docs/DOCUMENT_FORMAT.md), found on the token stream so that
  // they stay plain Markdown: a paragraph that is only a provider's URL (an embed), a paragraph
  // that is only a link to `article:123` (« Lire aussi »), a quote that opens with `[!exergue]`
  // (a pull quote). Each renders through a marker, like pictures, so the allowlist stays strict.
  markdown.core.ruler.push('blocks', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length - 2; i++) {
      const open = tokens[i]!,
        inline = tokens[i + 1]!,
        close = tokens[i + 2]!;
      if (open.type === 'blockquote_open' && inline.type === 'paragraph_open') {
        const first = tokens[i + 2]!;
        if (first.type === 'inline' && PULL_QUOTE.test(first.content)) {
          open.meta = { pullQuote: true };
          first.content = first.content.replace(PULL_QUOTE, '');
          const text = first.children?.[0];
          if (text?.type === 'text')
            text.content = text.content.replace(PULL_QUOTE, '');
          // `[!exergue]` alone on its line leaves a line break to drop.
          if (
            first.children?.[0]?.content === '' &&
            first.children[1]?.type === 'softbreak'
          )
            first.children.splice(0, 2);
        }
        continue;
      }
      if (
        open.type !== 'paragraph_open' ||
        inline.type !== 'inline' ||
        close.type !== 'paragraph_close' ||
        open.level !== 0
      )
        continue;
      const source = inline.content.trim();
      const linked = /^\[([^\]]+)\]\((\S+)\)$/.exec(source);
      const embed = recogniseEmbed(
        /^<\S+>$/.test(source)
          ? source.slice(1, -1)
          : linked && linked[1] === linked[2]
            ? linked[2]!
            : source,
      );
      const readAlso = READ_ALSO.exec(source);
      if (embed) {
        open.type = 'embed_block';
        open.meta = { embed };
      } else if (readAlso) {
        open.type = 'read_also';
        open.meta = { label: readAlso[1], id: Number(readAlso[2]) };
      } else continue;
      inline.children = [];
      close.type = 'block_end';
    }
  });
  markdown.renderer.rules['block_end'] = () => '';
  markdown.renderer.rules['embed_block'] = (tokens, idx, _o, env) => {
    const { embed } = tokens[idx]!.meta as {
      embed: ReturnType<typeof recogniseEmbed> & {};
    };
    const trusted = (env as MarkdownEnv | undefined)?.trusted;
    if (!trusted) return `<p>${markdown.utils.escapeHtml(embed.url)}</p>\n`;
    return `${marker(`p${trusted.push(embedFacade(embed)) - 1}`)}\n`;
  };
  markdown.renderer.rules['read_also'] = (tokens, idx, _o, env) => {
    const { label, id } = tokens[idx]!.meta as { label: string; id: number };
    const pictures = env as MarkdownEnv | undefined;
    const target = pictures?.article?.(id) ?? null;
    const title =
      label.replace(/^lire aussi\s*:\s*/i, '').trim() || target?.title || '';
    if (!pictures?.trusted)
      return `<p>${markdown.utils.escapeHtml(title)}</p>\n`;
    const escapedTitle = markdown.utils.escapeHtml(target?.title ?? title);
    // An article that no longer exists leaves its title, unlinked: nothing points nowhere.
    const link = target
      ? `<a href="${markdown.utils.escapeHtml(target.url)}">${escapedTitle}</a>`
      : `<span>${escapedTitle}</span>`;
    const block = `<aside class="read-also"><p><span class="read-also-label">Lire aussi</span> ${link}</p></aside>`;
    return `${marker(`p${pictures.trusted.push(block) - 1}`)}\n`;
  };
  markdown.renderer.rules.blockquote_open = (tokens, idx) =>
    tokens[idx]!.meta?.pullQuote
      ? '<blockquote class="pull-quote">\n'
      : '<blockquote>\n';
  const defaultFence = markdown.renderer.rules.fence!;
  // A ```html block is the editors' raw HTML: it goes through the same sanitiser as everything
  // else (so it can bring a table or a <sup>, never a script, a style or a frame). Who may add one
  // is checked at save (commands/articleFields.ts).
  markdown.renderer.rules.fence = (tokens, idx, options, env, self) =>
    tokens[idx]!.info.trim().toLowerCase() === 'html'
      ? `${tokens[idx]!.content}\n`
      : defaultFence(tokens, idx, options, env, self);
  return markdown;
}

/** The raw-HTML blocks (```html) of a body, as written: editors alone may add one. */
export function rawHtmlBlocks(source: string): string[] {
  return libraries()
    .markdown.parse(source, {})
    .filter((t) => t.type === 'fence' && t.info.trim().toLowerCase() === 'html')
    .map((t) => t.content);
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'b',
    'i',
    's',
    'sub',
    'sup',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'figure',
    'figcaption',
    'img',
    'span',
    'code',
    'pre',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    span: ['class'],
    blockquote: ['class'],
    th: ['scope'],
    ol: ['start'],
  },
  allowedClasses: { span: ['credit'], blockquote: ['pull-quote'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // h1 is the page title's alone: a body heading of level 1 becomes a subheading.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs['href'] ?? '');
      return {
        tagName,
        attribs: external
          ? { ...attribs, rel: 'noopener noreferrer', target: '_blank' }
          : attribs,
      };
    },
  },
};

/** Markdown source → sanitised HTML, ready to be stored and served as is. */
export function renderMarkdown(source: string, env: MarkdownEnv = {}): string {
  const { markdown, sanitizeHtml } = libraries();
  const trusted: string[] = [];
  const clean = sanitizeHtml(
    markdown.render(source.replace(/[\uE000\uE001]/g, ''), { ...env, trusted }),
    sanitizeOptions,
  );
  return clean.replace(MARKERS, (_, name: string) => {
    if (name === 'g')
      return '<div class="gallery" role="group" aria-label="Galerie de photos">';
    if (name === '/g') return '</div>';
    return trusted[Number(name.slice(1))] ?? '';
  });
}

/** HTML from elsewhere (imports, wires) → the same allowlist as rendered Markdown. */
export function sanitizeBodyHtml(html: string): string {
  return libraries().sanitizeHtml(html, sanitizeOptions);
}

/** Plain text of Markdown, for descriptions and search: tags stripped, whitespace folded. */
export function markdownToText(source: string): string {
  const { markdown, sanitizeHtml } = libraries();
  return sanitizeHtml(markdown.render(source), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
