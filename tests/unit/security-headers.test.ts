import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createNonce, isHttpsAppUrl, pageContentSecurityPolicy, RESOURCE_CONTENT_SECURITY_POLICY, securityHeaders } from "../../lib/http/security-headers";
import { THEME_SCRIPT } from "../../lib/theme/theme";

/** A policy as directive -> sources. */
const parse = (policy: string) =>
  new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );

describe("pageContentSecurityPolicy", () => {
  const policy = parse(pageContentSecurityPolicy({ nonce: "abc123==", https: false }));

  it("runs only scripts with this response's nonce and the theme script by its hash, never other inline or eval'd code", () => {
    const themeHash = `'sha256-${createHash("sha256").update(THEME_SCRIPT).digest("base64")}'`;
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", themeHash, "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
  });

  it("keeps KaTeX's inline styles working (no nonce in style-src, which would switch 'unsafe-inline' off)", () => {
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("cannot be framed; forms and fetches stay on the site, images come from it or over https (thumbnails)", () => {
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "https:"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("adds 'unsafe-eval' only in development, upgrade-insecure-requests only behind https", () => {
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
    expect(parse(pageContentSecurityPolicy({ nonce: "n", https: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(parse(pageContentSecurityPolicy({ nonce: "n", https: false, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("securityHeaders", () => {
  const asObject = (https: boolean) => Object.fromEntries(securityHeaders({ https }).map(({ key, value }) => [key.toLowerCase(), value]));

  it("sends nosniff, the referrer policy, no framing and the resource policy on everything", () => {
    expect(asObject(false)).toEqual({
      "content-security-policy": RESOURCE_CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
      "cross-origin-opener-policy": "same-origin",
    });
    expect(parse(RESOURCE_CONTENT_SECURITY_POLICY).get("default-src")).toEqual(["'none'"]);
    expect(parse(RESOURCE_CONTENT_SECURITY_POLICY).get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("adds HSTS only when APP_URL is https", () => {
    expect(asObject(true)["strict-transport-security"]).toBe("max-age=63072000");
    expect(isHttpsAppUrl("https://papers.example.org")).toBe(true);
    expect(isHttpsAppUrl("http://192.168.1.20:3000")).toBe(false);
    expect(isHttpsAppUrl(undefined)).toBe(false);
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
