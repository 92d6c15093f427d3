import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { FormatName, ParsedRecord } from "../../../lib/ingest/record";
import { SAMPLE_FILE } from "../../../prisma/seed";
import { readFixture } from "../../support/fixtures";
import { assertContract, readOutcome, type Outcome } from "../../support/ingest-faults";

/*
 * The handful of huge and hostile inputs the generated runs keep small: megabyte fields, 10,000
 * levels of nesting, entity expansion, quadratic-regex bait. Each must keep the reader's contract
 * and finish well within a few seconds (before the fixes, several took minutes or overflowed the
 * stack).
 */

const MB = 1024 * 1024;
// Generous for a loaded machine; the quadratic cases this guards against take minutes.
const BOUND_MS = 5_000;

async function read(input: string | Uint8Array, format?: FormatName): Promise<Outcome & { ms: number }> {
  const started = performance.now();
  const outcome = await readOutcome(typeof input === "string" ? Buffer.from(input) : input, { format });
  const ms = performance.now() - started;
  assertContract(outcome);
  expect(ms).toBeLessThan(BOUND_MS);
  return { ...outcome, ms };
}

function records(outcome: Outcome): ParsedRecord[] {
  if ("refused" in outcome) throw new Error(`refused: ${outcome.refused}`);
  return outcome.records;
}

const errors = (outcome: Outcome) => records(outcome).flatMap((record) => ("error" in record ? [`${record.at}: ${record.error}`] : []));
const ids = (outcome: Outcome) => records(outcome).flatMap((record) => ("paper" in record ? [record.paper.arxivId] : []));
const longestText = (outcome: Outcome) =>
  Math.max(
    0,
    ...records(outcome).flatMap((record) =>
      "paper" in record ? [record.paper.title.length, record.paper.abstract.length, ...record.paper.authors.map((name) => name.length)] : [],
    ),
  );

const jsonl = readFixture("arxiv-snapshot.jsonl");
const jsonlLines = jsonl.trimEnd().split("\n");
const hfJson = readFixture("hf-daily-papers.json");
const atom = readFixture("arxiv-atom.xml");
const rss = readFixture("arxiv-rss.xml");
const atomFeed = readFixture("papers-atom-feed.xml");
const jsonFeed = readFixture("papers-feed.json");
const page = fs.readFileSync(SAMPLE_FILE, "utf8");

const deepJson = (depth: number, leaf = "null") => "[".repeat(depth) + leaf + "]".repeat(depth);
const deepXml = (depth: number, leaf = "x") => "<a>".repeat(depth) + leaf + "</a>".repeat(depth);
const withFirstLine = (line: object) => [JSON.stringify(line), ...jsonlLines.slice(1)].join("\n");
const firstRecord = JSON.parse(jsonlLines[0]!) as Record<string, unknown>;

describe("huge fields", () => {
  const title = "Transformers ".repeat(MB / 13);

  it("a 1 MB title is one rejected record in every format, the rest go in", async () => {
    // JSON Lines: the first line is over the 64 KB detection window and must still be told from JSON.
    const lines = await read(withFirstLine({ ...firstRecord, title }));
    expect(lines).toMatchObject({ format: "arxiv-jsonl" });
    expect(errors(lines)).toEqual(["line 1: title is over 2,000 characters"]);
    expect(ids(lines)).toHaveLength(5);

    const entries = JSON.parse(hfJson) as Array<{ paper: { title: string } }>;
    entries[0]!.paper.title = title;
    expect(errors(await read(JSON.stringify(entries)))).toEqual(["entry 0: title is over 2,000 characters"]);

    expect(errors(await read(atom.replace("<title>Mamba", `<title>${title}`)))).toEqual(["entry 1: title is over 2,000 characters"]);
    expect(errors(await read(rss.replace("<title>LOGO", `<title>${title}`)))).toEqual(["item 1: title is over 2,000 characters"]);
    const pageOutcome = await read(page.replace("White-Box Transformers via", `${title} White-Box`), "hf-page-text");
    expect(errors(pageOutcome)).toEqual(["line 13: title is over 2,000 characters"]);
  });

  it("a 1 MB abstract or author list is rejected or read in linear time", async () => {
    const abstract = "word ".repeat(MB / 5);
    expect(errors(await read(withFirstLine({ ...firstRecord, abstract })))).toEqual(["line 1: abstract is over 100,000 characters"]);
    // Bait for quadratic patterns: "<" without ">" (tag stripping), white space runs around
    // "and" (name splitting), "?" and a line break in a link (arXiv URL matching).
    const items = JSON.parse(jsonFeed) as { items: Array<Record<string, unknown>> };
    items.items[0]!.summary = "<".repeat(MB);
    expect(errors(await read(JSON.stringify(items)))).toEqual(["item 1: abstract is over 100,000 characters"]);
    const names = `A. One${" ".repeat(MB)}and B. Two`;
    const spaced = await read(rss.replace("<dc:creator>Zecheng Tang", `<dc:creator>${names}, Zecheng Tang`));
    expect(records(spaced)[0]).toMatchObject({
      paper: { authors: ["A. One", "B. Two", "Zecheng Tang", "Zechen Sun", "Juntao Li", "Qiaoming Zhu", "Min Zhang"] },
    });
    const link = `https://arxiv.org/abs/${"?".repeat(MB / 4)}\nx`;
    expect(ids(await read(rss.replace("<link>https://arxiv.org/abs/2410.18533</link>", `<link>${link}</link>`)))).toContain("2410.18533"); // from the guid
    const { authors_parsed: _parsed, ...withoutParsed } = firstRecord;
    const authorsString = await read(withFirstLine({ ...withoutParsed, authors: `C. One${" \t".repeat(MB / 2)}and D. Two` }));
    expect(records(authorsString)[0]).toMatchObject({ paper: { authors: ["C. One", "D. Two"] } });
  });

  it("a JSON Lines line over 16 M characters is rejected without stopping the stream", async () => {
    const huge = JSON.stringify({ ...firstRecord, abstract: "x".repeat(17 * MB) });
    const outcome = await read([jsonlLines[1], huge, jsonlLines[2]].join("\n"));
    expect(errors(outcome)).toEqual(["line 2: is over 16 M characters: not a snapshot record"]);
    expect(ids(outcome)).toEqual(["0704.0002", "hep-th/9608091"]);
  });

  it("100,000 nulls are 100,000 rejections, each with its place", async () => {
    const outcome = await read(`[${Array(100_000).fill("null").join(",")}]`);
    expect(records(outcome)).toHaveLength(100_000);
    expect(errors(outcome)[99_999]).toBe("entry 99999: is not an object");
  });
});

describe("deep nesting (10,000 levels)", () => {
  it("JSON documents and fields", async () => {
    expect(errors(await read(deepJson(10_000)))).toEqual(["entry 0: is not an object"]);
    const entries = hfJson.replace('"title":', `"extra":${deepJson(10_000)},"title":`);
    expect(ids(await read(entries))).toHaveLength(4);
    const wrongTitle = hfJson.replace(/"title":"[^"]*"/, `"title":${deepJson(10_000)}`);
    expect(errors(await read(wrongTitle))).toEqual([]); // the outer title stands in for it
  });

  it("JSON Lines ids and lines", async () => {
    const deepId = jsonlLines[0]!.replace('"id":"0704.0001"', `"id":${deepJson(10_000)}`);
    expect(errors(await read([deepId, ...jsonlLines.slice(1)].join("\n"), "arxiv-jsonl"))).toEqual(["line 1: id is a list, not a string"]);
    const deepObject = `{"id":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`;
    expect(errors(await read(`${jsonl}${deepObject}\n${deepJson(10_000)}\n`))).toEqual([
      "line 7: id is an object, not a string",
      "line 8: is not a JSON object",
    ]);
  });

  it("JSON Feed items", async () => {
    const outcome = await read(jsonFeed.replace('"title": "Mamba', `"extra": ${deepJson(10_000)}, "title": "Mamba`));
    expect(errors(outcome)).toEqual(["document: is not a JSON feed: it nests deeper than 100 levels"]);
  });

  it("XML elements, closed and unclosed, in entries and at the root", async () => {
    for (const [name, document] of [
      ["atom entry", atom.replace("<entry>", `<entry>${deepXml(10_000)}`)],
      ["rss item", rss.replace("<item>", `<item>${deepXml(10_000)}`)],
      ["atom feed", atomFeed.replace("<entry>", `<entry>${deepXml(10_000)}`)],
      ["root", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${deepXml(10_000)}</feed>`],
    ] as const) {
      const outcome = await read(document);
      expect(errors(outcome), name).toEqual([expect.stringMatching(/^document: is not an RSS, Atom or JSON feed \(.*Maximum nested tags exceeded\)$/)]);
    }
    const unclosed = await read(`<rss version="2.0"><channel>${"<item>".repeat(10_000)}`);
    expect(errors(unclosed)).toEqual(["document: is not well-formed XML: it ends with <item> still open (a cut-off download?)"]);
    // Deep markup inside a title is text (a stop node): it stays one rejected or read record.
    expect(records(await read(atom.replace("<title>Mamba", `<title>${deepXml(10_000)}Mamba`)))).toHaveLength(4);
  });
});

describe("XML entities", () => {
  const laughs = (root: string) => {
    const entities = [`<!ENTITY e0 "lol">`];
    for (let level = 1; level <= 9; level++) entities.push(`<!ENTITY e${level} "${`&e${level - 1};`.repeat(10)}">`);
    return `<?xml version="1.0"?><!DOCTYPE ${root} [${entities.join("")}]>`;
  };

  it("billion laughs are never expanded", async () => {
    for (const [document, root] of [
      [atom, "feed"],
      [rss, "rss"],
      [atomFeed, "feed"],
    ] as const) {
      const attack = document
        .replace(/^<\?xml[^>]*\?>/, laughs(root))
        .replace(/<title>/g, "<title>&e9;")
        .replace(/<summary>|<description>/g, "$&&e9;&e9;");
      const outcome = await read(attack);
      expect(longestText(outcome)).toBeLessThan(attack.length);
      expect(JSON.stringify(records(outcome))).not.toContain("lollol");
    }
  });

  it("a large entity referenced many times and an external entity are not expanded either", async () => {
    const big = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${"x".repeat(100_000)}"><!ENTITY file SYSTEM "file:///etc/passwd">]>`;
    const attack = rss.replace(/^<\?xml[^>]*\?>/, big).replace("<description>arXiv", `<description>${"&big;".repeat(10_000)}&file;arXiv`);
    const outcome = await read(attack);
    expect(longestText(outcome)).toBeLessThan(attack.length);
    expect(JSON.stringify(records(outcome))).not.toMatch(/xxxxxxxxxx|root:/);
  });
});

describe("detection and encodings", () => {
  it("tells the format in linear time however the head is shaped", async () => {
    const blankLines = await read(`x${"\n".repeat(MB)}`);
    expect(blankLines).toMatchObject({ refused: expect.stringContaining("Cannot tell the format") });
    const noLineBreak = await read(`x${" ".repeat(20 * MB)}`);
    expect(noLineBreak).toMatchObject({ refused: expect.stringContaining("Cannot tell the format") });
  });

  it("reads UTF-8 with a BOM, UTF-16 with either BOM, CRLF and CR line ends as it reads plain UTF-8", async () => {
    const cases: Array<[string, string]> = [
      ["arxiv-snapshot.jsonl", jsonl],
      ["hf-daily-papers.json", hfJson],
      ["arxiv-atom.xml", atom],
      ["arxiv-rss.xml", rss],
      ["papers-feed.json", jsonFeed],
      ["daily-papers-page.txt", page],
    ];
    for (const [name, text] of cases) {
      const plain = records(await read(text));
      expect(plain.length, name).toBeGreaterThan(0);
      const utf16 = Buffer.from(text, "utf16le");
      for (const bytes of [
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]),
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16).swap16()]),
        Buffer.from(text.replace(/\n/g, "\r\n")),
      ]) {
        expect(records(await read(bytes)), name).toEqual(plain);
      }
    }
    expect(records(await read(page.replace(/\n/g, "\r"), "hf-page-text"))).toEqual(records(await read(page, "hf-page-text")));
  });

  it("keeps every line of JSON Lines joined from files that each start with a BOM", async () => {
    const joined = `\ufeff${jsonl}\ufeff${jsonl}`;
    expect(errors(await read(joined))).toEqual([]);
    expect(ids(await read(joined))).toHaveLength(12);
  });

  it("never stores what a database would refuse or change: NUL, other controls, half surrogate pairs, 32-bit overflows", async () => {
    const line = { ...firstRecord, title: "A\u0000B\u001b[2J C\ud800", abstract: "x\u0007y", authors_parsed: [["Bal\u0000azs", "C.", ""]] };
    const outcome = await read(withFirstLine(line));
    expect(records(outcome)[0]).toMatchObject({ paper: { title: "A B [2J C\ufffd", abstract: "x y", authors: ["C. Bal azs"] } });
    const badCategory = await read(withFirstLine({ ...firstRecord, categories: "hep-ph cs.AI\u0000" }));
    expect(errors(badCategory)).toEqual(["line 1: categories.1 has a control character"]);
    const entries = JSON.parse(hfJson) as Array<{ paper: Record<string, unknown> }>;
    entries[0]!.paper.upvotes = 2 ** 31;
    entries[1]!.paper.githubRepo = "https://github.com/a/b\u0000";
    expect(errors(await read(JSON.stringify(entries)))).toEqual(["entry 0: upvotes is too large", "entry 1: codeUrl has a control character"]);
    const chinese = Array.from({ length: 2_000 }, (_, index) => String.fromCodePoint(0x4e00 + ((index * 7_919) % 20_000))).join("");
    expect(errors(await read(withFirstLine({ ...firstRecord, title: chinese })))).toEqual([
      "line 1: title is too long to index (over 2,400 bytes without case, accents and punctuation)",
    ]);
    const manyAuthors = page.replace("• 10 authors", "• 3000000000 authors");
    expect(errors(await read(manyAuthors, "hf-page-text"))).toEqual(["line 13: authorCount is too large"]);
  });
});
