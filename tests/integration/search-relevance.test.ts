import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXACT_CANDIDATES, RECENT_WINDOW as POSTGRES_WINDOW } from "../../lib/db/postgres/search-plan";
import { EXACT_POSTINGS, RECENT_WINDOW as SQLITE_WINDOW } from "../../lib/db/sqlite/search";
import { ingestFromSource } from "../../lib/ingest/run";
import { searchPapers, type SearchOptions } from "../../lib/search/search";
import { providers, type TestDatabase } from "../support/databases";

// Relevance pinned on both databases: the same cases, the same expected top results, from a
// small hand-made corpus where the right answer is clear, plus filler papers that share one
// common word (in every abstract, every 100th title), so that a common query is answered the
// way each engine answers one at scale: its newest matches ranked, the count a lower bound.

type Paper = { id: string; title: string; abstract: string; authors?: Array<[string, string]>; category?: string; day: string };

const PAPERS: Paper[] = [
  {
    id: "2402.00001",
    title: "Quantum kernel estimation with shallow circuits",
    abstract: "We estimate kernels on noisy hardware.",
    day: "2024-02-01",
    category: "quant-ph",
  },
  {
    id: "2402.00002",
    title: "Noisy hardware benchmarks",
    abstract: "A quantum kernel appears once in this abstract about benchmarks.",
    day: "2024-02-10",
    category: "quant-ph",
  },
  { id: "2402.00003", title: "Quantum error correction codes", abstract: "Stabilizer codes protect logical qubits.", day: "2024-02-20", category: "quant-ph" },
  {
    id: "2402.00004",
    title: "Spectral graph wavelets on manifolds",
    abstract: "We build wavelets for smooth surfaces.",
    day: "2024-02-03",
    category: "eess.SP",
  },
  { id: "2402.00005", title: "Graph wavelets for signals", abstract: "A spectral view of signals on networks.", day: "2024-02-04", category: "eess.SP" },
  { id: "2402.00006", title: "Spectral methods for signals", abstract: "We study graph wavelets in passing.", day: "2024-02-05", category: "math.NA" },
  {
    id: "2402.00007",
    title: "Neural operator learning for fluids",
    abstract: "Operators between function spaces, learned.",
    day: "2024-02-06",
    category: "cs.LG",
  },
  { id: "2402.00008", title: "Operator splitting for neural fields", abstract: "Splitting schemes for field equations.", day: "2024-02-07", category: "cs.LG" },
  {
    id: "2402.00009",
    title: "The brachistochrone under friction",
    abstract: "Curves of fastest descent with drag.",
    day: "2024-02-08",
    category: "physics.class-ph",
  },
  {
    id: "2402.00010",
    title: "Sparse attention for speech",
    abstract: "Long audio with few attention links.",
    day: "2024-02-09",
    category: "cs.CL",
    authors: [["Okonkwo", "Chidi"]],
  },
  {
    id: "2402.00011",
    title: "Speech codecs at low bitrates",
    abstract: "Following the method of Okonkwo we compress audio.",
    day: "2024-02-11",
    category: "cs.CL",
  },
  { id: "2402.00012", title: "Tidal heating in icy moons", abstract: "Ice shells flex and warm.", day: "2024-02-12", category: "astro-ph.EP" },
  { id: "2402.00013", title: "Tidal heating in icy moons", abstract: "Ice shells flex and warm.", day: "2024-02-12", category: "astro-ph.EP" },
];
// The twin with upvotes: the blend (× (1 + 0.1 ln(1 + upvotes))) breaks an exact tie in relevance.
const UPVOTED = { id: "2402.00013", upvotes: 40 };

// Enough filler papers that a word in all of them takes each engine's path for common queries.
const FILLERS = Math.max(EXACT_POSTINGS, EXACT_CANDIDATES) + 300;
const titled = (index: number) => index % 100 === 0;
const fillerId = (index: number) => `2301.${String(index).padStart(5, "0")}`;

function corpus(): string {
  const line = (paper: Paper) =>
    JSON.stringify({
      id: paper.id,
      title: paper.title,
      abstract: paper.abstract,
      authors_parsed: paper.authors ?? [["Writer", "A.", ""]],
      categories: paper.category ?? "cs.LG",
      versions: [{ version: "v1", created: new Date(`${paper.day}T10:00:00Z`).toUTCString() }],
    });
  const fillers = Array.from({ length: FILLERS }, (_, index) =>
    line({
      id: fillerId(index),
      title: titled(index) ? `Ubiquitous structures number ${index}` : `Plain structures number ${index}`,
      abstract: `A ubiquitous pattern studied in paper ${index}.`,
      // A day each, in id order, all before the hand-made papers.
      day: new Date(Date.UTC(2012, 0, 1) + index * 86_400_000).toISOString().slice(0, 10),
    }),
  );
  return [...fillers, ...PAPERS.map(line)].join("\n");
}

describe.each(providers())("relevance on $name", (provider) => {
  let db: TestDatabase;
  const search = (q: string, options: Omit<SearchOptions, "q"> = {}) => searchPapers(db, { q, limit: 50, ...options });
  const ids = async (q: string, options: Omit<SearchOptions, "q"> = {}) => (await search(q, options)).hits.map((hit) => hit.paper.id);
  beforeAll(async () => {
    db = await provider.create();
    await ingestFromSource(db, { source: "-", stdin: Readable.from([Buffer.from(corpus())]) });
    await db.prisma.paper.update({ where: { id: UPVOTED.id }, data: { importedUpvotes: UPVOTED.upvotes } });
  }, 120_000);
  afterAll(async () => db?.drop());

  it("ranks a title match above an abstract match", async () => {
    expect(await ids("quantum kernel ")).toEqual(["2402.00001", "2402.00002"]);
  });

  it("ranks papers with more of the words in the title first", async () => {
    expect(await ids("spectral graph wavelets ")).toEqual(["2402.00004", "2402.00005", "2402.00006"]);
  });

  it("matches a phrase only in order", async () => {
    expect(await ids('"neural operator"')).toEqual(["2402.00007"]);
    expect(await ids("neural operator ")).toEqual(["2402.00007", "2402.00008"]);
  });

  it("matches the last word typed as a prefix", async () => {
    expect(await ids("brachisto")).toEqual(["2402.00009"]);
    expect(await ids("brachisto ")).toEqual([]);
  });

  it("leaves out papers with an excluded word", async () => {
    expect(await ids("quantum -kernel ")).toEqual(["2402.00003"]);
    expect(await ids('quantum -"quantum kernel" ')).toEqual(["2402.00003"]);
  });

  it("filters by date and by category", async () => {
    expect(await ids("quantum ", { filters: { from: new Date("2024-02-05") } })).toEqual(["2402.00003", "2402.00002"]);
    expect(await ids("quantum ", { filters: { before: new Date("2024-02-05") } })).toEqual(["2402.00001"]);
    expect(await ids("signals ", { filters: { category: "eess.SP" } })).toEqual(["2402.00005"]);
  });

  it("finds an author by name, above a paper that only mentions the name", async () => {
    expect(await ids("okonkwo ")).toEqual(["2402.00010", "2402.00011"]);
  });

  it("breaks a tie in relevance by upvotes", async () => {
    expect(await ids("tidal heating ")).toEqual([UPVOTED.id, "2402.00012"]);
  });

  it("counts exactly what it ranks exactly", async () => {
    expect(await search("quantum ")).toMatchObject({ total: 3, totalIsLowerBound: false, commonWords: [] });
  });

  it("answers a common word with its newest matches, title matches first, and a capped count", async () => {
    const results = await search("ubiquitous ", { limit: 20 });
    expect(results.total).toBe(provider.name === "sqlite" ? SQLITE_WINDOW : POSTGRES_WINDOW);
    expect(results.totalIsLowerBound).toBe(true);
    expect(results.commonWords).toEqual([]);
    const newestTitled = Array.from({ length: FILLERS }, (_, index) => FILLERS - 1 - index)
      .filter(titled)
      .slice(0, 3)
      .map(fillerId);
    expect(results.hits.slice(0, 3).map((hit) => hit.paper.id)).toEqual(newestTitled);
  });
});
