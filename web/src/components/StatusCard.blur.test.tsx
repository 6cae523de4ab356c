// A post one of the reader's `blur` filters matched: its pictures (or, for a
// post without any, its text) stay behind a blur, named by the filter, until
// the reader asks to see them; a `warn` filter still collapses the post.
import { afterEach, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { StatusCard } from "./StatusCard";
import type { Account, FilterAction, MediaAttachment, Status } from "../lib/types";

afterEach(cleanup);

const ken = { id: "11", username: "ken", acct: "ken", display_name: "Ken", avatar: "", fields: [] } as unknown as Account;
const picture = { id: "m1", type: "image", url: "/media/a.png", preview_url: "/media/a-small.png", description: "The launch party" } as unknown as MediaAttachment;

function filtered(action: FilterAction | null, over: Partial<Status> = {}): Status {
  return {
    id: "300",
    created_at: "2026-12-01T10:00:00.000Z",
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    visibility: "public",
    spoiler_text: "",
    content: "<p>The launch date is secret plans</p>",
    account: ken,
    reblog: null,
    mentions: [],
    tags: [],
    media_attachments: [],
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    filtered: action ? [{ filter: { id: "f1", title: "Launch spoilers", context: ["home"], filter_action: action }, keyword_matches: ["launch"], status_matches: null }] : [],
    ...over,
  } as unknown as Status;
}

const hiddenByBlur = (el: Element | null) => !!el?.closest("[aria-hidden='true']");

test("a blur filter hides the pictures behind a named cover until the reader shows them", () => {
  const { container } = render(<StatusCard status={filtered("blur", { media_attachments: [picture] })} />);
  expect(screen.queryByRole("button", { name: "Open picture: The launch party" })).toBeNull();
  expect(screen.getByText(/Hidden by your filter: Launch spoilers/)).toBeTruthy();
  expect(hiddenByBlur(container.querySelector(".media-item"))).toBe(true);
  // the text of a post with pictures stays readable
  expect(hiddenByBlur(container.querySelector(".status-content"))).toBe(false);
  fireEvent.click(screen.getByRole("button", { name: "Show anyway" }));
  expect(screen.getByRole("button", { name: "Open picture: The launch party" })).toBeTruthy();
  expect(screen.queryByText(/Hidden by your filter/)).toBeNull();
});

test("a post without pictures has its text blurred instead", () => {
  const { container } = render(<StatusCard status={filtered("blur")} />);
  expect(hiddenByBlur(container.querySelector(".status-content"))).toBe(true);
  expect(screen.getByText(/Hidden by your filter: Launch spoilers/)).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Show anyway" }));
  expect(hiddenByBlur(container.querySelector(".status-content"))).toBe(false);
});

test("a repost carries the original's filter results", () => {
  const original = filtered("blur", { media_attachments: [picture] });
  const repost = filtered(null, { id: "301", reblog: original, content: "" });
  render(<StatusCard status={repost} />);
  expect(screen.queryByRole("button", { name: "Open picture: The launch party" })).toBeNull();
  expect(screen.getByText(/Hidden by your filter: Launch spoilers/)).toBeTruthy();
});

test("without a blur filter nothing is covered; a warn filter still collapses the post", () => {
  render(<StatusCard status={filtered(null, { media_attachments: [picture] })} />);
  expect(screen.getByRole("button", { name: "Open picture: The launch party" })).toBeTruthy();
  expect(screen.queryByText(/Hidden by your filter/)).toBeNull();
  cleanup();
  render(<StatusCard status={filtered("warn", { media_attachments: [picture] })} />);
  expect(screen.getByText("Filtered: Launch spoilers")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Open picture: The launch party" })).toBeNull();
});

test("the post a thread is about is shown as it is", () => {
  render(<StatusCard status={filtered("blur", { media_attachments: [picture] })} focused />);
  expect(screen.getByRole("button", { name: "Open picture: The launch party" })).toBeTruthy();
  expect(screen.queryByText(/Hidden by your filter/)).toBeNull();
});
