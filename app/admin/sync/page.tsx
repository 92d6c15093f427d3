import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db/database";
import { readEnv } from "@/lib/env";
import { syncStatus, type SourceStatus } from "@/lib/sync/status";
import { currentUser } from "../../_session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sync status" };

const when = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const STATUS_STYLE: Record<string, string> = {
  ok: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  partial: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  interrupted: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  running: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
};

/** /admin/sync: each source's last sync (admins only; the same as GET /api/sync/status). */
export default async function SyncStatusPage() {
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=/admin/sync");
  if (!user.isAdmin) {
    return (
      <div className="mx-auto max-w-xl space-y-3">
        <h1 className="text-2xl font-bold tracking-tight">Sync status</h1>
        <p role="alert">Only admins can see the sync status. An admin is made with npm run admin -- grant EMAIL.</p>
      </div>
    );
  }
  const status = await syncStatus(getDatabase());
  const env = readEnv();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Sync status</h1>
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
          Sources: {env.SYNC_SOURCES.join(", ")}.{" "}
          {env.SYNC_EVERY
            ? `The server syncs every ${env.SYNC_EVERY / 60_000} minutes.`
            : "The server does not sync by itself (SYNC_EVERY is not set): run npm run sync, or from cron."}
        </p>
        {status.running && (
          <p role="status" className="mt-2 text-sm">
            A sync is running now ({status.running.owner}).
          </p>
        )}
      </div>
      {status.sources.length === 0 ? (
        <p className="rounded-xl border border-dashed border-gray-300 p-6 text-center text-gray-600 dark:border-gray-700 dark:text-gray-400">
          No sync has run yet.
        </p>
      ) : (
        <ul className="space-y-4">
          {status.sources.map((source) => (
            <SourceCard key={source.source} source={source} />
          ))}
        </ul>
      )}
    </div>
  );
}

function SourceCard({ source }: { source: SourceStatus }) {
  const counts: Array<[string, number]> = [
    ["new", source.inserted],
    ["updated", source.updated],
    ["unchanged", source.unchanged],
    ["rejected", source.rejected],
  ];
  return (
    <li className="rounded-lg border border-gray-200 p-4 dark:border-gray-800" aria-labelledby={`sync-${source.source}`}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={`sync-${source.source}`} className="font-mono text-base font-semibold">
          {source.source}
        </h2>
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[source.status] ?? ""}`}>{source.status}</span>
        <span className="text-sm text-gray-600 dark:text-gray-400">
          {source.finishedAt ? `finished ${when(source.finishedAt)}` : `started ${when(source.startedAt)}`}
        </span>
      </div>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {counts.map(([label, value]) => (
          <div key={label} className="flex gap-1.5">
            <dt className="text-gray-600 dark:text-gray-400">{label}</dt>
            <dd className="font-semibold tabular-nums">{value.toLocaleString("en-US")}</dd>
          </div>
        ))}
      </dl>
      {source.failures.length > 0 && (
        <div className="mt-3">
          <h3 className="text-sm font-semibold">Failed, to be tried again on the next run</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {source.failures.map((failure) => (
              <li key={failure.what} className="break-words">
                <span className="font-mono">{failure.what}</span>: {failure.error}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
