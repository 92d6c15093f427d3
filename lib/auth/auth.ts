import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { Database } from "../db/database";
import { getDatabase } from "../db/database";
import { readEnv } from "../env";
import { requestOrigin } from "../http/public-url";
import { authSecret } from "./secret";

/**
 * Accounts through better-auth: email and password, passwords hashed by the library (scrypt),
 * sessions in httpOnly SameSite=Lax cookies, its own routes under /api/auth (sign-up/email,
 * sign-in/email, sign-out, get-session) and its rate limiter on them.
 */
export function createAuth(db: Database) {
  const { APP_URL } = readEnv();
  return betterAuth({
    database: prismaAdapter(db.prisma, { provider: db.provider === "sqlite" ? "sqlite" : "postgresql" }),
    secret: authSecret(),
    // Without APP_URL the address is taken from each request, so any host name the server is
    // reached by works out of the box; APP_URL pins it for a public deployment.
    baseURL: APP_URL,
    // Browsers' requests must come from the address the server was reached at (its Host header,
    // which request.url does not always keep) or from APP_URL.
    trustedOrigins: (request) => [...(APP_URL ? [new URL(APP_URL).origin] : []), ...(request ? [requestOrigin(request)] : [])],
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-up/email": { window: 60, max: 10 },
      },
    },
    // Secure cookies only behind https: a self-hosted instance on http://192.168.x.x must still
    // be able to keep a session. Set APP_URL=https://… for a public deployment.
    advanced: { useSecureCookies: APP_URL?.startsWith("https://") ?? false },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalCache = globalThis as typeof globalThis & { dailyPapersAuth?: { db: Database; auth: Auth } };

/** The application's auth, bound to the application's database. */
export function getAuth(): Auth {
  const db = getDatabase();
  if (globalCache.dailyPapersAuth?.db !== db) globalCache.dailyPapersAuth = { db, auth: createAuth(db) };
  return globalCache.dailyPapersAuth.auth;
}
