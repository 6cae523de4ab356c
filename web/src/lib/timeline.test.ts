import { describe, expect, it } from "vitest";
import { appended, arrived, deleted, emptyTimeline, loaded, shownPending, updated } from "./timeline";
import type { Status } from "./types";

function post(id: string, extra: Partial<Status> = {}): Status {
  return {
    id,
    created_at: "2026-01-01T00:00:00Z",
    in_reply_to_id: null,
    visibility: "public",
    spoiler_text: "",
    content: `<p>post ${id}</p>`,
    account: { id: "1", username: "a", acct: "a", display_name: "A" } as Status["account"],
    reblog: null,
    mentions: [],
    tags: [],
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    ...extra,
  };
}
const ids = (l: Status[]) => l.map((s) => s.id);

describe("live posts", () => {
  it("wait in the banner queue and do not move what is shown", () => {
    let s = loaded([post("10"), post("9")], null);
    s = arrived(s, post("11"));
    s = arrived(s, post("12"));
    expect(ids(s.items)).toEqual(["10", "9"]);
    expect(ids(s.pending)).toEqual(["12", "11"]);
  });
  it("go on top, newest first, when shown", () => {
    let s = loaded([post("10")], null);
    s = arrived(s, post("12"));
    s = arrived(s, post("11"));
    s = shownPending(s);
    expect(ids(s.items)).toEqual(["12", "11", "10"]);
    expect(s.pending).toEqual([]);
  });
  it("sort ids of different lengths as numbers", () => {
    let s = loaded([post("99")], null);
    s = arrived(s, post("100"));
    s = shownPending(s);
    expect(ids(s.items)).toEqual(["100", "99"]);
  });
  it("are not queued twice", () => {
    let s = loaded([post("10")], null);
    s = arrived(s, post("10"));
    s = arrived(s, post("11"));
    s = arrived(s, post("11"));
    expect(ids(s.pending)).toEqual(["11"]);
  });
  it("skip a repost of a post already shown", () => {
    let s = loaded([post("10")], null);
    s = arrived(s, post("20", { reblog: post("10") }));
    expect(s.pending).toEqual([]);
  });
});

describe("updates and deletes", () => {
  it("replace an edited post where it is, including inside reposts and quotes", () => {
    const edited = post("10", { content: "<p>edited</p>" });
    let s = loaded(
      [post("30", { reblog: post("10") }), post("20", { quote: { state: "accepted", quoted_status: post("10") } })],
      null,
    );
    s = arrived(s, post("40"));
    s = updated(s, edited);
    expect(s.items[0].reblog?.content).toBe("<p>edited</p>");
    expect(s.items[1].quote?.quoted_status?.content).toBe("<p>edited</p>");
    expect(ids(s.pending)).toEqual(["40"]);
  });
  it("a live copy of a shown post updates it instead of queueing", () => {
    let s = loaded([post("10", { favourites_count: 0 })], null);
    s = arrived(s, post("10", { favourites_count: 3 }));
    expect(s.pending).toEqual([]);
    expect(s.items[0].favourites_count).toBe(3);
  });
  it("remove a post and its reposts from both lists", () => {
    let s = loaded([post("30", { reblog: post("10") }), post("10"), post("5")], null);
    s = arrived(s, post("40", { reblog: post("10") }));
    s = deleted(s, "10");
    expect(ids(s.items)).toEqual(["5"]);
    expect(s.pending).toEqual([]);
  });
});

describe("pages", () => {
  it("append older posts without repeating any", () => {
    let s = loaded([post("10"), post("9")], "/next?max_id=9");
    s = appended(s, [post("9"), post("8")], null);
    expect(ids(s.items)).toEqual(["10", "9", "8"]);
    expect(s.next).toBeNull();
  });
  it("start empty", () => {
    expect(emptyTimeline.items).toEqual([]);
  });
});
