// The search worker (lib/db/sqlite/search-worker.ts) as a worker thread under tsx, for tests:
// on Node.js 20 `new Worker(file, { execArgv: ["--import", "tsx"] })` does not apply tsx's hooks
// to the worker's own entry (ERR_UNKNOWN_FILE_EXTENSION ".ts"), so this plain module registers
// them and then imports the TypeScript entry.
import { register } from "tsx/esm/api";

register();
await import("../../lib/db/sqlite/search-worker.ts");
