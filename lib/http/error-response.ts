import { ZodError } from "zod";
import { AppError } from "../errors";

/**
 * The one mapping from a thrown error to an HTTP answer: expected failures keep their status
 * and message (and, when they carry `retryAfterSeconds` — a rate limit's wait — a Retry-After
 * header); a bad query string names the parameter; anything else is logged and becomes a 500
 * that reveals nothing.
 */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const response = Response.json({ error: error.message }, { status: error.status });
    // By property, not by class: any expected failure that knows its wait says it, and this module
    // needs nothing from lib/rate-limit. The header takes whole seconds.
    const wait = "retryAfterSeconds" in error ? error.retryAfterSeconds : undefined;
    if (typeof wait === "number" && Number.isFinite(wait)) response.headers.set("retry-after", String(Math.max(0, Math.ceil(wait))));
    return response;
  }
  if (error instanceof ZodError) return Response.json({ error: describeZodError(error) }, { status: 400 });
  console.error(error);
  return Response.json({ error: "Something went wrong on our side." }, { status: 500 });
}

export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}
