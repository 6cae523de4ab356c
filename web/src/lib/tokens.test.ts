import { describe, expect, it } from "vitest";
import { countCharacters, replaceToken, tokenAt } from "./tokens";

describe("tokenAt", () => {
  it("finds a mention being typed at the end", () => {
    const t = "Thanks @ali";
    expect(tokenAt(t, t.length)).toEqual({ kind: "@", query: "ali", start: 7, end: 11 });
  });
  it("finds a tag at the start of the text", () => {
    expect(tokenAt("#data", 5)).toEqual({ kind: "#", query: "data", start: 0, end: 5 });
  });
  it("offers suggestions right after the sigil", () => {
    expect(tokenAt("hi @", 4)).toEqual({ kind: "@", query: "", start: 3, end: 4 });
    expect(tokenAt("hi #", 4)).toEqual({ kind: "#", query: "", start: 3, end: 4 });
  });
  it("covers the whole token when the caret is inside it", () => {
    const t = "cc @alice.smith please";
    expect(tokenAt(t, 6)).toEqual({ kind: "@", query: "al", start: 3, end: 15 });
  });
  it("ignores e-mail addresses and words with a # inside", () => {
    expect(tokenAt("mail bob@example", 16)).toBeNull();
    expect(tokenAt("C#sharp", 7)).toBeNull();
  });
  it("stops at spaces", () => {
    expect(tokenAt("@alice and", 10)).toBeNull();
    expect(tokenAt("#tag ", 5)).toBeNull();
  });
  it("accepts a token after an opening bracket or a newline", () => {
    expect(tokenAt("(@bo", 4)?.query).toBe("bo");
    expect(tokenAt("line\n#q", 7)?.query).toBe("q");
  });
  it("reads letters beyond ASCII", () => {
    expect(tokenAt("#café", 5)?.query).toBe("café");
  });
});

describe("replaceToken", () => {
  it("replaces the token and puts the caret after a space", () => {
    const t = "Thanks @ali";
    const r = replaceToken(t, tokenAt(t, t.length)!, "alice");
    expect(r).toEqual({ text: "Thanks @alice ", caret: 14 });
  });
  it("keeps what follows the token", () => {
    const t = "cc @al please";
    const r = replaceToken(t, tokenAt(t, 5)!, "alice");
    expect(r.text).toBe("cc @alice please");
    expect(r.caret).toBe(10);
  });
  it("replaces a tag", () => {
    const t = "about #dat";
    expect(replaceToken(t, tokenAt(t, t.length)!, "data").text).toBe("about #data ");
  });
});

describe("countCharacters", () => {
  it("counts code points like the server", () => {
    expect(countCharacters("héllo")).toBe(5);
    expect(countCharacters("👍🏽")).toBe(2);
  });
});
