// The composer's custom emoji picker: it lists the emoji offered in the
// picker, is used with the keyboard alone (open, filter, arrows, Enter,
// Escape back to the button), and puts ":shortcode:" where the caret is.
import { afterEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { EmojiPicker, forgetCustomEmojis } from "./EmojiPicker";
import { emojiParts, emojifyHtml } from "../lib/emoji";

const EMOJIS = [
  { shortcode: "party_parrot", url: "/media/emoji/k1/original", static_url: "/media/emoji/k1/static", visible_in_picker: true, category: "Fun" },
  { shortcode: "rocket", url: "/media/emoji/k2/original", static_url: "/media/emoji/k2/static", visible_in_picker: true, category: null },
  { shortcode: "secret", url: "/media/emoji/k3/original", static_url: "/media/emoji/k3/static", visible_in_picker: false, category: null },
];

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  forgetCustomEmojis();
});

function serveEmojis() {
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify(EMOJIS), { status: 200, headers: { "Content-Type": "application/json" } }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

test("opens from the keyboard, moves with the arrows, picks with Enter, and lists only the picker's emoji", async () => {
  const fetchMock = serveEmojis();
  const onPick = vi.fn();
  render(<EmojiPicker onPick={onPick} />);
  const open = await screen.findByRole("button", { name: "Insert a custom emoji" });
  expect(String(fetchMock.mock.calls[0][0])).toContain("/api/v1/custom_emojis");
  expect(open.getAttribute("aria-expanded")).toBe("false");
  fireEvent.click(open);
  expect(open.getAttribute("aria-expanded")).toBe("true");
  const dialog = screen.getByRole("dialog", { name: "Custom emoji" });
  const items = screen.getAllByRole("button", { name: /^:.*:$/ });
  expect(items.map((b) => b.getAttribute("aria-label"))).toEqual([":party_parrot:", ":rocket:"]);

  const filter = screen.getByRole("searchbox", { name: "Find an emoji" });
  await waitFor(() => expect(document.activeElement).toBe(filter));
  fireEvent.keyDown(filter, { key: "ArrowDown" });
  expect(document.activeElement).toBe(items[0]);
  fireEvent.keyDown(items[0], { key: "ArrowRight" });
  expect(document.activeElement).toBe(items[1]);
  fireEvent.keyDown(items[1], { key: "Home" });
  expect(document.activeElement).toBe(items[0]);
  fireEvent.click(items[1]);
  expect(onPick).toHaveBeenCalledWith("rocket");
  expect(dialog.isConnected).toBe(false);

  // Filtering, then Enter takes the first match; Escape closes back to the button.
  fireEvent.click(open);
  const box = screen.getByRole("searchbox", { name: "Find an emoji" });
  fireEvent.input(box, { target: { value: "parr" } });
  expect(screen.getAllByRole("button", { name: /^:.*:$/ }).map((b) => b.getAttribute("aria-label"))).toEqual([":party_parrot:"]);
  fireEvent.keyDown(box, { key: "Enter" });
  expect(onPick).toHaveBeenLastCalledWith("party_parrot");
  fireEvent.click(open);
  fireEvent.keyDown(screen.getByRole("searchbox", { name: "Find an emoji" }), { key: "Escape" });
  expect(screen.queryByRole("dialog")).toBeNull();
  expect(document.activeElement).toBe(open);
});

test("without emoji in the picker there is no button", async () => {
  const fetchMock = vi.fn(async () => new Response("[]", { status: 200, headers: { "Content-Type": "application/json" } }));
  vi.stubGlobal("fetch", fetchMock);
  render(<EmojiPicker onPick={() => {}} />);
  await waitFor(() => expect(fetchMock).toHaveBeenCalled());
  await Promise.resolve();
  expect(screen.queryByRole("button", { name: "Insert a custom emoji" })).toBeNull();
});

test("shortcodes become pictures in text, never in code or links, and only the listed ones", () => {
  const listed = EMOJIS.slice(0, 2);
  const parts = emojiParts("Hi :rocket: a:rocket:b :unknown: ::rocket:: :rocket::party_parrot:", listed);
  expect(parts.filter((p) => typeof p !== "string").map((p) => (p as { shortcode: string }).shortcode)).toEqual(["rocket"]);

  const html = emojifyHtml('<p>Go :rocket: <code>:rocket:</code> <a href="/x">:rocket:</a> <strong>:party_parrot:</strong> :secret:</p><pre><code>:rocket:\n</code></pre>', listed);
  const div = document.createElement("div");
  div.innerHTML = html;
  const imgs = Array.from(div.querySelectorAll("img"));
  expect(imgs.map((i) => [i.getAttribute("alt"), i.getAttribute("title"), i.parentElement?.tagName])).toEqual([
    [":rocket:", ":rocket:", "P"],
    [":party_parrot:", ":party_parrot:", "STRONG"],
  ]);
  expect(div.querySelector("code")?.textContent).toBe(":rocket:");
  expect(div.querySelector("a")?.textContent).toBe(":rocket:");
  expect(div.textContent).toContain(":secret:");
  // Nothing listed: the HTML as it was.
  expect(emojifyHtml("<p>:rocket:</p>", [])).toBe("<p>:rocket:</p>");
});
