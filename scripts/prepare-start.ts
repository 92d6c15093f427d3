// `npm start`'s first step (run by scripts/start.mjs in a child process): bring the database up
// to date, load the sample papers into an empty one, and build the app when the build is missing
// or older than the sources.
import { readEnv } from "../lib/env";
import { ensureBuild } from "./build";
import { prepareDatabase } from "./prepare-database";

await prepareDatabase(readEnv().DATABASE_URL);
if (!(await ensureBuild())) process.exit(1);
