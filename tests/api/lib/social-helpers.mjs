// Shared helpers for the social-core tests (social-*.test.mjs): a server with
// a handful of members, each with a password-grant token, a masto REST client
// and a raw fetch helper; plus streaming helpers (WebSocket and SSE).
import assert from "node:assert/strict";
import http from "node:http";
import { createRestAPIClient, createStreamingAPIClient, MastoHttpError } from "masto";
import WebSocket from "ws";
import { startServer, runCli } from "./server.mjs";
import { request, describe, sleep } from "./http.mjs";
import { OOB, registerApp, passwordToken } from "./oauth.mjs";

export { request, describe, sleep, MastoHttpError };

export const T = { timeout: 60000 };
export const SCOPES = "read write follow push";
export const ADMIN_SCOPES = "read write follow push admin:read admin:write";

/**
 * Starts a server with the given member names (all role "member" unless the
 * name is listed in `admins`), registers one app and signs every member in.
 * Resolves to {srv, url, users: {name: User}, app}.
 * A User is {name, id, token, client (masto), req(path, opts), acct}.
 */
export async function socialServer(names, { admins = [], args = [] } = {}) {
  const specs = names.map((n) => ({
    name: n,
    email: `${n}@example.com`,
    role: admins.includes(n) ? "admin" : "member",
    password: `${n}-password-1`,
  }));
  let srv;
  for (let attempt = 0; ; attempt++) {
    try {
      srv = await startServer({ users: specs, args });
      break;
    } catch (e) {
      // the binary may be relinked by someone else while we run
      if (attempt >= 5) throw e;
      await sleep(3000);
    }
  }
  // an extra member whose own home feed tells when the server's asynchronous
  // fan-out has caught up (see settle)
  const settler = { name: "zsettle", email: "zsettle@example.com", role: "member", password: "zsettle-password-1" };
  const r = await runCli(["user", "add", settler.name, "--email", settler.email, "--role", "member", "--password-stdin"], {
    dataDir: srv.dataDir,
    stdin: settler.password + "\n",
  });
  assert.equal(r.code, 0, `user add ${settler.name}: ${r.stderr}${r.stdout}`);
  const app = await registerApp(srv.url, { name: "social-tests", redirectUris: OOB, scopes: ADMIN_SCOPES });
  const users = {};
  for (const s of specs) {
    const scope = s.role === "admin" ? ADMIN_SCOPES : SCOPES;
    const token = await passwordToken(srv.url, app, s.name, s.password, scope);
    const u = makeUser(srv.url, s.name, token);
    const me = await request(srv.url, "/api/v1/accounts/verify_credentials", { token });
    assert.equal(me.status, 200, `verify_credentials for ${s.name}: ${describe(me)}`);
    u.id = me.json.id;
    u.password = s.password;
    users[s.name] = u;
  }
  const settleToken = await passwordToken(srv.url, app, settler.name, settler.password, SCOPES);
  const settleUser = makeUser(srv.url, settler.name, settleToken);
  // warm its home feed now, so later reads come from the fan-out, not a rebuild
  assert.equal((await settleUser.req("/api/v1/timelines/home?limit=1")).status, 200);
  return { srv, url: srv.url, users, app, settleUser };
}

/**
 * Home and list feeds are filled by an asynchronous fan-out (as in
 * Mastodon). settle(ctx) posts a private note (direct, no mentions) as a
 * dedicated member and waits until it reaches that member's own home feed:
 * work queued before it has then been done. Call it before reading a feed
 * that depends on earlier writes — for absence checks above all.
 */
let settleSeq = 0;
export async function settle(ctx, timeoutMs = 5000) {
  const u = ctx.settleUser;
  const s = ok(await u.req("/api/v1/statuses", { method: "POST", json: { status: `settle ${++settleSeq}`, visibility: "direct" } }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const feed = ok(await u.req("/api/v1/timelines/home?limit=5"));
    if (feed.some((x) => x.id === s.id)) return;
    if (Date.now() > deadline) throw new Error(`the fan-out did not deliver a post to its author's home within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Retries fn (which throws while its condition does not hold) until it passes or timeoutMs runs out. */
export async function eventually(fn, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    await sleep(20);
  }
}

export function makeUser(url, name, token) {
  return {
    name,
    acct: name,
    token,
    client: createRestAPIClient({ url, accessToken: token }),
    /** Raw request with this user's bearer token (see lib/http.mjs request). */
    req(path, opts = {}) {
      return request(url, path, { token, ...opts });
    },
  };
}

/** Asserts a 2xx-JSON response and returns the body. */
export function ok(res, status = 200) {
  assert.equal(res.status, status, `expected ${status}, got ${describe(res)}`);
  assert.ok(res.json !== undefined, `body must be JSON: ${describe(res)}`);
  return res.json;
}

/** Asserts a JSON error with the given status (or one of an array). */
export function err(res, status) {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(res.status), `expected ${statuses.join("|")}, got ${describe(res)}`);
  assert.ok(res.json && typeof res.json.error === "string", `error body must be {"error": string}: ${describe(res)}`);
  return res.json;
}

/** Posts a status as `user` (raw JSON); asserts 200 and returns it. */
export async function post(user, status, extra = {}) {
  const res = await user.req("/api/v1/statuses", { method: "POST", json: { status, ...extra } });
  return ok(res);
}

export async function follow(a, b) {
  return ok(await a.req(`/api/v1/accounts/${b.id}/follow`, { method: "POST" }));
}

export function ids(list) {
  return list.map((s) => s.id);
}

/** Parses a Link header into {next, prev} URLs (or undefined). */
export function parseLink(header) {
  const out = {};
  if (!header) return out;
  for (const part of header.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (m) out[m[2]] = m[1];
  }
  return out;
}

/** Asserts that a masto promise rejects with an HTTP error of `status`. */
export async function rejectsWith(promise, status, what = "") {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof MastoHttpError, `${what}: expected MastoHttpError ${status}, got ${e}`);
    assert.equal(e.statusCode, status, `${what}: expected HTTP ${status}, got ${e.statusCode} ${e.message}`);
    return true;
  });
}

/** Creates a user on a running server through the CLI and signs it in. */
export async function addUser(ctx, name, role = "member") {
  const password = `${name}-password-1`;
  const r = await runCli(["user", "add", name, "--email", `${name}@example.com`, "--role", role, "--password-stdin"], {
    dataDir: ctx.srv.dataDir,
    stdin: password + "\n",
  });
  assert.equal(r.code, 0, `user add ${name}: ${r.stderr}${r.stdout}`);
  const token = await passwordToken(ctx.url, ctx.app, name, password, role === "admin" ? ADMIN_SCOPES : SCOPES);
  const u = makeUser(ctx.url, name, token);
  const me = ok(await u.req("/api/v1/accounts/verify_credentials"));
  u.id = me.id;
  u.password = password;
  ctx.users[name] = u;
  return u;
}

// ---------------------------------------------------------------------------
// Streaming

/**
 * A raw WebSocket to /api/v1/streaming that records every parsed message.
 * opts: {token (query param), header (Authorization), protocol (Sec-WebSocket-Protocol), query}
 */
export async function openWs(url, { token, header, protocol, query = {} } = {}) {
  const u = new URL("/api/v1/streaming", url.replace(/^http/, "ws"));
  if (token) u.searchParams.set("access_token", token);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  const headers = {};
  if (header) headers.authorization = `Bearer ${header}`;
  const ws = new WebSocket(u, protocol ? [protocol] : [], { headers });
  const conn = new EventLog();
  conn.ws = ws;
  conn.closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on("message", (data) => {
    let msg;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      msg = { raw: data.toString() };
    }
    if (msg && typeof msg.payload === "string" && msg.event !== "delete") {
      try {
        msg.payload = JSON.parse(msg.payload);
      } catch {}
    }
    conn.push(msg);
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
    ws.once("unexpected-response", (req, res) => reject(new Error(`WebSocket upgrade refused: HTTP ${res.statusCode}`)));
  });
  conn.send = (obj) => ws.send(JSON.stringify(obj));
  conn.subscribe = (stream, extra = {}) => conn.send({ type: "subscribe", stream, ...extra });
  conn.close = () => {
    try {
      ws.terminate();
    } catch {}
  };
  return conn;
}

/** Records events and lets tests wait for a matching one. */
export class EventLog {
  constructor() {
    this.events = [];
    this.waiters = [];
  }
  push(ev) {
    this.events.push(ev);
    for (const w of [...this.waiters]) {
      if (w.pred(ev)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(ev);
      }
    }
  }
  /** Resolves with the first recorded (or future) event matching pred. */
  waitFor(pred, timeoutMs = 5000, what = "event") {
    const found = this.events.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events.map((e) => [e.event, e.stream, typeof e.payload === "object" ? e.payload?.id : e.payload]))}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }
}

/**
 * Opens an SSE stream (GET path with Bearer token). Resolves once the
 * response headers arrive to {status, headers, log: EventLog, close()}.
 */
export function openSse(url, path, { token, query } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(path, url);
    if (query) for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    const headers = { accept: "text/event-stream" };
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.get(u, { headers }, (res) => {
      const log = new EventLog();
      let buf = "";
      let body = "";
      res.setEncoding("utf8");
      const conn = {
        status: res.statusCode,
        headers: res.headers,
        log,
        body: () => body,
        ended: new Promise((r) => res.on("close", r)),
        close: () => req.destroy(),
      };
      res.on("data", (chunk) => {
        body += chunk;
        buf += chunk;
        let idx;
        while ((idx = buf.search(/\r?\n\r?\n/)) >= 0) {
          const block = buf.slice(0, idx);
          buf = buf.slice(idx).replace(/^\r?\n\r?\n/, "");
          let event = null;
          const data = [];
          for (const line of block.split(/\r?\n/)) {
            if (line.startsWith(":")) continue;
            const m = /^([^:]+):\s?(.*)$/.exec(line);
            if (!m) continue;
            if (m[1] === "event") event = m[2];
            else if (m[1] === "data") data.push(m[2]);
          }
          if (event === null && data.length === 0) continue;
          let payload = data.join("\n");
          if (event !== "delete") {
            try {
              payload = JSON.parse(payload);
            } catch {}
          }
          log.push({ event, payload });
        }
      });
      res.on("error", () => {});
      resolve(conn);
    });
    req.on("error", (e) => {
      if (e.code !== "ECONNRESET") reject(e);
    });
  });
}

/** masto's streaming client for a user (retry off, so a closed socket ends the iteration). */
export function mastoStream(url, token, opts = {}) {
  return createStreamingAPIClient({
    streamingApiUrl: url.replace(/^http/, "ws"),
    accessToken: token,
    retry: false,
    ...opts,
  });
}

/** Collects events from a masto subscription into an EventLog (in the background). */
export function collect(subscription) {
  const log = new EventLog();
  log.done = (async () => {
    try {
      for await (const ev of subscription) log.push(ev);
    } catch (e) {
      log.error = e;
    }
  })();
  return log;
}
