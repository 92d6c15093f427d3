import { ZodError } from "zod";
import { AppError, RateLimitError } from "@/lib/errors";
import { describeZodError } from "@/lib/http/error-response";

/**
 * What every server action returns: expected failures are values, not thrown errors. A rate
 * limit's refusal (status 429) says in `error` how long to wait, and in `retryAfterSeconds`.
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; status: number; retryAfterSeconds?: number };

/** Runs an action's work and turns the errors a person can cause into a message. */
export async function toActionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof AppError) {
      const wait = error instanceof RateLimitError ? error.retryAfterSeconds : undefined;
      return { ok: false, error: error.message, status: error.status, ...(wait === undefined ? {} : { retryAfterSeconds: wait }) };
    }
    if (error instanceof ZodError) return { ok: false, error: describeZodError(error), status: 400 };
    console.error(error);
    return { ok: false, error: "Something went wrong on our side; try again.", status: 500 };
  }
}
