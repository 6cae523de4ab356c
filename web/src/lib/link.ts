// Pagination by the API's Link header: `<https://…?max_id=1>; rel="next", <…>; rel="prev"`.

export interface PageLinks {
  next?: string;
  prev?: string;
}

/** The rel="next" and rel="prev" URLs of a Link header. */
export function parseLinkHeader(header: string | null | undefined): PageLinks {
  const out: PageLinks = {};
  if (!header) return out;
  const re = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header))) {
    const url = m[1];
    const params = m[2];
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(params);
    if (!rel) continue;
    for (const r of rel[1].trim().split(/\s+/)) {
      if (r === "next" && !out.next) out.next = url;
      if (r === "prev" && !out.prev) out.prev = url;
    }
  }
  return out;
}

/**
 * The path and query of an absolute link, so that requests stay on the
 * client's own origin (the server's public URL may name another host).
 */
export function localPath(url: string): string {
  try {
    const u = new URL(url, "http://localhost");
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** A query parameter of a link ("max_id"), or undefined. */
export function linkParam(url: string | undefined, name: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, "http://localhost").searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}
