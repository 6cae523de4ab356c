import { describe, expect, it } from "vitest";
import { HOME_SNAPSHOT_KEY, SNAPSHOT_POSTS, clearHomeSnapshot, keepSnapshotOf, loadHomeSnapshot, saveHomeSnapshot } from "./offline";
import type { Account, Status } from "./types";

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

const maria = { id: "1", acct: "maria", username: "maria", display_name: "Maria" } as Account;
const jon = { id: "2", acct: "jon", username: "jon", display_name: "Jon" } as Account;
const posts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(100 - i), content: `<p>${i}</p>` }) as Status);

describe("the offline home page", () => {
  it("keeps the first posts of the home page with the person and the time", () => {
    const s = memoryStorage();
    saveHomeSnapshot(maria, posts(30), new Date("2026-03-01T10:00:00Z"), s);
    const snap = loadHomeSnapshot(s)!;
    expect(snap.account.id).toBe("1");
    expect(snap.statuses.map((p) => p.id)).toEqual(posts(SNAPSHOT_POSTS).map((p) => p.id));
    expect(snap.saved_at).toBe("2026-03-01T10:00:00.000Z");
  });

  it("is dropped when someone else signs in, kept for the same person", () => {
    const s = memoryStorage();
    saveHomeSnapshot(maria, posts(2), new Date(), s);
    keepSnapshotOf(maria.id, s);
    expect(loadHomeSnapshot(s)?.account.id).toBe("1");
    keepSnapshotOf(jon.id, s);
    expect(loadHomeSnapshot(s)).toBeNull();
    expect(s.map.has(HOME_SNAPSHOT_KEY)).toBe(false);
  });

  it("is cleared, and unreadable or foreign values read as none", () => {
    const s = memoryStorage();
    saveHomeSnapshot(maria, posts(1), new Date(), s);
    clearHomeSnapshot(s);
    expect(loadHomeSnapshot(s)).toBeNull();
    s.setItem(HOME_SNAPSHOT_KEY, "{not json");
    expect(loadHomeSnapshot(s)).toBeNull();
    s.setItem(HOME_SNAPSHOT_KEY, JSON.stringify({ statuses: [] }));
    expect(loadHomeSnapshot(s)).toBeNull();
  });
});
