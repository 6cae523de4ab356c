// The notification list: groups in words ("Maria and 3 others liked …"),
// which post a comment was on, new items marked, a live notification folded
// into its group, and the Mentions filter asking the server for mentions.
import { afterEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { NotificationList, NotificationsScreen } from "./Notifications";
import { type GroupedState, withLive, withPage } from "../lib/notificationGroups";
import type { Account, GroupedNotifications, Notification, Status } from "../lib/types";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const person = (id: string, name: string): Account =>
  ({ id, username: name.toLowerCase(), acct: name.toLowerCase(), display_name: name, avatar: "", fields: [] }) as unknown as Account;

const post = (id: string, over: Partial<Status> = {}): Status =>
  ({
    id,
    created_at: "2026-12-01T10:00:00.000Z",
    in_reply_to_id: null,
    visibility: "public",
    spoiler_text: "",
    content: "<p>What we learned from the launch</p>",
    account: person("1", "Me"),
    reblog: null,
    mentions: [],
    tags: [],
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 4,
    ...over,
  }) as Status;

const maria = person("10", "Maria");
const ken = person("11", "Ken");
const ada = person("12", "Ada");
const li = person("13", "Li");

function page(): GroupedNotifications {
  return {
    accounts: [maria, ken, ada, li],
    statuses: [
      post("100"),
      post("200", {
        content: "<p>Great summary, thanks!</p>",
        account: ken,
        in_reply_to_id: "100",
        in_reply_to: { id: "100", excerpt: "What we learned from the launch", atrium: null, account: { id: "1", username: "me", acct: "me", display_name: "Me" } },
      }),
    ],
    notification_groups: [
      {
        group_key: "favourite-100",
        notifications_count: 4,
        type: "favourite",
        most_recent_notification_id: "900",
        latest_page_notification_at: "2026-12-01T12:00:00.000Z",
        sample_account_ids: ["10", "11", "12", "13"],
        status_id: "100",
      },
      {
        group_key: "ungrouped-800",
        notifications_count: 1,
        type: "reply",
        most_recent_notification_id: "800",
        latest_page_notification_at: "2026-12-01T11:00:00.000Z",
        sample_account_ids: ["11"],
        status_id: "200",
      },
      {
        group_key: "follow-20000",
        notifications_count: 2,
        type: "follow",
        most_recent_notification_id: "700",
        latest_page_notification_at: "2026-11-30T11:00:00.000Z",
        sample_account_ids: ["12", "13"],
      },
    ],
  };
}

const emptyState: GroupedState = { groups: [], accounts: {}, statuses: {} };

function items() {
  return within(screen.getByRole("list", { name: "Notifications" })).getAllByRole("listitem");
}

test("a group names the first person, counts the others and says which post", () => {
  render(<NotificationList state={withPage(emptyState, page(), false)} lastReadId={null} />);
  const [likes, comment, follows] = items();
  expect(likes.textContent).toContain("Maria and 3 others liked");
  expect(likes.textContent).toContain("“What we learned from the launch”");
  expect(within(likes).getByRole("link", { name: "“What we learned from the launch”" }).getAttribute("href")).toBe("/posts/100");
  // A comment says what it commented on, linked to that post.
  expect(comment.textContent).toContain("Ken commented on “What we learned from the launch”");
  // Two people: both named.
  expect(follows.textContent).toContain("Ada and Li followed you");
});

test("groups newer than the marker are marked new, older ones not", () => {
  render(<NotificationList state={withPage(emptyState, page(), false)} lastReadId="750" />);
  const [likes, comment, follows] = items();
  expect(within(likes).queryByText("New")).toBeTruthy();
  expect(within(comment).queryByText("New")).toBeTruthy();
  expect(within(follows).queryByText("New")).toBeNull();
  expect(follows.className).not.toContain("notification-new");
});

test("a live like joins its group at the top; a live comment is a group of its own", () => {
  let state = withPage(emptyState, page(), false);
  const bo = person("14", "Bo");
  const like: Notification = { id: "950", type: "favourite", created_at: "2026-12-01T13:00:00.000Z", group_key: "favourite-100", account: bo, status: post("100") };
  state = withLive(state, like);
  state = withLive(state, like); // the same notification twice changes nothing
  const comment: Notification = {
    id: "960",
    type: "reply",
    created_at: "2026-12-01T13:05:00.000Z",
    group_key: "ungrouped-960",
    account: bo,
    status: post("300", { account: bo, in_reply_to: page().statuses[1].in_reply_to }),
  };
  state = withLive(state, comment);
  render(<NotificationList state={state} lastReadId="900" />);
  const [newest, likes] = items();
  expect(items()).toHaveLength(4);
  expect(newest.textContent).toContain("Bo commented on “What we learned from the launch”");
  expect(likes.textContent).toContain("Bo and 4 others liked");
  expect(within(likes).queryByText("New")).toBeTruthy();
});

test("“and 3 others” lists everyone from the group's accounts", async () => {
  const fetchMock = vi.fn(async (url: RequestInfo | URL) =>
    new Response(JSON.stringify(String(url).includes("/accounts") ? [maria, ken, ada, li] : []), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    }),
  );
  vi.stubGlobal("fetch", fetchMock);
  // jsdom has no showModal.
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
  render(<NotificationList state={withPage(emptyState, page(), false)} lastReadId={null} />);
  fireEvent.click(screen.getByRole("button", { name: "3 others" }));
  const people = await screen.findByRole("list", { name: "People" });
  expect(within(people).getAllByRole("listitem")).toHaveLength(4);
  expect(String(fetchMock.mock.calls[0][0])).toContain("/api/v2/notifications/favourite-100/accounts");
});

test("the Mentions filter asks the grouped API for mentions and comments only", async () => {
  const urls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: RequestInfo | URL) => {
      urls.push(String(url));
      const u = String(url);
      const body = u.includes("/markers")
        ? { notifications: { last_read_id: "1" } }
        : u.includes("/policy")
          ? { for_not_following: "accept", for_not_followers: "accept", for_new_accounts: "accept", for_private_mentions: "accept", summary: { pending_requests_count: 0, pending_notifications_count: 0 } }
          : page();
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  render(<NotificationsScreen />);
  await screen.findByText(/commented on/);
  fireEvent.click(screen.getByRole("button", { name: "Mentions" }));
  await vi.waitFor(() => expect(urls.some((u) => u.includes("types%5B%5D=mention") && u.includes("types%5B%5D=reply"))).toBe(true));
  const first = urls.find((u) => u.startsWith("/api/v2/notifications?"));
  expect(first).toBeDefined();
  expect(first).not.toContain("types");
});

test("the filter lists what it kept aside; accepting a person asks the server", async () => {
  const calls: { url: string; method: string; body?: string }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const u = String(url);
      calls.push({ url: u, method: init?.method ?? "GET", body: init?.body as string | undefined });
      const accepted = calls.some((c) => c.url.endsWith("/accept"));
      let body: unknown = {};
      if (u.startsWith("/api/v2/notifications/policy"))
        body = {
          for_not_following: "filter",
          for_not_followers: "accept",
          for_new_accounts: "accept",
          for_private_mentions: "accept",
          summary: { pending_requests_count: accepted ? 0 : 1, pending_notifications_count: accepted ? 0 : 2 },
        };
      else if (u.startsWith("/api/v1/notifications/requests") && (init?.method ?? "GET") === "GET") body = [{ id: "77", notifications_count: "2", account: ada }];
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  const { NotificationFilter } = await import("../components/NotificationFilter");
  render(<NotificationFilter />);
  const kept = await screen.findByRole("list", { name: "Kept aside" });
  expect(kept.textContent).toContain("Ada");
  expect(kept.textContent).toContain("2 notifications kept aside");
  expect((screen.getByLabelText("From people you don't follow") as HTMLSelectElement).value).toBe("filter");
  fireEvent.click(within(kept).getByRole("button", { name: "Accept" }));
  await vi.waitFor(() => expect(screen.queryByRole("list", { name: "Kept aside" })).toBeNull());
  expect(calls.some((c) => c.url === "/api/v1/notifications/requests/77/accept" && c.method === "POST")).toBe(true);
  fireEvent.change(screen.getByLabelText("From people you don't follow"), { target: { value: "accept" } });
  await vi.waitFor(() => expect(calls.some((c) => c.method === "PATCH" && c.body === JSON.stringify({ for_not_following: "accept" }))).toBe(true));
});
