import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// The response cache serves a page's previous answer while the app renders it again
// (lib/http/response-cache.ts). That render needs a request of its own, with nobody waiting on
// it. So each worker process has a second listener, on a port of its own on 127.0.0.1 that no
// other process shares. The cache asks it for the address, as a client would, and its answer
// is kept. Going through HTTP means the render is Next.js's usual request, with the usual
// limits, headers and errors.

/** Longer than any page's render; a revalidation that takes longer is given up, and the next reader's request asks again. */
const REVALIDATION_TIMEOUT_MS = 30_000;

export type Refresher = {
  /** Renders the address again in the background; resolves once its answer is in (or has failed). */
  revalidate(address: { url: string; headers: Record<string, string> }): Promise<void>;
  close(): void;
};

/** Starts the worker's internal listener (`listener` answers it) on a free loopback port only this process holds. */
export async function startRefresher(listener: (request: IncomingMessage, response: ServerResponse) => void): Promise<Refresher> {
  const server = createServer({ requestTimeout: REVALIDATION_TIMEOUT_MS }, listener);
  // exclusive: in a cluster worker, the port is this process's own, not one the supervisor shares out among workers.
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0, exclusive: true }, resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true });
  return {
    revalidate: (address) =>
      new Promise<void>((resolve, reject) => {
        const asked = request({ host: "127.0.0.1", port, path: address.url, headers: address.headers, agent, timeout: REVALIDATION_TIMEOUT_MS }, (answer) => {
          answer.resume();
          answer.on("end", resolve);
          answer.on("error", reject);
        });
        asked.on("timeout", () => asked.destroy(new Error("The background render took too long.")));
        asked.on("error", reject);
        asked.end();
      }),
    close: () => {
      agent.destroy();
      server.close();
    },
  };
}
