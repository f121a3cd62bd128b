/**
 * Pictures: upload-to-renditions time for a 24-megapixel JPEG, rendition throughput, the cost of
 * a rendition request once made (against a static asset served by the same process), and the
 * server's peak memory while 20 large pictures are uploaded at once.
 *   npm run bench -- media [--quick]
 * The server is `newsdesk serve` in its own process (SQLite, disk storage); peak RSS is its
 * VmHWM from /proc, reset (clear_refs) just before the concurrent uploads and read after them.
 */
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import sharp, { type SharpOptions } from 'sharp';
import { startProcess, stop, ROOT } from './lib/processes.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { insertUserWithAuthor } from '../src/commands/accounts/addUser.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { sceneSvg } from '../test/support/pictures.ts';

const quick = process.argv.includes('--quick');
const [W, H] = quick ? [1800, 1200] : [6000, 4000];
const CONCURRENT = quick ? 3 : 20;
const duration = quick ? 1 : 10;
const PASSWORD = 'un mot de passe de banc d’essai';

/** A photo-like JPEG: a drawn scene with film-grain noise, so it compresses like a camera's file. */
async function photo(
  width: number,
  height: number,
  hue: number,
): Promise<Buffer> {
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 24 },
    },
  } as SharpOptions)
    .png()
    .toBuffer();
  return sharp(sceneSvg(width, height, hue))
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

const statusKb = (pid: number, field: 'VmHWM' | 'VmRSS') =>
  Number(
    new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    )![1],
  ) * 1024;
const peakRss = (pid: number) => statusKb(pid, 'VmHWM');
/** Linux's reset of a process's peak RSS (VmHWM), so the next peak is that of what follows only. */
const resetPeakRss = (pid: number) =>
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-media-'));
const databaseUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
const handle = openDatabase({
  dialect: 'sqlite',
  path: join(dir, 'bench.sqlite'),
});
await migrateToLatest(handle.db);
const hash = await hashPassword(PASSWORD);
await handle.db.transaction().execute((tx) =>
  insertUserWithAuthor(
    tx,
    {
      email: 'bench@redaction.example',
      displayName: 'Banc d’essai',
      role: 'editor',
      passwordHash: hash,
    },
    'active',
    new Date(),
  ),
);
await handle.close();

const site = await startProcess(
  ['src/cli.ts', 'serve', '--no-demo', '--port', '0'],
  {
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: join(dir, 'media'),
    MEDIA_MAX_UPLOAD_MB: '40',
  },
);
const lines: string[] = [];
const say = (line: string) => {
  console.log(line);
  lines.push(line);
};
try {
  // Sign in as a browser does: the login form's CSRF token and cookies, then the session cookie.
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const tokenOf = async (path: string) => {
    const res = await fetch(site.url + path, {
      headers: { cookie: cookie() },
      redirect: 'manual',
    });
    keep(res);
    return /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  };
  const loginToken = await tokenOf('/admin/connexion'); // first: it sets the cookie the POST sends
  const login = await fetch(`${site.url}/admin/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookie(),
    },
    body: new URLSearchParams({
      email: 'bench@redaction.example',
      password: PASSWORD,
      _csrf: loginToken,
    }),
  });
  keep(login);
  if (login.status !== 303)
    throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const csrf = await tokenOf('/admin/medias');
  const upload = async (bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
      name,
    );
    const res = await fetch(`${site.url}/admin/medias`, {
      method: 'POST',
      body: form,
      headers: {
        cookie: cookie(),
        'csrf-token': csrf,
        accept: 'application/json',
      },
    });
    if (res.status !== 201)
      throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number };
  };
  const get = async (path: string) => {
    const res = await fetch(site.url + path);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.arrayBuffer()).byteLength;
  };

  console.log(`drawing ${W}×${H} test photos…`);
  const big = await photo(W, H, 30);
  say(
    `- Test photo: ${W} × ${H} (${((W * H) / 1e6).toFixed(0)} MP), JPEG ${(big.length / 1024 / 1024).toFixed(1)} MiB, drawn by the benchmark (scene + grain)`,
  );

  // 1. Upload to renditions: the upload (checked, decoded, stored), then the cover's renditions
  //    a first reader's browser asks for (16:9 at every width, AVIF + WebP + JPEG).
  let t0 = performance.now();
  const { id } = await upload(big, 'grande.jpg');
  const uploadMs = performance.now() - t0;
  const editPage = await (
    await fetch(`${site.url}/admin/medias/${id}`, {
      headers: { cookie: cookie() },
    })
  ).text();
  const urls = [
    ...new Set(
      [
        ...editPage.matchAll(
          /\/media\/\d+\/[0-9a-f]{12}-(?:16x9|4x3|1x1|full)-\d+\.(?:avif|webp|jpg)/g,
        ),
      ].map((m) => m[0]),
    ),
  ];
  const cover = urls.filter((u) => u.includes('-4x3-') || u.includes('-full-'));
  t0 = performance.now();
  await get(cover[0]!);
  const firstMs = performance.now() - t0;
  t0 = performance.now();
  await Promise.all(cover.map(get));
  const allMs = performance.now() - t0 + firstMs;
  say(
    `- Upload of the ${((W * H) / 1e6).toFixed(0)} MP JPEG (stream to disk, type and integrity checks, metadata, store): **${uploadMs.toFixed(0)} ms**`,
  );
  say(
    `- First rendition after upload: ${firstMs.toFixed(0)} ms; the ${cover.length} renditions the edit page shows, from nothing: **${allMs.toFixed(0)} ms**`,
  );

  // 2. Throughput: every other rendition of the same picture, as many at once as the server allows.
  const others = ['16x9', '1x1'].flatMap((ratio) =>
    urls
      .filter((u) => u.includes('-4x3-'))
      .map((u) => u.replace('-4x3-', `-${ratio}-`)),
  );
  t0 = performance.now();
  const results = await Promise.allSettled(others.map(get));
  const madeMs = performance.now() - t0;
  const made = results.filter((r) => r.status === 'fulfilled').length;
  say(
    `- Rendition throughput (${made} renditions of the ${((W * H) / 1e6).toFixed(0)} MP picture requested at once; the server encodes 2 at a time): **${(made / (madeMs / 1000)).toFixed(2)} renditions/s**`,
  );

  // 3. A made rendition vs a static asset, same process, same connections.
  const rendition = cover.find((u) => u.endsWith('-960.webp')) ?? cover[0]!;
  const assetPath = /href="(\/assets\/admin\.css[^"]*)"/.exec(editPage)![1]!;
  const measure = async (url: string) =>
    (await autocannon({ url, connections: 20, duration })).requests.average;
  const renditionRps = await measure(site.url + rendition);
  const assetRps = await measure(site.url + assetPath);
  say(
    `- Request for a made rendition (${rendition.split('/').pop()}, ${((await get(rendition)) / 1024).toFixed(0)} KiB, from storage) vs a static asset from memory: ${renditionRps.toFixed(0)} vs ${assetRps.toFixed(0)} req/s, ratio **${(renditionRps / assetRps).toFixed(2)}**`,
  );

  // 4. Memory: CONCURRENT large uploads at once.
  const photos = await Promise.all(
    [...Array(Math.min(CONCURRENT, 4)).keys()].map((i) =>
      photo(W, H, 60 + i * 70),
    ),
  );
  // The rendition phases above peaked on their own: start the uploads' peak from now.
  resetPeakRss(site.child.pid!);
  const before = statusKb(site.child.pid!, 'VmRSS');
  t0 = performance.now();
  await Promise.all(
    [...Array(CONCURRENT).keys()].map((i) =>
      upload(photos[i % photos.length]!, `lot-${i}.jpg`),
    ),
  );
  const batchMs = performance.now() - t0;
  const after = peakRss(site.child.pid!);
  say(
    `- ${CONCURRENT} uploads of ${((W * H) / 1e6).toFixed(0)} MP JPEGs at once: ${(batchMs / 1000).toFixed(1)} s; server RSS ${mib(before)} before, peak **${mib(after)}** during the uploads`,
  );
} finally {
  await stop(site.child);
  rmSync(dir, { recursive: true, force: true });
}
const report = `# Pictures

\`npm run bench -- media${quick ? ' --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: \`newsdesk serve\` in its own process, SQLite, disk storage, 2 renditions encoded at a time.

${lines.join('\n')}
`;
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
if (!quick) writeFileSync(join(ROOT, 'bench/results/media.md'), report);
console.log(
  quick
    ? '(quick run: results not written)'
    : 'written to bench/results/media.md',
);
