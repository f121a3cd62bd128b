import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/*
 * Article bodies are Markdown, rendered once at save time to HTML that is then sanitised with an
 * allowlist: whatever a journalist (or an importer) types, only these tags and attributes reach a
 * reader. Raw HTML in the source is not interpreted at all (`html: false`); the sanitiser is the
 * second wall, for imported HTML and for anything markdown-it might let through.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// A paragraph made only of an image becomes a <figure>; its title becomes the caption
// (« Légende — Crédit » splits into caption and credit).
markdown.core.ruler.push('figures', (state) => {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length - 2; i++) {
    const open = tokens[i]!, inline = tokens[i + 1]!, close = tokens[i + 2]!;
    if (open.type !== 'paragraph_open' || inline.type !== 'inline' || close.type !== 'paragraph_close') continue;
    const children = inline.children ?? [];
    if (children.length !== 1 || children[0]!.type !== 'image') continue;
    open.type = 'figure_open'; open.tag = 'figure';
    close.type = 'figure_close'; close.tag = 'figure';
  }
});
markdown.renderer.rules['figure_open'] = () => '<figure>';
markdown.renderer.rules['figure_close'] = () => '</figure>\n';
const defaultImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const title = String(token.attrGet('title') ?? '');
  const img = defaultImage(tokens, idx, options, env, self).replace(/ title="[^"]*"/, '').replace('<img ', '<img loading="lazy" ');
  if (!title) return img;
  const [caption, credit] = title.split(/\s+—\s+/, 2);
  const creditHtml = credit ? ` <span class="credit">${markdown.utils.escapeHtml(credit)}</span>` : '';
  return `${img}<figcaption>${markdown.utils.escapeHtml(caption ?? '')}${creditHtml}</figcaption>`;
};

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'strong', 'em', 'b', 'i', 's', 'sub', 'sup', 'a', 'ul', 'ol', 'li',
    'blockquote', 'figure', 'figcaption', 'img', 'span', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
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
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer', target: '_blank' } : attribs };
    },
  },
};

/** Markdown source → sanitised HTML, ready to be stored and served as is. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), sanitizeOptions);
}

/** HTML from elsewhere (imports, wires) → the same allowlist as rendered Markdown. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/** Plain text of Markdown, for descriptions and search: tags stripped, whitespace folded. */
export function markdownToText(source: string): string {
  return sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, '\'')
    .replace(/\s+/g, ' ').trim();
}
