import type { Database } from "../lib/db/database";
import { ingestFromSource } from "../lib/ingest/run";
import { rawInsertSeconds } from "./raw-insert";
import { timed } from "./stats";

export type IngestFigures = {
  papersPerSec: number;
  /** The same ingest into an empty database without the papers' features (For you's): what making them costs. */
  withoutFeaturesPapersPerSec: number;
  rawPapersPerSec: number;
  reingestPapersPerSec: number;
  seconds: number;
  rawSeconds: number;
  reingestSeconds: number;
  inserted: number;
  unchangedOnReingest: number;
  /** The benchmark process's peak resident memory by the end of the first ingest (it streams). */
  peakRssBytes: number;
};

const perSecond = (papers: number, seconds: number) => Math.round(papers / seconds);

/**
 * The ingest as `npm run ingest -- FILE` runs it (lib/ingest/run.ts: read, parse, merge, write,
 * refresh the search vocabulary) until the papers are searchable; the same file again (nothing
 * changes); then the raw limit.
 */
export async function measureIngest(
  db: Database,
  options: { file: string; papers: number; workFolder: string; withoutFeatures: () => Promise<number> },
): Promise<IngestFigures> {
  const withoutFeaturesSeconds = await options.withoutFeatures();
  const first = await timed(() => ingestFromSource(db, { source: options.file }));
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const again = await timed(() => ingestFromSource(db, { source: options.file }));
  const rawSeconds = await rawInsertSeconds(db, options);
  if (first.value.inserted !== options.papers)
    throw new Error(`The ingest inserted ${first.value.inserted} of ${options.papers} papers: ${JSON.stringify(first.value.rejected.slice(0, 3))}`);
  return {
    papersPerSec: perSecond(options.papers, first.ms / 1000),
    withoutFeaturesPapersPerSec: perSecond(options.papers, withoutFeaturesSeconds),
    rawPapersPerSec: perSecond(options.papers, rawSeconds),
    reingestPapersPerSec: perSecond(options.papers, again.ms / 1000),
    seconds: first.ms / 1000,
    rawSeconds,
    reingestSeconds: again.ms / 1000,
    inserted: first.value.inserted,
    unchangedOnReingest: again.value.unchanged,
    peakRssBytes,
  };
}
