import { z } from "zod";

export const FREQUENCIES = ["daily", "weekly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
/** "top": the period's trending papers; "for-you": ranked by the upvotes of the account with the address (lib/recs/). */
export const RANKINGS = ["top", "for-you"] as const;
export type Ranking = (typeof RANKINGS)[number];

export const subscribeInputSchema = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long (254 characters at most).")
    .pipe(z.email({ error: "That does not look like an email address (name@example.org)." })),
  frequency: z.enum(FREQUENCIES, { error: "Choose daily or weekly." }),
  ranking: z.enum(RANKINGS, { error: "Choose top papers or For you." }).default("top"),
});
export type SubscribeInput = z.infer<typeof subscribeInputSchema>;
