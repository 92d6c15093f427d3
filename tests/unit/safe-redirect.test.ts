import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_NEXT_LENGTH, safeNextPath } from "../../lib/http/safe-redirect";

const SITE = "https://papers.example.org";
/** Where a browser on this site ends up when told to go to `location`. */
const landsOn = (location: string) => new URL(location, `${SITE}/sign-in?next=x`);

describe("safeNextPath", () => {
  it.each([
    ["/papers/2312.00752?x=1#c", "/papers/2312.00752?x=1#c"],
    ["/", "/"],
    ["/papers/date/2025-12-12", "/papers/date/2025-12-12"],
    ["/search?q=state+space&sort=new", "/search?q=state+space&sort=new"],
    ["/papers/hep-th/9901001", "/papers/hep-th/9901001"],
    // Percent-encodings stay encoded: the browser does not decode them into a host.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/%09/evil.example", "/%09/evil.example"],
    // Normalized as a browser would: dot segments resolved, spaces encoded.
    ["/papers/../search?q=a b", "/search?q=a%20b"],
  ])("keeps %j as %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
    expect(landsOn(safeNextPath(next)).origin).toBe(SITE);
  });

  it.each([
    // Tabs, newlines and carriage returns are stripped by URL parsers: "/\t/x" is "//x".
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\t\\evil.example",
    // Protocol-relative, with either slash.
    "//evil.example",
    "//evil.example/papers",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    // A dot segment that leaves two slashes at the start of the path.
    "/.//evil.example",
    "/%2e//evil.example",
    "/papers/..//evil.example",
    // Other schemes and other sites.
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "http://evil.example",
    "https://evil.example/papers",
    "https:evil.example",
    "http:/\\evil.example",
    "ftp://evil.example",
    `${SITE.replace("papers", "evil")}/x`,
    "http://[::1",
    "",
  ])("refuses %j", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it("refuses what is not a string, and uses the fallback it is given", () => {
    for (const next of [null, undefined, 42, ["/papers"], { toString: () => "/papers" }]) expect(safeNextPath(next)).toBe("/");
    expect(safeNextPath("//evil.example", "/papers/trending")).toBe("/papers/trending");
  });

  it("refuses very long input instead of parsing it", () => {
    expect(safeNextPath(`/${"a".repeat(MAX_NEXT_LENGTH - 1)}`)).toHaveLength(MAX_NEXT_LENGTH);
    expect(safeNextPath(`/${"a".repeat(MAX_NEXT_LENGTH)}`)).toBe("/");
    expect(safeNextPath(`/${"\t".repeat(100_000)}/evil.example`)).toBe("/");
  });

  it("answers a path that stays on the site, for any input (property)", () => {
    const pieces = fc.constantFrom(
      "/",
      "\\",
      "\t",
      "\n",
      "\r",
      " ",
      ".",
      "..",
      "%",
      "%09",
      "%2F",
      "%5C",
      ":",
      "@",
      "?",
      "#",
      "evil.example",
      "http",
      "javascript",
      "//",
      "\u0000",
      "\u3000",
    );
    const input = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(input, (next) => {
        const path = safeNextPath(next);
        expect(path.startsWith("/")).toBe(true);
        expect(path.startsWith("//")).toBe(false);
        // Nothing a URL parser would strip, nothing that could split a header.
        expect(path).not.toMatch(/[\u0000-\u0020\u007f-\uffff]/);
        expect(landsOn(path).origin).toBe(SITE);
        expect(safeNextPath(path)).toBe(path);
      }),
      { numRuns: 5_000 },
    );
  });
});
