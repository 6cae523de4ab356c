// A translated sentence with elements inside (a link, a bold name): the
// message gets a marker for each element as a value, and the markers are
// replaced by the elements, wherever the language puts them.

import type { ComponentChild } from "preact";
import { Fragment } from "preact";

const MARK = "\uE000";

/** The value to pass to t() for the element named `name`. */
export function slot(name: string): string {
  return `${MARK}${name}${MARK}`;
}

/** The message with each slot replaced by its element. */
export function withElements(message: string, elements: Record<string, ComponentChild>): ComponentChild[] {
  return message.split(new RegExp(`${MARK}(\\w+)${MARK}`)).map((part, i) =>
    i % 2 === 1 ? <Fragment key={i}>{elements[part] ?? null}</Fragment> : part,
  );
}
