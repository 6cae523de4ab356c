// The HTTP API, as a browser member uses it: the session cookie, and the
// session's CSRF token on every request that changes something.

import { localPath, parseLinkHeader, type PageLinks } from "./link";
import { language, t } from "../i18n";

let csrfToken = "";

export function setCsrfToken(token: string) {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Params = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

export interface RequestOptions {
  method?: string;
  query?: Params;
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface Page<T> {
  data: T;
  links: PageLinks;
}

/** Builds "path?a=1&b[]=2" from parameters, leaving out empty ones. */
export function withQuery(path: string, query?: Params): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) for (const item of v) q.append(`${k}[]`, String(item));
    else q.append(k, String(v));
  }
  const s = q.toString();
  if (!s) return path;
  return path + (path.includes("?") ? "&" : "?") + s;
}

function describe(status: number, body: unknown): string {
  if (body && typeof body === "object") {
    const b = body as { error?: string; error_description?: string };
    if (b.error) {
      if (b.error_description && b.error_description !== b.error) return `${b.error}: ${b.error_description}`;
      return b.error;
    }
  }
  if (status === 0) return t("api.unreachable");
  if (status >= 500) return t("api.serverError");
  return t("api.failed", { status });
}

/** Sends a request and answers its JSON and its Link header's pages. */
export async function requestPage<T>(path: string, opts: RequestOptions = {}): Promise<Page<T>> {
  const method = (opts.method || "GET").toUpperCase();
  // The server's own words (advice on a draft, e-mail previews) in the language the client speaks.
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": language.value, ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(localPath(path), opts.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, describe(0, null));
  }
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new CustomEvent("atrium:signed-out"));
    throw new ApiError(res.status, describe(res.status, json));
  }
  return { data: json as T, links: parseLinkHeader(res.headers.get("Link")) };
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return (await requestPage<T>(path, opts)).data;
}

export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: "POST", body: body ?? {} });
export const patch = <T>(path: string, body?: unknown) => api<T>(path, { method: "PATCH", body: body ?? {} });
export const put = <T>(path: string, body?: unknown) => api<T>(path, { method: "PUT", body: body ?? {} });
export const del = <T>(path: string) => api<T>(path, { method: "DELETE" });

/** A message for anything thrown by a request. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
