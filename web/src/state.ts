// The client's shared state: who is signed in, the instance's limits, the
// unread notification count, and short messages for the reader.

import { signal } from "@preact/signals";
import { api, errorMessage, post, setCsrfToken } from "./lib/api";
import { forgetSignedOut, keepSnapshotOf } from "./lib/offline";
import { applyAccountLanguage } from "./i18n";
import type { Account, Session } from "./lib/types";

export const me = signal<Account | null>(null);
export const sessionChecked = signal(false);
export const maxChars = signal(5000);
export const instanceTitle = signal("Atrium");
export const unread = signal(0);

export interface Toast {
  id: number;
  text: string;
  kind: "info" | "error";
}
export const toasts = signal<Toast[]>([]);
let toastId = 0;

/** Shows a short message in the live region for a few seconds. */
export function toast(text: string, kind: Toast["kind"] = "info") {
  const id = ++toastId;
  toasts.value = [...toasts.value, { id, text, kind }];
  setTimeout(() => (toasts.value = toasts.value.filter((t) => t.id !== id)), kind === "error" ? 7000 : 4000);
}

export function signedIn(session: Session) {
  setCsrfToken(session.csrf_token);
  keepSnapshotOf(session.account.id);
  me.value = session.account;
  void loadAccountLanguage();
}

/** Speaks the language the member chose in Settings (stored on the account). */
async function loadAccountLanguage() {
  try {
    const prefs = await api<Record<string, unknown>>("/api/v1/preferences");
    await applyAccountLanguage((prefs["atrium:interface:language"] as string | null | undefined) ?? null);
  } catch {
    // The language stays as the browser or the last visit chose it.
  }
}

export function signedOut() {
  setCsrfToken("");
  forgetSignedOut();
  me.value = null;
  unread.value = 0;
}

export function isAdmin(a: Account | null): boolean {
  const name = a?.role?.name?.toLowerCase() ?? "";
  return name === "admin" || name === "owner";
}

export async function loadInstance() {
  try {
    const inst = await api<{ title?: string; configuration?: { statuses?: { max_characters?: number } } }>(
      "/api/v2/instance",
    );
    const limit = inst.configuration?.statuses?.max_characters;
    if (limit) maxChars.value = limit;
    if (inst.title) instanceTitle.value = inst.title;
  } catch {
    // The defaults stand.
  }
}

export async function refreshUnread() {
  try {
    const r = await api<{ count: number }>("/api/v1/notifications/unread_count");
    unread.value = r.count;
  } catch {
    // Shown again on the next event.
  }
}

export async function signOut() {
  try {
    await post("/auth/sign_out");
  } catch (e) {
    toast(errorMessage(e), "error");
  }
  signedOut();
  history.replaceState(null, "", "/");
}
