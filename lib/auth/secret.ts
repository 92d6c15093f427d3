import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readEnv } from "../env";

const SECRET_FILE = path.resolve("data", "auth-secret");

/**
 * The key that signs session cookies: BETTER_AUTH_SECRET when set, else a random one made on
 * first use and kept in data/auth-secret, so `npm start` needs no configuration and sessions
 * survive restarts.
 */
export function authSecret(): string {
  const configured = readEnv().BETTER_AUTH_SECRET;
  if (configured) return configured;
  try {
    return fs.readFileSync(SECRET_FILE, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // "wx" fails if another process wrote it first; then that one's secret is the secret.
    try {
      fs.writeFileSync(SECRET_FILE, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(SECRET_FILE, "utf8").trim();
    }
  }
}
