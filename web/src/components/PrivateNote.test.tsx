// The private note editor: shows the note from the relationship with "Only
// you can see this", saves with POST …/note {comment}, and shows what the
// server answered; a refusal keeps the editor open with the server's words.
import { afterEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { PrivateNote } from "./PrivateNote";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

test("shows the saved note, privately labelled, and saves an edit with the server's answer", async () => {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init });
      if (String(url).includes("/relationships")) return json([{ id: "7", note: "Knows the billing code" }]);
      // The server trims nothing here: it answers what it kept.
      return json({ id: "7", note: "Ask about invoices (kept)" });
    }),
  );
  render(<PrivateNote accountId="7" name="Zed" />);
  expect(await screen.findByText("Knows the billing code")).toBeTruthy();
  expect(screen.getByText("Only you can see this.")).toBeTruthy();
  expect(calls[0].url).toContain("/api/v1/accounts/relationships?id%5B%5D=7");

  fireEvent.click(screen.getByRole("button", { name: "Edit note" }));
  const box = screen.getByRole("textbox", { name: "Your private note on Zed" }) as HTMLTextAreaElement;
  expect(box.value).toBe("Knows the billing code");
  fireEvent.input(box, { target: { value: "  Ask about invoices  " } });
  fireEvent.click(screen.getByRole("button", { name: "Save note" }));
  expect(await screen.findByText("Ask about invoices (kept)")).toBeTruthy();
  const save = calls.find((c) => c.url.endsWith("/api/v1/accounts/7/note"));
  expect(save?.init?.method).toBe("POST");
  expect(JSON.parse(String(save?.init?.body))).toEqual({ comment: "Ask about invoices" });
  expect(screen.queryByRole("textbox")).toBeNull();
});

test("no note yet: offers to add one; a refused save keeps the editor and shows why", async () => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: RequestInfo | URL) => {
      if (String(url).includes("/relationships")) return json([{ id: "7", note: "" }]);
      return json({ error: "Validation failed: Comment is too long (maximum is 2000 characters)" }, 422);
    }),
  );
  render(<PrivateNote accountId="7" name="Zed" />);
  expect(await screen.findByText("No note on Zed yet.")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Add a note" }));
  fireEvent.input(screen.getByRole("textbox"), { target: { value: "hello" } });
  fireEvent.click(screen.getByRole("button", { name: "Save note" }));
  expect((await screen.findByRole("alert")).textContent).toContain("Comment is too long");
  expect((screen.getByRole("textbox") as HTMLTextAreaElement).value).toBe("hello");
});

test("a note over the limit cannot be saved", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => json([{ id: "7", note: "" }])));
  render(<PrivateNote accountId="7" name="Zed" />);
  fireEvent.click(await screen.findByRole("button", { name: "Add a note" }));
  fireEvent.input(screen.getByRole("textbox"), { target: { value: "x".repeat(2001) } });
  expect((screen.getByRole("button", { name: "Save note" }) as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByText("At most 2000 characters.")).toBeTruthy();
});
