// GET /api/sync/status — each sync source's last run (when, what it added and updated, what
// failed and why) and whether a sync is running now. Admins only: 401 signed out, 403 otherwise.
import { requireAdmin } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { syncStatus } from "@/lib/sync/status";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    await requireAdmin(request.headers);
    return Response.json(await syncStatus(getDatabase()), { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
