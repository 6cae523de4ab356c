// The composer and the writing dialog as components: drafts kept per place,
// restored and cleared on posting; the one audience control with its
// explanation, comments inheriting the thread's audience, "Answer" on a
// question; and the dialog asking before discarding what was written.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { Composer, composerPlace } from "./Composer";
import { WriteForm, writePlace } from "./WriteForm";
import { draftKey, hasUnsavedText } from "../lib/drafts";
import { me } from "../state";
import type { Account, Community, Status } from "../lib/types";

const ME = { id: "1", username: "ana", acct: "ana", display_name: "Ana", avatar: "" } as Account;
const COMMUNITY = { id: "77", name: "Design guild", type: "restricted", role: "member", archived: false } as Community;

function status(extra: Partial<Status> = {}): Status {
  return {
    id: "500",
    visibility: "private",
    account: { id: "2", username: "ben", acct: "ben", display_name: "Ben", avatar: "" },
    content: "<p>Lunch?</p>",
    in_reply_to_id: null,
    replies_count: 0,
    media_attachments: [],
    mentions: [],
    tags: [],
    ...extra,
  } as unknown as Status;
}

/** A fetch that answers by path; records each call. */
function serve(routes: Record<string, (init?: RequestInit) => unknown>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const path = new URL(url, "http://localhost").pathname;
    const key = `${(init?.method ?? "GET").toUpperCase()} ${path}`;
    const answer = routes[key];
    const body = answer ? answer(init) : key.startsWith("GET") ? [] : {};
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

beforeEach(() => {
  me.value = ME;
  localStorage.clear();
  // jsdom's <dialog> has no showModal.
  if (!HTMLDialogElement.prototype.showModal)
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.setAttribute("open", "");
    };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

test("a half-written update is kept per place, restored on return and cleared once posted", async () => {
  const calls = serve({
    "GET /api/v1/atrium/communities": () => [COMMUNITY],
    "POST /api/v1/atrium/compose/advice": () => [],
    "POST /api/v1/statuses": () => status({ id: "900", visibility: "public" }),
  });
  const first = render(<Composer />);
  const box = screen.getByRole("combobox", { name: "Share an update" }) as HTMLTextAreaElement;
  fireEvent.input(box, { target: { value: "Half a thought about the roadmap" } });
  expect(JSON.parse(localStorage.getItem(draftKey("home"))!).text).toBe("Half a thought about the roadmap");
  expect(hasUnsavedText()).toBe(true);
  first.unmount();
  expect(hasUnsavedText()).toBe(false);

  // Another place has its own draft: nothing of home's.
  const other = render(<Composer community={COMMUNITY} />);
  expect((screen.getByRole("combobox", { name: "Share an update" }) as HTMLTextAreaElement).value).toBe("");
  other.unmount();

  // Back home: restored.
  render(<Composer />);
  const again = screen.getByRole("combobox", { name: "Share an update" }) as HTMLTextAreaElement;
  expect(again.value).toBe("Half a thought about the roadmap");
  fireEvent.click(screen.getByRole("button", { name: "Post" }));
  await waitFor(() => expect(calls.some((c) => c.url.includes("/api/v1/statuses") && c.init?.method === "POST")).toBe(true));
  await waitFor(() => expect(again.value).toBe(""));
  expect(localStorage.getItem(draftKey("home"))).toBeNull();
  await waitFor(() => expect(hasUnsavedText()).toBe(false));
});

test("a comment's draft belongs to the post it answers; the prefilled mention alone is no draft", () => {
  serve({});
  const post = status();
  const view = render(<Composer replyTo={post} />);
  const box = screen.getByRole("combobox", { name: "Write a comment" }) as HTMLTextAreaElement;
  expect(box.value).toBe("@ben ");
  expect(localStorage.getItem(draftKey(composerPlace({ replyTo: post })!))).toBeNull();
  fireEvent.input(box, { target: { value: "@ben Friday works" } });
  view.unmount();
  render(<Composer replyTo={post} />);
  expect((screen.getByRole("combobox", { name: "Write a comment" }) as HTMLTextAreaElement).value).toBe("@ben Friday works");
});

test("one audience control with plain names and a line of explanation; communities in it", async () => {
  serve({ "GET /api/v1/atrium/communities": () => [COMMUNITY] });
  render(<Composer />);
  const control = screen.getByRole("combobox", { name: "Who can see it" }) as HTMLSelectElement;
  expect(screen.getAllByRole("combobox").filter((c) => c.tagName === "SELECT")).toHaveLength(1);
  const names = Array.from(control.options).map((o) => o.textContent);
  expect(names.slice(0, 4)).toEqual(["Everyone in the organization", "Everyone, without the organization stream", "Your followers", "Only the people you mention"]);
  expect(control.getAttribute("aria-describedby")).toBeTruthy();
  const hint = () => document.getElementById(control.getAttribute("aria-describedby")!)!.textContent;
  expect(hint()).toMatch(/organization stream/);
  fireEvent.change(control, { target: { value: "private" } });
  expect(hint()).toBe("Only the people who follow you, and anyone you @mention.");
  await screen.findByRole("option", { name: "Design guild" });
  fireEvent.change(control, { target: { value: "community:77" } });
  expect(hint()).toBe("Only the members of Design guild can see it.");
});

test("the chosen community is told to the page (for the blog and question buttons)", async () => {
  serve({ "GET /api/v1/atrium/communities": () => [COMMUNITY] });
  const seen: (Community | null)[] = [];
  render(<Composer onCommunityChange={(c) => seen.push(c)} />);
  await screen.findByRole("option", { name: "Design guild" });
  fireEvent.change(screen.getByRole("combobox", { name: "Who can see it" }), { target: { value: "community:77" } });
  await waitFor(() => expect(seen.at(-1)?.id).toBe("77"));
  fireEvent.change(screen.getByRole("combobox", { name: "Who can see it" }), { target: { value: "public" } });
  await waitFor(() => expect(seen.at(-1)).toBeNull());
});

test("a comment inherits the thread's audience; a question is answered with Answer", () => {
  serve({});
  render(<Composer replyTo={status()} />);
  expect(screen.queryByRole("combobox", { name: "Who can see it" })).toBeNull();
  expect(screen.getByText("Your comment has the same audience as the post.")).toBeTruthy();
  expect(screen.getByRole("button", { name: "Comment" })).toBeTruthy();
  cleanup();
  const question = status({ id: "600", atrium: { kind: "question", title: "Where is the travel policy?", permalink: "/q" } });
  render(<Composer replyTo={question} />);
  expect(screen.getByRole("combobox", { name: "Write an answer" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Answer" })).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Comment" })).toBeNull();
});

test("on a phone the composer starts as a compact Write… field that opens it", () => {
  serve({});
  vi.stubGlobal("matchMedia", (q: string) => ({ matches: q.includes("max-width"), media: q, addEventListener() {}, removeEventListener() {} }));
  render(<Composer collapsible />);
  expect(screen.queryByRole("combobox", { name: "Share an update" })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Write a post" }));
  const box = screen.getByRole("combobox", { name: "Share an update" });
  expect(document.activeElement).toBe(box);
});

test("the writing dialog asks before discarding; Escape without text just closes", () => {
  serve({});
  const onClose = vi.fn();
  const view = render(<WriteForm kind="question" onClose={onClose} onDone={() => {}} />);
  const dialog = screen.getByRole("dialog", { name: "Ask a question" });
  fireEvent(dialog, new Event("cancel", { cancelable: true }));
  expect(onClose).toHaveBeenCalledTimes(1);
  view.unmount();

  onClose.mockClear();
  render(<WriteForm kind="question" onClose={onClose} onDone={() => {}} />);
  fireEvent.input(screen.getByLabelText("Title"), { target: { value: "Where is the travel policy?" } });
  expect(JSON.parse(localStorage.getItem(draftKey(writePlace("question")))!).title).toBe("Where is the travel policy?");
  const d = screen.getByRole("dialog", { name: "Ask a question" });
  fireEvent(d, new Event("cancel", { cancelable: true }));
  expect(onClose).not.toHaveBeenCalled();
  screen.getByRole("alertdialog", { name: "Discard what you wrote?" });
  fireEvent.click(screen.getByRole("button", { name: "Keep writing" }));
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("Where is the travel policy?");

  // A click outside asks too; Discard closes and forgets the draft.
  fireEvent.click(d);
  fireEvent.click(screen.getByRole("button", { name: "Discard" }));
  expect(onClose).toHaveBeenCalledTimes(1);
  expect(localStorage.getItem(draftKey(writePlace("question")))).toBeNull();
});

test("the blog dialog offers the drafts saved on the server and continues one", async () => {
  const saved = { id: "31", title: "What we learned", body: "## Part one", tags: ["retro"], community_id: null, created_at: "2026-12-01T10:00:00Z", updated_at: "2026-12-01T11:00:00Z" };
  const calls = serve({
    "GET /api/v1/atrium/drafts": () => [saved],
    "PUT /api/v1/atrium/drafts/31": (init) => ({ ...saved, ...JSON.parse(String(init?.body)), updated_at: "2026-12-02T09:00:00Z" }),
  });
  render(<WriteForm kind="blog" onClose={() => {}} onDone={() => {}} />);
  fireEvent.click(await screen.findByRole("button", { name: /Continue “What we learned”/ }));
  expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("What we learned");
  expect((screen.getByLabelText("Body (Markdown)") as HTMLTextAreaElement).value).toBe("## Part one");
  fireEvent.input(screen.getByLabelText("Body (Markdown)"), { target: { value: "## Part one\n\n## Part two" } });
  fireEvent.click(screen.getByRole("button", { name: "Update the saved draft" }));
  await waitFor(() => expect(calls.some((c) => c.init?.method === "PUT" && c.url.endsWith("/api/v1/atrium/drafts/31"))).toBe(true));
  const put = calls.find((c) => c.init?.method === "PUT")!;
  expect(JSON.parse(String(put.init?.body))).toEqual({ title: "What we learned", body: "## Part one\n\n## Part two", tags: ["retro"] });
});
