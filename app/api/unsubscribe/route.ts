// POST /api/unsubscribe?token= — unsubscribes at once, no sign-in. Two callers:
// - mail programs, for RFC 8058 one-click (the List-Unsubscribe-Post header): their server makes
//   the request, so there is no same-origin check; the answer is JSON;
// - the button on /unsubscribe (a form post, a browser navigation): the answer is a 303 back to
//   that page, which shows the outcome.
// GET (a person, or a mail scanner, opening the address) only goes to the page, which changes nothing.
import { getDatabase } from "@/lib/db/database";
import { AppError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/error-response";
import { unsubscribe } from "@/lib/subscriptions/subscriptions";

const page = (token: string, done: boolean) => `/unsubscribe?token=${encodeURIComponent(token)}${done ? "&done=1" : ""}`;
const seeOther = (location: string) => new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });

// A browser submitting a form navigates; a mail provider's server sends no Sec-Fetch-* and no text/html Accept.
const isFormNavigation = (request: Request) =>
  request.headers.get("sec-fetch-mode") === "navigate" || (request.headers.get("accept") ?? "").includes("text/html");

export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    const result = await unsubscribe(getDatabase(), { token });
    return isFormNavigation(request) ? seeOther(page(token, true)) : Response.json({ unsubscribed: true, email: result.email });
  } catch (error) {
    if (error instanceof AppError && isFormNavigation(request)) return seeOther(page(token, false));
    return toErrorResponse(error);
  }
}

export function GET(request: Request) {
  return seeOther(page(new URL(request.url).searchParams.get("token") ?? "", false));
}
