import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  htmlToMarkdown,
  turndownMarkdown,
} from '../../src/import/htmlToMarkdown.ts';
import { SHARED_MISSING, sharedFile } from '../support/shared.ts';

const CORPUS = sharedFile('data/fr-news/orangesum_fr_news.dev.jsonl');

/** Plain paragraphs take a path without a DOM: it must give exactly what turndown gives. */
const CASES = [
  '<p>Le gouvernement a annoncé mardi un plan.</p>',
  '<p>  Espaces   en\ttrop\n et\r\nretours  </p>\n\n<p>Deuxième</p>\n',
  '<p class="intro" data-x=\'1\' id=a>Attributs</p><p></p><p> </p><p>&nbsp;</p>',
  '<p>&nbsp;Insécable au bord&nbsp;</p><p>a&nbsp;&nbsp;b</p>',
  '<p>* pas une liste</p><p>- ni ceci</p><p>+ ni cela</p><p>1. ni un numéro</p>',
  '<p># pas un titre</p><p>> pas une citation</p><p>=== souligné</p><p>~~~ bloc</p>',
  '<p>a_b *c* [d](e) `f` \\ g 2024. h</p><p>12. Douze</p>',
  '<p>Entités : &amp; &lt;b&gt; &eacute &#233; &#x80; &notit; &bogus; AT&T</p>',
  '<P>Majuscules</P><p >espace</p >',
  'Un chapô sans balise, & avec * des _ signes',
  '   ',
  '<p>Un <em>mot</em> en italique</p>',
  '<p>a</p>texte entre<p>b</p>',
  '<p>a</p><!-- commentaire -->',
  '<p title="a>b">piège</p>',
  '<div><p>dans un bloc</p></div>',
  '<p>ouvert sans fin',
];

test('plain paragraphs convert exactly as turndown does, without a DOM', () => {
  for (const html of CASES)
    assert.equal(htmlToMarkdown(html), turndownMarkdown(html), html);
});

test('the fr-news corpus (a sample): same Markdown both ways', {
  skip: CORPUS ? false : SHARED_MISSING,
}, async () => {
  let n = 0;
  for await (const line of createInterface({
    input: createReadStream(CORPUS!),
  })) {
    if (n++ % 40 !== 0) continue;
    const a = JSON.parse(line) as { article?: string; heading?: string };
    const paragraphs = (a.article ?? '')
      .split(/(?<=[.!?»"])(?=[A-ZÀ-Ý«"])/)
      .map((p) =>
        p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      );
    for (const html of [
      paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
      a.heading ?? '',
    ])
      assert.equal(htmlToMarkdown(html), turndownMarkdown(html));
  }
  assert.ok(n > 1000, `${n} articles`);
});
