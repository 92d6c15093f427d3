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

/** Chunks sent to a thread at most (an ingest has two batches' worth in flight: ~20). */
const MAX_CHUNKS_WAITING = 64;
/** The cores beside the one that writes, at most four. */
const THREADS = Math.min(4, Math.max(1, os.availableParallelism() - 1));

export function startFeaturesPool(): FeaturesPool {
  const pool = new Piscina({
    filename: new URL("./features-worker.mjs", import.meta.url).href,
    minThreads: THREADS,
    maxThreads: THREADS,
    // Every chunk goes to a thread as soon as it is sent, to wait there: by default a thread is
    // given its next chunk only when the main thread takes back its last one, and the main thread
    // is busy for seconds writing a batch (SQLite writes are synchronous), so the threads sat idle
    // then. A thread makes its chunks one after another either way.
    concurrentTasksPerWorker: MAX_CHUNKS_WAITING,
    // With Atomics a thread handed back its answers only once it had no chunk left, so a batch
    // waited seconds for features long made (measured: 4.4 s of a 100k-paper ingest's first write).
    atomics: "disabled",
  });
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
