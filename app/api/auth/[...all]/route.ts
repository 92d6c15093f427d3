// /api/auth/* — better-auth's own routes: sign-up/email, sign-in/email, sign-out, get-session, …
import { getAuth } from "@/lib/auth/auth";

export const GET = (request: Request) => getAuth().handler(request);
export const POST = (request: Request) => getAuth().handler(request);
