import { once } from "node:events";
import fs from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dataVersionOf } from "../../lib/db/data-version";
import { startRefresher, type Refresher } from "../../lib/http/refresher";
import { createResponseCache, isShareableRequest, SHARED_CACHE_CONTROL } from "../../lib/http/response-cache";
import { WRITE_MARK_HEADER } from "../../lib/http/write-mark";

// The cache in front of the app (lib/http/response-cache.ts) over a real HTTP server, with a
// real SQLite file's data_version as its version: a write through another connection, as the
// app's Prisma client or an ingest process makes, must be seen by the next request.

type Renderer = (request: IncomingMessage, response: ServerResponse) => void;

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "response-cache-"));
const database = { url: `file:${path.join(folder, "papers.db")}` };
let writer: BetterSqlite3.Database;
let server: Server;
let origin: string;
let renders: string[];
let renderer: Renderer;
let clock: number;

const page: Renderer = (request, response) => {
  const count = writer.prepare("SELECT count(*) FROM note").pluck().get();
  response.setHeader("content-type", "text/html; charset=utf-8");
  response.write(`<p>${request.url} `);
  response.end(`${count} notes ${"x".repeat(5_000)}</p>`);
};

beforeAll(async () => {
  writer = new BetterSqlite3(path.join(folder, "papers.db"));
  writer.exec("CREATE TABLE note (text TEXT)");
  const cache = createResponseCache({ version: dataVersionOf(database.url), now: () => clock, maxBytes: 200_000 });
  server = createServer((request, response) =>
    cache.handle(request, response, () => {
      renders.push(request.url!);
      renderer(request, response);
    }),
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(() => {
  server.close();
  writer.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

beforeEach(() => {
  renders = [];
  renderer = page;
  clock = Date.UTC(2026, 10, 26, 9, 0, 0);
  writer.exec("DELETE FROM note");
});

const get = (address: string, headers: Record<string, string> = {}) => fetch(origin + address, { headers });

describe("the response cache in front of the app", () => {
  it("renders an address once and serves the same bytes after, until a write elsewhere changes the data", async () => {
    const first = await get("/papers/date/2025-12-12");
    const firstBody = await first.text();
    expect(firstBody).toContain("0 notes");
    const second = await get("/papers/date/2025-12-12");
    expect(second.headers.get("x-response-cache")).toBe("hit");
    expect(await second.text()).toBe(firstBody);
    expect(renders).toEqual(["/papers/date/2025-12-12"]);

    writer.prepare("INSERT INTO note VALUES ('an upvote')").run();
    const third = await get("/papers/date/2025-12-12");
    expect(third.headers.get("x-response-cache")).toBeNull();
    expect(await third.text()).toContain("1 notes");
    expect(renders).toHaveLength(2);
  });

  it("renders again when the minute changes (trending moves with time)", async () => {
    await (await get("/")).text();
    await (await get("/")).text();
    clock += 60_000;
    await (await get("/")).text();
    expect(renders).toEqual(["/", "/"]);
  });

  it("keeps each address and query apart", async () => {
    const plain = await (await get("/search?q=diffusion")).text();
    const other = await (await get("/search?q=transformer")).text();
    expect(plain).toContain("/search?q=diffusion");
    expect(other).toContain("/search?q=transformer");
    expect(renders).toHaveLength(2);
  });

  it("serves gzip to a client that accepts it, the same bytes once unpacked, with a Vary for it", async () => {
    const plain = Buffer.from(await (await get("/api/daily_papers")).arrayBuffer());
    // Read through node:http, which (unlike fetch) leaves a gzip body as it came.
    const raw = await rawGet("/api/daily_papers", { "accept-encoding": "gzip" });
    expect(raw.headers["content-encoding"]).toBe("gzip");
    expect(raw.headers.vary).toContain("Accept-Encoding");
    expect(gunzipSync(raw.body).equals(plain)).toBe(true);
    expect(raw.body.length).toBeLessThan(plain.length / 5);
  });

  it("compresses the first answer too, in brotli or gzip as asked, and what it keeps unpacks to the same bytes", async () => {
    for (const [accept, encoding, unpack] of [
      ["gzip, deflate, br", "br", brotliDecompressSync],
      ["gzip;q=1, br;q=0", "gzip", gunzipSync],
    ] as const) {
      // A new version of the data, so the first request renders.
      writer.prepare("INSERT INTO note VALUES ('a vote')").run();
      const first = await rawGet("/papers/trending", { "accept-encoding": accept });
      const hit = await rawGet("/papers/trending", { "accept-encoding": accept });
      const plain = await rawGet("/papers/trending", {});
      expect(first.headers["x-response-cache"]).toBeUndefined();
      expect(hit.headers["x-response-cache"]).toBe("hit");
      for (const answer of [first, hit]) {
        expect(answer.headers["content-encoding"], accept).toBe(encoding);
        expect(answer.headers.vary).toContain("Accept-Encoding");
        expect(unpack(answer.body).equals(plain.body), accept).toBe(true);
        expect(answer.body.length).toBeLessThan(plain.body.length / 5);
      }
      expect(plain.headers["content-encoding"]).toBeUndefined();
    }
    expect(renders).toEqual(["/papers/trending", "/papers/trending"]);
  });

  it("passes a first answer that is not a 200 of text as the app sent it", async () => {
    renderer = (request, response) => {
      response.statusCode = request.url === "/papers/2401.00404" ? 404 : 200;
      response.setHeader("content-type", request.url === "/papers/2401.00404" ? "text/html" : "image/png");
      response.end(Buffer.alloc(2_000, 7));
    };
    for (const address of ["/papers/2401.00404", "/papers/2401.00001"]) {
      const answer = await rawGet(address, { "accept-encoding": "br, gzip" });
      expect(answer.headers["content-encoding"], address).toBeUndefined();
      expect(answer.body.equals(Buffer.alloc(2_000, 7)), address).toBe(true);
    }
  });

  it("answers 304 to a client that has the current copy, and 200 once the data changed", async () => {
    const first = await get("/feed.xml");
    await first.text();
    const etag = (await get("/feed.xml")).headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get("/feed.xml", { "if-none-match": etag })).status).toBe(304);
    writer.prepare("INSERT INTO note VALUES ('an ingest')").run();
    const changed = await get("/feed.xml", { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("1 notes");
  });

  it("renders Next's client navigations, other methods and other addresses every time", async () => {
    const cases: Array<[string, RequestInit]> = [
      ["/", { headers: { rsc: "1" } }],
      ["/?_rsc=x1y2", {}],
      ["/papers/upvoted", {}],
      ["/submit", {}],
      ["/unsubscribe?token=t", {}],
      ["/api/auth/get-session", {}],
      ["/api/viewer?papers=2312.00752", {}],
      ["/api/daily_papers", { method: "POST" }],
    ];
    for (const [address, init] of cases) {
      await (await fetch(origin + address, init)).text();
      await (await fetch(origin + address, init)).text();
    }
    expect(renders).toHaveLength(cases.length * 2);
  });

  it("shares pages and data between readers signed in and out, however their cookies are written", async () => {
    // Each is a session to better-auth's cookie parser, or could be to some future version.
    const cookies = [
      "better-auth.session_token=abc.def",
      "__Secure-better-auth.session_token=abc.def",
      "better-auth.session_token =T",
      " better-auth.session_token=T",
      "a=1;better-auth.session_token=T",
      "theme=dark",
      "",
    ];
    for (const address of ["/papers/trending", "/papers/2312.00752", "/api/daily_papers?limit=5", "/feed.xml", "/papers/2312.00752.md"]) {
      await rawGetText(address, {});
      for (const cookie of cookies) expect((await rawGet(address, { cookie })).headers["x-response-cache"], `${address} ${JSON.stringify(cookie)}`).toBe("hit");
    }
    expect(renders).toHaveLength(5);
  });

  it("renders shared answers without the request's cookies, so nothing personal can get into them", async () => {
    const seen: Array<string | undefined> = [];
    renderer = (request, response) => {
      seen.push(request.headers.cookie);
      response.end(`cookie: ${request.headers.cookie ?? "none"}`);
    };
    for (const address of ["/api/daily_papers?limit=7", "/papers/trending?sort=x"]) {
      const answer = await rawGetText(address, { cookie: "better-auth.session_token=abc.def" });
      expect(answer.text).toBe("cookie: none");
    }
    // Not kept: what is rendered for one request alone sees its cookies.
    await rawGetText("/papers/upvoted", { cookie: "better-auth.session_token=abc.def" });
    expect(seen).toEqual([undefined, undefined, "better-auth.session_token=abc.def"]);
  });

  it("says caches in front may keep a shared answer, the first one too, and nothing else", async () => {
    renderer = (request, response) => {
      response.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
      if (request.url === "/papers/2401.00404") response.statusCode = 404;
      response.end("a page");
    };
    const first = await get("/papers/trending");
    const again = await get("/papers/trending");
    expect(again.headers.get("x-response-cache")).toBe("hit");
    for (const answer of [first, again]) expect(answer.headers.get("cache-control")).toBe(SHARED_CACHE_CONTROL);
    expect((await get("/papers/2401.00404")).headers.get("cache-control")).toContain("no-store");
    expect((await get("/papers/upvoted")).headers.get("cache-control")).toContain("no-store");
  });

  it("keeps no answer that failed or set a cookie", async () => {
    renderer = (request, response) => {
      if (request.url === "/papers/2401.00001") response.setHeader("set-cookie", "seen=1");
      response.statusCode = request.url === "/papers/0000.00000" ? 404 : 200;
      response.end("answer");
    };
    for (const address of ["/papers/2401.00001", "/papers/0000.00000"]) {
      await (await get(address)).text();
      await (await get(address)).text();
    }
    expect(renders).toHaveLength(4);
  });

  it("renders once for ten requests that arrive together for the same address", async () => {
    renderer = (request, response) => setTimeout(() => page(request, response), 50);
    const bodies = await Promise.all(Array.from({ length: 10 }, () => get("/papers/trending").then((response) => response.text())));
    expect(new Set(bodies).size).toBe(1);
    expect(renders).toEqual(["/papers/trending"]);
  });

  it("drops the least recently used answers when the byte budget is full", async () => {
    // Random digits: ~100 KB plain and ~45 KB gzipped each, so the 200 KB budget holds one.
    renderer = (request, response) => response.end(`${request.url} ${crypto.getRandomValues(new Uint8Array(30_000)).join(",")}`);
    for (let index = 0; index < 10; index++) await (await get(`/papers/2401.0000${index}`)).text();
    await (await get("/papers/2401.00009")).text();
    await (await get("/papers/2401.00000")).text();
    expect(renders.filter((address) => address === "/papers/2401.00009")).toHaveLength(1);
    expect(renders.filter((address) => address === "/papers/2401.00000")).toHaveLength(2);
  });

  it("counts long keys and tiny answers against the budget, and caps the number of answers", async () => {
    const cache = createResponseCache({ version: () => 1, maxBytes: 300_000, maxEntries: 50 });
    const tiny = createServer((request, response) => cache.handle(request, response, () => response.end("ok")));
    tiny.listen(0, "127.0.0.1");
    await once(tiny, "listening");
    const port = (tiny.address() as { port: number }).port;
    try {
      const long = "x".repeat(12_000);
      for (let index = 0; index < 200; index++) await (await fetch(`http://127.0.0.1:${port}/api/papers/search?q=&p${index}=${long}`)).text();
      const { entries, bytes } = cache.size();
      expect(bytes).toBeLessThanOrEqual(300_000);
      // Each answer costs its 24 KB key, so the budget, not the entry cap, is what holds here.
      expect(entries).toBeGreaterThan(5);
      expect(entries).toBeLessThan(13);
      for (let index = 0; index < 200; index++) await (await fetch(`http://127.0.0.1:${port}/api/papers/search?q=${index}`)).text();
      expect(cache.size().entries).toBe(50);
    } finally {
      tiny.close();
    }
  });

  it("drops every answer of an earlier data version as soon as a request sees a new one", async () => {
    for (let index = 0; index < 5; index++) await (await get(`/papers/2401.0000${index}`)).text();
    writer.prepare("INSERT INTO note VALUES ('a comment')").run();
    await (await get("/papers/2401.00000")).text();
    // The five old answers are gone, not left to fill the budget until they are evicted.
    await (await get("/papers/2401.00001")).text();
    expect(renders).toHaveLength(7);
  });
});

describe("a page's previous answer, served while it renders again (stale-while-revalidate)", () => {
  // The same cache with `revalidate`, whose background renders go to a loopback listener of
  // their own (lib/http/refresher.ts), as in a worker of the production server.
  let swr: Server;
  let swrOrigin: string;
  let refresher: Refresher;
  let background: string[];

  beforeAll(async () => {
    // Every page, however fast it renders (the default serves only slow pages stale: the last case).
    const cache = createResponseCache({
      version: dataVersionOf(database.url),
      now: () => clock,
      staleAfterRenderMs: 0,
      revalidate: (address) => refresher.revalidate(address),
    });
    refresher = await startRefresher((request, response) =>
      cache.refresher.handle(request, response, () => {
        background.push(request.url!);
        renderer(request, response);
      }),
    );
    swr = createServer((request, response) =>
      cache.handle(request, response, () => {
        renders.push(request.url!);
        renderer(request, response);
      }),
    );
    swr.listen(0, "127.0.0.1");
    await once(swr, "listening");
    swrOrigin = `http://127.0.0.1:${(swr.address() as { port: number }).port}`;
  });
  afterAll(() => {
    swr.close();
    refresher.close();
  });
  beforeEach(() => {
    background = [];
  });

  const swrGet = async (address: string, headers: Record<string, string> = {}) => {
    const response = await fetch(swrOrigin + address, { headers });
    return { how: response.headers.get("x-response-cache"), text: await response.text(), cacheControl: response.headers.get("cache-control") };
  };
  /** The next request once the background render is in. */
  const afterBackground = async (address: string) => {
    await expect.poll(() => background.length).toBeGreaterThan(0);
    await expect.poll(async () => (await swrGet(address)).how).toBe("hit");
    return swrGet(address);
  };

  it("after a write, serves a page's previous answer at once, renders it in the background, and serves the new one next", async () => {
    expect((await swrGet("/papers/month/2025-12")).text).toContain("0 notes");
    writer.prepare("INSERT INTO note VALUES ('an upvote')").run();
    const stale = await swrGet("/papers/month/2025-12");
    expect(stale.how).toBe("stale");
    expect(stale.text).toContain("0 notes");
    expect(stale.cacheControl).toBe(SHARED_CACHE_CONTROL);
    const fresh = await afterBackground("/papers/month/2025-12");
    expect(fresh.text).toContain("1 notes");
    expect(renders).toEqual(["/papers/month/2025-12"]);
    expect(background).toEqual(["/papers/month/2025-12"]);
  });

  it("renders in the background once for ten readers who come together after a write", async () => {
    renderer = (request, response) => setTimeout(() => page(request, response), 100);
    await swrGet("/papers/trending");
    writer.prepare("INSERT INTO note VALUES ('a comment')").run();
    const answers = await Promise.all(Array.from({ length: 10 }, () => swrGet("/papers/trending")));
    expect(answers.map((answer) => answer.how)).toEqual(Array(10).fill("stale"));
    expect((await afterBackground("/papers/trending")).text).toContain("1 notes");
    expect(background).toEqual(["/papers/trending"]);
  });

  it("serves the previous minute's page while it renders again (trending moves with time)", async () => {
    await swrGet("/");
    clock += 60_000;
    expect((await swrGet("/")).how).toBe("stale");
    await afterBackground("/");
    expect(renders).toEqual(["/"]);
  });

  it("shows the browser that wrote its own write: a write mark newer than the page's render makes the request render", async () => {
    await swrGet("/papers/2401.00001");
    const renderedAt = clock;
    clock += 1_000;
    writer.prepare("INSERT INTO note VALUES ('my comment')").run();
    // The time of the browser's write mark, as the server's listener passes it on (lib/http/write-mark.ts).
    const mine = await swrGet("/papers/2401.00001", { [WRITE_MARK_HEADER]: String(clock) });
    expect(mine.how).toBeNull();
    expect(mine.text).toContain("1 notes");
    // A mark from before the page's render was shown that page already.
    writer.prepare("INSERT INTO note VALUES ('another')").run();
    const older = await swrGet("/papers/2401.00001", { [WRITE_MARK_HEADER]: String(renderedAt - 1) });
    expect(older.how).toBe("stale");
    expect(background).toEqual(["/papers/2401.00001"]);
  });

  it("never serves the JSON API, feeds or markdown stale: a script sees a write in its next request", async () => {
    for (const address of ["/api/daily_papers", "/feed.xml", "/papers/2401.00001.md"]) {
      await swrGet(address);
      writer.prepare("INSERT INTO note VALUES ('an ingest')").run();
      const next = await swrGet(address);
      expect(next.how, address).toBeNull();
      expect(next.text, address).toContain(`${writer.prepare("SELECT count(*) FROM note").pluck().get()} notes`);
    }
    expect(background).toEqual([]);
  });

  it("renders in the request when the previous answer is older than five minutes", async () => {
    await swrGet("/search?q=diffusion");
    writer.prepare("INSERT INTO note VALUES ('a vote')").run();
    clock += 5 * 60_000 + 1;
    const next = await swrGet("/search?q=diffusion");
    expect(next.how).toBeNull();
    expect(next.text).toContain("1 notes");
    expect(background).toEqual([]);
  });

  it("keeps serving the previous answer when the background render fails, and tries again on the next request", async () => {
    await swrGet("/papers/week/2025-W50");
    writer.prepare("INSERT INTO note VALUES ('a vote')").run();
    renderer = (_request, response) => {
      response.statusCode = 500;
      response.end("broken");
    };
    expect((await swrGet("/papers/week/2025-W50")).how).toBe("stale");
    await expect.poll(() => background.length).toBe(1);
    await expect.poll(async () => (await swrGet("/papers/week/2025-W50")).text).toContain("0 notes");
    await expect.poll(() => background.length).toBeGreaterThan(1);
    renderer = page;
    expect((await afterBackground("/papers/week/2025-W50")).text).toContain("1 notes");
  });

  it("by default serves stale only a page whose last two renders each took 100 ms or more, and renders a fast one for the next reader", async () => {
    const cache = createResponseCache({ version: dataVersionOf(database.url), revalidate: (address) => own.revalidate(address) });
    const slowly = (request: IncomingMessage, response: ServerResponse) =>
      request.url!.startsWith("/papers/month") ? setTimeout(() => page(request, response), 120) : page(request, response);
    const own = await startRefresher((request, response) => cache.refresher.handle(request, response, () => slowly(request, response)));
    const front = createServer((request, response) => cache.handle(request, response, () => slowly(request, response)));
    front.listen(0, "127.0.0.1");
    await once(front, "listening");
    const at = (address: string) =>
      fetch(`http://127.0.0.1:${(front.address() as { port: number }).port}${address}`).then(async (answer) => ({
        how: answer.headers.get("x-response-cache"),
        text: await answer.text(),
      }));
    const write = () => writer.prepare("INSERT INTO note VALUES ('a vote')").run();
    try {
      // The first slow render alone does not count (it may be a cold start): the second does.
      await at("/papers/month/2025-11");
      write();
      expect((await at("/papers/month/2025-11")).how).toBeNull();
      write();
      expect((await at("/papers/month/2025-11")).how).toBe("stale");
      // A fast page: rendered for the reader after every write.
      for (let round = 0; round < 3; round++) {
        await at("/papers/2401.00001");
        write();
        const next = await at("/papers/2401.00001");
        expect(next.how).toBeNull();
        expect(next.text).toContain(`${writer.prepare("SELECT count(*) FROM note").pluck().get()} notes`);
      }
    } finally {
      front.close();
      own.close();
    }
  });
});

describe("which requests may share an answer", () => {
  const shareable = (url: string, headers: Record<string, string> = {}, method = "GET") => isShareableRequest({ method, url, headers });

  it("accepts the pages, feeds and APIs that show papers", () => {
    for (const url of [
      "/",
      "/?sort=newest",
      "/search?q=a",
      "/papers/date/2025-12-12",
      "/papers/week/2025-W50",
      "/papers/month/2025-12",
      "/papers/trending",
      "/papers/2312.00752",
      "/papers/hep-th/9901001",
      "/papers/2312.00752.md",
      "/feed.xml",
      "/papers/date/2025-12-12/feed.atom",
      "/api/daily_papers?date=2025-12-12",
      "/api/papers?limit=5",
      "/api/papers/search?q=x",
      "/api/papers/2312.00752",
      "/api/papers/hep-th/9901001",
    ]) {
      expect(shareable(url), url).toBe(true);
    }
  });

  it("refuses the viewer's own pages, forms, account routes, the viewer answer and static files, whoever asks", () => {
    for (const url of [
      "/papers/upvoted",
      "/submit",
      "/subscribe",
      "/subscribe/confirm?token=a",
      "/unsubscribe?token=a",
      "/sign-in",
      "/api/auth/session",
      "/api/viewer?papers=a",
      "/api/papers/2312.00752/upvote",
      "/api/papers/hep-th/9901001/hidden",
      "/papers/for-you",
      "/papers/for-you?week=2025-W50",
      "/api/papers/for-you?date=2025-12-12",
      "/api/daily_papers?sort=for-you",
      "/api/daily_papers?date=2025-12-12&sort=for-you&limit=5",
      "/api/unsubscribe",
      "/_next/static/chunks/a.js",
      "/favicon.svg",
    ]) {
      expect(shareable(url), url).toBe(false);
    }
    expect(shareable("/", { "next-router-prefetch": "1" })).toBe(false);
    expect(shareable("/", { "next-router-segment-prefetch": "/_tree" })).toBe(false);
    expect(shareable("/", {}, "HEAD")).toBe(false);
    const signedIn = { cookie: "better-auth.session_token=abc.def" };
    expect(shareable("/papers/2312.00752", signedIn)).toBe(true);
    expect(shareable("/papers/upvoted", signedIn)).toBe(false);
  });
});

/** A GET through node:http, which (unlike fetch) sends a Cookie header exactly as written. */
async function rawGetText(address: string, headers: Record<string, string>): Promise<{ text: string }> {
  const { body } = await rawGet(address, headers);
  return { text: body.toString("utf8") };
}

function rawGet(address: string, headers: Record<string, string>): Promise<{ headers: IncomingMessage["headers"]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(origin + address, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}
