// The report dialog: it lists the organization's rules, refuses a
// violation without a rule before sending anything, and sends the
// category, the rules, the comment and the post.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { ReportDialog } from "./ReportDialog";
import type { Account, Status } from "../lib/types";

const bob = { id: "7", username: "bob", acct: "bob", display_name: "Bob Builder", avatar: "" } as Account;
const post = { id: "99", account: bob } as Status;
const rules = [
  { id: "1", text: "Keep confidential information with the people who may know it", hint: "" },
  { id: "2", text: "Treat colleagues with respect", hint: "No insults." },
];

let sent: { url: string; body: unknown }[] = [];

beforeEach(() => {
  sent = [];
  // jsdom has no modal dialogs.
  HTMLDialogElement.prototype.showModal = function () {
    this.open = true;
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url).includes("/api/v1/instance/rules")) return new Response(JSON.stringify(rules), { status: 200 });
      sent.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ id: "5" }), { status: 200 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

test("a violation needs a rule; the report carries the post, the rules and the comment", async () => {
  const onClose = vi.fn();
  render(<ReportDialog account={bob} status={post} onClose={onClose} />);
  const respect = await screen.findByRole("checkbox", { name: /Treat colleagues with respect/ });
  fireEvent.click(screen.getByRole("button", { name: "Send report" }));
  expect((await screen.findByRole("alert")).textContent).toContain("Choose the rules it breaks");
  expect(sent).toEqual([]);

  fireEvent.click(respect);
  fireEvent.input(screen.getByLabelText("Comment for the moderators"), { target: { value: "Rude reply" } });
  fireEvent.click(screen.getByRole("button", { name: "Send report" }));
  await waitFor(() => expect(onClose).toHaveBeenCalled());
  expect(sent).toEqual([
    { url: "/api/v1/reports", body: { account_id: "7", status_ids: ["99"], category: "violation", rule_ids: ["2"], comment: "Rude reply" } },
  ]);
});

test("another category sends no rules", async () => {
  render(<ReportDialog account={bob} onClose={() => {}} />);
  await screen.findByRole("checkbox", { name: /Treat colleagues/ });
  fireEvent.click(screen.getByRole("radio", { name: /It is spam/ }));
  expect(screen.queryByRole("checkbox", { name: /Treat colleagues/ })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Send report" }));
  await waitFor(() => expect(sent.length).toBe(1));
  expect(sent[0].body).toEqual({ account_id: "7", status_ids: [], category: "spam", rule_ids: [], comment: "" });
});
