/**
 * The baseline: Node's http module answering a fixed body, nothing else.
 *   node bench/bareServer.ts BODY_FILE [CONTENT_TYPE] [CONTENT_ENCODING]
 * Given the bytes newsdesk sent (compressed, when it compressed them) and their encoding, it
 * sends exactly those bytes, so the comparison is of everything but the payload.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2]!);
const type = process.argv[3] || 'text/html; charset=utf-8';
const encoding = process.argv[4] || '';
const headers: Record<string, string | number> = {
  'content-type': type,
  'content-length': body.length,
  vary: 'Accept-Encoding',
};
if (encoding) headers['content-encoding'] = encoding;
const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    console.log(`listening http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
