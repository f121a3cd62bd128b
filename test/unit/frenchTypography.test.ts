import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typesetHtml, typesetText } from '../../src/domain/frenchTypography.ts';
import { renderMarkdown } from '../../src/domain/markdown.ts';

/** Code points spelled out, so a failure shows which space is where. */
const show = (s: string) =>
  [...s]
    .map((c) =>
      c === '\u202F'
        ? '[NNBSP]'
        : c === '\u00A0'
          ? '[NBSP]'
          : c === ' '
            ? '[SP]'
            : c,
    )
    .join('');

/**
 * The French typography table: input as typed → what readers get. N = U+202F (narrow no-break
 * space), B = U+00A0 (no-break space).
 */
const N = '\u202F';
const B = '\u00A0';
const TABLE: [string, string][] = [
  // ; ! ? take a narrow no-break space, whether the journalist typed a space or not.
  ['Vraiment ?', `Vraiment${N}?`],
  ['Vraiment?', `Vraiment${N}?`],
  ['Quoi ?!', `Quoi${N}?!`],
  ['Enfin !', `Enfin${N}!`],
  ['un point ; puis', `un point${N}; puis`],
  [`Déjà${B}?`, `Déjà${N}?`],
  // : takes a no-break space; a time (12:03) does not.
  ['Il a dit : non', `Il a dit${B}: non`],
  ['Note: voir plus bas', `Note${B}: voir plus bas`],
  ['à 12:03 précises', 'à 12:03 précises'],
  // « » hold their text with narrow no-break spaces; straight quotes become « ».
  ['« Non », a déclaré le ministre', `«${N}Non${N}», a déclaré le ministre`],
  ['«Non», a-t-il dit', `«${N}Non${N}», a-t-il dit`],
  ['Il a dit "non" hier', `Il a dit «${N}non${N}» hier`],
  ['"Oui !"', `«${N}Oui${N}!${N}»`],
  // Apostrophes.
  ["L'État s'engage aujourd'hui", 'L’État s’engage aujourd’hui'],
  ['l’eau', 'l’eau'],
  // A number keeps its unit or % on its line.
  ['12 %', `12${B}%`],
  ['12%', `12${B}%`],
  ['3,5 % du PIB', `3,5${B}% du PIB`],
  ['40 km de route', `40${B}km de route`],
  ['2 millions de dirhams', `2${B}millions de dirhams`],
  ['300 DH', `300${B}DH`],
  ['10 ans', `10${B}ans`],
  ['5 mars 2026', '5 mars 2026'],
  ['1h30', '1h30'],
  // Three dots.
  ['Et puis...', 'Et puis…'],
  // Addresses and e-mails are never touched.
  [
    'Voir https://exemple.ma/a?b=1;c=2 !',
    `Voir https://exemple.ma/a?b=1;c=2${N}!`,
  ],
  [
    'Écrire à redaction@exemple.ma : merci',
    `Écrire à redaction@exemple.ma${B}: merci`,
  ],
  // Not prose: left alone.
  ['a <!-- b', 'a <!-- b'],
  // Already typeset text stays as it is (idempotent).
  [`«${N}Non${N}»${N}!`, `«${N}Non${N}»${N}!`],
];

test('the French typography table, code point by code point', () => {
  for (const [input, expected] of TABLE)
    assert.equal(show(typesetText(input)), show(expected), input);
});

test('a text typeset again (remembered) reads as the first time, long texts too', () => {
  for (const [input, expected] of TABLE) {
    typesetText(input);
    assert.equal(show(typesetText(input)), show(expected), input);
  }
  // Past the remembered length, and more distinct texts than are remembered at once.
  const long = `${'Il a dit "oui" ! '.repeat(60)}Fin`;
  assert.ok(long.length > 600);
  assert.equal(typesetText(long), typesetText(long));
  assert.match(typesetText(long), new RegExp(`^Il a dit «${N}oui${N}»${N}!`));
  for (let i = 0; i < 3_000; i++) typesetText(`Titre ${i} : "suite"`);
  assert.equal(
    show(typesetText('Titre 1 : "suite"')),
    show(`Titre 1${B}: «${N}suite${N}»`),
  );
});

test('typesetting is idempotent', () => {
  for (const [input] of TABLE) {
    const once = typesetText(input);
    assert.equal(show(typesetText(once)), show(once), input);
  }
});

test('in HTML: text nodes only, never attributes, code, pre or URLs', () => {
  const html = typesetHtml(
    '<p><a href="https://exemple.ma/?q=a:b;c" title="Quoi ?">Lien : ici</a> et <code>a ? b : c;</code></p><pre>x = "y" ? 1 : 2;</pre>',
  );
  assert.equal(
    html,
    `<p><a href="https://exemple.ma/?q=a:b;c" title="Quoi ?">Lien${B}: ici</a> et <code>a ? b : c;</code></p><pre>x = "y" ? 1 : 2;</pre>`,
  );
});

test('in HTML: entities stay entities, an inline tag does not break a rule', () => {
  assert.equal(
    typesetHtml('<p>A &amp; B ; &lt;script&gt; &copy;</p>'),
    `<p>A &amp; B${N}; &lt;script&gt; &copy;</p>`,
  );
  assert.equal(
    typesetHtml('<p><strong>Attention</strong>! Il dit "<em>non</em>".</p>'),
    `<p><strong>Attention</strong>${N}! Il dit «${N}<em>non</em>${N}».</p>`,
  );
  // A new block starts a new run: a quote at its start opens.
  assert.equal(
    typesetHtml('<p>fin</p><p>"Début"</p>'),
    `<p>fin</p><p>«${N}Début${N}»</p>`,
  );
});

test('a rendered body keeps its Markdown source untouched and gets the spacing on output', () => {
  const source =
    '« Nous ne céderons pas », a déclaré le ministre : 12 % de hausse ?\n\n`a ? b : c`';
  const html = renderMarkdown(source);
  assert.ok(!html.includes(N), 'stored HTML is not typeset');
  const out = typesetHtml(html);
  assert.ok(
    out.includes(
      `«${N}Nous ne céderons pas${N}», a déclaré le ministre${B}: 12${B}% de hausse${N}?`,
    ),
    show(out),
  );
  assert.ok(out.includes('<code>a ? b : c</code>'), 'code untouched');
});
