import type { IncomingMessage, ServerResponse } from "node:http";
import { normalizeForwardedHeaders, type ProxyTrust } from "./client-address";
import { directRouteFor, serveDirect, type DirectRoutes } from "./direct-routes";
import { refuseByBody } from "./request-limits";
import type { ResponseCache } from "./response-cache";
import { markWrites, takeWriteMark } from "./write-mark";

export type AppListenerOptions = {
  /** The app's own handler (Next.js's); may throw or reject. */
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<unknown>;
  cache: Pick<ResponseCache, "handle">;
  /** Answered here, ahead of the cache and the app (lib/http/direct-routes.ts). */
  direct?: DirectRoutes;
  /** Whether the app is served over https (APP_URL), for the direct routes' security headers and the write mark's cookie. */
  https?: boolean;
  /** The proxies whose forwarded headers are believed (TRUSTED_PROXIES). */
  trust: ProxyTrust;
  /** Where failures are reported (the console by default). */
  logError?: (message: string, error: unknown) => void;
};

function answer(response: ServerResponse, status: number, message: string): void {
  // Too late for a status line: cut the connection so the client sees the answer is broken.
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", connection: "close" });
  response.end(JSON.stringify({ error: message }));
}

/**
 * The request listener of the production server: the client's address resolved (forwarded
 * headers of untrusted peers dropped), the request limits, the write mark on what may write
 * (lib/http/write-mark.ts), then the direct routes or the response cache, then the app. An error anywhere in one request, thrown or rejected, is a 500 for that request
 * alone; the process goes on serving the others.
 */
export function createAppListener(options: AppListenerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const failed = (response: ServerResponse, error: unknown) => {
    logError("A request failed:", error);
    answer(response, 500, "Something went wrong on our side.");
  };
  return (request, response) => {
    try {
      // First: the cache keys answers by X-Forwarded-Host/-Proto, the app reads the address.
      normalizeForwardedHeaders(request, options.trust);
      takeWriteMark(request);
      const refused = refuseByBody(request);
      if (refused) return answer(response, refused.status, refused.message);
      markWrites(request, response, { https: options.https ?? false });
      const direct = options.direct && directRouteFor(options.direct, request);
      if (direct) return void serveDirect(direct, request, response, { https: options.https ?? false }).catch((error: unknown) => failed(response, error));
      options.cache.handle(request, response, () => options.handle(request, response).catch((error: unknown) => failed(response, error)));
    } catch (error) {
      failed(response, error);
    }
  };
}
