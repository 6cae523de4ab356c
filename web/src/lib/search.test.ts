import { describe, expect, it } from "vitest";
import { countLabel, focusesSearch, queryForKind, typeaheadItems } from "./search";

describe("queryForKind", () => {
  it("adds the tab's kind and drops the query's own", () => {
    expect(queryForKind("  roadmap kind:blog  review ", "question")).toBe("roadmap review kind:question");
    expect(queryForKind("roadmap kind:blog", null)).toBe("roadmap");
    expect(queryForKind('"next quarter" -draft', "status")).toBe('"next quarter" -draft kind:status');
  });
});

describe("focusesSearch", () => {
  it("answers to / outside fields only", () => {
    // Elements as far as focusesSearch looks at them.
    const div = { closest: () => null } as unknown as EventTarget;
    const input = { closest: (sel: string) => (sel.includes("input") ? {} : null) } as unknown as EventTarget;
    expect(focusesSearch({ key: "/", target: div })).toBe(true);
    expect(focusesSearch({ key: "/", target: input })).toBe(false);
    expect(focusesSearch({ key: "/", target: div, ctrlKey: true })).toBe(false);
    expect(focusesSearch({ key: "a", target: div })).toBe(false);
  });
});

describe("typeaheadItems", () => {
  it("lists people, communities and tags, then who knows and a plain search", () => {
    const account = { id: "1", acct: "dario" } as never;
    const community = { id: "2", handle: "glaciers" } as never;
    const items = typeaheadItems(" quill ", { accounts: [account], communities: [community], hashtags: ["quillwork"] });
    expect(items.map((i) => i.href)).toEqual([
      "/people/1",
      "/communities/2",
      "/tags/quillwork",
      "/search?q=quill&kind=experts",
      "/search?q=quill",
    ]);
    expect(typeaheadItems("  ", null)).toEqual([]);
    expect(typeaheadItems("a b", null).map((i) => i.kind)).toEqual(["experts", "search"]);
  });
});

describe("countLabel", () => {
  it("says a capped count is a lower bound", () => {
    expect(countLabel(42)).toBe("42");
    expect(countLabel(42, false)).toBe("42");
    expect(countLabel(1000, true)).toBe("1,000+");
  });
});
