// A thread's comments as a tree, flattened for display.

import type { Status } from "./types";

/** Comments in thread order: each followed by its replies, with their depth. */
export function threadOrder(rootId: string, descendants: Status[]): { status: Status; depth: number }[] {
  const children = new Map<string, Status[]>();
  for (const s of descendants) {
    const parent = s.in_reply_to_id ?? rootId;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(s);
  }
  const out: { status: Status; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (id: string, depth: number) => {
    for (const c of children.get(id) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ status: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(rootId, 0);
  // Anything whose parent is not in the list still shows, at the top level.
  for (const s of descendants) if (!seen.has(s.id)) out.push({ status: s, depth: 0 });
  return out;
}
