import { describe, expect, it } from "vitest";
import { filterRequestBody, warningTitles, emptyFilterForm } from "./filters";
import type { Filter, Status } from "./types";

const filter = (title: string, filter_action: Filter["filter_action"]): Filter => ({ id: title, title, context: ["home"], expires_at: null, filter_action });

describe("filterRequestBody", () => {
  it("leaves blank new keywords out and destroys the removed ones", () => {
    const before: Filter = { ...filter("Sport", "warn"), keywords: [{ id: "1", keyword: "golf", whole_word: true }, { id: "2", keyword: "polo", whole_word: false }] };
    const body = filterRequestBody(
      { title: "Sport", context: ["home"], filter_action: "hide", expires_in: null, keywords: [{ id: "1", keyword: "golf", whole_word: false }, { keyword: " ", whole_word: true }, { keyword: "chess", whole_word: true }] },
      before,
    );
    expect(body).toEqual({
      title: "Sport",
      context: ["home"],
      filter_action: "hide",
      keywords_attributes: [{ id: "1", keyword: "golf", whole_word: false }, { keyword: "chess", whole_word: true }, { id: "2", _destroy: true }],
    });
  });
  it("sends no end as an empty expires_in, and seconds otherwise", () => {
    expect(filterRequestBody(emptyFilterForm()).expires_in).toBe("");
    expect(filterRequestBody({ ...emptyFilterForm(), expires_in: 3600 }).expires_in).toBe(3600);
  });
});

describe("warningTitles", () => {
  it("names the warn filters only, of a repost's original too", () => {
    const original = { id: "9", filtered: [{ filter: filter("Budgets", "warn"), keyword_matches: ["budget"], status_matches: null }, { filter: filter("Pics", "blur"), keyword_matches: ["x"], status_matches: null }] } as unknown as Status;
    expect(warningTitles(original)).toEqual(["Budgets"]);
    expect(warningTitles({ id: "10", reblog: original, filtered: [] } as unknown as Status)).toEqual(["Budgets"]);
    expect(warningTitles({ id: "11", filtered: [] } as unknown as Status)).toEqual([]);
  });
});
