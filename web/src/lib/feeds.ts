// Atom feeds of blogs for feed readers. A feed's URL holds the member's
// personal feed token, which the server shows once, when it is issued: this
// tab keeps it (sessionStorage) so the feed links on profiles and
// communities can be complete; elsewhere they lead to Settings.

const KEY = "atrium.feedToken";

export type FeedSubject = "accounts" | "communities";

/** The feed of a member's (accounts) or a community's blog entries, with `token`. */
export function feedUrl(origin: string, token: string, subject: FeedSubject, id: string): string {
  return `${origin}/api/v1/atrium/feeds/${encodeURIComponent(token)}/${subject}/${encodeURIComponent(id)}`;
}

type TokenStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Keeps `token` for this tab (null forgets it). `storage`: sessionStorage unless given. */
export function rememberFeedToken(token: string | null, storage?: TokenStorage) {
  try {
    const s = storage ?? sessionStorage;
    if (token) s.setItem(KEY, token);
    else s.removeItem(KEY);
  } catch {
    // storage refused (private mode): the links lead to Settings
  }
}

export function rememberedFeedToken(storage?: TokenStorage): string | null {
  try {
    return (storage ?? sessionStorage).getItem(KEY);
  } catch {
    return null;
  }
}
