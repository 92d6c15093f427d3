import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { AUTH_FORM_ERRORS, authFormPath, carriedUpvote, isAuthFormError, KEPT_FIELDS_COOKIE, nextAfterAuth, readKeptFields } from "@/lib/http/auth-form";
import { currentUser } from "./_session";

export type AuthSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Sign-in and sign-up: someone already signed in goes straight on to `next`. After a failed
 * post the address names what went wrong (?error=credentials) and a short-lived cookie holds
 * the email typed, so the form shows both. An upvote clicked while signed out (?upvote=) rides
 * along, to the other form too, and is cast once there is an account.
 */
export async function AuthPage({ mode, searchParams }: { mode: "sign-in" | "sign-up"; searchParams: AuthSearchParams }) {
  const { next, error, upvote: carried } = await searchParams;
  const target = nextAfterAuth(typeof next === "string" ? next : null);
  const upvote = carriedUpvote(carried);
  if (await currentUser()) redirect(target);
  const kept = isAuthFormError(error) ? readKeptFields((await cookies()).get(KEPT_FIELDS_COOKIE)?.value) : {};
  const other = mode === "sign-in" ? "sign-up" : "sign-in";
  return (
    <AuthForm
      mode={mode}
      next={target}
      upvote={upvote}
      otherHref={authFormPath(other, { next: target, upvote })}
      error={isAuthFormError(error) ? AUTH_FORM_ERRORS[error] : null}
      kept={kept}
    />
  );
}
