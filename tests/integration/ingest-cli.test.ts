import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../lib/db/database";
import { SAMPLE_FILE } from "../../prisma/seed";
import { fixturePath } from "../support/fixtures";

const root = path.join(import.meta.dirname, "..", "..");
let folder: string;
let databaseUrl: string;

/** Runs `npm run ingest -- ...args` as a person would, on this suite's SQLite file. */
function ingest(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["lib/ingest/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdin.end(stdin ?? "");
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const paperCount = async () => {
  const db = openDatabase(databaseUrl);
  try {
    return await db.prisma.paper.count();
  } finally {
    await db.close();
  }
};

let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-cli-"));
  databaseUrl = `file:${path.join(folder, "nested", "papers.db")}`;
  // A stand-in web server: the fixture at /papers.json, a 404 elsewhere.
  server = http.createServer((request, response) => {
    if (request.url === "/papers.json") fs.createReadStream(fixturePath("hf-daily-papers.json")).pipe(response);
    else response.writeHead(404).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("npm run ingest", () => {
  it("creates the database on first use, ingests the page, then says nothing changed", async () => {
    const first = await ingest([SAMPLE_FILE, "--json"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout.trim().split("\n").at(-1)!)).toEqual({
      format: "hf-page-text",
      read: 37,
      inserted: 37,
      updated: 0,
      unchanged: 0,
      rejected: [],
      assumedYear: 2025,
    });
    const second = await ingest([SAMPLE_FILE]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Nothing changed: all 37 paper(s) were already up to date.");
    expect(second.stdout).toContain("Dates without a year were taken as 2025");
  });

  it("reads standard input and URLs", async () => {
    const fromStdin = await ingest(["-", "--json"], fs.readFileSync(fixturePath("arxiv-atom.xml"), "utf8"));
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ format: "arxiv-atom", inserted: 4 });
    const fromUrl = await ingest([`${baseUrl}/papers.json`, "--json"]);
    expect(JSON.parse(fromUrl.stdout)).toMatchObject({ format: "hf-daily-json", inserted: 4 });
    expect(await paperCount()).toBe(45);
  });

  it("lists rejected records with their place and reason and exits 0", async () => {
    const result = await ingest([fixturePath("papers-rss-malformed.xml")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("rejected item 2: title is missing");
    expect(result.stdout).toContain("rejected item 3: publishedAt is not a valid date");
  });

  it("writes nothing on --dry-run", async () => {
    const before = await paperCount();
    const result = await ingest([fixturePath("arxiv-snapshot.jsonl"), "--dry-run"]);
    expect(result.stdout).toMatch(/^Dry run: would ingest 6 record\(s\) as arxiv-jsonl/);
    expect(await paperCount()).toBe(before);
  });

  it.each([
    [["/no/such/file.json"], 1, "No such file: /no/such/file.json"],
    [[fixturePath("not-xml.xml")], 1, "is not well-formed XML: it ends with <summary> still open"],
    [[fixturePath("README.md")], 1, "Cannot tell the format of"],
    [[fixturePath("hf-paper.json"), "--format", "arxiv-atom"], 1, "hf-paper.json is JSON, not an arXiv Atom response"],
    [["nope-url"], 1, "No such file"],
    [[], 2, "Name a file, a URL or - (standard input)."],
    [[SAMPLE_FILE, "--as-of", "2025-02-30"], 2, "--as-of 2025-02-30 is not a day written YYYY-MM-DD."],
    [[SAMPLE_FILE, "--format", "pdf"], 2, "--format pdf is not one of"],
    [[SAMPLE_FILE, "--bogus"], 2, "Unknown option '--bogus'"],
  ])("%j exits %i saying %s, changing nothing", async (args, code, message) => {
    const before = await paperCount();
    const result = await ingest(args);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(await paperCount()).toBe(before);
  });

  it("reports an HTTP error from a URL", async () => {
    const result = await ingest([`${baseUrl}/missing.json`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("HTTP 404");
  });
});
