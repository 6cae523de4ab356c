// The admin screens in German and Japanese: an eDiscovery export's progress
// with the language's plurals, and the members' roles named in the language
// with the confirmation before giving power.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { setLanguage } from "../i18n";
import type { Account } from "../lib/types";
import { me } from "../state";
import { AdminScreen } from "./Admin";
import { AdminExportsScreen } from "./AdminExports";

beforeEach(() => {
  // jsdom's <dialog> has no showModal.
  if (!HTMLDialogElement.prototype.showModal)
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.setAttribute("open", "");
    };
  me.value = { id: "1", username: "boss", acct: "boss", display_name: "Boss", avatar: "", role: { name: "admin" } } as unknown as Account;
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  me.value = null;
  await setLanguage("en");
});

function serve(routes: Record<string, unknown>) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const path = new URL(String(input), "http://localhost").pathname;
      if (!(path in routes)) return new Response(JSON.stringify({ error: "Record not found" }), { status: 404 });
      return new Response(JSON.stringify(routes[path]), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
}

const job = {
  id: "4",
  state: "done",
  account_id: "7",
  community_id: null,
  from: null,
  to: null,
  requested_by: { id: "1", username: "boss" },
  progress: { posts: 1, direct_received: 2, likes: 0, attachments: 1 },
  attempts: 1,
  error: null,
  created_at: "2026-12-01T10:00:00.000Z",
  started_at: "2026-12-01T10:00:01.000Z",
  finished_at: "2026-12-01T10:00:02.000Z",
  file: { bytes: 2560, sha256: "ab12", download_url: "/x.tar" },
};

test("a finished export in German counts with German plurals and sizes", async () => {
  await setLanguage("de");
  serve({ "/api/v1/atrium/admin/exports": [job] });
  render(<AdminExportsScreen />);
  expect(await screen.findByText(/1 Beitrag, 2 empfangene Direktnachrichten, 0 „Gefällt mir“, 1 Anhang/)).toBeTruthy();
  expect(screen.getByRole("link", { name: "Herunterladen (2,5 KB)" })).toBeTruthy();
  expect(screen.getByRole("heading", { name: "eDiscovery-Exporte", level: 1 })).toBeTruthy();
  expect(screen.getByText("Anfang – heute")).toBeTruthy();
});

test("in Japanese the members' roles are named in Japanese and giving admin asks first", async () => {
  await setLanguage("ja");
  const bob = { id: "2", username: "bob", acct: "bob", display_name: "Bob", avatar: "" };
  serve({ "/api/v2/admin/accounts": [{ id: "2", username: "bob", email: "bob@example.com", disabled: false, role: { name: "member" }, account: bob }] });
  render(<AdminScreen />);
  const role = await screen.findByRole("combobox", { name: "Bobさんのロール" });
  expect(within(role).getAllByRole("option").map((o) => o.textContent)).toEqual(["メンバー", "モデレーター", "管理者"]);
  fireEvent.change(role, { target: { value: "admin" } });
  const dialog = await screen.findByRole("dialog", { name: "Bobさんを管理者にしますか？" });
  expect(within(dialog).getByRole("button", { name: "管理者にする" })).toBeTruthy();
  expect(within(dialog).getByText("この変更は監査ログに記録されます。")).toBeTruthy();
});
