import { postgresDataVersion } from "./postgres/data-version";
import { openPostgresPool } from "./postgres/pool";
import { sqliteDataVersion } from "./sqlite/data-version";
import { providerOf, type Provider } from "./url";

type DataVersion = () => number | Promise<number>;

const SOURCES: Record<Provider, (url: string) => DataVersion> = {
  sqlite: (url) => () => sqliteDataVersion(url),
  postgres: (url) => {
    // One short query a request: two connections keep up with the server's whole load.
    const pool = openPostgresPool(url, { max: 2 });
    return () => postgresDataVersion(pool);
  },
};

/**
 * The data version (Store.dataVersion) of a database by URL alone, for the server's response
 * cache (scripts/serve-app.ts), which runs in front of the app and opens no Prisma client.
 */
export function dataVersionOf(url: string): DataVersion {
  return SOURCES[providerOf(url)](url);
}
