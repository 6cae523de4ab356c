import { describe, expect, it } from "vitest";
import { mentionedUsernames, needsConfirmation } from "./compose";

describe("mentionedUsernames", () => {
  it("finds each @username once, in order", () => {
    expect(mentionedUsernames("@ana and @ben, then @ana again")).toEqual(["ana", "ben"]);
  });
  it("leaves out e-mail addresses, remote accounts and trailing dots", () => {
    expect(mentionedUsernames("mail ana@example.com or @bob@remote.org; thanks @cy.")).toEqual(["cy"]);
  });
});

describe("needsConfirmation", () => {
  it("keeps the confirm items only", () => {
    const items = [
      { rule: "a", message: "", severity: "info" as const, spans: [] },
      { rule: "b", message: "", severity: "confirm" as const, spans: [] },
    ];
    expect(needsConfirmation(items).map((x) => x.rule)).toEqual(["b"]);
  });
});
