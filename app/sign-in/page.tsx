import { AuthPage, type AuthSearchParams } from "../_auth-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default function SignIn({ searchParams }: { searchParams: AuthSearchParams }) {
  return <AuthPage mode="sign-in" searchParams={searchParams} />;
}
