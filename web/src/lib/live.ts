// Live updates: one WebSocket to /api/v1/streaming for the whole client,
// authenticated by the session cookie. Screens subscribe to the streams
// they show; the connection comes back by itself after a drop.

export interface LiveEvent {
  stream: string[];
  event: string;
  /** The parsed payload: a Status, a Notification, or an id for deletes. */
  payload: unknown;
}

export interface StreamSpec {
  stream: string;
  tag?: string;
  list?: string;
  community?: string;
}

type Listener = (e: LiveEvent) => void;

function keyOf(s: StreamSpec): string {
  return [s.stream, s.tag ?? "", s.list ?? "", s.community ?? ""].join("|");
}

export class LiveConnection {
  private ws: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private reconnectListeners = new Set<() => void>();
  private streams = new Map<string, { spec: StreamSpec; count: number }>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private everOpened = false;

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ws?.close();
    this.ws = null;
  }

  /** Calls `l` for every event; answers the unsubscribe function. */
  onEvent(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Calls `l` after the connection came back (events may have been missed). */
  onReconnect(l: () => void): () => void {
    this.reconnectListeners.add(l);
    return () => this.reconnectListeners.delete(l);
  }

  /** Subscribes to a stream while the returned function is not called. */
  subscribe(spec: StreamSpec): () => void {
    const key = keyOf(spec);
    const entry = this.streams.get(key);
    if (entry) entry.count++;
    else {
      this.streams.set(key, { spec, count: 1 });
      this.send({ type: "subscribe", ...spec });
    }
    return () => {
      const e = this.streams.get(key);
      if (!e) return;
      if (--e.count === 0) {
        this.streams.delete(key);
        this.send({ type: "unsubscribe", ...spec });
      }
    };
  }

  private send(msg: object) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private open() {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/streaming`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      for (const { spec } of this.streams.values()) this.send({ type: "subscribe", ...spec });
      if (this.everOpened) this.reconnectListeners.forEach((l) => l());
      this.everOpened = true;
    };
    ws.onmessage = (m) => {
      let msg: { stream?: string[]; event?: string; payload?: string };
      try {
        msg = JSON.parse(String(m.data));
      } catch {
        return;
      }
      if (!msg.event) return;
      let payload: unknown = msg.payload;
      if (typeof msg.payload === "string" && msg.event !== "delete") {
        try {
          payload = JSON.parse(msg.payload);
        } catch {
          return;
        }
      }
      const event: LiveEvent = { stream: msg.stream ?? [], event: msg.event, payload };
      this.listeners.forEach((l) => l(event));
    };
    ws.onclose = () => {
      if (this.ws === ws) this.ws = null;
      if (!this.stopped) this.scheduleReconnect();
    };
  }

  private scheduleReconnect() {
    if (this.timer) return;
    const delay = Math.min(30000, 1000 * 2 ** this.retry) * (0.75 + Math.random() / 2);
    this.retry++;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.open();
    }, delay);
  }
}

export const live = new LiveConnection();

/** Whether an event belongs to a stream (by its first name: "user", "public", "community"). */
export function isFor(e: LiveEvent, stream: string): boolean {
  return e.stream.length > 0 && e.stream[0] === stream;
}
