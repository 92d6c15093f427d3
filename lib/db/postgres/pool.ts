import pg from "pg";
import { outsideRequests } from "../../http/outside-requests";

/**
 * A connection that keeps no request alive however long it stays open (lib/http/outside-requests.ts):
 * opened outside any request's context, whichever query asked for it; and the pool's callback,
 * which holds the query that asked, is dropped once called (pg's own listeners keep a reference
 * to whatever callback `connect` was given for as long as the connection lives).
 */
class ConnectionOutsideRequests extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (error: Error | null, client?: pg.Client) => void): void;
  override connect(callback?: (error: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
    if (!callback) return outsideRequests(() => super.connect());
    let waiting: typeof callback | undefined = callback;
    outsideRequests(() =>
      super.connect((error: Error | null, client?: pg.Client) => {
        const call = waiting;
        waiting = undefined;
        call?.(error, client);
      }),
    );
  }
}

/**
 * A pg pool for a PostgreSQL database. An open Database keeps one of `max` 10, shared by Prisma's
 * adapter, the store's raw queries and the rate limiters; the server's response cache keeps one of
 * 2 for its data-version reads (lib/db/data-version.ts). Idle connections close after 10 s, so an
 * idle process holds none and a command-line run can exit.
 */
export function openPostgresPool(url: string, { max = 10 } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, Client: ConnectionOutsideRequests, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  // An idle connection the server ended (a restart, a dropped test database) is replaced by the
  // next query, which reports any real failure; without a listener the error would end the process.
  pool.on("error", () => {});
  return pool;
}
