import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppListener } from "../../lib/http/app-listener";
import { proxyTrust } from "../../lib/http/client-address";
import type { DirectRoutes } from "../../lib/http/direct-routes";
import { SMALL_BODY_BYTES } from "../../lib/http/request-limits";
import { createResponseCache } from "../../lib/http/response-cache";
import { WRITE_MARK_COOKIE, WRITE_MARK_HEADER } from "../../lib/http/write-mark";

// The production server's request listener over a real HTTP server, with an app that fails in
// every way an app can: one request's failure must be that request's 500 and nothing more.

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<unknown>;
const saysWhatReachedTheApp: Handler = async (request, response) => void response.end(`app: ${request.method} ${request.url}`);
const routes: Record<string, Handler> = {
  // What reaches the app at the direct routes' addresses (they answer GET and HEAD of exactly "/direct").
  "/direct": saysWhatReachedTheApp,
  "/direct/more": saysWhatReachedTheApp,
  "/directly": saysWhatReachedTheApp,
  "/ok": async (_request, response) => void response.end("fine"),
  "/cookies": async (request, response) =>
    void response.end(JSON.stringify({ cookie: request.headers.cookie ?? null, wroteAt: request.headers[WRITE_MARK_HEADER] ?? null })),
  // Sets cookies of its own, once with setHeader and once in writeHead's headers.
  "/signs-in": async (_request, response) => {
    response.setHeader("set-cookie", "session=s; Path=/");
    response.end("signed in");
  },
  "/signs-in-at-once": async (_request, response) => void response.writeHead(200, { "Set-Cookie": ["a=1", "b=2"] }).end("ok"),
  "/throws": () => {
    throw new Error("thrown while handling");
  },
  "/rejects": async () => {
    throw new TypeError("rejected while handling");
  },
  "/half": async (_request, response) => {
    response.writeHead(200);
    response.write("the start of an answer");
    throw new Error("failed half way");
  },
  "/whoami": async (request, response) => {
    const { headers } = request;
    response.end(
      JSON.stringify({
        address: headers["x-daily-papers-client-ip"],
        forwardedFor: headers["x-forwarded-for"] ?? null,
        forwardedHost: headers["x-forwarded-host"] ?? null,
      }),
    );
  },
  "/echo": async (request, response) => {
    let size = 0;
    for await (const chunk of request) size += (chunk as Buffer).length;
    response.end(`read ${size} bytes`);
  },
};

// Answered by the listener itself (lib/http/direct-routes.ts), as the viewer answer is.
const direct: DirectRoutes = {
  "/direct": async (request) => {
    const answer = { path: new URL(request.url).pathname, query: new URL(request.url).searchParams.get("q"), cookie: request.headers.get("cookie") };
    const headers = new Headers({ "cache-control": "private, no-store" });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; Path=/");
    return Response.json(answer, { status: 201, headers });
  },
  "/direct-fails": async () => {
    throw new Error("direct route failed");
  },
};

let server: Server;
let origin: string;
let trusting: Server;
let trustingOrigin: string;
let versionFails = false;
const logged: unknown[] = [];

beforeAll(async () => {
  const cache = createResponseCache({
    version: () => {
      if (versionFails) throw new Error("database is locked");
      return 1;
    },
  });
  const handle: Handler = (request, response) => routes[new URL(request.url!, "http://x").pathname]!(request, response);
  server = createServer(createAppListener({ handle, cache, trust: proxyTrust([]), direct, logError: (_message, error) => logged.push(error) }));
  // The same app behind a proxy on this machine (TRUSTED_PROXIES=loopback).
  trusting = createServer(createAppListener({ handle, cache, trust: proxyTrust(["loopback"]) }));
  for (const listening of [server, trusting]) {
    listening.listen(0, "127.0.0.1");
    await once(listening, "listening");
  }
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  trustingOrigin = `http://127.0.0.1:${(trusting.address() as { port: number }).port}`;
});

afterAll(() => {
  server.close();
  trusting.close();
});

/** A request through node:http, which sends exactly the headers given (fetch adds its own). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: string; to?: string } = {},
): Promise<{ status: number; body: string; headers: IncomingMessage["headers"] }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest((options.to ?? origin) + path, { method: options.method ?? "GET", headers: options.headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body, headers: response.headers }));
      response.on("error", () => resolve({ status: response.statusCode!, body: `${body}[cut]`, headers: response.headers }));
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

describe("the production server's request listener", () => {
  it("answers 500 for a handler that throws or rejects, and goes on serving", async () => {
    for (const path of ["/throws", "/rejects"]) {
      const failed = await send(path);
      expect(failed.status, path).toBe(500);
      expect(JSON.parse(failed.body)).toEqual({ error: "Something went wrong on our side." });
    }
    expect(await send("/ok")).toMatchObject({ status: 200, body: "fine" });
    expect(logged.map((error) => (error as Error).message)).toEqual(expect.arrayContaining(["thrown while handling", "rejected while handling"]));
  });

  it("cuts an answer that failed after it started, rather than pass it off as whole", async () => {
    expect(await send("/half")).toMatchObject({ status: 200, body: "the start of an answer[cut]" });
    expect((await send("/ok")).status).toBe(200);
  });

  it("answers 500 when the cache in front fails (its database unreadable), not crash", async () => {
    versionFails = true;
    try {
      expect((await send("/api/daily_papers")).status).toBe(500);
    } finally {
      versionFails = false;
    }
    expect((await send("/api/daily_papers?x")).status).toBe(500);
  });

  it("tells the app the connection's address, and drops forwarded headers unless a trusted proxy sent them", async () => {
    const forged = { "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "evil.example", "x-daily-papers-client-ip": "203.0.113.10" };
    expect(JSON.parse((await send("/whoami", { headers: forged })).body)).toEqual({ address: "127.0.0.1", forwardedFor: null, forwardedHost: null });
    const proxied = JSON.parse((await send("/whoami", { headers: forged, to: trustingOrigin })).body);
    expect(proxied).toMatchObject({ address: "203.0.113.9", forwardedHost: "evil.example" });
  });

  it("refuses bodies over the route's limit before the app reads them, and bodies of unknown length", async () => {
    const big = "x".repeat(SMALL_BODY_BYTES + 1);
    const refused = await send("/api/auth/sign-in/email", { method: "POST", headers: { "content-length": big.length }, body: big });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).error).toMatch(/at most 64 KB/);
    const action = await send("/echo", { method: "POST", headers: { "next-action": "abc", "content-length": big.length }, body: big });
    expect(action.status).toBe(413);
    const chunked = await send("/echo", { method: "POST", headers: { "transfer-encoding": "chunked" }, body: "small" });
    expect(chunked.status).toBe(411);
    const fine = await send("/echo", { method: "POST", headers: { "content-length": 5 }, body: "small" });
    expect(fine).toMatchObject({ status: 200, body: "read 5 bytes" });
  });

  it("answers its direct routes itself, headers and cookies whole, and leaves every other method and path to the app", async () => {
    const answered = await send("/direct?q=x%20y", { headers: { cookie: "session=s" } });
    expect(answered).toMatchObject({ status: 201, body: JSON.stringify({ path: "/direct", query: "x y", cookie: "session=s" }) });
    expect(answered.headers).toMatchObject({
      "cache-control": "private, no-store",
      "set-cookie": ["a=1; Path=/", "b=2; Path=/"],
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "content-length": String(answered.body.length),
    });
    expect(answered.headers["content-security-policy"]).toContain("default-src 'none'");
    const head = await send("/direct", { method: "HEAD" });
    expect(head).toMatchObject({ status: 201, body: "" });
    // Not a direct route: another method, a longer path, a path that only starts the same way.
    for (const [method, path] of [
      ["POST", "/direct"],
      ["GET", "/direct/more"],
      ["GET", "/directly"],
    ] as const) {
      expect(await send(path, { method })).toMatchObject({ status: 200, body: `app: ${method} ${path}` });
    }
    const failed = await send("/direct-fails");
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body)).toEqual({ error: "Something went wrong on our side." });
    expect(logged.map((error) => (error as Error).message)).toContain("direct route failed");
    expect((await send("/ok")).status).toBe(200);
  });

  it("marks the answer to anything that may write with the time, beside the app's own cookies, and nothing else", async () => {
    const marked = (headers: IncomingMessage["headers"]) => (headers["set-cookie"] ?? []).filter((cookie) => cookie.startsWith(`${WRITE_MARK_COOKIE}=`));
    const before = Date.now();
    for (const [method, path, others] of [
      ["POST", "/ok", []],
      ["DELETE", "/ok", []],
      ["POST", "/signs-in", ["session=s; Path=/"]],
      ["PUT", "/signs-in-at-once", ["a=1", "b=2"]],
    ] as const) {
      const { headers } = await send(path, { method });
      const [mark, ...more] = marked(headers);
      expect(more, `${method} ${path}`).toEqual([]);
      expect(mark, `${method} ${path}`).toMatch(new RegExp(`^${WRITE_MARK_COOKIE}=\\d+; Path=/; Max-Age=60; HttpOnly; SameSite=Lax$`));
      expect(Number(mark!.split(";")[0]!.split("=")[1])).toBeGreaterThanOrEqual(before);
      expect(
        headers["set-cookie"]!.filter((cookie) => !cookie.startsWith(WRITE_MARK_COOKIE)),
        `${method} ${path}`,
      ).toEqual(others);
    }
    for (const method of ["GET", "HEAD"]) expect(marked((await send("/signs-in", { method })).headers), method).toEqual([]);
  });

  it("takes the write mark out of the cookies the app sees and passes its time on in a header of its own, which no client can write", async () => {
    const seen = async (headers: Record<string, string>) => JSON.parse((await send("/cookies", { headers })).body) as Record<string, string | null>;
    expect(await seen({ cookie: `better-auth.session_token=s; ${WRITE_MARK_COOKIE}=1700000000000; theme=dark` })).toEqual({
      cookie: "better-auth.session_token=s; theme=dark",
      wroteAt: "1700000000000",
    });
    // Only the mark: no Cookie header at all, as better-auth must see for a script without one.
    expect(await seen({ cookie: `${WRITE_MARK_COOKIE}=1700000000000` })).toEqual({ cookie: null, wroteAt: "1700000000000" });
    expect(await seen({ [WRITE_MARK_HEADER]: "1", cookie: "theme=dark" })).toEqual({ cookie: "theme=dark", wroteAt: null });
  });
});
