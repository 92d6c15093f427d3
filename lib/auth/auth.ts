import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import { admin } from "better-auth/plugins/admin";
import type { Database } from "../db/database";
import { getDatabase } from "../db/database";
import { copyCache } from "../copy-cache";
import { readEnv } from "../env";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { outsideRequests } from "../http/outside-requests";
import { requestOrigin } from "../http/public-url";
import { accountFieldsProblem } from "./account-fields";
import { authSecret } from "./secret";

/**
 * Accounts through better-auth: email and password, passwords hashed by the library (scrypt),
 * sessions in httpOnly SameSite=Lax cookies, its own routes under /api/auth (sign-up/email,
 * sign-in/email, sign-out, get-session). Its admin plugin keeps the role on the user row; roles
 * are set only on the command line (lib/auth/admins.ts), and the plugin's HTTP routes are not
 * served (app/api/auth/[...all]/route.ts). Rate limits are the app's own, in the database
 * (lib/rate-limit), applied by that route: better-auth's limiter keeps its counts in memory.
 */
export function createAuth(db: Database) {
  const { APP_URL } = readEnv();
  return betterAuth({
    database: prismaAdapter(db.prisma, { provider: db.store.authDialect }),
    secret: authSecret(),
    // Without APP_URL the address is taken from each request, so any host name the server is
    // reached by works out of the box; APP_URL pins it for a public deployment.
    baseURL: APP_URL,
    // Browsers' requests must come from the address the server was reached at (its Host header,
    // which request.url does not always keep) or from APP_URL.
    trustedOrigins: (request) => [...(APP_URL ? [new URL(APP_URL).origin] : []), ...(request ? [requestOrigin(request)] : [])],
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: { enabled: false },
    plugins: [admin({ defaultRole: "user", adminRoles: ["admin"] })],
    // Whatever reaches the database through sign-up or update-user is checked here, whichever
    // route it came by: a 9 MB display name is refused, not rendered on every page.
    databaseHooks: {
      user: {
        create: { before: async (user) => refuseBadFields(user) },
        update: { before: async (user) => refuseBadFields(user) },
      },
    },
    advanced: {
      // The only address better-auth records (on sessions) is the one the server resolved from the
      // connection and TRUSTED_PROXIES (lib/http/client-address.ts), never a client's X-Forwarded-For.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      // Secure cookies only behind https: a self-hosted instance on http://192.168.x.x must still
      // be able to keep a session. Set APP_URL=https://… for a public deployment.
      useSecureCookies: APP_URL?.startsWith("https://") ?? false,
    },
    telemetry: { enabled: false },
  });
}

function refuseBadFields(user: Record<string, unknown>): void {
  const problem = accountFieldsProblem(user);
  if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "INVALID_ACCOUNT_FIELD" });
}

export type Auth = ReturnType<typeof createAuth>;

const cached = copyCache<{ db: Database; auth: Auth }>("auth");

/** The application's auth, bound to the application's database. */
export function getAuth(): Auth {
  const db = getDatabase();
  // Made outside the request that first asks: it lives as long as the process (lib/http/outside-requests.ts).
  if (cached.value?.db !== db) cached.value = { db, auth: outsideRequests(() => createAuth(db)) };
  return cached.value.auth;
}
