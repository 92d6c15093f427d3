// POST /api/session/sign-up — the sign-up form's post (app/api/session/_auth-form-route.ts).
import { authFormRoute } from "../_auth-form-route";

export const POST = authFormRoute("sign-up");
