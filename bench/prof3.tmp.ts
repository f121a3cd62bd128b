import { DatabaseSync } from 'node:sqlite';
const db = new DatabaseSync('/tmp/prof/5000.sqlite');
db.exec('create index if not exists articles_search_scope_idx on articles(id, status, published_at, deleted_at, section_id)');
db.exec('analyze');
const minOf = (n: number, f: () => unknown) => { let best = Infinity; for (let i = 0; i < n; i++) { const s = performance.now(); f(); best = Math.min(best, performance.now() - s); } return best.toFixed(2); };
for (const m of ['"coronavirus"*', '"gouvern"*', '"macron"*']) {
  const sqlq = `select a.id, bm25(search_fts, 10, 4, 1) from search_fts cross join articles a where search_fts match ? and a.id = (search_fts.rowid & 134217727) and a.status = 'published' and a.published_at <= '2021' and a.deleted_at is null order by search_fts.rowid desc limit 1001`;
  const q3 = db.prepare(sqlq);
  console.log(m, 'join+bm25', minOf(10, () => q3.all(m)));
  if (m === '"macron"*') console.log(db.prepare('explain query plan ' + sqlq).all(m));
}
db.exec('drop index articles_search_scope_idx');
