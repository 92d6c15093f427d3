import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { AUTH_FORM_ERRORS, isAuthFormError, KEPT_FIELDS_COOKIE, nextAfterAuth, readKeptFields } from "@/lib/http/auth-form";
import { currentUser } from "./_session";

export type AuthSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Sign-in and sign-up: someone already signed in goes straight on to `next`. After a failed
 * post the address names what went wrong (?error=credentials) and a short-lived cookie holds
 * the email typed, so the form shows both.
 */
export async function AuthPage({ mode, searchParams }: { mode: "sign-in" | "sign-up"; searchParams: AuthSearchParams }) {
  const { next, error } = await searchParams;
  const target = nextAfterAuth(typeof next === "string" ? next : null);
  if (await currentUser()) redirect(target);
  const kept = isAuthFormError(error) ? readKeptFields((await cookies()).get(KEPT_FIELDS_COOKIE)?.value) : {};
  return <AuthForm mode={mode} next={target} error={isAuthFormError(error) ? AUTH_FORM_ERRORS[error] : null} kept={kept} />;
}
