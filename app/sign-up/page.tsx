import { AuthPage, type AuthSearchParams } from "../_auth-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign up" };

export default function SignUp({ searchParams }: { searchParams: AuthSearchParams }) {
  return <AuthPage mode="sign-up" searchParams={searchParams} />;
}
