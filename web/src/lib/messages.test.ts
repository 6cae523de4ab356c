// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { conversationMessages, conversationTitle, mentionPrefix, messagePreview, upsertConversation } from "./messages";
import type { Account, Conversation, Status } from "./types";

const person = (id: string, name: string) => ({ id, username: name.toLowerCase(), acct: name.toLowerCase(), display_name: name }) as Account;
const ana = person("1", "Ana");
const ben = person("2", "Ben");
const cat = person("3", "Cat");

function msg(id: string, from: Account, to: Account[], visibility: Status["visibility"] = "direct"): Status {
  return {
    id,
    account: from,
    mentions: to.map((a) => ({ id: a.id, username: a.username, acct: a.acct })),
    visibility,
    content: `<p>${id}</p>`,
  } as Status;
}

describe("conversationTitle", () => {
  it("names the people, then counts the rest", () => {
    expect(conversationTitle([])).toBe("Only you");
    expect(conversationTitle([ana])).toBe("Ana");
    expect(conversationTitle([ana, ben])).toBe("Ana and Ben");
    expect(conversationTitle([ana, ben, cat])).toBe("Ana, Ben and Cat");
    expect(conversationTitle([ana, ben, cat, person("4", "Dan")])).toBe("Ana, Ben and 2 others");
  });
});

describe("messagePreview", () => {
  it("is the text without the opening mentions, on one line, cut", () => {
    const html = '<p><span class="h-card"><a href="/@ben" class="u-url mention">@<span>ben</span></a></span> lunch\non <b>Friday</b>?</p>';
    expect(messagePreview(html)).toBe("lunch on Friday?");
    expect(messagePreview("<p>@ben</p>")).toBe("@ben");
    expect(messagePreview(`<p>${"a".repeat(30)}</p>`, 10)).toBe("aaaaaaaaa…");
  });
});

describe("mentionPrefix", () => {
  it("mentions everyone, each followed by a space", () => {
    expect(mentionPrefix([ana, ben])).toBe("@ana @ben ");
    expect(mentionPrefix([])).toBe("");
  });
});

describe("conversationMessages", () => {
  const conv = (accounts: Account[], last: Status): Conversation => ({ id: "c", unread: false, accounts, last_status: last });
  it("keeps the direct posts among the same people, oldest first", () => {
    const first = msg("10", ana, [ben]);
    const reply = msg("12", ben, [ana]);
    const wider = msg("11", ana, [ben, cat]);
    const open = msg("9", ana, [], "public");
    expect(conversationMessages(conv([ben], reply), ana.id, [reply, open, wider, first]).map((s) => s.id)).toEqual(["10", "12"]);
  });
  it("keeps the thread's direct posts when someone is not shown", () => {
    const last = msg("20", ana, [ben, cat]);
    expect(conversationMessages(conv([ben], last), ana.id, [last, msg("19", cat, [ana, ben])]).map((s) => s.id)).toEqual(["19", "20"]);
  });
});

describe("upsertConversation", () => {
  it("puts a changed conversation in its place by its last message", () => {
    const a = conv2("a", "5");
    const b = conv2("b", "7");
    expect(upsertConversation([b, a], conv2("a", "9")).map((c) => c.id)).toEqual(["a", "b"]);
    expect(upsertConversation([b, a], conv2("c", "6")).map((c) => c.id)).toEqual(["b", "c", "a"]);
  });
});

function conv2(id: string, last: string): Conversation {
  return { id, unread: true, accounts: [], last_status: { id: last } as Status };
}
