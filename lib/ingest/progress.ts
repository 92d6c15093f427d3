import { SingleBar, Presets } from "cli-progress";
import type { IngestCounts } from "./ingest";

/**
 * Progress of a long ingest on standard error: a bar on a terminal, a plain line every few
 * seconds otherwise (CI logs, pipes), so a multi-GB file never looks stuck.
 */
export function createProgress(stream: NodeJS.WriteStream, { intervalMs = 5_000 } = {}) {
  const started = Date.now();
  let lastLine = started;
  let papers = 0;
  let bar: SingleBar | null = null;
  let stopped = false;

  return {
    bytes(bytes: number, totalBytes: number | null) {
      if (stopped || totalBytes === null || totalBytes < 8 * 1024 * 1024) return; // small files finish at once
      if (stream.isTTY) {
        bar ??= new SingleBar({ stream, format: "{bar} {percentage}% | {papers} papers | {eta_formatted} left", hideCursor: true }, Presets.shades_classic);
        if (!bar.isActive) bar.start(totalBytes, 0, { papers });
        bar.update(bytes, { papers });
      } else if (Date.now() - lastLine >= intervalMs) {
        lastLine = Date.now();
        const seconds = (lastLine - started) / 1000;
        stream.write(`… ${Math.round((100 * bytes) / totalBytes)}% read, ${papers} papers in ${seconds.toFixed(0)} s\n`);
      }
    },
    counts(counts: IngestCounts) {
      papers = counts.read;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}
