import net from "node:net";

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
  if (!raw) return null;
  let text = raw.trim();
  if (text.length === 0 || text.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  const family = net.isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  const groups = expandIpv6(text);
  if (!groups) return null;
  // ::ffff:a.b.c.d — an IPv4 client on a dual-stack socket.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
  }
  return compressIpv6(groups);
}

function expandIpv6(text: string): number[] | null {
  let address = text.toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    address = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const part = (half: string) => (half ? half.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function compressIpv6(groups: number[]): string {
  // RFC 5952: the longest run (of two or more) of zero groups becomes "::".
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > best.length && length >= 2) best = { start, length };
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start === -1) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/** TRUSTED_PROXIES entries that are neither `loopback`, an IP address, nor a CIDR range. */
export function invalidProxyEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => parseEntry(entry) === null);
}

type ParsedEntry = { kind: "loopback" } | { address: string; prefix: number; family: "ipv4" | "ipv6" };

function parseEntry(entry: string): ParsedEntry | null {
  const text = entry.trim().toLowerCase();
  if (text === "loopback") return { kind: "loopback" };
  const slash = text.indexOf("/");
  const address = canonicalAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) return null;
  const family = net.isIPv4(address) ? "ipv4" : "ipv6";
  const max = family === "ipv4" ? 32 : 128;
  if (slash === -1) return { address, prefix: max, family };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return { address, prefix: Number(prefixText), family };
}

/**
 * The trust TRUSTED_PROXIES describes: `loopback` (127.0.0.0/8 and ::1, a proxy on the same
 * machine), single addresses and CIDR ranges, IPv4 or IPv6. No entries: no peer is trusted, and
 * every request's address is its connection's. Throws on an entry that is none of those.
 */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new net.BlockList();
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or "loopback".`);
    if ("kind" in parsed) {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
    } else {
      list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }
  const empty = entries.length === 0;
  return {
    entries: [...entries],
    trusts(address: string) {
      if (empty) return false;
      const canonical = canonicalAddress(address);
      if (!canonical) return false;
      return list.check(canonical, net.isIPv4(canonical) ? "ipv4" : "ipv6");
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
  return headerValues(headers, name).flatMap((value) => value.split(",")).map((entry) => entry.trim());
}

/**
 * The client's address: the socket's, unless the socket's peer is a trusted proxy. Then
 * X-Forwarded-For (all copies, as one list) is read right to left — each trusted proxy appends
 * the address it received from — skipping trusted hops; the first untrusted address is the
 * client. An entry that is not an address stops the walk at the hop that wrote it (a trusted
 * proxy that did not know better), so junk never lets a client pick its own address. When every
 * hop is trusted, the leftmost is the client.
 */
export function clientAddress(options: { socketAddress: string | null | undefined; headers: HeaderBag; trustedProxies: ProxyTrust | readonly string[] }): string {
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
  return value.length <= 255 && /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(value);
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
  const canonical = canonicalAddress(address);
  if (!canonical) return UNKNOWN_ADDRESS;
  if (net.isIPv4(canonical)) return canonical;
  const groups = expandIpv6(canonical)!;
  return `${compressIpv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}
