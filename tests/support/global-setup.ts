import type { TestProject } from "vitest/node";
import { readEnv } from "../../lib/env";
import { findPostgresBinaries, startThrowawayPostgres } from "./throwaway-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server for this run, or "" when there is none. */
    postgresUrl: string;
  }
}

/**
 * Finds PostgreSQL for the integration tests: TEST_POSTGRES_URL, else a throwaway cluster from
 * the machine's binaries. Without either the PostgreSQL suites are skipped with a notice, except
 * under CI=true, where that is a failure.
 */
export default async function setup(project: TestProject) {
  const env = readEnv();
  if (env.TEST_POSTGRES_URL) {
    project.provide("postgresUrl", env.TEST_POSTGRES_URL);
    return;
  }
  const binDir = findPostgresBinaries();
  if (!binDir) {
    const message = "No PostgreSQL: set TEST_POSTGRES_URL or install the server binaries (apt-get install postgresql).";
    if (env.CI) throw new Error(`${message} CI=true does not allow skipping the PostgreSQL suites.`);
    console.warn(`\n⚠ ${message} The PostgreSQL integration tests are SKIPPED.\n`);
    project.provide("postgresUrl", "");
    return;
  }
  const server = await startThrowawayPostgres(binDir);
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
