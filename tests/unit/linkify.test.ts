import { describe, expect, it } from "vitest";
import { linkify } from "../../lib/comments/linkify";

describe("linkify", () => {
  it("makes http(s) URLs links and leaves sentence punctuation outside", () => {
    expect(linkify("See https://arxiv.org/abs/2312.00752, and (http://x.org/a).")).toEqual([
      { text: "See " },
      { url: "https://arxiv.org/abs/2312.00752" },
      { text: ", and (" },
      { url: "http://x.org/a" },
      { text: ")." },
    ]);
  });

  it("never makes other schemes links", () => {
    expect(linkify("javascript:alert(1) <a href=x>y</a>")).toEqual([{ text: "javascript:alert(1) <a href=x>y</a>" }]);
  });
});
