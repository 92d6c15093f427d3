import net from "node:net";
import ipaddr from "ipaddr.js";

// Who is asking: the address the connection came from, unless that peer is a proxy the operator
// trusts (TRUSTED_PROXIES), in which case the proxy's X-Forwarded-For says who it forwarded for.
// Any client can write X-Forwarded-For, X-Forwarded-Host and X-Forwarded-Proto, so they are
// worth nothing unless a trusted proxy wrote (or appended to) them.
//
// Next.js route handlers and server actions never see the socket, so the production server
// (scripts/serve-app.ts) calls normalizeForwardedHeaders on every request before Next.js does:
// it writes the resolved address into CLIENT_ADDRESS_HEADER (replacing anything the client
// sent) and drops the forwarded headers of untrusted peers. The app then reads the address from
// that one header only, through clientAddressOf.

/** The header the server writes the client's address into; nothing else in the app reads addresses. */
export const CLIENT_ADDRESS_HEADER = "x-daily-papers-client-ip";

/** What clientAddressOf answers when no server put an address on the request (tests, `next dev`). */
export const UNKNOWN_ADDRESS = "unknown";

/** The peers whose forwarded headers are believed; made once from TRUSTED_PROXIES' entries. */
export type ProxyTrust = { readonly entries: readonly string[]; trusts(address: string): boolean };

type HeaderValue = string | string[] | undefined | null;
type HeaderBag = Headers | Record<string, HeaderValue>;

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"] as const;

/**
 * An address as a header or a socket gives it, in one canonical form, or null when it is not
 * an IP address: brackets, a port (`1.2.3.4:5678`, `[::1]:443`) and an IPv6 zone are dropped,
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) becomes plain IPv4, IPv6 is lower-cased and compressed.
 */
export function canonicalAddress(raw: string | null | undefined): string | null {
  return parseAddress(raw)?.toString() ?? null;
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function parseAddress(raw: string | null | undefined): Address | null {
  if (!raw) return null;
  let text = raw.trim();
  if (text.length === 0 || text.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  // ipaddr.js also reads inet_aton's legacy forms (`127.1`, `0x7f.0.0.1`, octal `010.0.0.1`) and
  // lenient dotted quads inside IPv6; Node's check admits only the standard notations, so a
  // header can never name an address in a spelling no socket would report.
  if (net.isIP(text) === 0) return null;
  // ipaddr.js reads `::a.b.c.d` (the deprecated IPv4-compatible form) as IPv4-mapped. It is not
  // a dual-stack client, so it stays the IPv6 address it spells (`::1.2.3.4` is `::102:304`).
  const compatible = /^::(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (compatible) return ipaddr.fromByteArray([...Array<number>(12).fill(0), ...ipaddr.IPv4.parse(compatible[1]!).octets]);
  // process: ::ffff:a.b.c.d — an IPv4 client on a dual-stack socket — becomes a.b.c.d.
  return ipaddr.process(text);
}

/** TRUSTED_PROXIES entries that are neither `loopback`, an IP address, nor a CIDR range. */
export function invalidProxyEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => parseEntry(entry) === null);
}

type Range = [Address, number];

const LOOPBACK_RANGES: Range[] = [ipaddr.parseCIDR("127.0.0.0/8"), ipaddr.parseCIDR("::1/128")];

function parseEntry(entry: string): Range[] | null {
  const text = entry.trim().toLowerCase();
  if (text === "loopback") return LOOPBACK_RANGES;
  // Not ipaddr.parseCIDR: the address part is read like any other address, so an IPv4 range is
  // written as IPv4 (`::ffff:10.0.0.0/104` is refused, 10.0.0.0/8 meant), and the prefix must be
  // plain digits within that family's width.
  const slash = text.indexOf("/");
  const address = parseAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) return null;
  const max = address instanceof ipaddr.IPv4 ? 32 : 128;
  if (slash === -1) return [[address, max]];
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return [[address, Number(prefixText)]];
}

function inRange(address: Address, [network, prefix]: Range): boolean {
  if (address.kind() === network.kind()) return address.match(network, prefix);
  // An IPv4 address is inside an IPv6 range that covers its ::ffff: form (`::/0` trusts every
  // peer), as net.BlockList had it. Addresses here are never IPv4-mapped IPv6, so not the reverse.
  return address instanceof ipaddr.IPv4 && address.toIPv4MappedAddress().match(network, prefix);
}

/**
 * The trust TRUSTED_PROXIES describes: `loopback` (127.0.0.0/8 and ::1, a proxy on the same
 * machine), single addresses and CIDR ranges, IPv4 or IPv6. No entries: no peer is trusted, and
 * every request's address is its connection's. Throws on an entry that is none of those.
 */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  const ranges = entries.flatMap((entry) => {
    const parsed = parseEntry(entry);
    if (!parsed) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or "loopback".`);
    return parsed;
  });
  return {
    entries: [...entries],
    trusts(address: string) {
      const parsed = ranges.length === 0 ? null : parseAddress(address);
      return parsed !== null && ranges.some((range) => inRange(parsed, range));
    },
  };
}

const asTrust = (trusted: ProxyTrust | readonly string[]): ProxyTrust => ("trusts" in trusted ? trusted : proxyTrust(trusted));

function headerValues(headers: HeaderBag, name: string): string[] {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every comma-separated entry of every copy of a header, in the order they were sent. */
function listEntries(headers: HeaderBag, name: string): string[] {
  return headerValues(headers, name)
    .flatMap((value) => value.split(","))
    .map((entry) => entry.trim());
}

/**
 * The client's address: the socket's, unless the socket's peer is a trusted proxy. Then
 * X-Forwarded-For (all copies, as one list) is read right to left — each trusted proxy appends
 * the address it received from — skipping trusted hops; the first untrusted address is the
 * client. An entry that is not an address stops the walk at the hop that wrote it (a trusted
 * proxy that did not know better), so junk never lets a client pick its own address. When every
 * hop is trusted, the leftmost is the client.
 */
export function clientAddress(options: {
  socketAddress: string | null | undefined;
  headers: HeaderBag;
  trustedProxies: ProxyTrust | readonly string[];
}): string {
  const trust = asTrust(options.trustedProxies);
  const socket = canonicalAddress(options.socketAddress) ?? UNKNOWN_ADDRESS;
  if (socket === UNKNOWN_ADDRESS || !trust.trusts(socket)) return socket;
  let client = socket;
  const hops = listEntries(options.headers, "x-forwarded-for");
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = canonicalAddress(hops[index]);
    if (!hop) return client;
    client = hop;
    if (!trust.trusts(hop)) return hop;
  }
  return client;
}

/** A Host header value worth building a link from: a name or address, an optional port, nothing else. */
export function isPlainHost(value: string): boolean {
  return (
    value.length <= 255 && /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(value)
  );
}

type NodeRequestLike = { socket: { remoteAddress?: string | undefined }; headers: Record<string, HeaderValue> };

/**
 * For the production server, before Next.js sees a request: writes the client's address into
 * CLIENT_ADDRESS_HEADER (any value the client sent is replaced), and
 * - from an untrusted peer, removes X-Forwarded-For/-Host/-Proto/-Port, X-Real-IP and Forwarded:
 *   they are the client's own words (Next.js then fills in X-Forwarded-* from the connection);
 * - from a trusted proxy, keeps X-Forwarded-For, and reduces X-Forwarded-Host and -Proto to the
 *   value the nearest proxy wrote (the rightmost), dropped unless it is a plain host / http(s).
 * Returns the client's address.
 */
export function normalizeForwardedHeaders(request: NodeRequestLike, trustedProxies: ProxyTrust | readonly string[]): string {
  const trust = asTrust(trustedProxies);
  const { headers } = request;
  const address = clientAddress({ socketAddress: request.socket.remoteAddress, headers, trustedProxies: trust });
  headers[CLIENT_ADDRESS_HEADER] = address;
  const peer = canonicalAddress(request.socket.remoteAddress);
  if (!peer || !trust.trusts(peer)) {
    for (const name of FORWARDED_HEADERS) delete headers[name];
    return address;
  }
  const host = listEntries(headers, "x-forwarded-host").at(-1);
  if (host && isPlainHost(host)) headers["x-forwarded-host"] = host;
  else delete headers["x-forwarded-host"];
  const proto = listEntries(headers, "x-forwarded-proto").at(-1)?.toLowerCase();
  if (proto === "http" || proto === "https") headers["x-forwarded-proto"] = proto;
  else delete headers["x-forwarded-proto"];
  return address;
}

/**
 * The client's address as the server resolved it (CLIENT_ADDRESS_HEADER), for rate limits and
 * sessions: the one place the app learns who is asking. "unknown" when no server set it.
 */
export function clientAddressOf(headers: HeaderBag): string {
  return canonicalAddress(headerValues(headers, CLIENT_ADDRESS_HEADER)[0]) ?? UNKNOWN_ADDRESS;
}

/**
 * The key a rate limit counts an address under: IPv4 as is, IPv6 by its /64 — one household or
 * server gets a whole /64, so counting single IPv6 addresses would let it rotate forever.
 */
export function addressLimitKey(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return UNKNOWN_ADDRESS;
  if (parsed instanceof ipaddr.IPv4) return parsed.toString();
  return `${new ipaddr.IPv6([...parsed.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
