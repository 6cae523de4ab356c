// @vitest-environment jsdom
// blogSummary reads HTML with the DOMParser a browser has.
import { describe, expect, test } from "vitest";
import { blogSummary, isBlogEntry, placeHref, questionStateOf, tagFilter } from "./places";
import type { Status } from "./types";

describe("question filters", () => {
  test("the state in the address, open unless it is one the server knows", () => {
    expect(questionStateOf(null)).toBe("open");
    expect(questionStateOf("answered")).toBe("answered");
    expect(questionStateOf("unanswered")).toBe("unanswered");
    expect(questionStateOf("all")).toBe("all");
    expect(questionStateOf("closed")).toBe("open");
  });
  test("a tag as typed, as the server filters by it", () => {
    expect(tagFilter(" #Rust ")).toBe("Rust");
    expect(tagFilter("##ops")).toBe("ops");
    expect(tagFilter("")).toBe("");
    expect(tagFilter(null)).toBe("");
  });
  test("addresses leave out empty filters and defaults", () => {
    expect(placeHref("/questions", { state: "open", tag: "" }, { state: "open" })).toBe("/questions");
    expect(placeHref("/questions", { state: "answered", tag: "c++" }, { state: "open" })).toBe("/questions?state=answered&tag=c%2B%2B");
    expect(placeHref("/blogs", { tag: undefined, community: "42" })).toBe("/blogs?community=42");
  });
});

describe("blog summaries", () => {
  const title = '<p class="atrium-title"><strong>Our roadmap</strong></p>';
  test("a short entry is whole: its text without the title", () => {
    expect(blogSummary(`${title}<h2>Plan</h2><p>One <em>two</em>.</p>`)).toEqual({ text: "Plan One two.", truncated: false });
  });
  test("a long entry is cut at a word, with an ellipsis", () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(" ");
    const s = blogSummary(`${title}<p>${words}</p>`, 50);
    expect(s.truncated).toBe(true);
    expect(s.text).toBe("word0 word1 word2 word3 word4 word5 word6 word7…");
    expect(Array.from(s.text).length).toBeLessThanOrEqual(51);
  });
  test("markup in the body never becomes markup in the summary", () => {
    const s = blogSummary(`${title}<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`);
    expect(s.text).toBe("<script>alert(1)</script>");
  });
  test("a blog entry is recognised through a repost", () => {
    const blog = { atrium: { kind: "blog" }, reblog: null } as unknown as Status;
    expect(isBlogEntry(blog)).toBe(true);
    expect(isBlogEntry({ reblog: blog } as unknown as Status)).toBe(true);
    expect(isBlogEntry({ reblog: null } as unknown as Status)).toBe(false);
  });
});
