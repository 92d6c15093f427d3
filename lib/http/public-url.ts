import { readEnv } from "../env";

type RequestLike = { headers: Headers; url?: string };

/** The origin a request was made to, as the browser saw it (a proxy's X-Forwarded-* first). */
export function requestOrigin(request: RequestLike): string {
  const url = request.url ? new URL(request.url) : null;
  const protocol = request.headers.get("x-forwarded-proto") ?? url?.protocol.replace(/:$/, "") ?? "http";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url?.host ?? "localhost";
  return `${protocol}://${host}`;
}

/**
 * The address links in feeds, markdown and emails point to: APP_URL when set (a public
 * deployment pins it), else the origin of the request being answered.
 */
export function publicOrigin(request: RequestLike): string {
  const { APP_URL } = readEnv();
  return APP_URL ? new URL(APP_URL).origin : requestOrigin(request);
}
