import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** One JSON record per line, written with back-pressure so a large archive never piles up in memory. */
export class JsonLinesWriter {
  readonly #out: WriteStream;
  count = 0;
  constructor(path: string) {
    this.#out = createWriteStream(path, { encoding: 'utf8' });
  }
  async write(record: unknown): Promise<void> {
    this.count++;
    if (!this.#out.write(`${JSON.stringify(record)}\n`))
      await once(this.#out, 'drain');
  }
  async close(): Promise<void> {
    this.#out.end();
    await once(this.#out, 'finish');
  }
}

/** Reads a JSON Lines file one record at a time; a bad line throws with its number. */
export async function* readJsonLines<T>(path: string): AsyncGenerator<T> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as T;
    } catch {
      throw new Error(`${path}, line ${n}: not a JSON record`);
    }
  }
}
