/**
 * Lighthouse mobile (its default config: a mid-range phone, simulated slow 4G, 4× CPU slowdown)
 * on the demo site's home, an article, a section front and a search page, run 3 times each
 * against Debian's Chromium with the project's flags. Writes the median of each category, the
 * audits that kept any run's category under 100 and what each page transferred.
 *   npm run bench -- lighthouse [--quick]   (--quick: one run per page)
 * Not part of `npm test`: scores depend on the machine being idle.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../test/support/browser.ts';
import { ROOT, startProcess, stop } from './lib/processes.ts';

const quick = process.argv.includes('--quick');
const runs = quick ? 1 : 3;
const CATEGORIES = [
  'performance',
  'accessibility',
  'best-practices',
  'seo',
] as const;

interface PageResult {
  scores: Record<string, number[]>;
  /** audit id → title and the lowest score seen, for audits under 1 in a category under 100. */
  failing: Map<string, { title: string; score: number; display: string }>;
  bytes: number[];
  /** The HTML document alone, as sent (compressed when the server compresses). */
  htmlBytes: number[];
  metrics: Record<string, number[]>;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-lighthouse-'));
const site = await startProcess(['src/cli.ts', 'serve', '--port', '0'], {
  DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
});
// Lighthouse drives its own Chromium through the DevTools port; the flags are the tests' own.
const chrome = await launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: CHROMIUM_FLAGS,
  logLevel: 'silent',
});
const results = new Map<string, PageResult>();
try {
  const home = await (await fetch(`${site.url}/`)).text();
  const articlePath = /href="(\/articles\/[^"]+)"/.exec(home)![1]!;
  const pages: Record<string, string> = {
    home: '/',
    article: articlePath,
    section: '/rubrique/economie',
    search: '/recherche?q=maroc',
  };
  for (const [name, path] of Object.entries(pages)) {
    // One request first so the page cache holds it, as it would for a reader.
    await (await fetch(site.url + path)).arrayBuffer();
    const result: PageResult = {
      scores: {},
      failing: new Map(),
      bytes: [],
      htmlBytes: [],
      metrics: {},
    };
    results.set(name, result);
    for (let run = 0; run < runs; run++) {
      const outcome = await lighthouse(site.url + path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      const lhr = outcome!.lhr;
      if (lhr.runtimeError) {
        // A failed run (no paint, page not loaded) scores 0: say why rather than average it in.
        console.error(`${name} run ${run + 1}: ${lhr.runtimeError.message}`);
      }
      for (const id of CATEGORIES) {
        const category = lhr.categories[id]!;
        const score = Math.round((category.score ?? 0) * 100);
        (result.scores[id] ??= []).push(score);
        if (score === 100) continue;
        for (const ref of category.auditRefs) {
          const audit = lhr.audits[ref.id]!;
          if (ref.weight === 0 || audit.score === null || audit.score >= 1) {
            continue;
          }
          const seen = result.failing.get(ref.id);
          if (!seen || audit.score < seen.score) {
            result.failing.set(ref.id, {
              title: audit.title,
              score: audit.score,
              display: audit.displayValue ?? '',
            });
          }
        }
      }
      result.bytes.push(lhr.audits['total-byte-weight']!.numericValue ?? 0);
      const requests = (lhr.audits['network-requests']?.details ?? {
        items: [],
      }) as { items?: { resourceType?: string; transferSize?: number }[] };
      result.htmlBytes.push(
        requests.items?.find((r) => r.resourceType === 'Document')
          ?.transferSize ?? 0,
      );
      for (const metric of [
        'first-contentful-paint',
        'largest-contentful-paint',
        'total-blocking-time',
        'cumulative-layout-shift',
        'speed-index',
      ]) {
        (result.metrics[metric] ??= []).push(
          lhr.audits[metric]!.numericValue ?? 0,
        );
      }
      console.log(
        `${name} run ${run + 1}: ${CATEGORIES.map((c) => `${c} ${result.scores[c]!.at(-1)}`).join(', ')}`,
      );
    }
  }
} finally {
  chrome.kill();
  await stop(site.child);
  rmSync(dir, { recursive: true, force: true });
}

const rows = [...results].map(
  ([name, r]) =>
    `| ${name} | ${CATEGORIES.map((c) => median(r.scores[c]!)).join(' | ')} | ${(median(r.htmlBytes) / 1024).toFixed(1)} KiB | ${(median(r.bytes) / 1024).toFixed(1)} KiB | ${median(r.metrics['first-contentful-paint']!).toFixed(0)} / ${median(r.metrics['largest-contentful-paint']!).toFixed(0)} ms | ${median(r.metrics['total-blocking-time']!).toFixed(0)} ms | ${median(r.metrics['cumulative-layout-shift']!).toFixed(3)} |`,
);
const failing = [...results].flatMap(([name, r]) =>
  [...r.failing].map(
    ([id, a]) =>
      `| ${name} | \`${id}\` | ${a.title.replaceAll('|', '\\|')} | ${Math.round(a.score * 100)} | ${a.display.replaceAll('|', '\\|')} |`,
  ),
);
const report = `# Lighthouse mobile on the demo site

\`npm run bench -- lighthouse${quick ? ' --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: Lighthouse's default mobile
configuration (simulated slow 4G, 4× CPU slowdown), Debian's Chromium, SQLite demo content,
${runs} run${runs > 1 ? 's' : ''} per page; each figure is the median of the runs. Transfer is
Lighthouse's total byte weight (everything the page loaded, pictures included, as sent over the
wire, on its emulated 412 px phone); HTML is the document alone.

| page | performance | accessibility | best practices | SEO | HTML | transfer | FCP / LCP | TBT | CLS |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

## Audits that kept a score under 100

The search page is \`noindex\` on purpose (search results are thin, endless pages that Google
asks sites to keep out of its index), so Lighthouse's \`is-crawlable\` audit keeps its SEO score
under 100: the one expected entry below.

${failing.length === 0 ? 'None: every category scored 100 in every run.' : `| page | audit | title | lowest score | value |\n|---|---|---|---|---|\n${failing.join('\n')}`}
`;
console.log(report);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
if (!quick) writeFileSync(join(ROOT, 'bench/results/lighthouse.md'), report);
console.log(
  quick
    ? '(quick run: results not written)'
    : 'written to bench/results/lighthouse.md',
);
