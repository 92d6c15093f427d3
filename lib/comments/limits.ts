/** The longest comment accepted; its own module so the browser bundle does not pull in Zod. */
export const COMMENT_MAX_LENGTH = 5_000;
