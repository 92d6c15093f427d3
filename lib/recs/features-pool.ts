import os from "node:os";
import { Piscina } from "piscina";

// Making features costs a large ingest about as much as writing the papers (stemming a corpus's
// long tail of words), and an ingest runs on one core. So a large ingest makes each batch's
// features in worker threads while the previous batch is written (lib/ingest/ingest.ts). Piscina
// keeps the threads: it starts them, queues the work and passes a thread's failure on.

export type FeaturesPool = {
  /** Each paper's features, as featuresOf(title, abstract) makes them, in order. */
  featuresOf(papers: ReadonlyArray<{ title: string; abstract: string }>): Promise<string[]>;
  close(): Promise<void>;
};

/** The cores beside the one that writes, at most four. */
const THREADS = Math.min(4, Math.max(1, os.availableParallelism() - 1));

export function startFeaturesPool(): FeaturesPool {
  const pool = new Piscina({ filename: new URL("./features-worker.mjs", import.meta.url).href, minThreads: THREADS, maxThreads: THREADS });
  return {
    async featuresOf(papers) {
      // One slice per thread; only the text crosses to the thread.
      const size = Math.ceil(papers.length / THREADS);
      const slices: Array<Array<{ title: string; abstract: string }>> = [];
      for (let start = 0; start < papers.length; start += size)
        slices.push(papers.slice(start, start + size).map((paper) => ({ title: paper.title, abstract: paper.abstract })));
      return (await Promise.all(slices.map((slice) => pool.run(slice) as Promise<string[]>))).flat();
    },
    close: () => pool.destroy(),
  };
}
