import { describe, expect, it } from "vitest";
import { linkParam, localPath, parseLinkHeader } from "./link";

describe("parseLinkHeader", () => {
  it("reads next and prev", () => {
    const h =
      '<https://atrium.example/api/v1/timelines/home?max_id=105>; rel="next", ' +
      '<https://atrium.example/api/v1/timelines/home?min_id=120>; rel="prev"';
    expect(parseLinkHeader(h)).toEqual({
      next: "https://atrium.example/api/v1/timelines/home?max_id=105",
      prev: "https://atrium.example/api/v1/timelines/home?min_id=120",
    });
  });
  it("is empty without a header", () => {
    expect(parseLinkHeader(null)).toEqual({});
    expect(parseLinkHeader("")).toEqual({});
  });
  it("accepts unquoted rels and extra parameters", () => {
    expect(parseLinkHeader("<http://x/a?max_id=1>; type=\"a\"; rel=next")).toEqual({ next: "http://x/a?max_id=1" });
  });
  it("keeps commas inside URLs", () => {
    expect(parseLinkHeader('<http://x/a?ids=1,2>; rel="next"').next).toBe("http://x/a?ids=1,2");
  });
});

describe("localPath and linkParam", () => {
  it("keeps the path and query only", () => {
    expect(localPath("http://127.0.0.1:8080/api/v1/notifications?max_id=7&limit=20")).toBe(
      "/api/v1/notifications?max_id=7&limit=20",
    );
  });
  it("reads a parameter", () => {
    expect(linkParam("http://x/api?max_id=42", "max_id")).toBe("42");
    expect(linkParam(undefined, "max_id")).toBeUndefined();
  });
});
