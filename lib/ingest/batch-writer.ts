import type { PaperInput } from "../papers/schema";
import type { BatchPlan, PlanOptions } from "./merge";

export type WriteOptions = PlanOptions & { dryRun?: boolean };

/**
 * Writes one batch of papers in one transaction: looks up the rows they may match, plans the
 * merge (lib/ingest/merge.ts) and writes it, all or nothing. One implementation per database.
 */
export type BatchWriter = {
  /** Papers per transaction that suit this writer. */
  batchSize: number;
  write(papers: PaperInput[], options: WriteOptions): Promise<BatchPlan["counts"]>;
  close(): Promise<void>;
};
