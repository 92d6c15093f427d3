import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { scheduleSync, type SyncSchedule } from "../../lib/sync/schedule";

let schedule: SyncSchedule | undefined;
afterEach(() => schedule?.stop());

// A stand-in for the sync command: notes when it starts and ends, takes 300 ms, and fails its second run.
const RUN = `
const fs = require("node:fs");
const file = process.argv[1];
const runs = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\\n").filter(Boolean).length / 2 : 0;
fs.appendFileSync(file, "start " + Date.now() + "\\n");
console.log("run " + (runs + 1));
setTimeout(() => { fs.appendFileSync(file, "end " + Date.now() + "\\n"); process.exit(runs === 1 ? 1 : 0); }, 300);
`;

it("runs the command on its schedule in a child process, never two at once, and logs what it said", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-schedule-")), "runs.log");
  const lines: string[] = [];
  schedule = scheduleSync({ command: [process.execPath, "-e", RUN, file], everyMs: 200, firstDelayMs: 20, log: (line) => lines.push(line) });
  await expect
    .poll(() => (fs.existsSync(file) ? (fs.readFileSync(file, "utf8").match(/end/g)?.length ?? 0) : 0), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(3);
  schedule.stop();
  const events = fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(" ")[0]);
  // start, end, start, end…: a run due while one is going is skipped, not started beside it.
  for (let index = 0; index < events.length; index++) expect(events[index]).toBe(index % 2 === 0 ? "start" : "end");
  expect(lines).toContain("sync: run 1");
  expect(lines).toContain("sync: the previous run is still going; this turn is skipped.");
  expect(lines).toContain("sync: ended with exit code 1; the next run tries again.");
});
