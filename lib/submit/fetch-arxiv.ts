import { AppError, NotFoundError } from "../errors";
import { parseArxivAtom } from "../ingest/formats/arxiv-atom";
import type { PaperInput } from "../papers/schema";

/** arXiv could not give an answer we can use: nothing is written, the person may try later. */
export class ArxivUnavailableError extends AppError {
  constructor(reason: string, status = 502) {
    super(`${reason} Nothing was added; try again in a few minutes.`, status);
  }
}

// An answer for one id is a few kilobytes; anything this large is not one.
const MAX_ANSWER_BYTES = 2_000_000;

/**
 * One paper's metadata from the arXiv API (`{apiUrl}?id_list={id}`), read with the ingestion
 * library's Atom reader so a submitted paper is stored exactly as an ingested one would be.
 */
export async function fetchArxivPaper(id: string, options: { apiUrl: string; timeoutMs: number }): Promise<PaperInput> {
  const url = new URL(options.apiUrl);
  url.searchParams.set("id_list", id);
  url.searchParams.set("max_results", "1");
  const text = await fetchText(url, options.timeoutMs);
  const records = parseArxivAtom(text);
  const broken = records.find((record) => "error" in record && record.at === "document");
  if (broken) throw new ArxivUnavailableError("arXiv answered with something that is not an arXiv Atom feed.");
  const paper = records.flatMap((record) => ("paper" in record && record.paper.arxivId === id ? [record.paper] : []))[0];
  if (!paper) throw new NotFoundError(`arXiv has no paper ${id}. Check the id (https://arxiv.org/abs/${id}).`);
  return paper;
}

async function fetchText(url: URL, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/atom+xml" } });
  } catch (error) {
    if ((error as Error).name === "TimeoutError") throw new ArxivUnavailableError(`arXiv did not answer within ${timeoutMs / 1000} s.`, 504);
    throw new ArxivUnavailableError("arXiv could not be reached.");
  }
  if (!response.ok) throw new ArxivUnavailableError(`arXiv answered with an error (HTTP ${response.status}).`);
  if (Number(response.headers.get("content-length")) > MAX_ANSWER_BYTES) throw new ArxivUnavailableError("arXiv's answer was far too large to be one paper.");
  try {
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES) throw new ArxivUnavailableError("arXiv's answer was far too large to be one paper.");
    return text;
  } catch (error) {
    if (error instanceof ArxivUnavailableError) throw error;
    const timedOut = (error as Error).name === "TimeoutError";
    throw new ArxivUnavailableError(
      timedOut ? `arXiv did not finish answering within ${timeoutMs / 1000} s.` : "arXiv's answer broke off.",
      timedOut ? 504 : 502,
    );
  }
}
