// The sign-in and sign-up forms' posts (/api/session/sign-in, /api/session/sign-up), with or
// without JavaScript: a 303 on to `next` with the session cookie, or back to the form with
// ?error=… (lib/http/auth-form.ts). An upvote the form carried is cast for the new session.
import { NextRequest } from "next/server";
import { POST as accountsApi } from "@/app/api/auth/[...all]/route";
import { getDatabase } from "@/lib/db/database";
import { readEnv } from "@/lib/env";
import { type AuthMode, submitAuthForm } from "@/lib/http/auth-form";
import { clientAddressOf } from "@/lib/http/client-address";
import { isHttpsAppUrl } from "@/lib/http/security-headers";
import { castCarriedUpvote } from "@/lib/papers/upvotes";

export function authFormRoute(mode: AuthMode): (request: Request) => Promise<Response> {
  return (request) =>
    submitAuthForm({
      request,
      mode,
      send: (forwarded) => accountsApi(new NextRequest(forwarded)),
      secureCookies: isHttpsAppUrl(readEnv().APP_URL),
      castUpvote: (vote) => castCarriedUpvote(getDatabase(), { ...vote, clientAddress: clientAddressOf(request.headers) }),
    });
}
