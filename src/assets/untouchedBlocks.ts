import type { Editor, JSONContent } from '@tiptap/core';

/**
 * Nothing lost in a round trip: a top-level block the journalist did not touch is written back
 * as the exact Markdown it was read from, not as the editor re-serialises it. Tiptap reads
 * Markdown with marked, the site renders it with markdown-it, and the two disagree on odd
 * emphasis, brackets and junk after URLs: re-serialising such a block changed what readers
 * saw (486 of 9,603 hostile documents before this). A block is "untouched" when its node is
 * identical to what its own source parsed to; runs of other blocks are serialised together, as
 * Tiptap would, so newly typed text comes out exactly as before.
 */
export function keepUntouchedBlocks(editor: Editor, loaded: string): void {
  const manager = editor.markdown;
  if (!manager) return;
  const parse = manager.parse.bind(manager);
  // Node JSON (as the schema writes it) → the source it was read from; the latest read wins.
  const sources = new Map<string, string>();
  const keyOf = (node: JSONContent): string | null => {
    try {
      return JSON.stringify(editor.schema.nodeFromJSON(node).toJSON());
    } catch {
      return null;
    }
  };
  const record = (markdown: string) => {
    try {
      // The manager's own lexer (private in its types): it knows the islands' tokenizers.
      const lexer = (
        manager as unknown as {
          createLexer(): { lex(md: string): { type: string; raw: string }[] };
        }
      ).createLexer();
      for (const token of lexer.lex(markdown)) {
        if (token.type === 'space') continue;
        // Blank lines around it go; indentation and trailing spaces stay (they can make a code
        // block or a line break, and the editor read them).
        const raw = token.raw
          .replace(/^(?:[ \t]*\n)+/, '')
          .replace(/(?:\n[ \t]*)+$/, '');
        const nodes = parse(raw).content ?? [];
        if (nodes.length !== 1) continue;
        const key = keyOf(nodes[0]!);
        if (key) sources.set(key, raw);
      }
    } catch {
      // A block that cannot be read alone is simply serialised by the editor.
    }
  };
  // The article's text was read before this could watch (the editor reads it as it is made).
  record(loaded);
  manager.parse = (markdown: string) => {
    const doc = parse(markdown);
    record(markdown);
    return doc;
  };
  editor.getMarkdown = () => {
    const doc = editor.getJSON();
    const nodes = doc.content ?? [];
    // Nothing read from a source (a new article): exactly Tiptap's own output.
    if (!nodes.some((n) => sources.has(JSON.stringify(n))))
      return manager.serialize(doc);
    const parts: string[] = [];
    let run: JSONContent[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const md = manager.serialize({ type: 'doc', content: run });
      if (md !== '') parts.push(md.trimEnd());
      run = [];
    };
    for (const node of nodes) {
      const key = JSON.stringify(node);
      const source = sources.get(key);
      if (source === undefined) {
        run.push(node);
        continue;
      }
      flush();
      parts.push(source);
    }
    flush();
    return parts.join('\n\n');
  };
}
