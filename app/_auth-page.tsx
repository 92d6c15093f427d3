import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { safeNextPath } from "@/lib/text/format";
import { currentUser } from "./_session";

export type AuthSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Sign-in and sign-up: someone already signed in goes straight on to `next`. */
export async function AuthPage({ mode, searchParams }: { mode: "sign-in" | "sign-up"; searchParams: AuthSearchParams }) {
  const { next } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  if (await currentUser()) redirect(target);
  return <AuthForm mode={mode} next={target} />;
}
