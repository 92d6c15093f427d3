import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/app/_session";
import { Dismissible, NotInterestedButton } from "@/components/for-you/dismissible";
import { PaperCard } from "@/components/paper-card";
import { PaperList } from "@/components/paper-list";
import { getDatabase } from "@/lib/db/database";
import { parsePeriod, periodOf, type Period, type PeriodKind } from "@/lib/papers/period";
import { latestFeedDay } from "@/lib/papers/queries";
import { forYouHref, paperHref } from "@/lib/papers/urls";
import { forYou, type ForYouPick } from "@/lib/recs/for-you";
import { FOR_YOU_DAYS, recentPeriod } from "@/lib/recs/recent";
import { formatDay, formatMonth } from "@/lib/text/format";

export const dynamic = "force-dynamic";
export const metadata = { title: "For you" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const PARAMS: Array<[string, PeriodKind]> = [
  ["date", "day"],
  ["week", "week"],
  ["month", "month"],
];

/** The period the address names (?date=, ?week=, ?month=), null for none; a value that is no period is a 404. */
function chosenPeriod(params: Record<string, string | string[] | undefined>): Period | null {
  for (const [name, kind] of PARAMS) {
    const value = params[name];
    if (typeof value === "string") return parsePeriod(kind, value) ?? notFound();
  }
  return null;
}

function describe(period: Period | null): string {
  if (!period) return `The best papers of the last ${FOR_YOU_DAYS} days that you have not upvoted yet, ranked by what you upvote.`;
  const name = period.kind === "day" ? formatDay(period.start) : period.kind === "month" ? formatMonth(period.start) : `the week of ${formatDay(period.start)}`;
  return `The papers of ${name}, in your order: ranked by what you upvote.`;
}

/** Why a paper is here: the upvoted paper it is most like, and its words your model weighs most. */
function Why({ pick }: { pick: ForYouPick }) {
  return (
    <p className="text-sm text-gray-600 dark:text-gray-400">
      {pick.like && (
        <>
          Like{" "}
          <Link href={paperHref(pick.like.id)} prefetch={false} className="font-medium text-gray-800 hover:underline dark:text-gray-200">
            {pick.like.title}
          </Link>
        </>
      )}
      {pick.like && pick.words.length > 0 && <span aria-hidden> · </span>}
      {pick.words.length > 0 && <span title="Its words your upvotes weigh most">{`about ${pick.words.join(", ")}`}</span>}
    </p>
  );
}

/** The signed-in reader's feed, ranked by a model of their own upvotes (lib/recs/). */
export default async function ForYouPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const period = chosenPeriod(params);
  const user = await currentUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ next: period ? forYouHref(period) : forYouHref() })}`);
  const db = getDatabase();
  const [span, latest] = await Promise.all([period ?? recentPeriod(db), latestFeedDay(db)]);
  const answer = span ? await forYou(db, { userId: user.id, period: span, limit: 50, unseen: !period }) : null;
  // Day, Week and Month of the period asked for, else of the feed's latest day.
  const anchor = period?.start ?? latest;
  const tabs: Array<[string, string, boolean]> = [[`Last ${FOR_YOU_DAYS} days`, forYouHref(), !period]];
  if (anchor)
    for (const kind of ["day", "week", "month"] as const)
      tabs.push([kind[0]!.toUpperCase() + kind.slice(1), forYouHref(periodOf[kind](anchor)), period?.kind === kind]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">For you</h1>
        <p className="mt-1 text-gray-600 dark:text-gray-400">{describe(period)}</p>
        <nav aria-label="Period" className="mt-3 flex flex-wrap gap-2 text-sm">
          {tabs.map(([label, href, current]) => (
            <Link
              key={href}
              href={href}
              aria-current={current ? "page" : undefined}
              className={`rounded-md px-2 py-1 ${current ? "bg-gray-900 text-white dark:bg-gray-100 dark:text-gray-900" : "text-gray-600 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-900"}`}
            >
              {label}
            </Link>
          ))}
        </nav>
      </div>
      {!answer || (answer.status === "ranked" && answer.picks.length === 0) ? (
        <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center text-gray-500 dark:border-gray-700 dark:text-gray-400">
          Nothing to suggest here{period ? ` in this ${period.kind}` : ""}: you have upvoted or set aside every paper in it.
        </p>
      ) : answer.status === "needs-upvotes" ? (
        <>
          <p role="status" className="rounded-xl border border-amber-200 bg-amber-50/60 p-4 text-sm dark:border-amber-900 dark:bg-amber-950/30">
            {`Upvote ${answer.needed} more ${answer.needed === 1 ? "paper" : "papers"} and this page ranks papers by what you like (you have ${answer.upvotes}). Until then, here is what is trending.`}
          </p>
          <PaperList papers={answer.trending} />
        </>
      ) : (
        <ol className="grid gap-3 lg:grid-cols-2">
          {answer.picks.map((pick) => (
            <li key={pick.paper.id}>
              <Dismissible paperId={pick.paper.id} title={pick.paper.title}>
                <div className="flex h-full flex-col gap-2">
                  <PaperCard paper={pick.paper} />
                  <div className="flex flex-wrap items-center justify-between gap-2 px-1">
                    <Why pick={pick} />
                    <NotInterestedButton title={pick.paper.title} />
                  </div>
                </div>
              </Dismissible>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
