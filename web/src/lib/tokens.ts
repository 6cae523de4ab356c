// The composer's suggestions: the @mention or #tag being typed at the caret,
// and the text with it replaced by the chosen suggestion.

export interface Token {
  kind: "@" | "#";
  /** What follows the sigil, up to the caret. */
  query: string;
  /** Index of the sigil. */
  start: number;
  /** Index just past the token (the caret, or the token's end if the caret is inside it). */
  end: number;
}

const WORD = /[\p{L}\p{N}_]/u;
const ACCT = /[\p{L}\p{N}_.@-]/u;

/** The @ or # token the caret is in or just after, or null. */
export function tokenAt(text: string, caret: number): Token | null {
  if (caret < 0 || caret > text.length) return null;
  let i = caret;
  // Walk back over the characters a mention or a tag may hold.
  while (i > 0 && ACCT.test(text[i - 1]) && text[i - 1] !== "@") i--;
  let start: number;
  if (i > 0 && text[i - 1] === "@") {
    start = i - 1;
  } else {
    // A tag: only word characters between '#' and the caret.
    let j = caret;
    while (j > 0 && WORD.test(text[j - 1])) j--;
    if (j === 0 || text[j - 1] !== "#") return null;
    start = j - 1;
  }
  const kind = text[start] as "@" | "#";
  // The sigil must begin a word: at the start or after space or an opening bracket.
  if (start > 0 && !/[\s(\[{"'>]/u.test(text[start - 1])) return null;
  const charset = kind === "@" ? ACCT : WORD;
  let end = caret;
  while (end < text.length && charset.test(text[end]) && text[end] !== "@") end++;
  const query = text.slice(start + 1, caret);
  if (kind === "#" && query.length === 0) return { kind, query, start, end };
  if (kind === "@" && query.includes("@") ) return null;
  return { kind, query, start, end };
}

/**
 * Replaces `token` in `text` with the sigil and `value`, followed by a space
 * (unless one follows already). Returns the new text and where the caret goes.
 */
export function replaceToken(text: string, token: Token, value: string): { text: string; caret: number } {
  const before = text.slice(0, token.start);
  let after = text.slice(token.end);
  const insert = token.kind + value;
  if (!after.startsWith(" ")) after = " " + after;
  const next = before + insert + after;
  return { text: next, caret: before.length + insert.length + 1 };
}

/** The character count the server applies: code points, not UTF-16 units. */
export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
