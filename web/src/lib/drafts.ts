// Work is never lost: what someone writes is kept in the browser's local
// storage per place (the home composer, a community's composer, a comment on
// one post, a blog entry or question being written), restored when they come
// back and cleared once it is posted. Drafts belong to the signed-in person:
// the key names them, so a shared computer does not show one person's draft
// to the next. While anything unposted is on the screen, leaving the page
// (reload, closing the tab) asks first.

import { useEffect } from "preact/hooks";
import { me } from "../state";

const PREFIX = "atrium:draft:";

/** The storage key of a place's draft for the signed-in person. */
export function draftKey(place: string): string {
  return `${PREFIX}${me.value?.id ?? "anonymous"}:${place}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage refused (private mode, policy): drafts are not kept
  }
}

/** The draft kept for a place, or null. */
export function loadDraft<T>(place: string): T | null {
  const raw = storage()?.getItem(draftKey(place));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

/** Keeps a place's draft (a full storage is not an error: the draft is simply not kept). */
export function saveDraft<T>(place: string, draft: T): void {
  try {
    storage()?.setItem(draftKey(place), JSON.stringify(draft));
  } catch {
    /* quota exceeded */
  }
}

export function clearDraft(place: string): void {
  storage()?.removeItem(draftKey(place));
}

/** What is on the screen and not yet posted, by who holds it. */
const unsaved = new Set<object>();

/** True while anything unposted is on the screen. */
export function hasUnsavedText(): boolean {
  return unsaved.size > 0;
}

function onBeforeUnload(e: BeforeUnloadEvent) {
  if (!hasUnsavedText()) return;
  e.preventDefault();
  e.returnValue = "";
}

let listening = false;

/**
 * Marks the caller's text as unposted while `dirty`: leaving the page then
 * asks first (beforeunload). `owner` is any object that stays the same for
 * the caller's lifetime (a ref).
 */
export function useUnsavedText(owner: object, dirty: boolean): void {
  useEffect(() => {
    if (!listening && typeof window !== "undefined") {
      window.addEventListener("beforeunload", onBeforeUnload);
      listening = true;
    }
    if (dirty) unsaved.add(owner);
    else unsaved.delete(owner);
    return () => {
      unsaved.delete(owner);
    };
  }, [owner, dirty]);
}
