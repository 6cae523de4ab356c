import { describe, expect, it } from "vitest";
import { MIN_LEAD_MS, earliestSchedule, fromLocalInput, scheduleProblem, toLocalInput } from "./schedule";

describe("schedule times", () => {
  it("round-trips a local picker value to the minute", () => {
    const ms = new Date(2026, 10, 25, 9, 5, 42).getTime();
    expect(toLocalInput(ms)).toBe("2026-11-25T09:05");
    expect(fromLocalInput("2026-11-25T09:05")).toBe(new Date(2026, 10, 25, 9, 5).toISOString());
  });

  it("refuses what is not a picker value", () => {
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
    expect(fromLocalInput("2026-11-25")).toBeNull();
  });

  it("offers a time past the lead, on a whole minute", () => {
    const now = new Date(2026, 0, 1, 12, 0, 30).getTime();
    const t = earliestSchedule(now);
    expect(t % 60000).toBe(0);
    expect(t).toBeGreaterThanOrEqual(now + MIN_LEAD_MS);
    expect(t - now).toBeLessThan(MIN_LEAD_MS + 3 * 60000);
  });

  it("names the problem with a time too soon or missing", () => {
    const now = Date.UTC(2026, 0, 1, 12);
    expect(scheduleProblem(null, now)).toMatch(/Choose/);
    expect(scheduleProblem(new Date(now + 60000).toISOString(), now)).toMatch(/5 minutes/);
    expect(scheduleProblem(new Date(now + MIN_LEAD_MS + 1000).toISOString(), now)).toBeNull();
  });
});
