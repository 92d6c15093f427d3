import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { describeZodError } from "@/lib/http/error-response";
import { RateLimitedError } from "@/lib/rate-limit/rate-limit";

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
    if (error instanceof RateLimitedError) return { ok: false, error: error.message, status: error.status, retryAfterSeconds: error.retryAfterSeconds };
    if (error instanceof AppError) return { ok: false, error: error.message, status: error.status };
    if (error instanceof ZodError) return { ok: false, error: describeZodError(error), status: 400 };
    console.error(error);
    return { ok: false, error: "Something went wrong on our side; try again.", status: 500 };
  }
}
