import { describe, expect, it } from "vitest";
import { pollOptionsProblem, pollResults } from "./poll";
import type { Poll } from "./types";

const base: Poll = {
  id: "1",
  expires_at: null,
  expired: false,
  multiple: false,
  votes_count: 4,
  voters_count: 4,
  options: [
    { title: "a", votes_count: 3 },
    { title: "b", votes_count: 1 },
  ],
  voted: true,
  own_votes: [1],
};

describe("pollResults", () => {
  it("gives each option its share and marks the viewer's votes", () => {
    expect(pollResults(base)).toEqual([
      { title: "a", share: 75, mine: false },
      { title: "b", share: 25, mine: true },
    ]);
  });
  it("counts shares of voters on a multiple-choice poll", () => {
    const p = { ...base, multiple: true, votes_count: 3, voters_count: 2, options: [{ title: "a", votes_count: 2 }, { title: "b", votes_count: 1 }] };
    expect(pollResults(p).map((r) => r.share)).toEqual([100, 50]);
  });
  it("shows no share while totals are hidden, and 0 without votes", () => {
    expect(pollResults({ ...base, options: [{ title: "a", votes_count: null }] })[0].share).toBeNull();
    expect(pollResults({ ...base, votes_count: 0, options: [{ title: "a", votes_count: 0 }] })[0].share).toBe(0);
  });
});

describe("pollOptionsProblem", () => {
  it("accepts two to four different options", () => {
    expect(pollOptionsProblem(["yes", "no"])).toBeNull();
    expect(pollOptionsProblem(["a", "b", "c", "d"])).toBeNull();
  });
  it("names what the server would refuse", () => {
    expect(pollOptionsProblem(["only"])).toMatch(/two/);
    expect(pollOptionsProblem(["a", "b", "c", "d", "e"])).toMatch(/four/);
    expect(pollOptionsProblem(["a", " "])).toMatch(/every option/);
    expect(pollOptionsProblem(["a", "a "])).toMatch(/differ/);
  });
});
