import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/*
 * Article bodies are Markdown, rendered once at save time to HTML that is then sanitised with an
 * allowlist: whatever a journalist (or an importer) types, only these tags and attributes reach a
 * reader. Raw HTML in the source is not interpreted at all (`html: false`); the sanitiser is the
 * second wall, for imported HTML and for anything markdown-it might let through.
 */
const markdown = new MarkdownIt({
  html: false,
  linkify: true,
  typographer: false,
  breaks: false,
});

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
  trusted?: string[];
}

/** Private-use characters frame the markers; they are removed from sources before rendering. */
const MARK_OPEN = '\uE000',
  MARK_CLOSE = '\uE001';
const marker = (name: string) => `${MARK_OPEN}${name}${MARK_CLOSE}`;
const MARKERS = /\uE000(g|\/g|p\d{1,4})\uE001/g;

/** Ids of library pictures a body uses, in order (`media:123`). */
export function bodyMediaIds(source: string): number[] {
  return [...source.matchAll(/!\[[^\]]*\]\(\s*media:(\d{1,9})\b/g)].map((m) =>
    Number(m[1]),
  );
}

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
    th: ['scope'],
    ol: ['start'],
  },
  allowedClasses: { span: ['credit'] },
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
  return sanitizeHtml(html, sanitizeOptions);
}

/** Plain text of Markdown, for descriptions and search: tags stripped, whitespace folded. */
export function markdownToText(source: string): string {
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
