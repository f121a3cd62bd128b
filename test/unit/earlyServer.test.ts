import assert from 'node:assert/strict';
import { get } from 'node:http';
import { test } from 'node:test';
import { EarlyServer } from '../../src/http/earlyServer.ts';

/** A GET to the server; resolves with the status and body once the response ends. */
function fetchOnce(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

test('early server: a request that comes before the app opens is held, then answered by it', async () => {
  const early = new EarlyServer();
  const { port } = await early.listen(0, '127.0.0.1');
  let answered = false;
  const response = fetchOnce(port).then((r) => {
    answered = true;
    return r;
  });
  // The connection is accepted (the port is open) but nothing answers yet.
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(answered, false);
  early.adopt((_req, res) => res.end('la une'));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(
    answered,
    false,
    'adopting the handler does not open the server',
  );
  early.open();
  assert.deepEqual(await response, { status: 200, body: 'la une' });
  // Later requests go straight to the app.
  assert.deepEqual(await fetchOnce(port), { status: 200, body: 'la une' });
  await early.close();
  assert.equal(early.server.listening, false);
});

test('early server: a failed start answers the held requests 503 in French and closes the port', async () => {
  const early = new EarlyServer();
  const { port } = await early.listen(0, '127.0.0.1');
  const response = fetchOnce(port);
  await new Promise((r) => setTimeout(r, 50));
  await early.fail();
  const { status, body } = await response;
  assert.equal(status, 503);
  assert.match(body, /réessayez/);
  assert.equal(early.server.listening, false);
});
