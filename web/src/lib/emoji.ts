// The organization's custom emoji in what people write: ":shortcode:" found
// by the server's rule (src/base/emoji_shortcode.h) — [A-Za-z0-9_]{2,64}
// between colons, not next to a letter, a digit or another colon — and shown
// as the emoji's picture. Only the emoji an entity lists (its `emojis`, as
// the server sends them now: a removed one is no longer listed) are shown;
// in HTML, never inside code or links.

import type { CustomEmoji } from "./types";

const SHORTCODE = /:([A-Za-z0-9_]{2,64}):/g;
const JOINS = /[A-Za-z0-9:]/;

/** A piece of text: plain, or an emoji to show as its picture. */
export type EmojiPart = string | CustomEmoji;

/** `text` cut into plain pieces and the listed emoji written in it. */
export function emojiParts(text: string, emojis: CustomEmoji[] | undefined): EmojiPart[] {
  if (!emojis || emojis.length === 0 || !text.includes(":")) return [text];
  const byCode = new Map(emojis.map((e) => [e.shortcode, e]));
  const parts: EmojiPart[] = [];
  let at = 0;
  SHORTCODE.lastIndex = 0;
  for (let m = SHORTCODE.exec(text); m; m = SHORTCODE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const emoji = byCode.get(m[1]);
    const before = start > 0 ? text[start - 1] : "";
    const after = end < text.length ? text[end] : "";
    if (!emoji || JOINS.test(before) || JOINS.test(after)) {
      // The closing colon may open the next shortcode.
      SHORTCODE.lastIndex = end - 1;
      continue;
    }
    if (start > at) parts.push(text.slice(at, start));
    parts.push(emoji);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** The picture of an emoji, as an element of `doc`. */
function emojiImage(doc: Document, emoji: CustomEmoji): HTMLImageElement {
  const img = doc.createElement("img");
  img.src = emoji.url;
  img.alt = `:${emoji.shortcode}:`;
  img.title = `:${emoji.shortcode}:`;
  img.className = "custom-emoji";
  img.setAttribute("draggable", "false");
  return img;
}

/** Elements whose text is never an emoji: code and links. */
const SKIP = new Set(["CODE", "PRE", "A", "KBD", "SAMP"]);

/**
 * `html` (a post's content, rendered by the server) with the listed emoji
 * in its text shown as pictures; text inside code or links stays as it is.
 */
export function emojifyHtml(html: string, emojis: CustomEmoji[] | undefined): string {
  if (!emojis || emojis.length === 0 || !html.includes(":")) return html;
  const template = document.createElement("template");
  template.innerHTML = html;
  const texts: Text[] = [];
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    let skipped = false;
    for (let p = n.parentElement; p; p = p.parentElement)
      if (SKIP.has(p.tagName)) {
        skipped = true;
        break;
      }
    if (!skipped) texts.push(n as Text);
  }
  for (const text of texts) {
    const parts = emojiParts(text.data, emojis);
    if (parts.length === 1 && typeof parts[0] === "string") continue;
    const fragment = document.createDocumentFragment();
    for (const part of parts) fragment.append(typeof part === "string" ? document.createTextNode(part) : emojiImage(document, part));
    text.replaceWith(fragment);
  }
  return template.innerHTML;
}
