import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { addVary, compressAsSent, compressedCopy, preferredEncoding, type Encoding } from "./compression";
import { lastWriteOf } from "./write-mark";

// Rendering a feed page is ~20 ms of React on the server however fast the query; serving the
// same bytes again is ~0.1 ms. So answers that are the same for everyone (the pages, the JSON
// API, RSS/Atom and markdown) are kept as bytes, each served as current for as long as nothing
// is written to the database and the minute (which moves trending) is the same; after that, a
// page's copy stands in while it renders again (createResponseCache says when). They are
// rendered without the request's cookies, so nothing personal can get into them: what differs
// by reader comes from /api/viewer (lib/viewer/viewer.ts), which is never kept.

/** The addresses of data whose answers are the same for everyone. */
const SHARED_DATA_PATHS = [
  // The JSON API, the feeds, a paper's markdown.
  /(^|\/)feed\.(xml|atom)$/,
  /^\/api\/daily_papers$/,
  /^\/api\/papers(\/search)?$/,
  // One paper (old-style ids have a slash); not the upvote and hidden routes under it, nor the reader's own For you.
  /^\/api\/papers\/(?!search$|for-you$)[^/]+(\/(?!upvote$|hidden$)[^/]+)?$/,
  /^\/papers\/.+\.md$/,
];

/** The pages whose answers are the same for everyone; after a change, a page's previous answer may be served while it renders again. */
const SHARED_PAGE_PATHS = [
  /^\/$/,
  /^\/search$/,
  /^\/papers\/(date|week|month)\/[^/]+$/,
  /^\/papers\/trending$/,
  // Paper pages (old-style ids have a slash); not the viewer's own lists, nor markdown.
  /^\/papers\/(?!upvoted$|for-you$|date\/|week\/|month\/)(?!.*\.md$)[^/]+(\/[^/]+)?$/,
];

const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
// What a kept answer costs besides its key, headers and bodies: the Map entry, the object, the
// Buffers' own headers. Counted so that many tiny answers cannot outgrow the budget either.
const ENTRY_OVERHEAD_BYTES = 1_024;

type Answer = {
  /** What keeping it costs, as counted against the budget. */
  cost: number;
  /** The data version and minute it was made at: served as current only while both are. */
  stamp: string;
  /** When its render began: it holds every write committed before. */
  startedAt: number;
  /** Whether it may be served stale while it renders again: a page whose renders are slow. */
  mayBeStale: boolean;
  status: number;
  headers: Record<string, string | number | string[]>;
  body: Buffer;
  /** The body gzipped or in brotli, each made when a client first asks for it. */
  compressed: Partial<Record<Encoding, Promise<Buffer>>>;
  etag: string;
};

export type ResponseCacheOptions = {
  /** The data's version (Store.dataVersion: SQLite's data_version, PostgreSQL's counter row). */
  version: () => number | Promise<number>;
  /** The most bytes all kept answers may take: keys, headers, plain and gzipped bodies, overhead. */
  maxBytes?: number;
  /** The most answers kept, however small. */
  maxEntries?: number;
  /** The most answers being recorded at once (each may buffer up to 2 MB); past it, answers pass through unkept. */
  maxRecording?: number;
  /**
   * Asks the app to render this address again, in the background, through `refresher` (the
   * worker's own internal listener, scripts/serve-app.ts). Given it, a page whose data changed is
   * answered from its previous copy while the new one renders, so no reader waits for a render
   * after a write; without it, every change makes the next request render.
   */
  revalidate?: (address: { url: string; headers: Record<string, string> }) => Promise<unknown>;
  /** How old a page's previous copy may be and still be served while it renders again (5 minutes). */
  maxStaleMs?: number;
  /**
   * Only pages whose last two renders each took at least this long are served stale (100 ms): the
   * month and trending pages at a million papers, which is where waiting hurts. A page that renders
   * faster is rendered for the next reader as before, so a comment or an upvote is in it at once.
   * Two renders, so a cold first render (modules loading) does not count; 0: every page, at once.
   */
  staleAfterRenderMs?: number;
  now?: () => number;
};

export type ResponseCache = {
  /** Answers from memory when it can; otherwise calls `render` and keeps what it sends. */
  handle(request: IncomingMessage, response: ServerResponse, render: () => unknown): void;
  /** What `revalidate` reaches: renders a shared address whatever is kept, and keeps the answer. */
  refresher: Pick<ResponseCache, "handle">;
  /** What it holds now: answers and the bytes counted for them. */
  size(): { entries: number; bytes: number };
};

/**
 * What caches in front may do with a shared answer: keep it (a CDN, nginx) for 5 s and serve it
 * up to 30 s more while they ask again; a browser asks again each time (with the ETag, for a 304)
 * and may keep the page for its back/forward cache.
 */
export const SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";

/** Whether a request's answer is the same as everyone else's who asks for this address now (whoever they are). */
export function isShareableRequest(request: Pick<IncomingMessage, "method" | "url" | "headers">): boolean {
  return shareableKind(request) !== null;
}

/** What kind of shared answer a request asks for, or null for one that is not shared. */
function shareableKind(request: Pick<IncomingMessage, "method" | "url" | "headers">): "page" | "data" | null {
  if (request.method !== "GET" || !request.url) return null;
  const { headers } = request;
  // Next's client-side navigations ask for React payloads, not HTML, at the same address.
  if (headers.rsc || headers["next-action"] || headers["next-router-prefetch"] || headers["next-router-segment-prefetch"]) return null;
  const queryAt = request.url.indexOf("?");
  const pathname = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  // _rsc: a client navigation's payload; sort=for-you: the reader's own order (/api/daily_papers).
  if (queryAt !== -1 && /[?&](_rsc=|sort=for-you(&|$))/.test(request.url.slice(queryAt))) return null;
  if (SHARED_DATA_PATHS.some((pattern) => pattern.test(pathname))) return "data";
  return SHARED_PAGE_PATHS.some((pattern) => pattern.test(pathname)) ? "page" : null;
}

/**
 * Says, on a successful answer the app renders for a shared address, what caches in front may
 * do with it, replacing Next.js's `no-store` for dynamic pages (which also kept pages out of
 * the browser's back/forward cache). Set as the headers go out: Next.js sets its own with
 * setHeader, then flushes them or writes.
 */
function markShared(response: ServerResponse): void {
  const mark = () => {
    if (!response.headersSent && response.statusCode === 200) response.setHeader("cache-control", SHARED_CACHE_CONTROL);
  };
  for (const method of ["flushHeaders", "write", "end"] as const) {
    const original = response[method].bind(response) as (...args: unknown[]) => unknown;
    (response as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => (mark(), original(...args));
  }
}

// Headers that describe one transfer, not the answer.
const TRANSFER_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date", "etag"]);

/** Sends a kept answer: 304 to a client that has it, else in the encoding it asks for (`copy` makes or finds that copy). */
function send(
  request: IncomingMessage,
  response: ServerResponse,
  answer: Answer,
  copy: (encoding: Encoding) => Promise<Buffer>,
  how: "hit" | "stale" = "hit",
): void {
  if (request.headers["if-none-match"] === answer.etag) {
    response.writeHead(304, { etag: answer.etag, vary: answer.headers.vary as string });
    response.end();
    return;
  }
  const write = (body: Buffer, encoding: Encoding | null) => {
    response.writeHead(answer.status, {
      ...answer.headers,
      etag: answer.etag,
      "content-length": body.length,
      ...(encoding ? { "content-encoding": encoding } : {}),
      "x-response-cache": how,
    });
    response.end(body);
  };
  const encoding = preferredEncoding(request.headers["accept-encoding"]);
  if (!encoding) return write(answer.body, null);
  copy(encoding).then(
    (body) => write(body, encoding),
    () => write(answer.body, null),
  );
}

/**
 * Lets `render` answer while keeping a copy of every byte it sends; resolves to the answer when
 * it was a complete 200 that sets no cookie, else null. The app is asked for the whole plain body
 * (no Accept-Encoding, no If-None-Match); the client still gets it compressed as it asked.
 */
function recordAnswer(
  request: IncomingMessage,
  response: ServerResponse,
  render: () => unknown,
  made: Pick<Answer, "stamp" | "startedAt">,
): Promise<{ answer: Answer; renderMs: number } | null> {
  const renderStart = performance.now();
  const encoding = preferredEncoding(request.headers["accept-encoding"]);
  delete request.headers["accept-encoding"];
  delete request.headers["if-none-match"];
  if (encoding) compressAsSent(response, encoding);
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size <= MAX_ANSWER_BYTES) chunks.push(buffer);
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((...args: unknown[]) => (keep(args[0], args[1]), write(...args))) as ServerResponse["write"];
  response.end = ((...args: unknown[]) => (keep(args[0], args[1]), end(...args))) as ServerResponse["end"];

  const recorded = new Promise<{ answer: Answer; renderMs: number } | null>((resolve) => {
    response.once("close", () => {
      const headers = response.getHeaders();
      if (!response.writableFinished || response.statusCode !== 200 || headers["set-cookie"] || size > MAX_ANSWER_BYTES) return resolve(null);
      const kept: Answer["headers"] = {};
      for (const [name, value] of Object.entries(headers)) if (value !== undefined && !TRANSFER_HEADERS.has(name)) kept[name] = value;
      kept.vary = addVary(kept.vary, "Accept-Encoding");
      const body = Buffer.concat(chunks);
      const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"`;
      const cost = ENTRY_OVERHEAD_BYTES + JSON.stringify(kept).length + body.length;
      resolve({
        answer: { cost, ...made, mayBeStale: false, status: 200, headers: kept, body, compressed: {}, etag },
        renderMs: performance.now() - renderStart,
      });
    });
  });
  render();
  return recorded;
}

/** What the cache keys an answer by: the address the client used (links in feeds are absolute). */
function keyOf(request: IncomingMessage): string {
  // The server in front (scripts/serve-app.ts) drops forwarded headers from untrusted peers.
  const host = request.headers["x-forwarded-host"] ?? request.headers.host ?? "";
  return `${request.headers["x-forwarded-proto"] ?? "http"}://${host}${request.url}`;
}

/** The headers that make a background render of this request's address answer for the same key. */
function addressHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ["host", "x-forwarded-host", "x-forwarded-proto"]) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  return headers;
}

/**
 * A cache of whole HTTP answers in front of the app, for requests `isShareableRequest` accepts,
 * each rendered without the request's cookies.
 * An answer is served as current only while the data version and the minute are the ones it was
 * made at, so an upvote, a comment or an ingest (from any process) is in the next answer of the
 * JSON API, the feeds and markdown. A page whose renders are slow (`staleAfterRenderMs`) is
 * different when `revalidate` is given: its previous
 * answer (`x-response-cache: stale`) is served while the app renders it again in the background,
 * once per address at a time, so no reader waits for a render after a write. The viewer answer
 * carries the upvote counts of the page's papers as they are now, so a vote still shows on the
 * next request. Two cases render in the request instead, as without `revalidate`: a previous
 * answer older than `maxStaleMs`, and a browser that wrote since that answer's render began
 * (lib/http/write-mark.ts), which sees its own write. Everything else of an earlier version or
 * minute is dropped as soon as a request sees a new one.
 * Concurrent misses for one address wait for a single render. Memory is bounded whatever the
 * requests: each answer counts its key, headers, bodies and overhead against `maxBytes`, at most
 * `maxEntries` are kept and `maxRecording` recorded (or revalidated) at once, oldest-used first out.
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const maxEntries = options.maxEntries ?? 2_000;
  const maxRecording = options.maxRecording ?? 32;
  const maxStaleMs = options.maxStaleMs ?? 5 * 60_000;
  const staleAfterRenderMs = options.staleAfterRenderMs ?? 100;
  const now = options.now ?? Date.now;
  const answers = new Map<string, Answer>();
  const rendering = new Map<string, Promise<Answer | null>>();
  const revalidating = new Set<string>();
  // The last render time of the latest 2,000 addresses rendered, by a hash of the address (a flood of 16 KB addresses costs 27 bytes each).
  const renderTimes = new Map<string, number>();
  let bytes = 0;
  let currentStamp = "";

  // A key is a URL of up to Node's 16 KB header limit, held as a JS string: two bytes a character.
  const costOf = (key: string, answer: Answer) => answer.cost + key.length * 2;
  const forget = (key: string) => {
    const answer = answers.get(key);
    if (!answer) return;
    answers.delete(key);
    bytes -= costOf(key, answer);
  };
  const evictOverBudget = () => {
    for (const oldest of answers.keys()) {
      if (bytes <= maxBytes && answers.size <= maxEntries) break;
      forget(oldest);
    }
  };
  /** A finished render's answer, marked as one that may be served stale when it is a page that renders slowly (staleAfterRenderMs). */
  const made = (key: string, page: boolean, result: { answer: Answer; renderMs: number }): Answer => {
    const hash = createHash("sha1").update(key).digest("base64url");
    const previous = renderTimes.get(hash);
    renderTimes.delete(hash);
    renderTimes.set(hash, result.renderMs);
    if (renderTimes.size > 2_000) renderTimes.delete(renderTimes.keys().next().value!);
    const slow = staleAfterRenderMs === 0 || (previous !== undefined && Math.min(previous, result.renderMs) >= staleAfterRenderMs);
    result.answer.mayBeStale = Boolean(options.revalidate) && page && slow;
    return result.answer;
  };
  const mayBeStale = (answer: Answer) => answer.mayBeStale;
  /** Keeps a finished render, unless it can never be served or a later render's answer is kept already. */
  const keep = (key: string, answer: Answer) => {
    const kept = answers.get(key);
    if ((kept && kept.startedAt > answer.startedAt) || costOf(key, answer) > maxBytes) return;
    if (answer.stamp !== currentStamp && !mayBeStale(answer)) return;
    forget(key);
    answers.set(key, answer);
    bytes += costOf(key, answer);
    evictOverBudget();
  };
  // A compressed copy counts against the budget from when it is made, while its answer is kept.
  const copyOf = (key: string, answer: Answer) => (encoding: Encoding) =>
    (answer.compressed[encoding] ??= compressedCopy(answer.body, encoding).then((copy) => {
      if (answers.get(key) === answer) {
        answer.cost += copy.length;
        bytes += copy.length;
        evictOverBudget();
      }
      return copy;
    }));
  /** The stamp of an answer made now, at this data version; what can no longer be served at all is dropped once it changes. */
  const stampAt = (version: number, at: number) => {
    const stamp = `${version}:${Math.floor(at / 60_000)}`;
    if (stamp !== currentStamp) {
      currentStamp = stamp;
      for (const [key, answer] of answers) if (!mayBeStale(answer)) forget(key);
    }
    return stamp;
  };
  /** Reads the data version (PostgreSQL's is a query away), then goes on; one that cannot be read means nothing may come from memory. */
  const atVersion = (render: () => unknown, then: (version: number) => void) => {
    const version = options.version();
    if (version instanceof Promise) return void version.then(then, () => render());
    then(version);
  };
  /** Takes a shared request's cookies away (so its answer cannot depend on who asked) and marks its answer shared. */
  const asShared = (request: IncomingMessage, response: ServerResponse) => {
    delete request.headers.cookie;
    markShared(response);
  };

  return {
    handle(request, response, render) {
      const kind = shareableKind(request);
      if (!kind) return void render();
      const wroteAt = lastWriteOf(request.headers);
      asShared(request, response);
      atVersion(render, (version) => serve(request, response, render, { page: kind === "page", wroteAt, version }));
    },
    refresher: {
      handle(request, response, render) {
        const kind = shareableKind(request);
        if (!kind) return void render();
        asShared(request, response);
        atVersion(render, (version) => {
          const startedAt = now();
          const key = keyOf(request);
          void recordAnswer(request, response, render, { stamp: stampAt(version, startedAt), startedAt }).then(
            (result) => result && keep(key, made(key, kind === "page", result)),
          );
        });
      },
    },
    size: () => ({ entries: answers.size, bytes }),
  };

  function serve(
    request: IncomingMessage,
    response: ServerResponse,
    render: () => unknown,
    asked: { page: boolean; wroteAt: number | null; version: number },
  ): void {
    const startedAt = now();
    const stamp = stampAt(asked.version, startedAt);
    const key = keyOf(request);
    const kept = answers.get(key);
    if (kept && kept.stamp === stamp) {
      answers.delete(key);
      answers.set(key, kept);
      return send(request, response, kept, copyOf(key, kept));
    }
    if (kept && startedAt - kept.startedAt <= maxStaleMs && (asked.wroteAt === null || asked.wroteAt < kept.startedAt) && mayBeStale(kept)) {
      send(request, response, kept, copyOf(key, kept), "stale");
      return revalidate(key, request);
    }
    const inFlight = rendering.get(`${stamp} ${key}`);
    if (inFlight) {
      void inFlight.then((answer) => (answer ? send(request, response, answer, copyOf(key, answer)) : render()));
      return;
    }
    if (rendering.size + revalidating.size >= maxRecording) return void render();
    const recorded = recordAnswer(request, response, render, { stamp, startedAt }).then((result) => result && made(key, asked.page, result));
    rendering.set(`${stamp} ${key}`, recorded);
    void recorded.then((answer) => {
      rendering.delete(`${stamp} ${key}`);
      if (answer) keep(key, answer);
    });
  }

  /** Has the app render this address again in the background, unless it is already, or too much is being rendered. */
  function revalidate(key: string, request: IncomingMessage): void {
    if (revalidating.has(key) || rendering.size + revalidating.size >= maxRecording) return;
    revalidating.add(key);
    void options.revalidate!({ url: request.url!, headers: addressHeaders(request) })
      // A render that fails leaves the previous answer kept; the next reader's request asks again.
      .catch(() => {})
      .finally(() => revalidating.delete(key));
  }
}
