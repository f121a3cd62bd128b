/** A small seeded generator (mulberry32): the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const POOLS = [
  ' abcdefghijklmnopqrstuvwxyzéèêàçôûïœ',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  '"\'’«»“”*^:()-+{}[]<>&|!~@#$%\\/;,.?=_`',
  'مرحبا بالعالم المغرب',
  '中文日本語한국어',
  '🙂🇲🇦👩‍👩‍👧‍👦🔥',
  '\u0000\u0001\u0008\t\n\r\u001b\u007f',
  '\u200b\u200d\u200e\u202e\ufeff\u0301\u0308',
];
const WORDS = [
  ' AND ',
  ' OR ',
  ' NOT ',
  ' NEAR(',
  ' <-> ',
  ':*',
  ' & ',
  ' | ',
  '!',
  "' OR 1=1 --",
  '"; DROP TABLE articles; --',
  'maroc',
  'économie',
  'l’',
  "d'",
  'chine',
];

/** `count` well-formed strings mixing words, operators, scripts and control characters, of 1 to 10,000 characters. */
export function randomQueries(count: number, seed = 20261128): string[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const roll = next();
    const length =
      roll < 0.7
        ? 1 + Math.floor(next() * 40)
        : roll < 0.95
          ? 41 + Math.floor(next() * 460)
          : 501 + Math.floor(next() * 9500);
    let s = '';
    while (s.length < length)
      s += next() < 0.15 ? pick(WORDS) : pick([...pick(POOLS)]);
    out.push(s.slice(0, length).toWellFormed());
  }
  return out;
}
