// A community's stream and members as the screen shows them: a pinned post
// once (in Announcements, not again in the stream), the moderators' actions
// only for moderators, the locked state for the members of a restricted
// community, and "Show more members" only when there are more.
import { afterEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import type { Community, Status } from "../lib/types";
import { CommunityScreen } from "./Communities";
import { CommunityStream } from "./CommunityModeration";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const community = {
  id: "5",
  handle: "ops",
  name: "Operations",
  description: "",
  description_html: "",
  tags: [],
  type: "public",
  listed: true,
  archived: false,
  avatar: null,
  banner: null,
  members_count: 3,
  role: "moderator",
} as unknown as Community;

function post(id: string, text: string): Status {
  return {
    id,
    created_at: "2026-12-01T10:00:00.000Z",
    in_reply_to_id: null,
    visibility: "public",
    spoiler_text: "",
    content: `<p>${text}</p>`,
    account: { id: "9", username: "ana", acct: "ana", display_name: "Ana", avatar: "" },
    reblog: null,
    community: { id: "5", name: "Operations", handle: "ops" },
    mentions: [],
    tags: [],
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
  } as unknown as Status;
}

/** Answers each request from `routes` by the first path prefix that matches; records the calls. */
function serve(routes: [string, (init?: RequestInit) => { status?: number; body: unknown; headers?: Record<string, string> }][]) {
  const calls: { url: string; method: string }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, method: init?.method ?? "GET" });
      const route = routes.find(([prefix]) => new URL(url, "http://localhost").pathname === prefix.split("?")[0]);
      if (!route) return new Response(JSON.stringify({ error: "Record not found" }), { status: 404 });
      const r = route[1](init);
      return new Response(JSON.stringify(r.body), { status: r.status ?? 200, headers: { "Content-Type": "application/json", ...r.headers } });
    }),
  );
  return calls;
}

test("a pinned post shows once, in Announcements; moderators pin and remove", async () => {
  const calls = serve([
    ["/api/v1/atrium/communities/5/pins", (init) => ({ body: init?.method === "POST" ? {} : [post("2", "Pinned notice")] })],
    ["/api/v1/atrium/timelines/community/5", () => ({ body: [post("3", "Newest"), post("2", "Pinned notice"), post("1", "Oldest")] })],
  ]);
  render(<CommunityStream community={community} moderate emptyHint="" />);
  const stream = await screen.findByRole("region", { name: "Operations posts" });
  await within(stream).findByText("Newest");
  await waitFor(() => expect(within(stream).queryByText("Pinned notice")).toBeNull());
  const pins = screen.getByRole("region", { name: "Announcements" });
  expect(within(pins).getByText("Pinned notice")).toBeTruthy();
  expect(within(pins).getByRole("button", { name: /Unpin/ })).toBeTruthy();
  expect(within(stream).getAllByRole("button", { name: /Pin as announcement/ })).toHaveLength(2);
  expect(within(stream).getAllByRole("button", { name: /Remove post/ })).toHaveLength(2);

  fireEvent.click(within(stream).getAllByRole("button", { name: /Pin as announcement/ })[0]);
  await waitFor(() => expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/communities/5/pins"))).toBe(true));
});

test("members see no moderation actions", async () => {
  serve([
    ["/api/v1/atrium/communities/5/pins", () => ({ body: [] })],
    ["/api/v1/atrium/timelines/community/5", () => ({ body: [post("3", "Newest")] })],
  ]);
  render(<CommunityStream community={{ ...community, role: "member" }} moderate={false} emptyHint="" />);
  await screen.findByText("Newest");
  expect(screen.queryByRole("button", { name: /Pin as announcement|Remove post/ })).toBeNull();
});

test("removing a post asks for a reason and sends it", async () => {
  const calls = serve([
    ["/api/v1/atrium/communities/5/pins", () => ({ body: [] })],
    ["/api/v1/atrium/timelines/community/5", () => ({ body: [post("3", "Off topic")] })],
    ["/api/v1/atrium/communities/5/statuses/3", () => ({ body: {} })],
  ]);
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  render(<CommunityStream community={community} moderate emptyHint="" />);
  fireEvent.click(await screen.findByRole("button", { name: /Remove post/ }));
  fireEvent.input(screen.getByLabelText(/Reason/), { target: { value: "Off topic here" } });
  fireEvent.submit(screen.getByLabelText(/Reason/).closest("form")!);
  await waitFor(() => expect(screen.queryByText("Off topic")).toBeNull());
  const del = calls.find((c) => c.method === "DELETE");
  expect(del?.url).toContain("/communities/5/statuses/3?reason=Off+topic+here");
});

test("the members of a restricted community are locked for a non-member, without asking the server", async () => {
  const calls = serve([["/api/v1/atrium/communities/5", () => ({ body: { ...community, type: "restricted", role: null } })]]);
  render(<CommunityScreen id="5" tab="members" />);
  expect(await screen.findByText("Only members see who belongs to this community")).toBeTruthy();
  expect(screen.queryByRole("alert")).toBeNull();
  expect(calls.some((c) => c.url.includes("/members"))).toBe(false);
});

test("a refusal while reading members shows the locked state, not an error", async () => {
  serve([
    ["/api/v1/atrium/communities/5", () => ({ body: { ...community, type: "restricted", role: "member" } })],
    ["/api/v1/atrium/communities/5/members", () => ({ status: 403, body: { error: "This action is not allowed" } })],
  ]);
  render(<CommunityScreen id="5" tab="members" />);
  expect(await screen.findByText("Only members see who belongs to this community")).toBeTruthy();
  expect(screen.queryByRole("alert")).toBeNull();
});

test("Show more members only when a full page came back", async () => {
  const member = (i: number) => ({ account: { id: String(100 + i), username: `p${i}`, acct: `p${i}`, display_name: `Person ${i}`, avatar: "" }, role: "member", created_at: "2026-12-01T10:00:00.000Z" });
  let count = 3;
  serve([
    ["/api/v1/atrium/communities/5", () => ({ body: community })],
    // The server links the next page after any page that is not empty.
    [
      "/api/v1/atrium/communities/5/members",
      () => ({ body: Array.from({ length: count }, (_, i) => member(i)), headers: { Link: '<http://localhost/api/v1/atrium/communities/5/members?max_id=1>; rel="next"' } }),
    ],
  ]);
  const { unmount } = render(<CommunityScreen id="5" tab="members" />);
  await screen.findByText("Person 2");
  expect(screen.queryByRole("button", { name: "Show more members" })).toBeNull();
  unmount();
  count = 40;
  render(<CommunityScreen id="5" tab="members" />);
  await screen.findByText("Person 39");
  expect(screen.getByRole("button", { name: "Show more members" })).toBeTruthy();
});
