// The search box as a component: "/" focuses it from the page but types
// normally inside another field, and typing opens the typeahead list.
import { afterEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { SearchBox } from "./SearchBox";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

test("/ focuses the box at once after it renders, but not from another field", () => {
  render(
    <div>
      <input data-testid="other" />
      <SearchBox />
    </div>,
  );
  const box = screen.getByTestId("search-box");
  fireEvent.keyDown(document.body, { key: "/" });
  expect(document.activeElement).toBe(box);

  const other = screen.getByTestId("other");
  other.focus();
  fireEvent.keyDown(other, { key: "/" });
  expect(document.activeElement).toBe(other);
});

test("typing asks the typeahead and lists people as options", async () => {
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
    new Response(
      JSON.stringify({ accounts: [{ id: "7", username: "bob", acct: "bob", display_name: "Bob Builder", avatar: "" }], communities: [], hashtags: [] }),
      { status: 200, headers: { "Content-Type": "application/json" } },
    ),
  );
  vi.stubGlobal("fetch", fetchMock);
  render(<SearchBox />);
  const box = screen.getByTestId("search-box");
  fireEvent.input(box, { target: { value: "bo" } });
  expect(await screen.findByRole("option", { name: /Bob Builder/ })).toBeTruthy();
  expect(String(fetchMock.mock.calls[0][0])).toContain("/api/v1/atrium/search/typeahead");
  expect(box.getAttribute("aria-expanded")).toBe("true");
});
