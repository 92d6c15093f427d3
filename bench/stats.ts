/** Nearest-rank percentile (p in 0..100) of unsorted numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export type Latencies = { p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number };

export function latencies(values: number[]): Latencies {
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    p50Ms: round(percentile(values, 50)),
    p95Ms: round(percentile(values, 95)),
    p99Ms: round(percentile(values, 99)),
    maxMs: round(Math.max(...values)),
  };
}

/** Milliseconds a call takes. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}
