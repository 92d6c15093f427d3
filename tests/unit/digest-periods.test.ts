import { describe, expect, it } from "vitest";
import { defaultDigestDay, digestPeriods } from "../../lib/digest/digest-periods";

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe("digest periods", () => {
  it("sends daily subscribers the day, and weekly ones nothing on a weekday", () => {
    const { due, notDue } = digestPeriods(day("2026-11-25")); // a Wednesday
    expect(due.map((digest) => digest.key)).toEqual(["day:2026-11-25"]);
    expect(notDue).toEqual([{ frequency: "weekly", reason: expect.stringContaining("2026-11-25 is not one") }]);
  });

  it("adds the ISO week that a Sunday ends, across a year boundary too", () => {
    expect(digestPeriods(day("2026-11-29")).due.map((digest) => digest.key)).toEqual(["day:2026-11-29", "week:2026-W48"]);
    const newYear = digestPeriods(day("2027-01-03")).due[1]!; // Sunday of 2026-W53
    expect(newYear.key).toBe("week:2026-W53");
    expect(newYear.period.start.toISOString()).toBe("2026-12-28T00:00:00.000Z");
  });

  it("defaults to yesterday, the last whole day", () => {
    expect(defaultDigestDay(new Date("2026-11-26T01:30:00Z")).toISOString()).toBe("2026-11-25T00:00:00.000Z");
  });
});
