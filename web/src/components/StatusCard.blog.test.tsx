// A blog entry in a stream is a summary with "Read more" to its permalink,
// its tags linked to the Blogs page; on its own page it is whole.
import { afterEach, expect, test } from "vitest";
import { cleanup, render, screen } from "@testing-library/preact";
import type { Status } from "../lib/types";
import { StatusCard } from "./StatusCard";

afterEach(cleanup);

function entry(body: string, extra: Partial<Status> = {}): Status {
  return {
    id: "101",
    created_at: "2026-12-01T10:00:00.000Z",
    in_reply_to_id: null,
    visibility: "public",
    spoiler_text: "",
    content: `<p class="atrium-title"><strong>What we learned</strong></p>${body}`,
    account: { id: "7", username: "maria", acct: "maria", display_name: "Maria", avatar: "" },
    reblog: null,
    atrium: { kind: "blog", title: "What we learned", permalink: "http://localhost/@maria/blog/101-what-we-learned" },
    mentions: [],
    tags: [{ name: "retro" }, { name: "c++" }],
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    ...extra,
  } as unknown as Status;
}

const long = `<p>${"Lessons from the migration and what we would do again. ".repeat(12)}</p><p>THE-END-MARKER</p>`;

test("a long entry in a stream is collapsed to a summary with Read more", () => {
  const { container } = render(<StatusCard status={entry(long)} />);
  const more = screen.getByRole("link", { name: /Read more/ });
  expect(more.getAttribute("href")).toBe("/@maria/blog/101-what-we-learned");
  expect(container.textContent).not.toContain("THE-END-MARKER");
  expect(container.textContent).toContain("Lessons from the migration");
});

test("its tags are shown and open the Blogs page filtered by each", () => {
  render(<StatusCard status={entry(long)} />);
  const tags = screen.getByRole("list", { name: "Tags" });
  const links = Array.from(tags.querySelectorAll("a")).map((a) => [a.textContent, a.getAttribute("href")]);
  expect(links).toEqual([
    ["#retro", "/blogs?tag=retro"],
    ["#c++", "/blogs?tag=c%2B%2B"],
  ]);
});

test("on its own page the entry is whole, with its tags", () => {
  const { container } = render(<StatusCard status={entry(long)} focused />);
  expect(screen.queryByRole("link", { name: /Read more/ })).toBeNull();
  expect(container.textContent).toContain("THE-END-MARKER");
  expect(screen.getByRole("list", { name: "Tags" })).toBeTruthy();
});

test("a short entry is shown whole, formatting and links kept", () => {
  const { container } = render(<StatusCard status={entry('<p>Short, see <a href="http://localhost/tags/retro" class="mention hashtag">#<span>retro</span></a>.</p>')} />);
  expect(screen.queryByRole("link", { name: /Read more/ })).toBeNull();
  expect(container.querySelector(".status-content a.hashtag")).toBeTruthy();
});

test("a status update is never collapsed", () => {
  const { container } = render(<StatusCard status={entry(long, { atrium: null, tags: [] })} />);
  expect(screen.queryByRole("link", { name: /Read more/ })).toBeNull();
  expect(container.textContent).toContain("THE-END-MARKER");
});
