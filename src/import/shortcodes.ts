import { isEmbedUrl } from './htmlToMarkdown.ts';

/**
 * WordPress shortcodes, turned into HTML our converter knows before the HTML becomes Markdown:
 * `[caption]` → a figure with its caption, `[gallery ids=…]` → a figure of the attachments'
 * pictures (a gallery), `[embed]URL[/embed]` and the embed shortcodes of known providers → the
 * bare URL on its own line. Any other shortcode is reported, and kept as text or dropped.
 */
export interface ShortcodeResult {
  html: string;
  /** Names of shortcodes we have no equivalent for (reported). */
  unknown: string[];
}

const attr = (attrs: string, name: string): string =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\S+))`, 'i')
    .exec(attrs)
    ?.slice(1)
    .find((v) => v !== undefined) ?? '';

export function expandShortcodes(
  content: string,
  options: {
    keepUnknown: boolean;
    /** An attachment's URL and alt by its WordPress id (for galleries). */
    attachment: (id: string) => { url: string; alt: string } | null;
    /** The pictures uploaded to the post, for a [gallery] that names none. */
    children: () => string[];
  },
): ShortcodeResult {
  const unknown: string[] = [];
  let html = content.replace(
    /\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi,
    (_m, attrs: string, inner: string) => {
      const img = /<img[^>]*>/i.exec(inner)?.[0] ?? '';
      const text =
        inner.replace(/<a[^>]*>\s*<img[^>]*>\s*<\/a>|<img[^>]*>/i, '').trim() ||
        attr(attrs, 'caption');
      return `\n\n<figure>${img}<figcaption>${text}</figcaption></figure>\n\n`;
    },
  );
  html = html.replace(/\[gallery([^\]]*)\]/gi, (_m, attrs: string) => {
    const named = attr(attrs, 'ids')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const ids = named.length ? named : options.children();
    const imgs = ids
      .map((id) => options.attachment(id))
      .filter((a) => a !== null)
      .map((a) => `<img src="${a.url}" alt="${a.alt.replace(/"/g, '')}">`);
    if (!imgs.length) {
      unknown.push('gallery');
      return '';
    }
    return `\n\n<figure>${imgs.join('')}</figure>\n\n`;
  });
  html = html.replace(
    /\[embed[^\]]*\]([\s\S]*?)\[\/embed\]/gi,
    (_m, url: string) => `\n\n<p>${url.trim()}</p>\n\n`,
  );
  html = html.replace(
    /\[(youtube|vimeo|dailymotion|soundcloud|spotify|tweet|instagram)([^\]]*)\](?:([^[]*)\[\/\1\])?/gi,
    (m, name: string, attrs: string, inner?: string) => {
      const url = (inner ?? '').trim() || attr(attrs, 'url') || attrs.trim();
      if (isEmbedUrl(url)) return `\n\n<p>${url}</p>\n\n`;
      unknown.push(name.toLowerCase());
      return options.keepUnknown ? m : '';
    },
  );
  // Any other [name …] or [name …]…[/name]: not ours to interpret.
  html = html.replace(
    /\[([a-z][a-z0-9_-]*)(\s[^\]]*)?\](?:([\s\S]*?)\[\/\1\])?/gi,
    (m, name: string, _attrs: string | undefined, inner?: string) => {
      // Square brackets in prose ("[sic]", "[1]") are not shortcodes: only a known pattern is.
      if (!/^[a-z_]+[a-z0-9_-]*$/.test(name) || /^(sic|\d+)$/i.test(name))
        return m;
      unknown.push(name.toLowerCase());
      return options.keepUnknown ? m : (inner ?? '');
    },
  );
  return { html, unknown };
}
