// POST /api/session/sign-in — the sign-in form's post, with or without JavaScript: a 303 on to
// `next` with the session cookie, or back to /sign-in?error=… (lib/http/auth-form.ts).
import { NextRequest } from "next/server";
import { POST as accountsApi } from "@/app/api/auth/[...all]/route";
import { readEnv } from "@/lib/env";
import { submitAuthForm } from "@/lib/http/auth-form";
import { isHttpsAppUrl } from "@/lib/http/security-headers";

export function POST(request: Request) {
  return submitAuthForm({
    request,
    mode: "sign-in",
    send: (forwarded) => accountsApi(new NextRequest(forwarded)),
    secureCookies: isHttpsAppUrl(readEnv().APP_URL),
  });
}
