import { describe, expect, it } from "vitest";
import {
  addressLimitKey,
  canonicalAddress,
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  clientAddressOf,
  invalidProxyEntries,
  normalizeForwardedHeaders,
  proxyTrust,
} from "../../lib/http/client-address";

const NONE = proxyTrust([]);
const LOOPBACK = proxyTrust(["loopback"]);
const NGINX_AND_LB = proxyTrust(["loopback", "10.0.0.0/8", "2001:db8:ffff::/48"]);

describe("canonicalAddress", () => {
  it.each([
    ["203.0.113.5", "203.0.113.5"],
    [" 203.0.113.5 ", "203.0.113.5"],
    ["203.0.113.5:51234", "203.0.113.5"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:7f00:1", "127.0.0.1"],
    ["0:0:0:0:0:ffff:203.0.113.5", "203.0.113.5"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
    ["2001:db8:0:1:0:0:0:0", "2001:db8:0:1::"],
  ])("%s -> %s", (raw, canonical) => {
    expect(canonicalAddress(raw)).toBe(canonical);
  });

  it.each([
    "",
    "unknown",
    "localhost",
    "evil.example",
    "1.2.3",
    "256.1.1.1",
    "1.2.3.4.5",
    "01.2.3.4",
    "2001:db8::1::2",
    "<script>",
    "1.2.3.4, 5.6.7.8",
    "x".repeat(500),
    "_gateway",
  ])("refuses %j", (raw) => {
    expect(canonicalAddress(raw)).toBeNull();
  });
});

describe("TRUSTED_PROXIES entries", () => {
  it("accepts loopback, addresses and CIDR ranges and names what is wrong", () => {
    expect(invalidProxyEntries(["loopback", "10.0.0.1", "10.0.0.0/8", "fd00::/8", "::1", "LOOPBACK"])).toEqual([]);
    expect(invalidProxyEntries(["10.0.0.0/33", "nginx", "10.0.0.0/x", "::/129", "*"])).toEqual(["10.0.0.0/33", "nginx", "10.0.0.0/x", "::/129", "*"]);
    expect(() => proxyTrust(["nginx"])).toThrow(/"nginx" is not an IP address/);
  });

  it("trusts what it lists, IPv4-mapped loopback included, and nothing when empty", () => {
    expect(LOOPBACK.trusts("127.0.0.1")).toBe(true);
    expect(LOOPBACK.trusts("127.8.9.10")).toBe(true);
    expect(LOOPBACK.trusts("::1")).toBe(true);
    expect(LOOPBACK.trusts("::ffff:127.0.0.1")).toBe(true);
    expect(LOOPBACK.trusts("128.0.0.1")).toBe(false);
    expect(NGINX_AND_LB.trusts("10.200.3.4")).toBe(true);
    expect(NGINX_AND_LB.trusts("2001:db8:ffff:1::9")).toBe(true);
    expect(NGINX_AND_LB.trusts("2001:db8:fffe::9")).toBe(false);
    expect(NONE.trusts("127.0.0.1")).toBe(false);
    expect(NONE.trusts("junk")).toBe(false);
  });
});

describe("clientAddress", () => {
  const resolve = (socketAddress: string | undefined, xff: string | string[] | undefined, trustedProxies = LOOPBACK) =>
    clientAddress({ socketAddress, headers: xff === undefined ? {} : { "x-forwarded-for": xff }, trustedProxies });

  it("is the socket's address when there is no trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolve("203.0.113.5", "198.51.100.1", NONE)).toBe("203.0.113.5");
    expect(resolve("127.0.0.1", "198.51.100.1", NONE)).toBe("127.0.0.1");
    // A direct client (not a proxy) forging the header, with a proxy configured.
    expect(resolve("203.0.113.5", "127.0.0.1")).toBe("203.0.113.5");
    expect(resolve("203.0.113.5", "10.0.0.1, 127.0.0.1", NGINX_AND_LB)).toBe("203.0.113.5");
  });

  it("a new forged value per request changes nothing for a direct client", () => {
    const seen = new Set(Array.from({ length: 50 }, (_, index) => resolve("203.0.113.5", `198.51.100.${index}`)));
    expect([...seen]).toEqual(["203.0.113.5"]);
  });

  it("behind a proxy that appends, takes the address the proxy saw, not what the client wrote", () => {
    // nginx appends $remote_addr to whatever the client sent.
    expect(resolve("127.0.0.1", "203.0.113.5")).toBe("203.0.113.5");
    expect(resolve("127.0.0.1", "1.1.1.1, 203.0.113.5")).toBe("203.0.113.5");
    expect(resolve("127.0.0.1", "127.0.0.1, 203.0.113.5")).toBe("203.0.113.5");
    expect(resolve("::ffff:127.0.0.1", "spoofed, 203.0.113.5")).toBe("203.0.113.5");
  });

  it("skips every trusted hop, right to left", () => {
    expect(resolve("127.0.0.1", "203.0.113.5, 10.1.2.3, 10.0.0.9", NGINX_AND_LB)).toBe("203.0.113.5");
    expect(resolve("10.0.0.9", "198.51.100.7, 203.0.113.5, 10.1.2.3", NGINX_AND_LB)).toBe("203.0.113.5");
    expect(resolve("127.0.0.1", "2001:db8:1::5, 2001:db8:ffff::2", NGINX_AND_LB)).toBe("2001:db8:1::5");
  });

  it("reads several X-Forwarded-For headers as one list, with spaces, ports and brackets", () => {
    expect(resolve("127.0.0.1", ["1.1.1.1", "203.0.113.5"])).toBe("203.0.113.5");
    expect(resolve("127.0.0.1", ["203.0.113.5", "10.0.0.1 ,   10.0.0.2"], NGINX_AND_LB)).toBe("203.0.113.5");
    expect(resolve("127.0.0.1", "  203.0.113.5:4711  ")).toBe("203.0.113.5");
    expect(resolve("127.0.0.1", "[2001:db8::7]:443")).toBe("2001:db8::7");
    expect(
      clientAddress({
        socketAddress: "127.0.0.1",
        headers: new Headers([
          ["x-forwarded-for", "1.1.1.1"],
          ["x-forwarded-for", "203.0.113.5"],
        ]),
        trustedProxies: LOOPBACK,
      }),
    ).toBe("203.0.113.5");
  });

  it("stops at junk a trusted proxy wrote, at that proxy, and never lets junk pick an address", () => {
    expect(resolve("127.0.0.1", "unknown")).toBe("127.0.0.1");
    expect(resolve("127.0.0.1", "203.0.113.5, garbage")).toBe("127.0.0.1");
    expect(resolve("10.0.0.9", "203.0.113.5, , 10.0.0.2", NGINX_AND_LB)).toBe("10.0.0.2");
    expect(resolve("127.0.0.1", "")).toBe("127.0.0.1");
    expect(resolve("127.0.0.1", ",,,")).toBe("127.0.0.1");
    // Junk to the left of the first untrusted address is never reached.
    expect(resolve("127.0.0.1", "<script>, 203.0.113.5")).toBe("203.0.113.5");
  });

  it("is the proxy itself with no header, and the leftmost hop when every hop is trusted", () => {
    expect(resolve("127.0.0.1", undefined)).toBe("127.0.0.1");
    expect(resolve("127.0.0.1", "10.0.0.1, 10.0.0.2", NGINX_AND_LB)).toBe("10.0.0.1");
  });

  it("accepts the setting's strings as well as a prepared trust", () => {
    expect(clientAddress({ socketAddress: "127.0.0.1", headers: { "x-forwarded-for": "203.0.113.5" }, trustedProxies: ["loopback"] })).toBe("203.0.113.5");
    expect(clientAddress({ socketAddress: undefined, headers: { "x-forwarded-for": "203.0.113.5" }, trustedProxies: ["loopback"] })).toBe("unknown");
  });
});

describe("normalizeForwardedHeaders", () => {
  const request = (socket: string, headers: Record<string, string | string[]>) => ({
    socket: { remoteAddress: socket },
    headers: { ...headers } as Record<string, string | string[] | undefined>,
  });

  it("overwrites a client's own x-daily-papers-client-ip and drops an untrusted peer's forwarded headers", () => {
    const forged = request("203.0.113.5", {
      host: "papers.example.org",
      [CLIENT_ADDRESS_HEADER]: "127.0.0.1",
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
      "x-real-ip": "127.0.0.1",
      forwarded: "for=127.0.0.1;host=evil.example",
    });
    expect(normalizeForwardedHeaders(forged, LOOPBACK)).toBe("203.0.113.5");
    expect(forged.headers).toEqual({ host: "papers.example.org", [CLIENT_ADDRESS_HEADER]: "203.0.113.5" });
  });

  it("keeps a trusted proxy's headers, reduced to the value the nearest proxy wrote", () => {
    const proxied = request("127.0.0.1", {
      host: "127.0.0.1:3000",
      "x-forwarded-for": "6.6.6.6, 203.0.113.5",
      "x-forwarded-host": "evil.example, papers.example.org",
      "x-forwarded-proto": "http, https",
    });
    expect(normalizeForwardedHeaders(proxied, LOOPBACK)).toBe("203.0.113.5");
    expect(proxied.headers).toMatchObject({
      [CLIENT_ADDRESS_HEADER]: "203.0.113.5",
      "x-forwarded-for": "6.6.6.6, 203.0.113.5",
      "x-forwarded-host": "papers.example.org",
      "x-forwarded-proto": "https",
    });
  });

  it("drops a trusted proxy's forwarded host or proto that is not a plain host or http(s)", () => {
    const odd = request("127.0.0.1", { "x-forwarded-host": "evil.example/path?x", "x-forwarded-proto": "javascript" });
    normalizeForwardedHeaders(odd, LOOPBACK);
    expect(odd.headers["x-forwarded-host"]).toBeUndefined();
    expect(odd.headers["x-forwarded-proto"]).toBeUndefined();
    expect(odd.headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
  });

  it("with no TRUSTED_PROXIES, even loopback peers are direct clients", () => {
    const local = request("::ffff:127.0.0.1", { "x-forwarded-for": "198.51.100.3" });
    expect(normalizeForwardedHeaders(local, [])).toBe("127.0.0.1");
    expect(local.headers["x-forwarded-for"]).toBeUndefined();
  });
});

describe("clientAddressOf and limit keys", () => {
  it("reads only the server's header, and says unknown without it", () => {
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.5", "x-forwarded-for": "1.1.1.1" }))).toBe("203.0.113.5");
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "1.1.1.1" }))).toBe("unknown");
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: "not an address" }))).toBe("unknown");
    expect(clientAddressOf({ [CLIENT_ADDRESS_HEADER]: "::ffff:10.0.0.1" })).toBe("10.0.0.1");
  });

  it("counts IPv4 by address and IPv6 by /64", () => {
    expect(addressLimitKey("203.0.113.5")).toBe("203.0.113.5");
    expect(addressLimitKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("2001:db8:1:2::ffff")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(addressLimitKey("unknown")).toBe("unknown");
  });
});
