// POST /api/subscriptions/confirm — the button on /subscribe/confirm (a form post with the
// link's token; works without JavaScript): confirms, then a 303 back to that page, which shows
// the outcome. Following the emailed link alone never confirms: mail scanners follow links.
import { getDatabase } from "@/lib/db/database";
import { ValidationError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/error-response";
import { readFormBody } from "@/lib/http/form-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { confirmSubscription } from "@/lib/subscriptions/subscriptions";

const seeOther = (location: string) => new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const token = (await readFormBody(request)).get("token") ?? "";
    const page = `/subscribe/confirm?token=${encodeURIComponent(token)}`;
    try {
      await confirmSubscription(getDatabase(), { token });
    } catch (error) {
      // The page says why (a bad or expired link, an address unsubscribed since).
      if (error instanceof ValidationError) return seeOther(page);
      throw error;
    }
    return seeOther(`${page}&done=1`);
  } catch (error) {
    return toErrorResponse(error);
  }
}
