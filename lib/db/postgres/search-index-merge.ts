import type { Pool } from "pg";
import { inTransaction } from "./transaction";

/**
 * New search entries wait in the GIN index's pending list (fastupdate) until they are merged into
 * the index proper, which costs about as much as computing the documents (measured: 0.13 ms a
 * paper at 100,000 papers, 0.34 ms at a million). By default the inserting backend merges
 * whenever the list passes 4 MB, inside the ingest's critical path. A bulk batch instead lets the
 * list grow (BULK_PENDING_LIST) and its entries are merged on a second connection while the next
 * batches are written, so that a second core can do it. Merging is safe alongside inserts and
 * searches (VACUUM does the same) and survives a kill (an entry merged twice is merged once).
 * Searches read the pending list as they go: nothing is ever unsearchable, only slower to find
 * until merged.
 */
export type SearchIndexMerge = {
  /** Whether the search index can be merged by this connection's user (its owner). */
  available(): Promise<boolean>;
  /** Merges every pending entry into the index; resolves once the list is empty. */
  merge(): Promise<void>;
};

// Past this size the inserting backend merges the list itself, should the merging connection
// fall behind: the entries of ~75,000 papers (a paper's take ~3.4 KB in the list), more than
// the writer lets wait (MERGE_EVERY batches, and those written while a merge runs).
export const BULK_PENDING_LIST = `SET LOCAL gin_pending_list_limit = '256MB'`;

export function searchIndexMerge(pool: Pool): SearchIndexMerge {
  let index: Promise<string | null> | null = null;
  // The GIN index on Paper, found rather than named, when this user owns it: gin_clean_pending_list asks for the owner.
  const findIndex = async () => {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT i.indexrelid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
       WHERE i.indrelid = '"Paper"'::regclass AND a.amname = 'gin' AND pg_has_role(c.relowner, 'USAGE')`,
    );
    return rows[0]?.name ?? null;
  };
  return {
    available: async () => (await (index ??= findIndex())) !== null,
    merge: async () => {
      const name = await (index ??= findIndex());
      if (name === null) return;
      await inTransaction(pool, async (client) => {
        await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
        await client.query(`SELECT gin_clean_pending_list($1::regclass)`, [name]);
      });
    },
  };
}
