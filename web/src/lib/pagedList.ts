// A list read page by page through Link headers ("Show more"), as the
// community directory, a community's members and its moderation log are.

import { useEffect, useState } from "preact/hooks";
import { requestPage } from "./api";

export interface PagedList<T> {
  items: T[];
  setItems: (update: (items: T[]) => T[]) => void;
  /** The next page's address; null when there is nothing more to show. */
  next: string | null;
  loading: boolean;
  error: unknown;
  /** Reads the first page again, or (`url`) appends the page there. */
  load: (url?: string) => Promise<void>;
}

/**
 * The pages of `path` with `query`, `pageSize` at a time, from the first one
 * on (again whenever `path` or `query` changes); `seen` sees each page as it
 * arrives. A short page, or one whose Link header offers no next, is the
 * last: no "Show more" that would find nothing.
 */
export function usePagedList<T>(
  path: string,
  pageSize: number,
  query: Record<string, string | boolean | undefined> = {},
  seen?: (page: T[]) => void,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  async function load(url?: string) {
    setLoading(true);
    setError(null);
    try {
      const r = await requestPage<T[]>(url ?? path, url ? {} : { query: { ...query, limit: pageSize } });
      seen?.(r.data);
      setItems((prev) => (url ? [...prev, ...r.data] : r.data));
      setNext(r.data.length >= pageSize ? r.links.next ?? null : null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    load();
  }, [path, JSON.stringify(query)]);
  return { items, setItems, next, loading, error, load };
}
