import { describe, expect, it } from "vitest";
import { threadOrder } from "./thread";
import type { Status } from "./types";

const s = (id: string, parent: string | null) => ({ id, in_reply_to_id: parent }) as Status;

describe("threadOrder", () => {
  it("puts each reply under its parent, oldest first, with its depth", () => {
    const list = [s("2", "1"), s("3", "2"), s("4", "1"), s("5", "3"), s("6", "4")];
    expect(threadOrder("1", list).map((x) => [x.status.id, x.depth])).toEqual([
      ["2", 0],
      ["3", 1],
      ["5", 2],
      ["4", 0],
      ["6", 1],
    ]);
  });
  it("shows replies whose parent is hidden at the top level", () => {
    expect(threadOrder("1", [s("9", "8")]).map((x) => [x.status.id, x.depth])).toEqual([["9", 0]]);
  });
});
