import { describe, expect, it } from "vitest";
import { withQuery } from "./api";

describe("withQuery", () => {
  it("adds parameters, arrays in the form the API reads, and leaves out empty ones", () => {
    expect(withQuery("/api/v1/accounts/relationships", { id: ["1", "2"], limit: 5, q: "", x: undefined })).toBe(
      "/api/v1/accounts/relationships?id%5B%5D=1&id%5B%5D=2&limit=5",
    );
  });
  it("extends an existing query", () => {
    expect(withQuery("/api/v1/timelines/home?max_id=9", { limit: 20 })).toBe("/api/v1/timelines/home?max_id=9&limit=20");
  });
  it("leaves a path without parameters alone", () => {
    expect(withQuery("/api/v1/bookmarks")).toBe("/api/v1/bookmarks");
    expect(withQuery("/api/v1/bookmarks", { q: null })).toBe("/api/v1/bookmarks");
  });
});
