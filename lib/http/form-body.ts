import { AppError } from "../errors";

/** What a form of this site sends is a few hundred bytes; 16 KiB is room for any of them. */
export const MAX_FORM_BYTES = 16 * 1024;

/**
 * A request's body, read without ever holding more than `maxBytes` of it: null as soon as the
 * body (by its Content-Length or as it streams) is larger.
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared > maxBytes) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The fields of an HTML form post (application/x-www-form-urlencoded), read with
 * `readBodyUpTo`: a 413 when the body is larger than `maxBytes`, a 415 for any other kind of body.
 */
export async function readFormBody(request: Request, maxBytes = MAX_FORM_BYTES): Promise<URLSearchParams> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new AppError("Send the form's fields as application/x-www-form-urlencoded.", 415);
  const body = await readBodyUpTo(request, maxBytes);
  if (body === null) throw new AppError(`The form is too large (at most ${maxBytes / 1024} KB).`, 413);
  return new URLSearchParams(body.toString("utf8"));
}
