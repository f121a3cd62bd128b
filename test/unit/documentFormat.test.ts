import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'htmlparser2';
import {
  bodyArticleIds,
  rawHtmlBlocks,
  renderMarkdown,
  sanitizeBodyHtml,
} from '../../src/domain/markdown.ts';
import { FRAME_ORIGINS, recogniseEmbed } from '../../src/domain/embeds.ts';
import { loadSecurityPayloads } from '../support/payloads.ts';
import { SHARED_MISSING } from '../support/shared.ts';
import {
  GOOGLE_DOCS_HTML,
  NEWS_PAGE_HTML,
  WORD_HTML,
} from '../fixtures/pastedHtml.ts';

/** Everything in rendered HTML that could run script, load a frame or restyle the page. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (
          /^(script|iframe|object|embed|style|svg|math|form|input|link|meta|base)$/.test(
            name,
          )
        )
          found.push(`tag <${name}>`);
        for (const [attr, value] of Object.entries(attributes)) {
          if (attr.startsWith('on')) found.push(`handler ${attr}`);
          if (attr === 'style') found.push('style attribute');
          if (
            attr === 'href' ||
            attr === 'src' ||
            attr === 'data-embed-frame'
          ) {
            let protocol = 'https:';
            try {
              protocol = new URL(value, 'https://site.example/').protocol;
            } catch {
              /* unparsable: no navigation */
            }
            if (!['http:', 'https:', 'mailto:', 'tel:'].includes(protocol))
              found.push(`${attr}=${value.slice(0, 40)}`);
          }
        }
      },
    },
    {
      decodeEntities: true,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
    },
  );
  parser.write(html);
  parser.end();
  return found;
}

const PROVIDER_URLS: [string, string, string][] = [
  [
    'youtube',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  ],
  [
    'youtube',
    'https://youtu.be/dQw4w9WgXcQ',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  ],
  [
    'vimeo',
    'https://vimeo.com/76979871',
    'https://player.vimeo.com/video/76979871?dnt=1',
  ],
  [
    'dailymotion',
    'https://www.dailymotion.com/video/x8abcde',
    'https://geo.dailymotion.com/player.html?video=x8abcde',
  ],
  [
    'x',
    'https://x.com/redaction/status/1790000000000000000',
    'https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true',
  ],
  [
    'x',
    'https://twitter.com/redaction/status/123',
    'https://platform.twitter.com/embed/Tweet.html?id=123&dnt=true',
  ],
  [
    'instagram',
    'https://www.instagram.com/p/C1a2B3c4D5e/',
    'https://www.instagram.com/p/C1a2B3c4D5e/embed',
  ],
  [
    'facebook',
    'https://www.facebook.com/redaction/posts/pfbid0abc',
    'https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fredaction%2Fposts%2Fpfbid0abc',
  ],
  [
    'tiktok',
    'https://www.tiktok.com/@redaction/video/7300000000000000000',
    'https://www.tiktok.com/embed/v2/7300000000000000000',
  ],
  [
    'soundcloud',
    'https://soundcloud.com/artiste/un-titre',
    'https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fartiste%2Fun-titre',
  ],
  [
    'spotify',
    'https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk',
    'https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk',
  ],
  [
    'googlemaps',
    'https://www.google.com/maps/place/Tanger',
    'https://maps.google.com/maps?q=Tanger&output=embed',
  ],
];

test('the ten providers are recognised from a pasted URL, with a player on an allowed origin', () => {
  for (const [provider, url, frame] of PROVIDER_URLS) {
    const embed = recogniseEmbed(url);
    assert.equal(embed?.provider, provider, url);
    assert.equal(embed?.frame, frame, url);
    assert.ok(
      FRAME_ORIGINS.includes(new URL(embed!.frame).origin),
      `${embed!.frame}: its origin is in the CSP's frame-src`,
    );
  }
  for (const other of [
    'https://example.org/watch?v=dQw4w9WgXcQ',
    'http://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://www.youtube.com/watch?v=<script>',
    'https://www.youtube.com.evil.example/watch?v=abc',
    'https://user:pw@www.youtube.com/watch?v=abc',
    'https://x.com/redaction',
    'javascript:alert(1)//https://youtu.be/abc',
  ])
    assert.equal(recogniseEmbed(other), null, other);
});

test('a bare provider URL alone in its paragraph becomes a facade with no frame and no script', () => {
  const html = renderMarkdown(
    'Avant.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nUne phrase avec https://youtu.be/dQw4w9WgXcQ dedans.',
  );
  assert.match(
    html,
    /<figure class="embed embed-youtube" data-embed-frame="https:\/\/www.youtube-nocookie.com\/embed\/dQw4w9WgXcQ"/,
  );
  assert.match(
    html,
    /<a href="https:\/\/www.youtube.com\/watch\?v=dQw4w9WgXcQ" rel="noopener noreferrer" target="_blank">Voir sur YouTube<\/a>/,
  );
  assert.doesNotMatch(html, /<iframe|<script/);
  assert.equal(
    (html.match(/class="embed /g) ?? []).length,
    1,
    'a URL inside a sentence stays a link',
  );
});

test('pull quote, « Lire aussi » and tables render as their own blocks', () => {
  const html = renderMarkdown(
    '> [!exergue]\n> Une phrase forte.\n\n[Lire aussi : Le port](article:7)\n\n[Lire aussi : Disparu](article:8)\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    {
      article: (id) =>
        id === 7
          ? { url: '/articles/le-port', title: 'Le port de Tanger' }
          : null,
    },
  );
  assert.match(
    html,
    /<blockquote class="pull-quote">\s*<p>Une phrase forte.<\/p>/,
  );
  assert.match(
    html,
    /<aside class="read-also"><p><span class="read-also-label">Lire aussi<\/span> <a href="\/articles\/le-port">Le port de Tanger<\/a><\/p><\/aside>/,
  );
  assert.match(
    html,
    /<span>Disparu<\/span>/,
    'an unknown article leaves its title, unlinked',
  );
  assert.match(html, /<table>[\s\S]*<td>2<\/td>/);
  assert.deepEqual(
    bodyArticleIds('[Lire aussi : x](article:7) [y](article:9)'),
    [7, 9],
  );
});

test('a raw HTML block is sanitised: its structure stays, scripts, styles and frames go', () => {
  const source =
    '```html\n<p>Un <sup>2</sup> et <span style="color:red" onclick="x()">rouge</span></p><script>alert(1)</script><iframe src="https://evil.example"></iframe>\n```';
  const html = renderMarkdown(source);
  assert.match(html, /<p>Un <sup>2<\/sup> et <span>rouge<\/span><\/p>/);
  assert.deepEqual(dangers(html), []);
  assert.equal(rawHtmlBlocks(source).length, 1);
});

test('pasted Word, Google Docs and news-page HTML keep their structure and lose styling and script', () => {
  for (const [name, source] of [
    ['Word', WORD_HTML],
    ['Google Docs', GOOGLE_DOCS_HTML],
    ['news page', NEWS_PAGE_HTML],
  ] as const) {
    const html = sanitizeBodyHtml(source);
    assert.deepEqual(dangers(html), [], name);
    assert.doesNotMatch(html, /class="Mso|mso-|dataLayer|font-size/, name);
    assert.match(html, /<(h2|h3)>/, `${name}: headings stay`);
    // And the same HTML inside the editors' raw block.
    assert.deepEqual(
      dangers(renderMarkdown(`\`\`\`html\n${source}\n\`\`\``)),
      [],
      name,
    );
  }
});

/** Every block type of the format, with a payload in it. */
const inEveryBlock = (p: string) => [
  `## ${p}`,
  `*${p}* **${p}**`,
  `[${p}](https://example.org/${p})`,
  `- ${p}\n- b`,
  `> ${p}`,
  `> [!exergue]\n> ${p}`,
  `[Lire aussi : ${p}](article:1)`,
  `![${p}](https://example.org/a.jpg "${p} — ${p}")`,
  `![a](media:1 "${p}")\n![b](media:2 "${p}")`,
  `https://www.youtube.com/watch?v=${p}`,
  `https://x.com/a/status/1${p}`,
  `| ${p} | b |\n|---|---|\n| ${p} | 2 |`,
  `\`\`\`html\n${p}\n\`\`\``,
];

test('no hostile payload survives in any block type', {
  skip: loadSecurityPayloads() ? false : SHARED_MISSING,
}, () => {
  const lists = loadSecurityPayloads()!.filter((l) =>
    /xss|naughty|template/i.test(l.name),
  );
  const env = {
    article: () => ({ url: '/articles/a', title: 'A' }),
    picture: () => ({ html: '<img src="/m.jpg" alt="">', credit: '' }),
  };
  let rendered = 0;
  const failures: string[] = [];
  for (const list of lists)
    for (const payload of list.payloads.slice(0, 400))
      for (const source of inEveryBlock(payload)) {
        const found = dangers(renderMarkdown(source, env));
        rendered++;
        if (found.length)
          failures.push(`${source.slice(0, 80)} → ${found.join(', ')}`);
      }
  assert.ok(rendered > 10_000, `${rendered} renders`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} got through`);
});
