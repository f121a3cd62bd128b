import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection, storyWords } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/**
 * E-mail notifications (issue 16 item 8) against a real SMTP server (npm smtp-server) listening
 * on a free port: the app, given SMTP_URL, mails the editors when an article is sent for review,
 * and the message arrives over SMTP with the French wording and a link to the article.
 */
describeEachDialect('newsroom notifications by e-mail', (getDb) => {
  let t: TestApp;
  let smtp: SMTPServer;
  const received: Received[] = [];
  let journalist: Client;
  let editorEmail: string;
  let journalistEmail: string;
  let articleId: number;

  test('setup: a real SMTP server and the app pointed at it', async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          raw += chunk;
        });
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom
              ? session.envelope.mailFrom.address
              : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
    const { port } = smtp.server.address() as AddressInfo;
    t = await buildTestApp(getDb(), {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Rédaction <redaction@journal.example>',
      LIVE_POLL_MS: '50',
    });
    await t.app.ready();
    const sectionId = (
      await buildSection(t.ctx, { slug: 'maroc', name: 'Maroc' })
    ).id;
    const j = await buildUser(t.ctx, 'journalist', { name: 'Samira' });
    const e = await buildUser(t.ctx, 'editor', { name: 'Karim' });
    editorEmail = e.email;
    journalistEmail = j.email;
    journalist = new Client(t.app);
    assert.equal((await journalist.signIn(j.email)).statusCode, 303);
    const res = await journalist.post(
      '/admin/articles',
      articleForm({
        title: `La marina ${storyWords(951, 4).join(' ')}`,
        lead: storyWords(952, 8).join(' '),
        bodySource: storyWords(953, 40).join(' '),
        sectionId: String(sectionId),
        author1: String(j.authorId),
      }),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    articleId = Number(
      /\/admin\/articles\/(\d+)/.exec(String(res.headers['location']))![1],
    );
  });

  test('sending an article for review mails the editor over SMTP', async () => {
    const version = String(
      (await findArticleById(t.ctx.db, articleId))!.version,
    );
    const res = await journalist.post(
      `/admin/articles/${articleId}/soumettre`,
      { version },
      { csrf: await journalist.csrf(`/admin/articles/${articleId}`) },
    );
    assert.equal(res.statusCode, 303);
    const deadline = Date.now() + 20_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal(received.length, 1, 'one message: the editor, not Samira');
    const mail = received[0]!;
    assert.deepEqual(mail.to, [editorEmail]);
    assert.notEqual(mail.to[0], journalistEmail);
    assert.equal(mail.from, 'redaction@journal.example');
    assert.match(mail.raw, /^Subject: /m);
    // The body is quoted-printable or base64 depending on its characters: decode loosely.
    const flat = decodeMime(mail.raw);
    assert.match(flat, /Samira a envoyé en relecture « La marina/);
    assert.match(
      flat,
      new RegExp(`https://journal\\.example/admin/articles/${articleId}`),
    );
  });

  test('a mention in a newsroom comment mails the member mentioned, with the comment', async () => {
    received.length = 0;
    const handle = editorEmail.split('@')[0]!;
    const res = await journalist.post(
      `/admin/articles/${articleId}/commentaires`,
      { texte: `@${handle} le titre est-il trop long ?` },
      { csrf: await journalist.csrf(`/admin/articles/${articleId}`) },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const deadline = Date.now() + 20_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal(received.length, 1, 'the editor mentioned, nobody else');
    assert.deepEqual(received[0]!.to, [editorEmail]);
    const flat = decodeMime(received[0]!.raw);
    assert.match(
      flat,
      /Samira vous a mentionné dans un commentaire sur « La marina/,
    );
    assert.match(flat, /le titre est-il trop long/);
  });

  test('teardown', async () => {
    await t.app.close();
    await new Promise<void>((ok) => smtp.close(() => ok()));
  });
});

/** The message's text parts, decoded (quoted-printable, base64, RFC 2047 headers). */
function decodeMime(raw: string): string {
  const qp = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) =>
      String.fromCharCode(Number.parseInt(h, 16)),
    );
  const bytes = Buffer.from(qp, 'latin1').toString('utf8');
  return bytes.replace(
    /=\?utf-8\?([QB])\?([^?]*)\?=/gi,
    (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : text.replace(/_/g, ' '),
  );
}
