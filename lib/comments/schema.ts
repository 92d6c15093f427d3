import { z } from "zod";

import { COMMENT_MAX_LENGTH } from "./limits";

/** A comment as written: markdown source (lib/comments/markdown.ts), trimmed, not empty, at most 5,000 characters. */
export const commentBodySchema = z
  .string({ error: "Write a comment first." })
  .transform((body) => body.replace(/\r\n/g, "\n").trim())
  .superRefine((body, context) => {
    if (body.length === 0) context.addIssue({ code: "custom", message: "Write a comment first: it is empty." });
    if (body.length > COMMENT_MAX_LENGTH) {
      const count = (n: number) => n.toLocaleString("en-US");
      context.addIssue({ code: "custom", message: `Comments are limited to ${count(COMMENT_MAX_LENGTH)} characters; this one has ${count(body.length)}.` });
    }
  });

/** A new comment's id comes from the form that sent it, so a double submit stores it once. */
export const commentIdSchema = z.uuid({ error: "The form is out of date; reload the page." });
