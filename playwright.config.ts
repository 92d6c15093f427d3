import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { readEnv } from "./lib/env";
import { E2E_APP_PORT, E2E_ARXIV_PORT, E2E_AUTH_SECRET, E2E_DATABASE_URL, E2E_SMTP_PORT } from "./tests/e2e/servers";

// Debian's Chromium: Playwright's own browser download cannot work on these machines.
export const CHROMIUM = "/usr/bin/chromium";
const PORT = E2E_APP_PORT;
const env = readEnv();

if (!fs.existsSync(CHROMIUM)) {
  const message = `No Chromium at ${CHROMIUM} (apt-get install -y chromium).`;
  if (env.CI) throw new Error(`${message} CI=true does not allow skipping the browser tests.`);
  console.warn(`\n⚠ ${message} The browser tests are SKIPPED.\n`);
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 30_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // A fresh SQLite database with the sample and a few fixture days, then `npm start`'s path.
    command: "tsx tests/e2e/prepare-database.ts && node scripts/start.mjs",
    url: `http://127.0.0.1:${PORT}/api/papers?limit=1`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_URL: E2E_DATABASE_URL,
      // The browser contexts stand for separate readers by X-Forwarded-For (tests/e2e/support.ts),
      // as a proxy on this machine would say; rate limits then count each reader apart.
      TRUSTED_PROXIES: "loopback",
      BETTER_AUTH_SECRET: E2E_AUTH_SECRET,
      APP_URL: `http://127.0.0.1:${PORT}`,
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      ARXIV_API_URL: `http://127.0.0.1:${E2E_ARXIV_PORT}/api/query`,
      ARXIV_TIMEOUT_MS: "3000",
    },
  },
});
