import { describe, expect, it } from "vitest";
import { answersInOrder, idOfSlug, kindOf, mayAccept, postPath } from "./kinds";
import type { Status } from "./types";

const reply = (id: string, parent: string) => ({ id, in_reply_to_id: parent }) as Status;
const question = (author: string, community = false) =>
  ({ id: "1", account: { id: author }, community: community ? { id: "c" } : null, atrium: { kind: "question" } }) as unknown as Status;

describe("kindOf and postPath", () => {
  it("reads the extension, of the original for a repost", () => {
    const blog = { id: "5", atrium: { kind: "blog", title: "T", permalink: "https://a.example/@ann/blog/5-t" } } as Status;
    expect(kindOf(blog)).toBe("blog");
    expect(kindOf({ id: "6", reblog: blog } as Status)).toBe("blog");
    expect(kindOf({ id: "7", atrium: null } as Status)).toBeNull();
    expect(postPath(blog)).toBe("/@ann/blog/5-t");
    expect(postPath({ id: "7" } as Status)).toBe("/posts/7");
  });
});

describe("idOfSlug", () => {
  it("takes the leading id only when a dash or the end follows", () => {
    expect(idOfSlug("123-my-title")).toBe("123");
    expect(idOfSlug("123")).toBe("123");
    expect(idOfSlug("123abc")).toBeNull();
    expect(idOfSlug("my-title")).toBeNull();
  });
});

describe("answersInOrder", () => {
  const list = [reply("2", "1"), reply("3", "2"), reply("4", "1"), reply("5", "4"), reply("6", "1")];
  it("keeps thread order without an accepted answer", () => {
    expect(answersInOrder("1", null, list).map((x) => x.status.id)).toEqual(["2", "3", "4", "5", "6"]);
  });
  it("moves the accepted answer and its replies first", () => {
    expect(answersInOrder("1", "4", list).map((x) => [x.status.id, x.depth])).toEqual([
      ["4", 0],
      ["5", 1],
      ["2", 0],
      ["3", 1],
      ["6", 0],
    ]);
  });
  it("ignores an accepted id that is not a top-level answer", () => {
    expect(answersInOrder("1", "3", list).map((x) => x.status.id)).toEqual(["2", "3", "4", "5", "6"]);
  });
});

describe("mayAccept", () => {
  it("lets the author, admins and community moderators decide", () => {
    expect(mayAccept(question("a"), "a", false)).toBe(true);
    expect(mayAccept(question("a"), "b", false)).toBe(false);
    expect(mayAccept(question("a"), "b", true)).toBe(true);
    expect(mayAccept(question("a"), undefined, true)).toBe(false);
    expect(mayAccept(question("a", true), "b", false, "moderator")).toBe(true);
    expect(mayAccept(question("a", true), "b", false, "owner")).toBe(true);
    expect(mayAccept(question("a", true), "b", false, "member")).toBe(false);
    expect(mayAccept(question("a"), "b", false, "owner")).toBe(false);
  });
});
