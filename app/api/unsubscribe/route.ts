// POST /api/unsubscribe?token= — RFC 8058 one-click unsubscribe, what mail programs send for the
// List-Unsubscribe-Post header. No sign-in and no same-origin check: the mail provider's server
// makes this request. GET (a person opening the address) goes to the page that does the same.
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { unsubscribe } from "@/lib/subscriptions/subscriptions";

export async function POST(request: Request) {
  try {
    const result = await unsubscribe(getDatabase(), { token: new URL(request.url).searchParams.get("token") });
    return Response.json({ unsubscribed: true, email: result.email });
  } catch (error) {
    return toErrorResponse(error);
  }
}

export function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return new Response(null, { status: 303, headers: { location: `/unsubscribe?token=${encodeURIComponent(token)}` } });
}
