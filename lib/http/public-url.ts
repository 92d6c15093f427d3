import { readEnv } from "../env";

/** The origin a request was made to, as the browser saw it (a proxy's X-Forwarded-* first). */
export function requestOrigin(request: { url: string; headers: Headers }): string {
  const url = new URL(request.url);
  const protocol = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  return `${protocol}://${host}`;
}

/**
 * The address links in feeds, markdown and emails point to: APP_URL when set (a public
 * deployment pins it), else the origin of the request being answered.
 */
export function publicOrigin(request: { url: string; headers: Headers }): string {
  const { APP_URL } = readEnv();
  return APP_URL ? new URL(APP_URL).origin : requestOrigin(request);
}
