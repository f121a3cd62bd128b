import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, rawXml, xml } from '../../src/views/xml.ts';

test('xml escapes values, strips characters XML forbids, and keeps marked XML', () => {
  const title = 'Tom & Jerry <b>"ok"</b> l\'été\u0000\u0008\uD800 😀';
  const out =
    xml`<t a="${title}">${title}${rawXml('<x/>')}${[rawXml('<y/>'), xml`<z>${1}</z>`]}${null}</t>`
      .value;
  assert.equal(
    out,
    '<t a="Tom &amp; Jerry &lt;b&gt;&quot;ok&quot;&lt;/b&gt; l&apos;été 😀">Tom &amp; Jerry &lt;b&gt;&quot;ok&quot;&lt;/b&gt; l&apos;été 😀<x/><y/><z>1</z></t>',
  );
  assert.equal(escapeXml(']]>'), ']]&gt;');
});
