/*
 * The rich editor's « Markdown islands » (see richEditor.ts): the extension blocks of
 * docs/DOCUMENT_FORMAT.md kept as atom nodes holding their exact Markdown source. Apart from
 * richEditor.ts so that Node can load them (the round-trip checks use the same schema).
 */
import { Extension, Node, mergeAttributes } from '@tiptap/core';
import { decodeHTML } from 'entities';
import { recogniseEmbed } from '../domain/embeds.ts';

interface MarkdownToken {
  type?: string;
  raw?: string;
  lang?: string;
}

// Loose on purpose: whatever might be one of these blocks is kept as typed, and the server
// (domain/markdown.ts) decides what it is.
const READ_ALSO = /^\[.*\]\(\s*article:\d{1,9}\s*\)$/;
const PICTURES = /^(!\[.*\)[ \t]*(\n|$))+$/;
const PULL_QUOTE = /^>\s*\[!exergue\]/i;

/** What an island is, from its Markdown source: the card's label. */
export function islandLabel(source: string): string {
  const embed = recogniseEmbed(source);
  if (embed) return `Intégration ${embed.label}`;
  if (READ_ALSO.test(source)) return 'Lire aussi';
  if (PULL_QUOTE.test(source)) return 'Exergue';
  if (/^```html/i.test(source)) return 'Bloc HTML (éditeurs)';
  if (/^\|/.test(source)) return 'Tableau';
  if (PICTURES.test(source))
    return source.trim().split('\n').length > 1 ? 'Galerie' : 'Image';
  return 'Bloc Markdown';
}

const BLANK_LINE = /\n[ \t]*(\n|$)/;

/** The lines from the start of `src` up to the first blank line. */
function untilBlankLine(src: string): string {
  const end = BLANK_LINE.exec(src);
  return end ? src.slice(0, end.index) : src;
}

/**
 * The island at the very start of `src`, if a block of the extension syntax starts there
 * (mirrors domain/markdown.ts: the server decides what the blocks mean, this only keeps them).
 */
export function islandAt(src: string): string | null {
  const fence = /^```[ \t]*html[ \t]*\n/i.exec(src);
  if (fence) {
    const close = /\n```[ \t]*(?=\n|$)/.exec(src.slice(fence[0].length - 1));
    return close
      ? src.slice(0, fence[0].length - 1 + close.index + close[0].length)
      : src.replace(/\s+$/, '');
  }
  const block = untilBlankLine(src).replace(/\s+$/, '');
  if (!block) return null;
  if (PULL_QUOTE.test(block)) return block;
  const lines = block.split('\n');
  // A table (a header row, then a delimiter row), kept as typed.
  if (
    lines.length >= 2 &&
    lines[0]!.includes('|') &&
    /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(
      lines[1]!,
    )
  )
    return block;
  // What looks like HTML is shown as text by the server (raw HTML only inside ```html): kept as typed.
  if (/^ {0,3}<[A-Za-z!?/]/.test(block)) return block;
  if (PICTURES.test(`${block}\n`)) return block;
  // A bare address alone (an embed, or any link the server's linkify will make): as typed.
  if (
    lines.length === 1 &&
    (/^https?:\/\/\S+$/i.test(block) || READ_ALSO.test(block))
  )
    return block;
  return null;
}

function islandNode(name: string) {
  return Node.create({
    name,
    group: 'block',
    atom: true,
    draggable: true,
    selectable: true,
    // Before the ordinary nodes, so their handlers only see what is not an island.
    priority: 1000,
    addAttributes() {
      return { source: { default: '' } };
    },
    parseHTML() {
      return [
        {
          tag: `div[data-md-island="${name}"]`,
          getAttrs: (el) => ({ source: el.getAttribute('data-source') ?? '' }),
        },
      ];
    },
    renderHTML({ HTMLAttributes }) {
      return [
        'div',
        mergeAttributes({
          'data-md-island': name,
          'data-source': HTMLAttributes['source'],
        }),
      ];
    },
    markdownTokenName: name,
    // Its own token, found before marked's own block rules, so no block of the extension syntax
    // is ever parsed (and rewritten) by another node.
    markdownTokenizer: {
      name,
      level: 'block',
      // Islands are whole blocks after a blank line: they never cut a paragraph short (and
      // without this, @tiptap/markdown would run the tokenizer at every position).
      start: () => -1,
      tokenize: (src: string) => {
        const source = islandAt(src);
        return source === null
          ? undefined
          : { type: name, raw: source, text: source };
      },
    },
    parseMarkdown: (token: MarkdownToken) =>
      ({ type: name, attrs: { source: token.raw ?? '' } }) as never,
    renderMarkdown: (node: { attrs?: Record<string, unknown> }) =>
      String(node.attrs?.['source'] ?? ''),
    addNodeView() {
      return ({ node, getPos, editor }) => {
        const dom = document.createElement('div');
        dom.className = 'md-island';
        dom.contentEditable = 'false';
        const label = document.createElement('p');
        label.className = 'md-island-label';
        const source = document.createElement('textarea');
        source.className = 'md-island-source';
        source.setAttribute('aria-label', 'Source du bloc (Markdown)');
        source.spellcheck = false;
        const show = (value: string) => {
          label.textContent = islandLabel(value);
          if (source.value !== value) source.value = value;
          source.rows = Math.min(8, value.split('\n').length);
        };
        show(String(node.attrs['source']));
        source.addEventListener('input', () => {
          const pos = typeof getPos === 'function' ? getPos() : undefined;
          if (pos === undefined) return;
          editor.view.dispatch(
            editor.state.tr.setNodeAttribute(pos, 'source', source.value),
          );
        });
        dom.append(label, source);
        return {
          dom,
          // Typing in the source is the textarea's business, not ProseMirror's.
          stopEvent: (event) => event.target === source,
          ignoreMutation: () => true,
          update: (updated) => {
            if (updated.type.name !== name) return false;
            show(String(updated.attrs['source']));
            return true;
          },
        };
      };
    },
  });
}

const AUTOLINK =
  /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+)>/;
const ENTITY = /^&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * Inline text as the server reads it (markdown-it, `html: false`): a `<` never opens HTML, it
 * is a character; a character reference (`&eacute;`, `&#42;`) is the character it names. marked
 * would read both as HTML, and the editor would then change what the text says.
 */
const LiteralText = Extension.create({
  name: 'literalText',
  markdownTokenizer: {
    name: 'text',
    level: 'inline',
    start: (src: string) =>
      src.search(
        /<|&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/,
      ),
    tokenize: (src: string) => {
      if (src.startsWith('<')) {
        if (AUTOLINK.test(src)) return undefined;
        return { type: 'text', raw: '<', text: '&lt;' };
      }
      const entity = ENTITY.exec(src);
      if (!entity) return undefined;
      const text = decodeHTML(entity[0]);
      if (text === entity[0]) return undefined;
      // Tiptap decodes &lt; &gt; &quot; &amp; itself: hand it those encoded.
      return {
        type: 'text',
        raw: entity[0],
        text: text
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;'),
      };
    },
  },
});

/** One node for every island: the label tells them apart. */
export const Islands = [islandNode('mdIsland'), LiteralText];
