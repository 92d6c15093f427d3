import { readEnv } from "../env";
import { isPlainHost } from "./client-address";

type RequestLike = { headers: Headers; url?: string };

const lastEntry = (value: string | null) => value?.split(",").at(-1)?.trim() || null;

/**
 * The origin a request was made to: its Host header (or its URL's host). X-Forwarded-Host and
 * -Proto count only when TRUSTED_PROXIES names a proxy: the production server drops them from
 * every other peer (lib/http/client-address.ts), so then they are the proxy's words, not the
 * client's. Without that, any script could pick the host of the links we email.
 */
export function requestOrigin(request: RequestLike): string {
  const url = request.url ? new URL(request.url) : null;
  const behindProxy = readEnv().TRUSTED_PROXIES.length > 0;
  const forwardedProto = behindProxy ? lastEntry(request.headers.get("x-forwarded-proto"))?.toLowerCase() : null;
  const protocol = forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : (url?.protocol.replace(/:$/, "") ?? "http");
  const forwardedHost = behindProxy ? lastEntry(request.headers.get("x-forwarded-host")) : null;
  const hostHeader = request.headers.get("host");
  const host = [forwardedHost, hostHeader, url?.host].find((candidate): candidate is string => !!candidate && isPlainHost(candidate)) ?? "localhost";
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
