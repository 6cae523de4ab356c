// Atrium's service worker: keeps the web client's shell (its page, code,
// styles and icons) so that the app opens at once and still opens offline.
//
// It keeps nothing else. Requests to the server's own paths (the API,
// sign-in, media, streaming) are never answered from or written to a cache,
// so one person's answers can never be shown to another; the shell holds no
// data of anyone. The last home page read offline is kept by the client
// itself, per person, and cleared on sign-out.
//
// The page ("/") is served from the cache at once and refreshed from the
// network behind it; a new build's files are fetched into the cache and the
// old build's dropped. Files under /assets/ carry a hash in their name and
// never change, so a cached one is always right.

const SHELL = "atrium-shell-v1";
const PAGE = "/";
const STATIC = ["/favicon.svg", "/manifest.webmanifest", "/icon-192.png", "/icon-512.png"];
const SERVER_PREFIXES = ["/api", "/oauth", "/auth", "/scim", "/media", "/.well-known", "/avatars", "/headers", "/health", "/ready", "/metrics", "/nodeinfo"];

function isServerPath(pathname) {
  return SERVER_PREFIXES.some((p) => pathname === p || pathname.startsWith(p + "/"));
}

/** The /assets/ files a page loads (its scripts, styles and preloads). */
function assetsOf(html) {
  const out = new Set();
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) out.add(m[1]);
  return [...out];
}

/** Fetches the page and its assets into the cache; drops assets no longer used. */
async function refreshShell() {
  const cache = await caches.open(SHELL);
  const res = await fetch(PAGE, { cache: "no-cache", headers: { Accept: "text/html" }, credentials: "same-origin" });
  if (!res.ok || !(res.headers.get("Content-Type") || "").startsWith("text/html")) return;
  const html = await res.clone().text();
  const assets = assetsOf(html);
  const cached = await cache.keys();
  const have = new Set(cached.map((r) => new URL(r.url).pathname));
  await Promise.all(assets.filter((a) => !have.has(a)).map((a) => cache.add(a)));
  await cache.put(PAGE, res);
  // The previous builds' lazily loaded chunks stay until the page changes.
  const keep = new Set([PAGE, ...STATIC, ...assets]);
  const stale = cached.filter((r) => {
    const p = new URL(r.url).pathname;
    return p.startsWith("/assets/") && !keep.has(p);
  });
  if (have.has(PAGE) && assets.some((a) => !have.has(a))) await Promise.all(stale.map((r) => cache.delete(r)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await Promise.all(STATIC.map((s) => cache.add(s).catch(() => {})));
      await refreshShell();
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || isServerPath(url.pathname)) return;

  if (req.mode === "navigate") {
    event.respondWith(
      (async () => {
        const cache = await caches.open(SHELL);
        const page = await cache.match(PAGE);
        if (page) {
          event.waitUntil(refreshShell().catch(() => {}));
          return page;
        }
        return fetch(req);
      })(),
    );
    return;
  }

  if (url.pathname.startsWith("/assets/") || STATIC.includes(url.pathname)) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(SHELL);
        const hit = await cache.match(url.pathname);
        if (hit) return hit;
        const res = await fetch(req);
        if (res.ok && res.type === "basic") await cache.put(url.pathname, res.clone());
        return res;
      })(),
    );
  }
});

// The client asks after sign-out: nothing personal is cached here, but
// anything outside the shell that ever was is dropped.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "atrium:signed-out") return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      for (const r of await cache.keys()) {
        const p = new URL(r.url).pathname;
        if (p !== PAGE && !STATIC.includes(p) && !p.startsWith("/assets/")) await cache.delete(r);
      }
    })(),
  );
});

// Web Push: the server sends Mastodon's payload (title, body, icon, the
// notification's id and, from Atrium, the url of what it is about); it is
// shown at once, and a click opens that page in a window of the client (or
// a new one).
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: "Atrium", body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || "Atrium", {
      body: data.body || "",
      icon: data.icon || "/icon-192.png",
      tag: data.notification_id ? `notification-${data.notification_id}` : undefined,
      data: { url: data.url || "/notifications" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/notifications", self.location.origin);
  // Only the client's own pages are opened.
  const url = target.origin === self.location.origin ? target.href : new URL("/notifications", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const w of windows) {
        if ("navigate" in w) {
          await w.focus();
          await w.navigate(url);
          return;
        }
      }
      await self.clients.openWindow(url);
    })(),
  );
});
