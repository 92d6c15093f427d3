import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fixturePath } from "./fixtures";

/** How the stand-in answers: like arXiv, or one of the ways a remote service fails. */
export type ArxivMode = "ok" | "slow" | "garbage" | "http-503" | "cut-off";

export type ArxivStandIn = { apiUrl: string; mode: ArxivMode; requests: string[]; stop(): Promise<void> };

// The recorded answer of arXiv's current API serializer (tests/fixtures/ingest/README.md). An
// answer for one id is that recording with only the requested paper's <entry>, as arXiv sends it.
const RECORDED = fs.readFileSync(fixturePath("arxiv-atom-new.xml"), "utf8");
const ERROR_ANSWER = fs.readFileSync(fixturePath("arxiv-atom-error.xml"), "utf8");
const ENTRIES = [...RECORDED.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((match) => match[0]);
const HEAD = RECORDED.slice(0, RECORDED.indexOf("<entry>"));

function answerFor(id: string): { status: number; body: string } {
  if (!/^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/.test(id)) return { status: 400, body: ERROR_ANSWER };
  const entry = ENTRIES.find((text) => text.includes(`/abs/${id}v`) || text.includes(`/abs/${id}<`));
  return { status: 200, body: `${HEAD}${entry ?? ""}\n</feed>\n` };
}

/** A local HTTP server in place of export.arxiv.org/api/query, serving recorded Atom answers. */
export async function startArxivStandIn(port = 0): Promise<ArxivStandIn> {
  const standIn: ArxivStandIn = { apiUrl: "", mode: "ok", requests: [], stop: async () => {} };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const id = url.searchParams.get("id_list") ?? "";
    standIn.requests.push(id);
    const atom = { "content-type": "application/atom+xml; charset=utf-8" };
    switch (standIn.mode) {
      case "slow":
        setTimeout(() => response.writeHead(200, atom).end(answerFor(id).body), 5_000).unref();
        return;
      case "garbage":
        response.writeHead(200, { "content-type": "text/html" }).end("<html><body><h1>Service temporarily unavailable</h1><p>Please retry.</body></html>");
        return;
      case "http-503":
        response.writeHead(503, { "content-type": "text/plain", "retry-after": "60" }).end("Service Unavailable");
        return;
      case "cut-off": {
        const body = answerFor(id).body;
        response.writeHead(200, atom).write(body.slice(0, body.length / 2));
        response.destroy();
        return;
      }
      default: {
        const { status, body } = answerFor(id);
        response.writeHead(status, atom).end(body);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  standIn.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/query`;
  standIn.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return standIn;
}
