/** Prisma's error for a unique constraint the write ran into (P2002), on either database. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === "P2002";
