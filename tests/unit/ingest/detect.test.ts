import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../lib/ingest/detect";
import { SAMPLE_FILE } from "../../../prisma/seed";
import fs from "node:fs";
import { readFixture } from "../../support/fixtures";

describe("detectFormat", () => {
  it.each([
    ["hf-daily-papers.json", "hf-daily-json"],
    ["hf-paper.json", "hf-daily-json"],
    ["arxiv-atom.xml", "arxiv-atom"],
    ["arxiv-atom-new.xml", "arxiv-atom"],
    ["arxiv-atom-error.xml", "arxiv-atom"],
    ["arxiv-snapshot.jsonl", "arxiv-jsonl"],
    ["arxiv-rss.xml", "feed"],
    ["papers-atom-feed.xml", "feed"],
    ["papers-feed.json", "feed"],
  ])("%s is %s", (file, format) => {
    expect(detectFormat(readFixture(file))).toBe(format);
  });

  it("knows the Daily Papers page text", () => {
    expect(detectFormat(fs.readFileSync(SAMPLE_FILE, "utf8"))).toBe("hf-page-text");
  });

  it("gives up on anything else", () => {
    expect(detectFormat("")).toBeNull();
    expect(detectFormat("just some words\nand more")).toBeNull();
    expect(detectFormat("<html><body/></html>")).toBeNull();
  });
});
