// "Notifications on this device": the browser's Push API through the
// client's service worker (public/sw.js shows what arrives). Turning it on
// asks the browser's permission, subscribes with the server's VAPID key
// and registers the subscription with Atrium (one per session); turning it
// off removes both.

import { useEffect, useState } from "preact/hooks";
import { api, del, errorMessage, post } from "../lib/api";
import { t } from "../i18n";

/** The kinds of notification pushed to this device. */
export const PUSH_ALERTS = ["mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update", "quote", "answer", "answer_accepted"];

type State = "unsupported" | "loading" | "off" | "on" | "blocked";

/** A base64url key as the bytes PushManager.subscribe takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  const text = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function supported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && typeof window !== "undefined" && "PushManager" in window && "Notification" in window;
}

async function browserSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

export function PushSettings() {
  const [state, setState] = useState<State>(supported() ? "loading" : "unsupported");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!supported()) return;
    let live = true;
    (async () => {
      if (Notification.permission === "denied") return live && setState("blocked");
      const sub = await browserSubscription();
      let registered = false;
      if (sub) {
        try {
          const server = await api<{ endpoint: string }>("/api/v1/push/subscription");
          registered = server.endpoint === sub.endpoint;
        } catch {
          registered = false;
        }
      }
      if (live) setState(registered ? "on" : "off");
    })().catch((e) => live && (setError(errorMessage(e)), setState("off")));
    return () => {
      live = false;
    };
  }, []);

  async function turnOn() {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      setState(permission === "denied" ? "blocked" : "off");
      return;
    }
    const instance = await api<{ configuration?: { vapid?: { public_key?: string } } }>("/api/v2/instance");
    const key = instance.configuration?.vapid?.public_key;
    if (!key) throw new Error(t("pushSettings.noKey"));
    const registration = await navigator.serviceWorker.ready;
    const existing = await registration.pushManager.getSubscription();
    const sub = existing ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) }));
    const json = sub.toJSON();
    await post("/api/v1/push/subscription", {
      subscription: { endpoint: json.endpoint, keys: json.keys, standard: true },
      data: { alerts: Object.fromEntries(PUSH_ALERTS.map((a) => [a, true])), policy: "all" },
    });
    setState("on");
  }

  async function turnOff() {
    await del("/api/v1/push/subscription");
    const sub = await browserSubscription();
    await sub?.unsubscribe();
    setState("off");
  }

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await (state === "on" ? turnOff() : turnOn());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card form settings-form push-settings" aria-labelledby="push-h">
      <h2 id="push-h">{t("pushSettings.title")}</h2>
      {state === "unsupported" && <p class="muted">{t("pushSettings.unsupported")}</p>}
      {state === "blocked" && <p class="muted">{t("pushSettings.blocked")}</p>}
      {(state === "on" || state === "off" || state === "loading") && (
        <label class="push-toggle">
          <input type="checkbox" checked={state === "on"} disabled={busy || state === "loading"} onChange={toggle} />
          <span>{t("pushSettings.toggle")}</span>
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
