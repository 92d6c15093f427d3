// POST /api/session/sign-in — the sign-in form's post (app/api/session/_auth-form-route.ts).
import { authFormRoute } from "../_auth-form-route";

export const POST = authFormRoute("sign-in");
