// A small client-side router over the History API.

import { useEffect, useState } from "preact/hooks";

type Listener = () => void;
const listeners = new Set<Listener>();

export function currentPath(): string {
  return location.pathname + location.search;
}

export function navigate(to: string, replace = false) {
  if (to === currentPath()) return;
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  listeners.forEach((l) => l());
}

window.addEventListener("popstate", () => listeners.forEach((l) => l()));

/** The current path and query; re-renders on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** Matches "/people/:id" against a path; answers the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(":")) out[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return out;
}

/** Click handler for in-app links: plain clicks navigate without a reload. */
export function onLinkClick(e: MouseEvent) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element).closest("a");
  if (!a || a.target || a.hasAttribute("download")) return;
  const raw = a.getAttribute("href");
  if (!raw || raw.startsWith("#")) return;
  // Links the server writes into posts are absolute (mentions, tags): same origin, same app.
  let href = raw;
  if (!raw.startsWith("/")) {
    if (a.origin !== location.origin) return;
    href = a.pathname + a.search;
  }
  if (href.startsWith("//") || /^\/(api|media|oauth|auth|scim)\//.test(href)) return;
  e.preventDefault();
  navigate(href);
}
