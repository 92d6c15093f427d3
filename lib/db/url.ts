import path from "node:path";

export type Provider = "sqlite" | "postgres";

/** The provider follows from the URL alone, so there is no second setting to keep in step. */
export function providerOf(databaseUrl: string): Provider {
  return databaseUrl.startsWith("file:") ? "sqlite" : "postgres";
}

/** `file:./data/papers.db` -> an absolute path, relative paths taken from the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  const filePath = databaseUrl.slice("file:".length).replace(/^\/\/(?=\/)/, "");
  if (!filePath) throw new Error("DATABASE_URL file: needs a path, e.g. file:./data/papers.db");
  return path.resolve(filePath);
}
