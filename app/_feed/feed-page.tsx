import Link from "next/link";
import { notFound } from "next/navigation";
import { DayCalendar } from "@/components/day-calendar";
import { DisclosureMenu } from "@/components/disclosure-menu";
import { EmptyFeed } from "@/components/empty-feed";
import { FeedNav, type FeedLinks } from "@/components/feed-nav";
import { PaperList } from "@/components/paper-list";
import { SubscribeForm } from "@/components/subscribe-form";
import { getDatabase } from "@/lib/db/database";
import { sendsEmail } from "@/lib/mail/mailer";
import { isArxivCategory } from "@/lib/papers/identity";
import { dayPeriod, monthPeriod, parseIsoDay, parsePeriod, periodOf, type Period, type PeriodKind } from "@/lib/papers/period";
import { adjacentPeriods, FEED_SORTS, latestFeedDay, listFeed, paperCountsByDay, type FeedSort } from "@/lib/papers/queries";
import { feedHrefs } from "@/lib/feeds/feed-path";
import { feedHref, forYouHref, periodHref, type FeedChoices } from "@/lib/papers/urls";
import { lastUpdatedAt } from "@/lib/sync/status";
import { formatDay, formatMonth } from "@/lib/text/format";

export type FeedSearchParams = Promise<Record<string, string | string[] | undefined>>;

const PAGE_SIZE = 50;
const SORT_LABELS: Record<FeedSort, string> = { trending: "Trending", upvotes: "Upvotes", newest: "Newest" };

function periodTitle(period: Period): string {
  if (period.kind === "day") return formatDay(period.start);
  if (period.kind === "month") return formatMonth(period.start);
  const lastDay = new Date(period.end.getTime() - 86_400_000);
  return `Week ${Number(period.key.slice(6))}, ${formatDay(period.start).replace(/, \d{4}$/, "")} – ${formatDay(lastDay)}`;
}

/** What Prev/Next say: "Dec 11" (the year only when it is not this one), "Week 49", "Nov 2025". */
function stepName(period: Period): { short: string; full: string } {
  const full = periodTitle(period);
  if (period.kind === "day") return { short: formatDay(period.start).replace(`, ${new Date().getUTCFullYear()}`, ""), full };
  if (period.kind === "week") return { short: `Week ${Number(period.key.slice(6))}`, full };
  return { short: formatMonth(period.start).replace(/^(\w{3})\w*/, "$1"), full };
}

/** The home page shows the latest day that has papers: it says so when that is not today. */
function latestDayNote(day: Period): string {
  const today = new Date().toISOString().slice(0, 10);
  return day.key === today ? "today" : "the latest day with papers";
}

/** Query-string values a person may have typed: anything unknown falls back to the default. */
function readOptions(params: Record<string, string | string[] | undefined>): Required<Omit<FeedChoices, "category">> & FeedChoices {
  const sort = FEED_SORTS.find((value) => value === params.sort) ?? "trending";
  const page = typeof params.p === "string" && /^\d{1,6}$/.test(params.p) ? Number(params.p) : 0;
  const category = typeof params.category === "string" && isArxivCategory(params.category) ? params.category : undefined;
  return { sort, page, category };
}

/**
 * One page of the feed. `key` null means the latest day with papers (the home page); a key that
 * is not a real day, week or month is a 404, not an error.
 */
export async function FeedPage({ kind, periodKey, searchParams }: { kind: PeriodKind; periodKey: string | null; searchParams: FeedSearchParams }) {
  const db = getDatabase();
  const { sort, page, category } = readOptions(await searchParams);
  let period: Period | null;
  if (periodKey === null) {
    const latest = await latestFeedDay(db);
    if (!latest) return <EmptyFeed />;
    period = dayPeriod(latest);
  } else {
    period = parsePeriod(kind, periodKey);
    if (!period) notFound();
  }

  const month = monthPeriod(period.start);
  const [feed, adjacent, dayCounts, adjacentMonths, updatedAt] = await Promise.all([
    listFeed(db, { period, sort, page, limit: PAGE_SIZE, category }),
    adjacentPeriods(db, period),
    paperCountsByDay(db, month),
    period.kind === "month" ? null : adjacentPeriods(db, month),
    // The home page says when the papers were last brought up to date (npm run sync).
    periodKey === null ? lastUpdatedAt(db) : null,
  ]);
  const monthSteps = period.kind === "month" ? adjacent : adjacentMonths!;
  const calendarStep = (to: Period | null) => to && { href: feedHref(periodHref(to), { sort, category }), title: formatMonth(to.start) };
  const step = (to: Period | null) => to && { href: feedHref(periodHref(to), { sort, category }), name: stepName(to) };
  // Day and Week land on the period's first day with papers (a month's 1st is often empty).
  const landing = adjacent.firstDay ?? period.start;
  const links: FeedLinks = {
    previous: step(adjacent.previous),
    next: step(adjacent.next),
    kinds: {
      day: feedHref(periodHref(periodOf.day(landing)), { sort, category }),
      week: feedHref(periodHref(periodOf.week(landing)), { sort, category }),
      month: feedHref(periodHref(periodOf.month(period.start)), { sort, category }),
    },
    current: period.kind,
  };
  const latestDay = periodKey === null ? latestDayNote(period) : null;
  const here = periodHref(period);
  const pages = Math.ceil(feed.total / PAGE_SIZE);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Daily Papers</h1>
          <div className="mt-1 text-gray-600 dark:text-gray-400">
            <DisclosureMenu
              align="left"
              className="inline-block"
              summaryClassName="rounded-md font-medium text-gray-900 underline decoration-dotted underline-offset-4 hover:decoration-solid dark:text-gray-100"
              summary={
                <>
                  <span>{periodTitle(period)}</span>
                  <span className="sr-only"> (pick a day)</span>
                  <span aria-hidden className="text-xs text-gray-500 dark:text-gray-400">
                    ▾
                  </span>
                </>
              }
            >
              <DayCalendar
                month={month}
                counts={dayCounts}
                selected={period.kind === "day" ? period.key : null}
                dayHref={(day) => feedHref(periodHref(dayPeriod(parseIsoDay(day)!)), { sort, category })}
                previous={calendarStep(monthSteps.previous)}
                next={calendarStep(monthSteps.next)}
              />
            </DisclosureMenu>
            {latestDay && <span className="text-sm"> ({latestDay})</span>}
            <span aria-hidden> · </span>
            <span>{`${feed.total} ${category ? `${category} ` : ""}${feed.total === 1 ? "paper" : "papers"}`}</span>
            {category && (
              <>
                {" "}
                (
                <Link href={feedHref(here, { sort })} className="text-sm hover:underline">
                  show all
                </Link>
                )
              </>
            )}
            <span aria-hidden> · </span>
            <a
              href={feedHrefs(periodKey === null ? "/" : here).rss}
              className="text-sm text-orange-700 hover:underline dark:text-orange-400"
              title="Follow in a feed reader (RSS)"
            >
              RSS
            </a>
          </div>
          {updatedAt && (
            <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">
              Updated <time dateTime={updatedAt.toISOString()}>{`${formatDay(updatedAt)}, ${updatedAt.toISOString().slice(11, 16)} UTC`}</time>
            </p>
          )}
        </div>
        <div className="flex items-center gap-2 text-sm" aria-label="Sort">
          <span className="text-gray-500 dark:text-gray-400">Sort</span>
          {FEED_SORTS.map((value) => (
            <Link
              key={value}
              href={feedHref(here, { sort: value, category })}
              aria-current={value === sort ? "true" : undefined}
              className={`rounded-md px-2 py-1 ${value === sort ? "bg-gray-900 text-white dark:bg-gray-100 dark:text-gray-900" : "text-gray-600 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-900"}`}
            >
              {SORT_LABELS[value]}
            </Link>
          ))}
          {/* The reader's own order of this period's papers: a page of its own, since this one is the same for everyone. */}
          <Link
            href={forYouHref(period)}
            prefetch={false}
            className="rounded-md px-2 py-1 text-amber-700 hover:bg-amber-50 dark:text-amber-400 dark:hover:bg-amber-950"
          >
            For you
          </Link>
        </div>
      </div>
      <FeedNav links={links} />
      {feed.papers.length === 0 ? (
        <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center text-gray-500 dark:border-gray-700 dark:text-gray-400">
          No {category && `${category} `}papers in this {period.kind}
          {page > 0 ? " on this page" : ""}.
        </p>
      ) : (
        <PaperList papers={feed.papers} categoryHref={(name) => feedHref(here, { sort, category: name })} />
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-center gap-4 text-sm">
          {page > 0 && (
            <Link href={feedHref(here, { sort, category, page: page - 1 })} className="hover:underline">
              ← Newer page
            </Link>
          )}
          <span className="text-gray-500 dark:text-gray-400">
            Page {page + 1} of {pages}
          </span>
          {page + 1 < pages && (
            <Link href={feedHref(here, { sort, category, page: page + 1 })} className="hover:underline">
              Next page →
            </Link>
          )}
        </nav>
      )}
      {/* Offered only where it can work: a server without SMTP_URL sends no digest. */}
      {sendsEmail() && (
        <section
          aria-labelledby="subscribe-heading"
          className="rounded-xl border border-amber-200 bg-amber-50/60 p-4 sm:p-5 dark:border-amber-900 dark:bg-amber-950/30"
        >
          <h2 id="subscribe-heading" className="font-semibold">
            Get trending papers in your email inbox
          </h2>
          <p className="mb-3 mt-1 text-sm text-gray-600 dark:text-gray-400">Daily or weekly; confirm by email, unsubscribe with one click.</p>
          <SubscribeForm compact />
        </section>
      )}
    </div>
  );
}
