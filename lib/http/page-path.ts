/**
 * The path of the page being rendered, set on every page request by proxy.ts (over anything a
 * client sent under this name). A not-found page gets no params from Next.js, and this is how
 * it learns what was asked for (app/papers/[...id]/not-found.tsx).
 */
export const PAGE_PATH_HEADER = "x-daily-papers-page-path";
