import { existsSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from '../src/db/database.ts';

/** One article as the search benchmark inserts it. */
export interface BenchArticle {
  title: string;
  lead: string;
  bodyHtml: string;
  date: string;
  category: string;
}

const CORPUS = fileURLToPath(
  new URL(
    '../../shared/data/fr-news/orangesum_fr_news.dev.jsonl',
    import.meta.url,
  ),
);

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The fr-news corpus (32,546 AFP/Orange articles, read only here, never shipped), with its
 * flattened paragraphs split again at « .X » into <p>s; where shared/ is absent, generated
 * French-like text from a small vocabulary, so the benchmark still runs (with a message).
 */
export async function loadCorpus(): Promise<{
  articles: BenchArticle[];
  source: string;
}> {
  if (!existsSync(CORPUS)) {
    console.warn(
      'shared/data/fr-news is absent: generating text instead (figures less realistic)',
    );
    return { articles: generate(5_000), source: 'generated text' };
  }
  const articles: BenchArticle[] = [];
  for await (const line of createInterface({
    input: createReadStream(CORPUS),
  })) {
    const a = JSON.parse(line) as {
      title?: string;
      heading?: string;
      article?: string;
      date?: string;
      category?: string;
    };
    if (!a.title || !a.article || !a.date) continue;
    const paragraphs = a.article
      .split(/(?<=[.!?»"])(?=[A-ZÀ-Ý«"])/)
      .map((p) => `<p>${escapeXml(p.trim())}</p>`);
    articles.push({
      title: a.title.slice(0, 290),
      lead: a.heading ?? '',
      bodyHtml: paragraphs.join('\n'),
      date: a.date,
      category: (a.category ?? 'divers').split('/')[0]!,
    });
  }
  return { articles, source: 'shared/data/fr-news, repeated' };
}

const VOCABULARY =
  `gouvernement ministre président réforme retraites grève syndicats économie croissance emploi chômage
entreprise marché bourse banque inflation prix carburant énergie électricité nucléaire climat sécheresse pluie incendie forêt
police gendarmerie enquête tribunal procès justice prison avocat victime accident route voiture électrique batterie usine
hôpital médecins infirmières santé vaccin épidémie coronavirus confinement école élèves enseignants université étudiants
football match championnat coupe équipe joueur entraîneur victoire défaite élection municipales législatives candidat vote
Maroc France Europe Afrique Chine Japon États-Unis Paris Rabat Casablanca Tanger Marseille Lyon Bruxelles Washington Pékin
partenariat stratégique investissement accord coopération sommet diplomatie ambassadeur frontière migrants réfugiés`.split(
    /\s+/,
  );

function generate(count: number): BenchArticle[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words = (n: number) =>
    Array.from(
      { length: n },
      () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!,
    ).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    title: words(9),
    lead: `${words(25)}.`,
    bodyHtml: Array.from({ length: 6 }, () => `<p>${words(60)}.</p>`).join(
      '\n',
    ),
    date: new Date(Date.UTC(2015, 0, 1) + i * 3_600_000)
      .toISOString()
      .slice(0, 10),
    category: ['france', 'monde', 'politique', 'societe'][i % 4]!,
  }));
}

/**
 * Articles, sections, one author per section: bulk inserts in transactions, no commands (no
 * events). Article `i` is copy `i / corpus.length` of a corpus article, slug `a-i`; with `from`,
 * articles `from` to `total - 1` are added to a database that holds the first `from` already
 * (the scaling curve grows one archive).
 */
export async function insertCorpus(
  handle: DatabaseHandle,
  corpus: BenchArticle[],
  total: number,
  now: Date,
  from = 0,
): Promise<number> {
  const started = performance.now();
  const db = handle.db;
  const at = now.toISOString();
  const categories = [...new Set(corpus.map((a) => a.category))];
  const sectionIds = new Map<string, number>();
  const authorIds = new Map<string, number>();
  for (const [position, c] of categories.entries()) {
    const section = await db
      .selectFrom('sections')
      .select('id')
      .where('slug', '=', c)
      .executeTakeFirst();
    const author = await db
      .selectFrom('authors')
      .select('id')
      .where('slug', '=', `redaction-${c}`)
      .executeTakeFirst();
    if (section && author) {
      sectionIds.set(c, section.id);
      authorIds.set(c, author.id);
      continue;
    }
    const s = await db
      .insertInto('sections')
      .values({ slug: c, name: c, position, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await db
      .insertInto('authors')
      .values({
        slug: `redaction-${c}`,
        name: `Rédaction ${c}`,
        user_id: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    sectionIds.set(c, s.id);
    authorIds.set(c, a.id);
  }
  const batch = 500;
  for (let start = from; start < total; start += batch) {
    await db.transaction().execute(async (tx) => {
      const rows = [];
      for (let i = start; i < Math.min(total, start + batch); i++) {
        const copy = Math.floor(i / corpus.length);
        const a = corpus[i % corpus.length]!;
        // Each copy of the corpus is moved back in time, so dates spread over the years.
        const published = new Date(
          Date.parse(`${a.date}T08:00:00Z`) -
            copy * 2 * 365 * 86_400_000 +
            (i % 1440) * 60_000,
        ).toISOString();
        rows.push({
          slug: `a-${i}`,
          title: a.title,
          lead: a.lead,
          body_source: '',
          body_html: a.bodyHtml,
          status: i % 50 === 49 ? 'draft' : 'published',
          section_id: sectionIds.get(a.category)!,
          is_featured: false,
          is_breaking: false,
          created_at: published,
          updated_at: published,
          first_published_at: published,
          published_at: published,
        });
      }
      const ids = await tx
        .insertInto('articles')
        .values(rows)
        .returning(['id', 'section_id'])
        .execute();
      const authorBySection = new Map(
        [...sectionIds].map(([c, id]) => [id, authorIds.get(c)!]),
      );
      const byline = ids.map((r) => ({
        article_id: r.id,
        author_id: authorBySection.get(r.section_id!)!,
        position: 0,
      }));
      await tx.insertInto('article_authors').values(byline).execute();
    });
    if (((start - from) / batch) % 40 === 0)
      process.stdout.write(
        `\r  loading ${Math.min(total, start + batch)}/${total}`,
      );
  }
  process.stdout.write('\n');
  return (performance.now() - started) / 1000;
}
