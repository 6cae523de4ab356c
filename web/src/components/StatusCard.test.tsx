// The post card's reply context: a reply in a stream says, in one line linked
// to it, whom and what it answers; nothing when the server sent no context
// (the reader may not see that post) or where the thread shows it already.
import { afterEach, expect, test } from "vitest";
import { cleanup, render, screen } from "@testing-library/preact";
import { StatusCard } from "./StatusCard";
import type { Account, Status } from "../lib/types";

afterEach(cleanup);

const ken = { id: "11", username: "ken", acct: "ken", display_name: "Ken", avatar: "", fields: [] } as unknown as Account;

function reply(over: Partial<Status> = {}): Status {
  return {
    id: "200",
    created_at: "2026-12-01T10:00:00.000Z",
    in_reply_to_id: "100",
    in_reply_to_account_id: "10",
    visibility: "public",
    spoiler_text: "",
    content: "<p>Great summary, thanks!</p>",
    account: ken,
    reblog: null,
    mentions: [],
    tags: [],
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    in_reply_to: {
      id: "100",
      excerpt: "What we learned…",
      atrium: null,
      account: { id: "10", username: "maria", acct: "maria", display_name: "Maria" },
    },
    ...over,
  } as Status;
}

test("a reply says whom and what it answers, linked to that post", () => {
  render(<StatusCard status={reply()} />);
  const link = screen.getByRole("link", { name: "Replying to Maria: What we learned…" });
  expect(link.getAttribute("href")).toBe("/posts/100");
});

test("a reply to a blog entry links to the entry's permalink", () => {
  const s = reply();
  s.in_reply_to = {
    ...s.in_reply_to!,
    excerpt: "Our roadmap",
    atrium: { kind: "blog", title: "Our roadmap", permalink: "https://atrium.example/@maria/blog/100-our-roadmap" },
  };
  render(<StatusCard status={s} />);
  expect(screen.getByRole("link", { name: "Replying to Maria: Our roadmap" }).getAttribute("href")).toBe("/@maria/blog/100-our-roadmap");
});

test("a repost of a reply shows the original's reply context", () => {
  const wrapper = reply({ id: "300", in_reply_to: null, in_reply_to_id: null, reblog: reply() });
  render(<StatusCard status={wrapper} />);
  expect(screen.getByRole("link", { name: /Replying to Maria/ })).toBeTruthy();
});

test("no line without a context the reader may see, nor inside a thread", () => {
  render(<StatusCard status={reply({ in_reply_to: null })} />);
  expect(screen.queryByText(/Replying to/)).toBeNull();
  cleanup();
  render(<StatusCard status={reply()} hideReplyContext />);
  expect(screen.queryByText(/Replying to/)).toBeNull();
});
