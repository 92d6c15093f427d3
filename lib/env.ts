import fs from "node:fs";
import { z } from "zod";
import { invalidProxyEntries } from "./http/client-address";
import { isArxivCategory } from "./papers/identity";

/** A comma-separated list setting, its entries trimmed, empty ones dropped. */
const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((list) =>
      list
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    );

/**
 * The only reader of process.env. Every setting has a default that works on a fresh clone, so
 * `npm start` needs no configuration; a wrong value fails at start with a message naming it.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/papers.db")
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: "DATABASE_URL must start with file: (SQLite, e.g. file:./data/papers.db) or postgres:// / postgresql:// (PostgreSQL)",
    }),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** How many server processes `npm start` runs (one per core by default; SQLite's WAL serves them all). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1, "WEB_CONCURRENCY must be at least 1").max(64).optional(),
  /** Pages whose renders take at least this many ms are served from their previous copy while they render again after a change (lib/http/response-cache.ts). */
  STALE_AFTER_RENDER_MS: z.coerce.number().int().min(0, "STALE_AFTER_RENDER_MS must be 0 or more").max(60_000).optional(),
  /** "true" on CI: suites that would otherwise skip for a missing tool must fail instead. */
  CI: z
    .string()
    .optional()
    .transform((value) => value === "true" || value === "1"),
  /**
   * Comma-separated emails of accounts that are admins once their address is verified (an
   * unverified account with the address is not). Admins are otherwise made with
   * `npm run admin -- grant EMAIL`.
   */
  ADMIN_EMAILS: commaList("").transform((emails) => emails.map((email) => email.toLowerCase())),
  /**
   * The proxies in front of the server whose X-Forwarded-For/-Host/-Proto are believed: a comma
   * list of IP addresses, CIDR ranges (10.0.0.0/8, fd00::/8) and `loopback` (127.0.0.0/8, ::1:
   * nginx on the same machine). Empty (the default): no proxy, every request's client address
   * is its connection's and forwarded headers are ignored.
   */
  TRUSTED_PROXIES: commaList("").superRefine((entries, context) => {
    const invalid = invalidProxyEntries(entries);
    if (invalid.length > 0) {
      context.addIssue({
        code: "custom",
        message: `${invalid.map((entry) => `"${entry}"`).join(", ")} is not an IP address, a CIDR range (10.0.0.0/8) or "loopback"`,
      });
    }
  }),
  /** Signs session cookies. Without it a random one is made once and kept in data/auth-secret. */
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
  /** The public address of the app (https://papers.example.org); without it, taken from each request. */
  APP_URL: z.url({ error: "APP_URL must be a full URL like https://papers.example.org" }).optional(),
  /** The mail server digests and confirmations go through (smtp://user:pass@host:587, smtps://…); without it nothing is emailed. */
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .transform((url) => url || undefined)
    .refine((url) => url === undefined || /^smtps?:\/\/[^/]/.test(url), {
      message: "SMTP_URL must look like smtp://user:password@mail.example.org:587 or smtps://…",
    }),
  /** The sender of every email. */
  MAIL_FROM: z.string().trim().min(3).default("Daily Papers <papers@localhost>"),
  /** arXiv's API, where /submit fetches a paper's metadata (a stand-in server in the tests). */
  ARXIV_API_URL: z.url({ error: "ARXIV_API_URL must be a full URL like https://export.arxiv.org/api/query" }).default("https://export.arxiv.org/api/query"),
  /** How long /submit waits for arXiv before saying it is unreachable. */
  ARXIV_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** What `npm run sync` reads (comma list): `hf` (Hugging Face's daily list) and `arxiv:<category>` (arxiv:cs.CL). */
  SYNC_SOURCES: commaList("hf").superRefine((names, context) => {
    const unknown = names.filter((name) => name !== "hf" && !(name.startsWith("arxiv:") && isArxivCategory(name.slice("arxiv:".length))));
    if (unknown.length > 0) {
      context.addIssue({ code: "custom", message: `${unknown.map((name) => `"${name}"`).join(", ")}: each source is hf or arxiv:<category> (arxiv:cs.CL)` });
    }
  }),
  /** Hugging Face, where the `hf` source reads /api/daily_papers (a stand-in server in the tests). */
  HF_API_URL: z.url({ error: "HF_API_URL must be a full URL like https://huggingface.co" }).default("https://huggingface.co"),
  /** How often `npm start` syncs by itself ("6h", "30m", "1d"); unset, it never does (npm run sync or cron instead). */
  SYNC_EVERY: z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const match = /^(\d+)\s*(m|h|d)$/.exec(value);
      const ms = match ? Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "m" | "h" | "d"] : NaN;
      if (!(ms >= 15 * 60_000)) {
        context.addIssue({ code: "custom", message: `SYNC_EVERY must be a duration of at least 15 minutes, like 30m, 6h or 1d, not "${value}"` });
        return z.NEVER;
      }
      return ms;
    }),
  /** A PostgreSQL server for the integration tests; without it the harness starts its own. */
  TEST_POSTGRES_URL: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let dotenvLoaded = false;

/**
 * Settings from the environment, after a `.env` file in the working directory if there is one
 * (variables already set win, as with Next.js's own .env loading), validated.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (!dotenvLoaded && source === process.env) {
    dotenvLoaded = true;
    if (fs.existsSync(".env")) process.loadEnvFile(".env");
  }
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}

/** The environment for a child process (a server the benchmark starts): this one's, with changes. */
export function childEnv(changes: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...changes };
}
