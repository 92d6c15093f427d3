import Link from "next/link";
import { formatIsoDay, type Period } from "@/lib/papers/period";
import { formatDay, formatMonth } from "@/lib/text/format";

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

export type CalendarProps = {
  month: Period;
  /** Papers per day of the month ("2024-10-28" -> 4); a day without any cannot be picked. */
  counts: Record<string, number>;
  /** The day being shown, if the page is a day's. */
  selected: string | null;
  dayHref: (day: string) => string;
  /** The nearest months before and after that have papers. */
  previous: { href: string; title: string } | null;
  next: { href: string; title: string } | null;
};

/** A month as a grid of days, Monday first (ISO weeks, like the week pages): days with papers are links, the others are disabled. */
export function DayCalendar({ month, counts, selected, dayHref, previous, next }: CalendarProps) {
  const lead = (month.start.getUTCDay() + 6) % 7;
  const days = Math.round((month.end.getTime() - month.start.getTime()) / DAY_MS);
  const cells: Array<Date | null> = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: days }, (_, index) => new Date(month.start.getTime() + index * DAY_MS)),
  ];
  const weeks = Array.from({ length: Math.ceil(cells.length / 7) }, (_, index) => cells.slice(index * 7, index * 7 + 7));
  const arrow = (to: CalendarProps["previous"], label: string, symbol: string) =>
    to ? (
      <Link href={to.href} aria-label={`${label}: ${to.title}`} className="rounded px-2 py-1 hover:bg-gray-100 dark:hover:bg-gray-800">
        {symbol}
      </Link>
    ) : (
      <span aria-hidden className="px-2 py-1 text-gray-300 dark:text-gray-700">
        {symbol}
      </span>
    );
  return (
    <div className="w-72 rounded-lg border border-gray-200 bg-white p-3 shadow-lg dark:border-gray-800 dark:bg-gray-950">
      <div className="mb-2 flex items-center justify-between text-sm font-semibold">
        {arrow(previous, "Previous month with papers", "←")}
        <span>{formatMonth(month.start)}</span>
        {arrow(next, "Next month with papers", "→")}
      </div>
      <table className="w-full table-fixed text-center text-sm">
        <caption className="sr-only">Days of {formatMonth(month.start)}; those with papers are links</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((weekday) => (
              <th key={weekday} scope="col" className="pb-1 text-xs font-medium text-gray-600 dark:text-gray-400">
                {weekday}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, row) => (
            <tr key={row}>
              {week.map((date, column) => {
                if (!date) return <td key={column} />;
                const key = formatIsoDay(date);
                const count = counts[key] ?? 0;
                const number = date.getUTCDate();
                const label = `${formatDay(date)}: ${count === 0 ? "no papers" : `${count} ${count === 1 ? "paper" : "papers"}`}`;
                return (
                  <td key={column} className="p-0.5">
                    {count > 0 ? (
                      <Link
                        href={dayHref(key)}
                        // Not prefetched: a month of days, in a closed menu.
                        prefetch={false}
                        aria-current={key === selected ? "date" : undefined}
                        className={`block rounded-md py-1 font-medium ${key === selected ? "bg-gray-900 text-white dark:bg-gray-100 dark:text-gray-900" : "bg-amber-50 text-gray-900 hover:bg-amber-200 dark:bg-amber-950/50 dark:text-gray-100 dark:hover:bg-amber-900"}`}
                      >
                        <span aria-hidden>{number}</span>
                        <span className="sr-only">{label}</span>
                      </Link>
                    ) : (
                      <span className="block py-1 text-gray-500 dark:text-gray-400">
                        <span aria-hidden>{number}</span>
                        <span className="sr-only">{label}</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
