import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import {
  markdownToText,
  renderMarkdown,
  sanitizeBodyHtml,
} from '../../src/domain/markdown.ts';
import { readLines, sharedFile, SHARED_MISSING } from '../support/shared.ts';

const ALLOWED_TAGS = new Set([
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
]);
const URL_ATTRIBUTES = new Set(['href', 'src']);
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Parses rendered HTML as a browser would and lists everything that could run script. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!ALLOWED_TAGS.has(name)) found.push(`tag <${name}>`);
        for (const [attr, value] of Object.entries(attributes)) {
          if (attr.startsWith('on')) found.push(`handler ${attr}`);
          if (attr === 'style') found.push('style attribute');
          // Resolved as a browser resolves it (WHATWG URL): only these schemes may come out.
          if (URL_ATTRIBUTES.has(attr)) {
            let protocol = 'invalid:';
            try {
              protocol = new URL(value, 'https://site.example/').protocol;
            } catch {
              /* unparsable: no navigation */ protocol = 'https:';
            }
            if (!SAFE_PROTOCOLS.has(protocol))
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

test('Markdown renders subheadings, lists, quotes, links and figures', () => {
  const html = renderMarkdown(
    [
      '# Niveau un',
      '',
      '## Intertitre',
      '',
      '### Sous-intertitre',
      '',
      '- un',
      '- deux',
      '',
      '> Une citation',
      '',
      '[Le site](https://example.org)',
      '',
      '![Le port de Tanger](https://example.org/port.jpg "Le port au lever du jour — Photo Rédaction")',
    ].join('\n'),
  );
  assert.match(
    html,
    /<h2>Niveau un<\/h2>/,
    "a level-1 heading in a body becomes a subheading: h1 is the title's",
  );
  assert.match(html, /<h2>Intertitre<\/h2>/);
  assert.match(html, /<h3>Sous-intertitre<\/h3>/);
  assert.match(html, /<ul>\s*<li>un<\/li>/);
  assert.match(html, /<blockquote>/);
  assert.match(
    html,
    /<a href="https:\/\/example.org" rel="noopener noreferrer" target="_blank">Le site<\/a>/,
  );
  assert.match(
    html,
    /<figure><img loading="lazy" src="https:\/\/example.org\/port.jpg" alt="Le port de Tanger" \/><figcaption>Le port au lever du jour <span class="credit">Photo Rédaction<\/span><\/figcaption><\/figure>/,
  );
});

test('raw HTML typed in Markdown is shown as text, never interpreted', () => {
  const html = renderMarkdown(
    'Bonjour <script>alert(1)</script> <img src=x onerror=alert(1)>',
  );
  assert.deepEqual(dangers(html), []);
  assert.match(html, /&lt;script&gt;/);
});

test('javascript: and data: links are dropped', () => {
  for (const source of [
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '![x](javascript:alert(1))',
    '[x](vbscript:msgbox(1))',
  ]) {
    assert.deepEqual(dangers(renderMarkdown(source)), [], source);
  }
});

test('markdownToText gives plain text for descriptions', () => {
  assert.equal(
    markdownToText(
      '## Titre\n\nUn *texte* avec [lien](https://e.org) & <b>balise</b>.',
    ),
    'Titre Un texte avec lien & <b>balise</b>.',
  );
});

const xssLists = [
  'data/security-payloads/payloadbox-xss/xss-payload-list.txt',
  ...(() => {
    const dir = sharedFile(
      'data/security-payloads/PayloadsAllTheThings/xss-injection/intruders',
    );
    return dir
      ? readdirSync(dir).map(
          (f) =>
            `data/security-payloads/PayloadsAllTheThings/xss-injection/intruders/${f}`,
        )
      : [];
  })(),
];

for (const list of xssLists) {
  const path = sharedFile(list);
  test(`no XSS payload survives rendering or sanitising: ${list.split('/').at(-1)}`, {
    skip: path ? false : SHARED_MISSING,
  }, () => {
    const payloads = readLines(path!);
    assert.ok(payloads.length > 0);
    const failures: string[] = [];
    for (const payload of payloads) {
      // As Markdown body, as a Markdown link target, and as imported HTML (the sanitiser alone).
      for (const html of [
        renderMarkdown(payload),
        renderMarkdown(`[lien](${payload})`),
        sanitizeBodyHtml(payload),
      ]) {
        const found = dangers(html);
        if (found.length)
          failures.push(`${payload.slice(0, 80)} → ${found.join(', ')}`);
      }
    }
    assert.deepEqual(
      failures.slice(0, 10),
      [],
      `${failures.length} payloads got through`,
    );
  });
}
