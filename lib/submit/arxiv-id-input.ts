import { ValidationError } from "../errors";
import { arxivIdFromUrl, normalizeArxivId } from "../papers/identity";

export const ARXIV_ID_HINT = "an arXiv id looks like 2312.00752 (or arXiv:2312.00752v2, hep-th/9901001, https://arxiv.org/abs/2312.00752)";

/**
 * The arXiv id in what a person pasted: a bare id with or without version or "arXiv:" prefix,
 * or an abs/pdf/html address on arxiv.org (the scheme may be left off). Returned without version.
 */
export function parseSubmittedArxivId(input: unknown): string {
  const text = typeof input === "string" ? input.trim() : "";
  if (!text) throw new ValidationError(`Enter an arXiv id or address: ${ARXIV_ID_HINT}.`);
  const id = normalizeArxivId(text) ?? arxivIdFromUrl(/^(?:www\.|export\.)?arxiv\.org\//i.test(text) ? `https://${text}` : text);
  // New-style ids start with the year and month they were given (YYMM): 1234.5678 is no id.
  const month = /^\d{2}(\d{2})\./.exec(id ?? "")?.[1];
  if (!id || (month !== undefined && (Number(month) < 1 || Number(month) > 12))) {
    throw new ValidationError(`“${text.slice(0, 80)}” is not an arXiv id: ${ARXIV_ID_HINT}.`);
  }
  return id;
}
