import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  analyseArticle,
  type AnalysisInput,
  type ArticleAnalysis,
} from './articleAnalysis.ts';

interface Task {
  id: number;
  inputs: AnalysisInput[];
  resolve: (results: ArticleAnalysis[]) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

/** Old-generation ceiling of each analysis worker (see spawn below). */
const WORKER_HEAP_MB = 320;
/**
 * Worker threads for the text analysis of the bulk write path (rendering, search terms, term
 * bags, entities: most of an imported article's CPU), so that it runs on every core while the
 * main thread writes. Workers start on first use and hold the process open only while they
 * have work: a CLI that forgets to close the pool still exits.
 */
export class AnalysisPool {
  readonly size: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 0;

  constructor(size: number) {
    this.size = size;
  }

  /** Analyses `inputs` on one worker (inline when the pool has none); results in input order. */
  analyse(inputs: AnalysisInput[]): Promise<ArticleAnalysis[]> {
    if (this.size === 0 || inputs.length === 0)
      return Promise.resolve().then(() => inputs.map(analyseArticle));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, inputs, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops the workers (pending work is rejected). */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    for (const task of this.#queue.splice(0))
      task.reject(new Error('analysis pool closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length) {
      let slot = this.#slots.find((s) => s.task === null);
      if (!slot && this.#slots.length < this.size) slot = this.#spawn();
      if (!slot) return;
      const task = this.#queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, inputs: task.inputs });
    }
  }

  #spawn(): Slot {
    // A worker keeps only bounded caches between tasks, but V8 lets an idle-looking heap grow
    // towards the machine's limit under a long import's allocation rate (100,000 posts: 650 MB
    // per worker and rising); a cap makes it collect instead, at no measurable cost in rate.
    const worker = new Worker(new URL('./analysisWorker.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const slot: Slot = { worker, task: null };
    worker.on(
      'message',
      (m: { id: number; results?: ArticleAnalysis[]; error?: unknown }) => {
        const task = slot.task;
        slot.task = null;
        worker.unref();
        if (task?.id === m.id) {
          if (m.results) task.resolve(m.results);
          else task.reject(m.error);
        }
        this.#dispatch();
      },
    );
    const fail = (error: unknown) => {
      const i = this.#slots.indexOf(slot);
      if (i >= 0) this.#slots.splice(i, 1);
      slot.task?.reject(error);
      slot.task = null;
      this.#dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new Error(`analysis worker exited (${code})`)),
    );
    this.#slots.push(slot);
    return slot;
  }
}

let shared: AnalysisPool | undefined;

/**
 * The process's pool: one worker per core, none on a single core (the analysis then runs
 * inline: a lone core gains nothing from a thread).
 */
export function sharedAnalysisPool(): AnalysisPool {
  const cores = availableParallelism();
  shared ??= new AnalysisPool(cores > 1 ? cores : 0);
  return shared;
}
