import { describe, expect, it } from "vitest";
import { mergeTagSuggestions } from "./knownTags";

describe("mergeTagSuggestions", () => {
  it("puts the organization's tags first, then tags seen here, without repeats", () => {
    expect(mergeTagSuggestions(["designsystem", "designops"], ["designops", "designweek"], "design")).toEqual([
      "designsystem",
      "designops",
      "designweek",
    ]);
  });

  it("leaves out what is already typed and what does not start with it, in any case", () => {
    expect(mergeTagSuggestions(["Design", "DesignSystem"], ["deploy", "designSYSTEM"], "desi")).toEqual([
      "design",
      "designsystem",
    ]);
    expect(mergeTagSuggestions(["design"], [], "design")).toEqual([]);
  });

  it("stops at the limit", () => {
    const many = Array.from({ length: 10 }, (_, i) => `tag${i}`);
    expect(mergeTagSuggestions(many, ["tagx"], "tag", 3)).toEqual(["tag0", "tag1", "tag2"]);
  });
});
