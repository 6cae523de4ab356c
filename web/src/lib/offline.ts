// Working without a connection: the service worker (public/sw.js) keeps the
// shell, and this module keeps the last home page the reader saw — per
// person, in this browser's local storage — so that offline the app shows
// it read-only. Sign-out clears it; a different person never sees it.

import type { Account, Status } from "./types";

export const HOME_SNAPSHOT_KEY = "atrium.offline.home";
/** How many posts of the home page are kept. */
export const SNAPSHOT_POSTS = 20;

export interface HomeSnapshot {
  account: Account;
  statuses: Status[];
  /** When it was read (ISO 8601). */
  saved_at: string;
}

type SnapshotStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function storage(): SnapshotStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** Keeps the reader's home page (its first posts) for offline reading. */
export function saveHomeSnapshot(account: Account, statuses: Status[], now = new Date(), store = storage()) {
  const snap: HomeSnapshot = { account, statuses: statuses.slice(0, SNAPSHOT_POSTS), saved_at: now.toISOString() };
  try {
    store?.setItem(HOME_SNAPSHOT_KEY, JSON.stringify(snap));
  } catch {
    // Full or refused storage: offline reading is a convenience.
  }
}

/** The kept home page, or null when none is kept or it is unreadable. */
export function loadHomeSnapshot(store = storage()): HomeSnapshot | null {
  try {
    const raw = store?.getItem(HOME_SNAPSHOT_KEY);
    if (!raw) return null;
    const snap = JSON.parse(raw) as HomeSnapshot;
    if (!snap?.account?.id || !Array.isArray(snap.statuses) || typeof snap.saved_at !== "string") return null;
    return snap;
  } catch {
    return null;
  }
}

/** Forgets the kept home page (sign-out, or another person signed in). */
export function clearHomeSnapshot(store = storage()) {
  try {
    store?.removeItem(HOME_SNAPSHOT_KEY);
  } catch {
    // Nothing to clear.
  }
}

/** Drops a snapshot that belongs to someone other than the person now signed in. */
export function keepSnapshotOf(accountId: string, store = storage()) {
  const snap = loadHomeSnapshot(store);
  if (snap && snap.account.id !== accountId) clearHomeSnapshot(store);
}

/** Clears what this browser kept for the person who signed out. */
export function forgetSignedOut() {
  clearHomeSnapshot();
  navigator.serviceWorker?.controller?.postMessage({ type: "atrium:signed-out" });
}

/** Installs the service worker once the page has loaded (not in development). */
export function registerServiceWorker() {
  if (import.meta.env.DEV || !("serviceWorker" in navigator)) return;
  const register = () => navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
