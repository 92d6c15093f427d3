import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fixturePath, readFixture } from "./fixtures";

/** A way one answer goes wrong, for the requests `match` picks, `times` times (Infinity: until removed). */
export type Fault = {
  match: (url: URL) => boolean;
  kind: "503" | "429" | "cut-off" | "slow" | "not-json";
  times: number;
  /** The Retry-After of a 429 (default 1) or a 503 (none unless given), in seconds. */
  retryAfter?: number;
  /** How long a slow answer takes. */
  delayMs?: number;
};

export type SyncStandIn = {
  /** Hugging Face's base address (…/api/daily_papers is under it) and arXiv's API address. */
  hfUrl: string;
  arxivUrl: string;
  /** Every request, in arrival order, with when it arrived (ms since the epoch) and on which server. */
  requests: Array<{ at: number; server: "hf" | "arxiv"; url: URL }>;
  faults: Fault[];
  /** Hugging Face's daily list by day; a test may change it between runs (grown upvotes, a new paper). */
  days: Map<string, HfEntry[]>;
  stop(): Promise<void>;
};

type HfEntry = { paper: { id: string; upvotes: number; title: string; [key: string]: unknown }; publishedAt: string; [key: string]: unknown };

// The recorded answer of GET https://huggingface.co/api/daily_papers?date=2024-10-25 (4 papers,
// tests/fixtures/ingest/README.md). The other days are that recording with other ids, titles and
// days put in: the shape is Hugging Face's, the papers are made up.
const RECORDED_DAY = "2024-10-25";
const RECORDED: HfEntry[] = JSON.parse(readFixture("hf-daily-papers.json"));

/** The recorded entry `index` as a paper of another day, with its own id and title. */
export function hfEntry(day: string, index: number, id: string): HfEntry {
  const entry = structuredClone(RECORDED[index % RECORDED.length]!);
  entry.paper.id = id;
  entry.paper.title = `Synced paper ${id}`;
  entry.title = entry.paper.title;
  entry.publishedAt = `${day}T00:00:00.000Z`;
  entry.paper.submittedOnDailyAt = entry.publishedAt;
  return entry;
}

/** Several days of Hugging Face's list: none on the 23rd, 2 papers on the 24th, the recorded 4 on the 25th, 1 on the 26th. */
export function sampleHfDays(): Map<string, HfEntry[]> {
  return new Map([
    ["2024-10-23", []],
    ["2024-10-24", [hfEntry("2024-10-24", 0, "2410.90001"), hfEntry("2024-10-24", 1, "2410.90002")]],
    [RECORDED_DAY, structuredClone(RECORDED)],
    ["2024-10-26", [hfEntry("2024-10-26", 2, "2410.90003")]],
  ]);
}

// arXiv: the recorded classic API answer's entries (4 real papers), served newest first in pages
// as a cat: query would be, with opensearch totals for the slice.
const ATOM = fs.readFileSync(fixturePath("arxiv-atom.xml"), "utf8");
const ATOM_ENTRIES = [...ATOM.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((match) => match[0]).sort((a, b) => published(b).localeCompare(published(a)));
const ATOM_HEAD = ATOM.slice(0, ATOM.indexOf("<opensearch:totalResults"));

function published(entry: string): string {
  return /<published>([^<]+)</.exec(entry)?.[1] ?? "";
}

function arxivPage(url: URL): string {
  const start = Number(url.searchParams.get("start") ?? 0);
  const size = Number(url.searchParams.get("max_results") ?? 10);
  const entries = ATOM_ENTRIES.slice(start, start + size);
  return `${ATOM_HEAD}<opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${ATOM_ENTRIES.length}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${size}</opensearch:itemsPerPage>
  ${entries.join("\n  ")}
</feed>
`;
}

function hfPage(standIn: SyncStandIn, url: URL): string {
  const entries = standIn.days.get(url.searchParams.get("date") ?? "") ?? [];
  const page = Number(url.searchParams.get("p") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? 50);
  return JSON.stringify(entries.slice(page * limit, (page + 1) * limit));
}

/** Local servers in place of huggingface.co and export.arxiv.org, answering from recordings, failing as told. */
export async function startSyncStandIn(): Promise<SyncStandIn> {
  const standIn: SyncStandIn = { hfUrl: "", arxivUrl: "", requests: [], faults: [], days: sampleHfDays(), stop: async () => {} };
  const serve = (server: "hf" | "arxiv") =>
    http.createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://stand-in");
      standIn.requests.push({ at: Date.now(), server, url });
      const body = server === "hf" ? hfPage(standIn, url) : arxivPage(url);
      const type = { "content-type": server === "hf" ? "application/json" : "application/atom+xml; charset=utf-8" };
      const fault = standIn.faults.find((candidate) => candidate.times > 0 && candidate.match(url));
      if (fault) fault.times--;
      switch (fault?.kind) {
        case "503":
          return response
            .writeHead(503, { "content-type": "text/plain", ...(fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) }) })
            .end("Service Unavailable");
        case "429":
          return response.writeHead(429, { "content-type": "text/plain", "retry-after": String(fault.retryAfter ?? 1) }).end("Too Many Requests");
        case "not-json":
          return response.writeHead(200, { "content-type": "text/html" }).end("<html><body>Maintenance</body></html>");
        case "cut-off":
          response.writeHead(200, { ...type, "content-length": String(Buffer.byteLength(body)) }).write(body.slice(0, body.length / 2));
          return response.destroy();
        case "slow":
          setTimeout(() => response.writeHead(200, type).end(body), fault.delayMs ?? 5_000).unref();
          return;
        default:
          response.writeHead(200, { ...type, "content-length": String(Buffer.byteLength(body)) }).end(body);
      }
    });
  const servers = [serve("hf"), serve("arxiv")];
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
  const [hf, arxiv] = servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  standIn.hfUrl = hf!;
  standIn.arxivUrl = `${arxiv}/api/query`;
  standIn.stop = async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  };
  return standIn;
}
