// `npm start`: prepare the database, build the app if the build is missing or older than the
// sources, then serve it on PORT (default 3000).
import { spawn } from "node:child_process";
import path from "node:path";
import { readEnv } from "../lib/env";
import { ensureBuild, NEXT_BIN } from "./build";
import { prepareDatabase } from "./prepare-database";

const root = path.join(import.meta.dirname, "..");
const env = readEnv();
await prepareDatabase(env.DATABASE_URL);

if (!ensureBuild()) process.exit(1);

const server = spawn(NEXT_BIN, ["start", "--port", String(env.PORT)], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
