// "Notifications on this device": turning it on asks permission, subscribes
// the browser with the server's VAPID key and registers the subscription
// with Atrium; turning it off removes both; a browser without the Push API
// is told so.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { PushSettings, keyBytes } from "./PushSettings";

const SERVER_KEY = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";

let browserSub: { endpoint: string; toJSON: () => unknown; unsubscribe: ReturnType<typeof vi.fn> } | null;
let subscribe: ReturnType<typeof vi.fn>;
let serverHas: string | null;
let fetchMock: ReturnType<typeof vi.fn>;

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

beforeEach(() => {
  browserSub = null;
  serverHas = null;
  subscribe = vi.fn(async (opts: { applicationServerKey: Uint8Array }) => {
    browserSub = {
      endpoint: "https://push.example.net/device-1",
      toJSON: () => ({ endpoint: "https://push.example.net/device-1", keys: { p256dh: "pk", auth: "au" }, key: Array.from(opts.applicationServerKey) }),
      unsubscribe: vi.fn(async () => true),
    };
    return browserSub;
  });
  const registration = { pushManager: { getSubscription: async () => browserSub, subscribe } };
  Object.defineProperty(navigator, "serviceWorker", { value: { ready: Promise.resolve(registration) }, configurable: true });
  vi.stubGlobal("PushManager", function PushManager() {});
  vi.stubGlobal("Notification", { permission: "default", requestPermission: vi.fn(async () => "granted") });
  fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url);
    const method = init?.method ?? "GET";
    if (path.endsWith("/api/v2/instance")) return json({ configuration: { vapid: { public_key: SERVER_KEY } } });
    if (path.endsWith("/api/v1/push/subscription")) {
      if (method === "POST") {
        serverHas = JSON.parse(String(init?.body)).subscription.endpoint;
        return json({ id: "1", endpoint: serverHas, standard: true, alerts: {}, policy: "all", server_key: SERVER_KEY });
      }
      if (method === "DELETE") {
        serverHas = null;
        return json({});
      }
      return serverHas ? json({ id: "1", endpoint: serverHas }) : json({ error: "Record not found" }, 404);
    }
    return json({ error: "unexpected" }, 500);
  });
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  delete (navigator as { serviceWorker?: unknown }).serviceWorker;
});

test("turning it on subscribes with the server's key and registers the subscription", async () => {
  render(<PushSettings />);
  const box = (await screen.findByRole("checkbox")) as HTMLInputElement;
  await waitFor(() => expect(box.disabled).toBe(false));
  expect(box.checked).toBe(false);
  fireEvent.click(box);
  await waitFor(() => expect((screen.getByRole("checkbox") as HTMLInputElement).checked).toBe(true));
  expect(subscribe).toHaveBeenCalledTimes(1);
  expect(Array.from(subscribe.mock.calls[0][0].applicationServerKey)).toEqual(Array.from(keyBytes(SERVER_KEY)));
  expect(subscribe.mock.calls[0][0].userVisibleOnly).toBe(true);
  const created = fetchMock.mock.calls.find((c) => String(c[0]).endsWith("/api/v1/push/subscription") && c[1]?.method === "POST");
  const body = JSON.parse(String(created?.[1]?.body));
  expect(body.subscription).toEqual({ endpoint: "https://push.example.net/device-1", keys: { p256dh: "pk", auth: "au" }, standard: true });
  expect(body.data.alerts.mention).toBe(true);
  expect(body.data.policy).toBe("all");
});

test("shows on when the server has this browser's subscription, and turning it off removes both", async () => {
  await subscribe({ applicationServerKey: keyBytes(SERVER_KEY) });
  serverHas = "https://push.example.net/device-1";
  render(<PushSettings />);
  await waitFor(() => expect((screen.getByRole("checkbox") as HTMLInputElement).checked).toBe(true));
  const sub = browserSub!;
  fireEvent.click(screen.getByRole("checkbox"));
  await waitFor(() => expect((screen.getByRole("checkbox") as HTMLInputElement).checked).toBe(false));
  expect(serverHas).toBeNull();
  expect(sub.unsubscribe).toHaveBeenCalled();
});

test("refused permission changes nothing on the server", async () => {
  vi.stubGlobal("Notification", { permission: "default", requestPermission: vi.fn(async () => "denied") });
  render(<PushSettings />);
  const box = (await screen.findByRole("checkbox")) as HTMLInputElement;
  await waitFor(() => expect(box.disabled).toBe(false));
  fireEvent.click(box);
  await screen.findByText(/blocked/);
  expect(subscribe).not.toHaveBeenCalled();
  expect(fetchMock.mock.calls.some((c) => c[1]?.method === "POST")).toBe(false);
});

test("a browser without the Push API is told so", () => {
  delete (navigator as { serviceWorker?: unknown }).serviceWorker;
  render(<PushSettings />);
  expect(screen.getByText(/cannot show notifications/)).toBeTruthy();
  expect(screen.queryByRole("checkbox")).toBeNull();
});
