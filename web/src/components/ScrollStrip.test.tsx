// Which sides of a tab strip hide tabs, so that it fades and shows arrows there.
import { expect, test } from "vitest";
import { overflowSides } from "./ScrollStrip";

test("a strip that fits hides nothing", () => {
  expect(overflowSides(0, 400, 400)).toEqual({ start: false, end: false });
  // Sub-pixel widths round either way.
  expect(overflowSides(0, 400, 400.6)).toEqual({ start: false, end: false });
});

test("a wider strip hides its end at first, its start at the end, both between", () => {
  expect(overflowSides(0, 390, 700)).toEqual({ start: false, end: true });
  expect(overflowSides(150, 390, 700)).toEqual({ start: true, end: true });
  expect(overflowSides(310, 390, 700)).toEqual({ start: true, end: false });
});
