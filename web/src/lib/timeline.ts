// A stream's state: what the reader sees, and what arrived live since.
//
// Live posts never move what the reader is reading: they wait in `pending`
// (the "N new posts" banner) until the reader shows them. Ids are unique
// across both lists; an edit replaces the post wherever it is; a delete
// removes the post and every repost of it.

import type { Status } from "./types";

export interface TimelineState {
  items: Status[];
  pending: Status[];
  /** Where the next (older) page starts, or null at the end. */
  next: string | null;
}

export const emptyTimeline: TimelineState = { items: [], pending: [], next: null };

/** The post a stream entry shows: the original of a repost. */
export function shownStatus(s: Status): Status {
  return s.reblog ?? s;
}

function has(list: Status[], id: string): boolean {
  return list.some((s) => s.id === id);
}

/** A repost of a post already in the list (or the post itself, reposted) is shown once. */
function duplicateOf(list: Status[], s: Status): boolean {
  const target = shownStatus(s).id;
  return list.some((x) => x.id === s.id || (s.reblog && shownStatus(x).id === target));
}

/** The first page, replacing everything. */
export function loaded(items: Status[], next: string | null): TimelineState {
  return { items: dedupe(items), pending: [], next };
}

/** An older page, appended below what is shown. */
export function appended(state: TimelineState, items: Status[], next: string | null): TimelineState {
  const fresh = items.filter((s) => !has(state.items, s.id));
  return { ...state, items: [...state.items, ...fresh], next };
}

/** A post that arrived live: queued for the banner, unless already here. */
export function arrived(state: TimelineState, s: Status): TimelineState {
  if (duplicateOf(state.items, s) || duplicateOf(state.pending, s)) return updated(state, s);
  return { ...state, pending: [s, ...state.pending] };
}

/** The reader asks for the new posts: they go on top, newest first. */
export function shownPending(state: TimelineState): TimelineState {
  if (state.pending.length === 0) return state;
  const pending = [...state.pending].sort(byIdDesc);
  return { ...state, items: dedupe([...pending, ...state.items]), pending: [] };
}

/** A post changed (edit, like count, ...): replaced where it is, as itself or inside reposts and quotes. */
export function updated(state: TimelineState, s: Status): TimelineState {
  const fix = (list: Status[]) => list.map((x) => replaceIn(x, s));
  return { ...state, items: fix(state.items), pending: fix(state.pending) };
}

/** A post is gone: removed with its reposts. */
export function deleted(state: TimelineState, id: string): TimelineState {
  const keep = (x: Status) => x.id !== id && x.reblog?.id !== id;
  return { ...state, items: state.items.filter(keep), pending: state.pending.filter(keep) };
}

/** `x` with `s` put in wherever `s.id` appears (itself, its reblog, its quote). */
export function replaceIn(x: Status, s: Status): Status {
  if (x.id === s.id) return s;
  let out = x;
  if (x.reblog && x.reblog.id === s.id) out = { ...out, reblog: s };
  else if (x.reblog) {
    const inner = replaceIn(x.reblog, s);
    if (inner !== x.reblog) out = { ...out, reblog: inner };
  }
  const q = x.quote?.quoted_status;
  if (q && q.id === s.id) out = { ...out, quote: { ...x.quote!, quoted_status: s } };
  return out;
}

function byIdDesc(a: Status, b: Status): number {
  // Ids are time-ordered numbers as strings: longer is larger.
  if (a.id.length !== b.id.length) return b.id.length - a.id.length;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function dedupe(list: Status[]): Status[] {
  const out: Status[] = [];
  for (const s of list) if (!duplicateOf(out, s)) out.push(s);
  return out;
}
