import { existsSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One article as the search benchmark inserts it. */
export interface BenchArticle { title: string; lead: string; bodyHtml: string; date: string; category: string }

const CORPUS = fileURLToPath(new URL('../../shared/data/fr-news/orangesum_fr_news.dev.jsonl', import.meta.url));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The fr-news corpus (32,546 AFP/Orange articles, read only here, never shipped), with its
 * flattened paragraphs split again at « .X » into <p>s; where shared/ is absent, generated
 * French-like text from a small vocabulary, so the benchmark still runs (with a message).
 */
export async function loadCorpus(): Promise<{ articles: BenchArticle[]; source: string }> {
  if (!existsSync(CORPUS)) {
    console.warn('shared/data/fr-news is absent: generating text instead (figures less realistic)');
    return { articles: generate(5_000), source: 'generated text' };
  }
  const articles: BenchArticle[] = [];
  for await (const line of createInterface({ input: createReadStream(CORPUS) })) {
    const a = JSON.parse(line) as { title?: string; heading?: string; article?: string; date?: string; category?: string };
    if (!a.title || !a.article || !a.date) continue;
    const paragraphs = a.article.split(/(?<=[.!?»"])(?=[A-ZÀ-Ý«"])/).map((p) => `<p>${escape(p.trim())}</p>`);
    articles.push({ title: a.title.slice(0, 290), lead: a.heading ?? '', bodyHtml: paragraphs.join('\n'), date: a.date, category: (a.category ?? 'divers').split('/')[0]! });
  }
  return { articles, source: 'shared/data/fr-news, repeated' };
}

const VOCABULARY = `gouvernement ministre président réforme retraites grève syndicats économie croissance emploi chômage
entreprise marché bourse banque inflation prix carburant énergie électricité nucléaire climat sécheresse pluie incendie forêt
police gendarmerie enquête tribunal procès justice prison avocat victime accident route voiture électrique batterie usine
hôpital médecins infirmières santé vaccin épidémie coronavirus confinement école élèves enseignants université étudiants
football match championnat coupe équipe joueur entraîneur victoire défaite élection municipales législatives candidat vote
Maroc France Europe Afrique Chine Japon États-Unis Paris Rabat Casablanca Tanger Marseille Lyon Bruxelles Washington Pékin
partenariat stratégique investissement accord coopération sommet diplomatie ambassadeur frontière migrants réfugiés`.split(/\s+/);

function generate(count: number): BenchArticle[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words = (n: number) => Array.from({ length: n }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    title: words(9), lead: `${words(25)}.`, bodyHtml: Array.from({ length: 6 }, () => `<p>${words(60)}.</p>`).join('\n'),
    date: new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString().slice(0, 10), category: ['france', 'monde', 'politique', 'societe'][i % 4]!,
  }));
}
