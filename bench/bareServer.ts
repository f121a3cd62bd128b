/**
 * The baseline: Node's http module answering a fixed body, nothing else.
 *   node bench/bareServer.ts BODY_FILE [CONTENT_TYPE] [CONTENT_ENCODING] [HEADERS_FILE]
 * Given the bytes newsdesk sent (compressed, when it compressed them) and their encoding, it
 * sends exactly those bytes, so the comparison is of everything but the payload. HEADERS_FILE
 * (a JSON [name, value, …] array, e.g. every header newsdesk sent but those Node adds itself)
 * replaces its three headers, for a baseline that sends newsdesk's very response.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2]!);
const type = process.argv[3] || 'text/html; charset=utf-8';
const encoding = process.argv[4] || '';
const headersFile = process.argv[5];
const headers: Record<string, string | number> | string[] = headersFile
  ? (JSON.parse(readFileSync(headersFile, 'utf8')) as string[])
  : {
      'content-type': type,
      'content-length': body.length,
      vary: 'Accept-Encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    };
const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    console.log(`listening http://127.0.0.1:${address.port}`);
});
// Its CPU time so far, for bench/lib/cpuPerRequest.ts (the same line newsdesk's loopStats prints).
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`loopstats ${JSON.stringify({ cpu: user + system })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
