// The announcements above the home stream: only those not dismissed are
// shown, and Dismiss tells the server and takes the announcement away.
import { afterEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { Announcements } from "./Announcements";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const announcement = (id: string, content: string, read: boolean) => ({
  id,
  content,
  starts_at: null,
  ends_at: null,
  all_day: false,
  published: true,
  published_at: "2030-01-01T00:00:00.000Z",
  updated_at: "2030-01-01T00:00:00.000Z",
  read,
  reactions: [],
});

test("shows the unread announcements and dismisses one", async () => {
  const fetchMock = vi.fn(async (url: RequestInfo | URL, _init?: RequestInit) => {
    const body = String(url).endsWith("/dismiss") ? {} : [announcement("1", "<p>Town hall</p>", false), announcement("2", "<p>Old news</p>", true)];
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  render(<Announcements />);
  const note = await screen.findByRole("article", { name: "Announcement" });
  expect(note.textContent).toContain("Town hall");
  expect(screen.queryByText("Old news")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
  await waitFor(() => expect(screen.queryByRole("article", { name: "Announcement" })).toBeNull());
  const dismiss = fetchMock.mock.calls.find((c) => String(c[0]).endsWith("/api/v1/announcements/1/dismiss"));
  expect(dismiss?.[1]?.method).toBe("POST");
});
