import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * A streaming reader of WordPress's WXR export: the file is read in chunks and each record of
 * the channel (an author, a category, a tag, an item) is handed over as soon as its closing tag
 * is read, so memory holds one record whatever the file's size.
 */

/** One element of a record: its name (`wp:post_id`, `title`…), attributes, text and children. */
export interface WxrNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: WxrNode[];
}

/** The channel's records, in file order; `error` ends the stream (malformed XML). */
export type WxrRecord =
  | { type: 'channel'; field: string; value: string }
  | { type: 'author' | 'category' | 'tag' | 'term' | 'item'; node: WxrNode };

/** Where the XML stopped making sense, with the position for the operator. */
export class WxrSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(`the XML is malformed at line ${line}, column ${column}: ${message}`);
    this.line = line;
    this.column = column;
  }
}

/**
 * Canonical prefixes for the namespaces WXR uses. WordPress has written 1.0, 1.1 and 1.2 URIs,
 * over http and https; a prefix bound to another URI (`xmlns:wp="http://example.com/fake/"`)
 * is not WordPress's and its elements are ignored.
 */
function prefixOf(uri: string): string {
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/?$/.test(uri))
    return 'excerpt:';
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/?$/.test(uri)) return 'wp:';
  if (uri === 'http://purl.org/rss/1.0/modules/content/') return 'content:';
  if (uri === 'http://purl.org/dc/elements/1.1/') return 'dc:';
  if (uri === '') return '';
  return 'other:';
}

const RECORDS: Record<string, 'author' | 'category' | 'tag' | 'term' | 'item'> =
  {
    'wp:author': 'author',
    'wp:category': 'category',
    'wp:tag': 'tag',
    'wp:term': 'term',
    item: 'item',
  };

/** The records of a WXR file, read as a stream. Throws WxrSyntaxError where the XML breaks. */
export async function* readWxr(
  path: string,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: WxrRecord[] = [];
  // The open elements from the root; records are built from depth 2 (rss > channel > record).
  const stack: WxrNode[] = [];
  let failure: WxrSyntaxError | null = null;
  parser.on('error', (error) => {
    failure ??= new WxrSyntaxError(
      error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, ''),
      parser.line,
      parser.column,
    );
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.local] = a.value;
    stack.push({
      name: prefixOf(tag.uri) + tag.local,
      attrs,
      text: '',
      children: [],
    });
  });
  const addText = (text: string) => {
    const top = stack.at(-1);
    // Text of the rss and channel elements themselves is layout only.
    if (top && stack.length > 2) top.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const node = stack.pop();
    if (!node) return;
    if (stack.length === 2) {
      const type = RECORDS[node.name];
      if (type) ready.push({ type, node: detached(node) });
      else if (!node.children.length)
        ready.push({
          type: 'channel',
          field: node.name,
          value: ownCopy(node.text),
        });
    } else if (stack.length > 2) stack.at(-1)!.children.push(node);
  });

  const stream = createReadStream(path);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) {
      onBytes((chunk as Buffer).length);
      parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      yield* ready.splice(0);
      if (failure) throw failure;
    }
    parser.close();
    yield* ready.splice(0);
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
}

/**
 * A string that shares no memory with the chunk it was read from. The parser hands out text
 * and attribute values as slices of the decoded chunk (64 KB of file, up to 128 KB in memory),
 * and V8 keeps a whole chunk alive for any slice of it: a tag's slug kept for the rest of an
 * import held its chunk too, and a 100,000-post import grew by about 14 KB per post (RSS 2.3 →
 * 3.7 GB). Joining to a one-character string makes V8 build a new flat string; the slice after
 * it points into that copy, not into the chunk.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** The record with every string its own copy (see ownCopy). */
function detached(node: WxrNode): WxrNode {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attrs)) attrs[k] = ownCopy(v);
  return {
    name: node.name,
    attrs,
    text: ownCopy(node.text),
    children: node.children.map(detached),
  };
}

/** The text of the first child named `name`, trimmed ('' when absent). */
export function field(node: WxrNode, name: string): string {
  return node.children.find((c) => c.name === name)?.text.trim() ?? '';
}

/** The raw text of the first child named `name` (bodies keep their blank lines). */
export function rawField(node: WxrNode, name: string): string {
  return node.children.find((c) => c.name === name)?.text ?? '';
}

export function childrenNamed(node: WxrNode, name: string): WxrNode[] {
  return node.children.filter((c) => c.name === name);
}
