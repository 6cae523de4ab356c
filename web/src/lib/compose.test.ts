import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "../i18n";
import { audienceSentence, mentionedUsernames, needsConfirmation } from "./compose";

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

describe("audienceSentence", () => {
  afterEach(() => setLanguage("en"));
  const base = { description: "from the server", organization: "", community_name: "", writer_is_member: false, followers: 0, mentioned: 0 };

  it("says each kind the server sends, with plurals and grouped numbers", () => {
    expect(audienceSentence({ ...base, kind: "organization", organization: "Contoso", count: 412338 })).toBe("everyone in Contoso (412,338 people)");
    expect(audienceSentence({ ...base, kind: "organization_community", organization: "Contoso", community_name: "Guild", count: 1 })).toBe(
      "everyone in Contoso (1 person), in Guild",
    );
    expect(audienceSentence({ ...base, kind: "followers", followers: 1, count: 1 })).toBe("your 1 follower");
    expect(audienceSentence({ ...base, kind: "followers", followers: 215, mentioned: 2, count: 217 })).toBe("your 215 followers and 2 people mentioned");
    expect(audienceSentence({ ...base, kind: "mentioned", count: 0 })).toBe("only you");
    expect(audienceSentence({ ...base, kind: "mentioned", count: 2 })).toBe("only the 2 people mentioned");
    expect(audienceSentence({ ...base, kind: "restricted_community", community_name: "Atlas", writer_is_member: true, count: 36 })).toBe(
      "the 36 other members of Atlas (restricted)",
    );
    expect(audienceSentence({ ...base, kind: "restricted_community", community_name: "Atlas", count: 1 })).toBe("the 1 member of Atlas (restricted)");
  });

  it("speaks German and Japanese", async () => {
    await setLanguage("de");
    expect(audienceSentence({ ...base, kind: "organization", organization: "Contoso", count: 412338 })).toBe("alle in Contoso (412.338 Personen)");
    expect(audienceSentence({ ...base, kind: "mentioned", count: 0 })).toBe("nur Sie");
    await setLanguage("ja");
    expect(audienceSentence({ ...base, kind: "followers", followers: 3, count: 3 })).toBe("あなたのフォロワー3人");
  });

  it("falls back to the server's sentence for a kind it does not know", () => {
    expect(audienceSentence({ ...base, kind: "something new", count: 3 })).toBe("from the server");
    expect(audienceSentence({ count: 3, description: "older server" })).toBe("older server");
  });
});
