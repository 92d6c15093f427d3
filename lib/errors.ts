/**
 * Errors that carry their HTTP status, so every route maps them the same way
 * (lib/http/error-response.ts). Messages are written for the person who sent the request.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super(message, 400);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 404);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign in first.") {
    super(message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(message, 403);
  }
}

/** Too many requests: 429, and when the wait is known, Retry-After (toErrorResponse sets it). */
export class RateLimitError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message, 429);
  }
}

/** A search that could not be answered in time, or not now (on either database): a 503 that says to try again. */
export class SearchUnavailableError extends AppError {
  constructor(message: string) {
    super(message, 503);
  }
}

/** The promise's value, or the AppError it failed with (an answer to show the person); any other failure still throws. */
export async function orAppError<T>(promise: Promise<T>): Promise<T | AppError> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}
