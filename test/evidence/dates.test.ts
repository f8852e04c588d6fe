import { describe, expect, it } from "vitest";
import { inWindow, parseDate } from "../../probes/evidence/dates.js";
import { formatDuration, formatRatio, median, percent } from "../../probes/evidence/format.js";

describe("evidence dates", () => {
  it.each([
    ["2026-11-20", "2026-11-20T00:00:00.000Z"],
    ["2026-11-20T14:03:00Z", "2026-11-20T14:03:00.000Z"],
    ["2026-11-20 14:03", "2026-11-20T14:03:00.000Z"],
    ["2026-11-20T14:03:00.123456+01:00", "2026-11-20T13:03:00.123Z"],
    ["2026-11-20T14:03:00-0530", "2026-11-20T19:33:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(parseDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["yesterday", "Nov 3 2026", "01/11/2026", "2026-02-30", "2026-13-01", "2026-11-20T25:00", "1732608000"])("%s is not a date", (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it("windows end at the audit's clock", () => {
    const now = new Date("2026-11-26T08:00:00Z");
    expect(inWindow("2026-08-28T08:00:00.000Z", now, 90)).toBe(true);
    expect(inWindow("2026-08-28T07:59:59.000Z", now, 90)).toBe(false);
    expect(inWindow("2026-11-27T00:00:00.000Z", now, 90)).toBe(false);
  });
});

describe("evidence wording", () => {
  it("rounds the way the messages read", () => {
    expect(percent(3, 38)).toBe("7.9%");
    expect(percent(1, 5)).toBe("20%");
    expect(formatRatio(2700 / 360)).toBe("7.5×");
    expect(formatRatio(12.4)).toBe("12×");
    expect([formatDuration(45_000), formatDuration(6 * 60_000), formatDuration(150 * 60_000)]).toEqual(["45 s", "6 min", "2.5 h"]);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
