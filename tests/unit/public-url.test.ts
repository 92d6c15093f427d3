import { afterEach, describe, expect, it } from "vitest";
import { publicOrigin, requestOrigin } from "../../lib/http/public-url";

const saved = { TRUSTED_PROXIES: process.env.TRUSTED_PROXIES, APP_URL: process.env.APP_URL };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const request = (headers: Record<string, string>, url = "http://localhost:3000/subscribe") => ({ headers: new Headers(headers), url });

describe("the origin of links built from a request", () => {
  it("ignores X-Forwarded-Host and -Proto without TRUSTED_PROXIES: a script cannot pick the host of our links", () => {
    delete process.env.TRUSTED_PROXIES;
    delete process.env.APP_URL;
    const forged = request({ host: "papers.example.org", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(requestOrigin(forged)).toBe("http://papers.example.org");
    expect(publicOrigin(forged)).toBe("http://papers.example.org");
  });

  it("takes a trusted proxy's forwarded host and proto (the nearest one's), when TRUSTED_PROXIES is set", () => {
    process.env.TRUSTED_PROXIES = "loopback";
    delete process.env.APP_URL;
    expect(requestOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-host": "papers.example.org", "x-forwarded-proto": "https" }))).toBe(
      "https://papers.example.org",
    );
    expect(requestOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-host": "a.example, papers.example.org", "x-forwarded-proto": "http, https" }))).toBe(
      "https://papers.example.org",
    );
  });

  it("never builds a link from a host that is not a plain host name", () => {
    process.env.TRUSTED_PROXIES = "loopback";
    delete process.env.APP_URL;
    expect(requestOrigin(request({ host: "papers.example.org", "x-forwarded-host": "evil.example/phish?", "x-forwarded-proto": "javascript" }))).toBe(
      "http://papers.example.org",
    );
    expect(requestOrigin(request({ host: "evil.example@papers.example.org" }))).toBe("http://localhost:3000");
  });

  it("uses APP_URL over anything the request says", () => {
    process.env.TRUSTED_PROXIES = "loopback";
    process.env.APP_URL = "https://papers.example.org";
    expect(publicOrigin(request({ host: "evil.example", "x-forwarded-host": "evil.example" }))).toBe("https://papers.example.org");
  });
});
