// `npm run bench -- [--papers N] [--db sqlite|postgres] [--out FILE] [--skip-http] [--http-seconds S]`
import path from "node:path";
import { parseArgs } from "node:util";
import { runBenchmark } from "./run";

const { values } = parseArgs({
  options: {
    papers: { type: "string", default: "1000000" },
    db: { type: "string", default: "sqlite" },
    out: { type: "string", default: path.join(import.meta.dirname, "results.json") },
    "skip-http": { type: "boolean", default: false },
    "http-seconds": { type: "string" },
  },
});
const papers = Number(values.papers);
if (!Number.isInteger(papers) || papers < 100) throw new Error(`--papers must be a whole number of at least 100, not ${values.papers}`);
if (values.db !== "sqlite" && values.db !== "postgres") throw new Error(`--db must be sqlite or postgres, not ${values.db}`);

await runBenchmark({
  papers,
  db: values.db,
  out: path.resolve(values.out),
  skipHttp: values["skip-http"],
  httpSeconds: values["http-seconds"] === undefined ? undefined : Number(values["http-seconds"]),
});
