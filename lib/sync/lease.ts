import os from "node:os";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/unique-violation";

const LEASE = "sync";
// Long enough for a slow page and its retries, short enough that a killed run's lease lapses
// before the next scheduled one: the holder renews it as it goes (`renew`).
export const LEASE_MS = 10 * 60_000;

export type Lease = {
  owner: string;
  /** Extends the lease; false when it was lost (it lapsed and another run took it): stop writing. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
};

export type LeaseHolder = { owner: string; expiresAt: Date };

/**
 * Takes the sync lease: one row, claimed with a conditional update that only one writer can win
 * on either engine (a row lock on PostgreSQL, the write lock on SQLite). Returns the current
 * holder instead when another run has it.
 */
export async function takeSyncLease(db: Database, now = () => new Date()): Promise<Lease | LeaseHolder> {
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const claim = async () => {
    const at = now();
    const { count } = await db.prisma.syncLease.updateMany({
      where: { name: LEASE, expiresAt: { lte: at } },
      data: { owner, expiresAt: new Date(at.getTime() + LEASE_MS) },
    });
    return count === 1;
  };
  let taken = await claim();
  if (!taken) {
    try {
      await db.prisma.syncLease.create({ data: { name: LEASE, owner, expiresAt: new Date(now().getTime() + LEASE_MS) } });
      taken = true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Made by another run between the two steps, or held: one more claim says which.
      taken = await claim();
    }
  }
  if (!taken) {
    const holder = await db.prisma.syncLease.findUnique({ where: { name: LEASE }, select: { owner: true, expiresAt: true } });
    if (!holder) return takeSyncLease(db, now);
    // A holder on this machine whose process is gone (killed mid-run) holds nothing: taken over at once.
    if (!heldByLiveProcess(holder.owner)) {
      const { count } = await db.prisma.syncLease.updateMany({
        where: { name: LEASE, owner: holder.owner },
        data: { owner, expiresAt: new Date(now().getTime() + LEASE_MS) },
      });
      taken = count === 1;
    }
    if (!taken) return holder;
  }
  return {
    owner,
    renew: async () => {
      const { count } = await db.prisma.syncLease.updateMany({
        where: { name: LEASE, owner },
        data: { expiresAt: new Date(now().getTime() + LEASE_MS) },
      });
      return count === 1;
    },
    release: async () => {
      await db.prisma.syncLease.updateMany({ where: { name: LEASE, owner }, data: { expiresAt: new Date(0) } });
    },
  };
}

/** Whether the process an owner names could still hold the lease: any process on another machine, a live one on this. */
function heldByLiveProcess(owner: string): boolean {
  const [host, pid] = owner.split(":");
  if (host !== os.hostname() || !/^\d+$/.test(pid ?? "")) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export const isLease = (value: Lease | LeaseHolder): value is Lease => "renew" in value;
