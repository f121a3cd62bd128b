import { DatabaseSync } from 'node:sqlite';
const db = new DatabaseSync('/tmp/prof/5000.sqlite');
const minOf = (n: number, f: () => unknown) => { let best = Infinity; for (let i = 0; i < n; i++) { const s = performance.now(); f(); best = Math.min(best, performance.now() - s); } return best.toFixed(2); };
for (const m of ['"coronavirus"*', '"gouvern"*', '"macron"*']) {
  const q1 = db.prepare(`select rowid from search_fts where search_fts match ? order by rowid desc limit 1001`);
  const q2 = db.prepare(`select a.id from search_fts cross join articles a where search_fts match ? and a.id = (search_fts.rowid & 134217727) and a.status = 'published' and a.published_at <= '2021' and a.deleted_at is null order by search_fts.rowid desc limit 1001`);
  const q3 = db.prepare(`select a.id, bm25(search_fts, 10, 4, 1) from search_fts cross join articles a where search_fts match ? and a.id = (search_fts.rowid & 134217727) and a.status = 'published' and a.published_at <= '2021' and a.deleted_at is null order by search_fts.rowid desc limit 1001`);
  const q4 = db.prepare(`select rowid, bm25(search_fts, 10, 4, 1) from search_fts where search_fts match ? order by rowid desc limit 1001`);
  const q5 = db.prepare(`select count(*) from search_fts where search_fts match ?`);
  console.log(m, 'fts only', minOf(10, () => q1.all(m)), 'join', minOf(10, () => q2.all(m)), 'join+bm25', minOf(10, () => q3.all(m)), 'bm25 only', minOf(10, () => q4.all(m)), 'count all', minOf(10, () => q5.all(m)), q5.get(m));
}
console.log(db.prepare(`select count(*) n from articles`).get());
