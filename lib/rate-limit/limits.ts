/**
 * Every rate limit of the app, by name: for each, the rules by what they count per — the
 * client's address (lib/http/client-address.ts), the account (user id, or for sign-in the email
 * typed), or everyone together. A request passes only if every rule it has a key for passes.
 */
export type LimitKeyKind = "address" | "account" | "everyone";

export type LimitRule = { points: number; seconds: number };

export type LimitDefinition = { [kind in LimitKeyKind]?: LimitRule } & {
  /** What is counted, for the message: "sign-in attempts". */
  counts: string;
};

const rule = (points: number, seconds: number): LimitRule => ({ points, seconds });

export const LIMITS = {
  // Password guessing: per address, and per account so that many addresses cannot share the work.
  "sign-in": { counts: "sign-in attempts", address: rule(10, 60), account: rule(20, 10 * 60) },
  "sign-up": { counts: "sign-ups", address: rule(10, 60) },
  /** Every other /api/auth route (sign-out, get-session, …). */
  auth: { counts: "account requests", address: rule(100, 60) },
  upvote: { counts: "votes", account: rule(60, 60), address: rule(120, 60) },
  /** "Not interested" on For you: a vote the other way, limited like one. */
  dismiss: { counts: "not-interested marks", account: rule(60, 60), address: rule(120, 60) },
  comment: { counts: "comments", account: rule(5, 60), address: rule(20, 60) },
  // Every lookup that reaches arXiv counts, found or not.
  submit: { counts: "submissions", account: rule(10, 60 * 60), address: rule(30, 60 * 60) },
  subscribe: { counts: "subscription requests", address: rule(10, 60 * 60) },
  /** Confirmation emails the server sends, all addresses together: no mail-bombing through us. */
  "confirmation-email": { counts: "confirmation emails", everyone: rule(200, 60 * 60) },
  search: { counts: "searches", address: rule(120, 60) },
} as const satisfies Record<string, LimitDefinition>;

export type LimitName = keyof typeof LIMITS;
