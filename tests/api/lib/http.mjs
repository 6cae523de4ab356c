// HTTP helpers: a thin fetch wrapper, a raw-socket client for malformed/slow
// requests, response parsing and shared assertions.
import assert from "node:assert/strict";
import net from "node:net";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A loopback TCP port nothing listens on now (for a server to start on, or to find closed). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * fetch wrapper. Options: method, headers, json (object → JSON body),
 * form (object or [[k,v],...] → urlencoded body), body (raw), token (Bearer),
 * basic ([user, pass]), cookie (Cookie header). Never follows redirects.
 * Resolves to {status, headers, text, json, setCookies, location}.
 */
export async function request(base, path, opts = {}) {
  const { method = "GET", json, form, token, cookie, basic } = opts;
  const headers = { ...(opts.headers || {}) };
  let body = opts.body;
  if (json !== undefined) {
    if (!hasHeader(headers, "content-type")) headers["content-type"] = "application/json";
    body = typeof json === "string" ? json : JSON.stringify(json);
  }
  if (form !== undefined) {
    if (!hasHeader(headers, "content-type")) headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(form).toString();
  }
  if (token) headers.authorization = `Bearer ${token}`;
  if (basic) headers.authorization = "Basic " + Buffer.from(`${basic[0]}:${basic[1]}`).toString("base64");
  if (cookie) headers.cookie = cookie;
  const res = await fetch(new URL(path, base), {
    method,
    headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(opts.timeoutMs ?? 15000),
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: parsed,
    setCookies: res.headers.getSetCookie(),
    location: res.headers.get("location"),
  };
}

function hasHeader(headers, name) {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/** Short description of a response for assertion messages. */
export function describe(res) {
  const ct = res.headers?.get ? res.headers.get("content-type") : res.headers?.["content-type"];
  const body = (res.text ?? res.body ?? "").toString();
  return `HTTP ${res.status} (${ct}) ${body.slice(0, 400)}`;
}

/** Asserts a JSON error response: status, application/json, {"error": string}. */
export function assertJsonError(res, status, error) {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(res.status), `expected status ${statuses.join("|")}, got ${describe(res)}`);
  const ct = res.headers.get("content-type") || "";
  assert.match(ct, /^application\/json\b/i, `error response must be JSON, got ${describe(res)}`);
  assert.equal(typeof res.json, "object", `error body must parse as JSON: ${describe(res)}`);
  assert.ok(res.json !== null, `error body must be an object: ${describe(res)}`);
  assert.equal(typeof res.json.error, "string", `error body needs an "error" string: ${describe(res)}`);
  assert.ok(res.json.error.length > 0, `"error" must not be empty: ${describe(res)}`);
  if ("error_description" in res.json) {
    assert.equal(typeof res.json.error_description, "string", `"error_description" must be a string: ${describe(res)}`);
  }
  if (error !== undefined) {
    assert.equal(res.json.error, error, `expected error "${error}": ${describe(res)}`);
  }
}

export function assertJsonOk(res, status = 200) {
  assert.equal(res.status, status, `expected ${status}, got ${describe(res)}`);
  assert.match(res.headers.get("content-type") || "", /^application\/json\b/i, `expected JSON: ${describe(res)}`);
  assert.ok(res.json !== undefined, `body must parse as JSON: ${describe(res)}`);
  return res.json;
}

/** Finds the value of cookie `name` in a list of Set-Cookie header values. */
export function findSetCookie(setCookies, name) {
  for (const sc of setCookies || []) {
    const [pair, ...attrs] = sc.split(";");
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === name) {
      return {
        value: pair.slice(eq + 1).trim(),
        attrs: attrs.map((a) => a.trim()),
        raw: sc,
      };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Raw HTTP/1.1 over a socket

/** Parses one HTTP response from the start of `buf`. Returns {response, rest} or null if incomplete. */
export function parseResponse(buf, closed = false) {
  const headEnd = buf.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const head = buf.subarray(0, headEnd).toString("latin1");
  const lines = head.split("\r\n");
  const m = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!m) throw new Error(`bad status line: ${JSON.stringify(lines[0])}`);
  const status = Number(m[2]);
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(":");
    if (i < 0) throw new Error(`bad header line: ${JSON.stringify(line)}`);
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    headers[k] = k in headers ? `${headers[k]}, ${v}` : v;
  }
  let pos = headEnd + 4;
  let body;
  if (status < 200 || status === 204 || status === 304) {
    body = Buffer.alloc(0);
  } else if (/chunked/i.test(headers["transfer-encoding"] || "")) {
    const parts = [];
    for (;;) {
      const lineEnd = buf.indexOf("\r\n", pos);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.subarray(pos, lineEnd).toString("latin1").split(";")[0], 16);
      if (Number.isNaN(size)) throw new Error("bad chunk size");
      pos = lineEnd + 2;
      if (size === 0) {
        const trailerEnd = buf.indexOf("\r\n", pos);
        if (trailerEnd < 0) return null;
        pos = trailerEnd + 2; // trailers are not expected
        break;
      }
      if (buf.length < pos + size + 2) return null;
      parts.push(buf.subarray(pos, pos + size));
      pos += size + 2;
    }
    body = Buffer.concat(parts);
  } else if (headers["content-length"] !== undefined) {
    const len = Number(headers["content-length"]);
    if (buf.length < pos + len) return null;
    body = buf.subarray(pos, pos + len);
    pos += len;
  } else {
    if (!closed) return null;
    body = buf.subarray(pos);
    pos = buf.length;
  }
  const text = body.toString("utf8");
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    response: {
      httpVersion: m[1],
      status,
      reason: m[3] || "",
      headers: { get: (n) => headers[n.toLowerCase()] ?? null, raw: headers },
      text,
      json,
    },
    rest: buf.subarray(pos),
  };
}

export class RawClient {
  static connect(port, host = "127.0.0.1", timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ port, host });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new Error("connect timeout"));
      }, timeoutMs);
      sock.once("connect", () => {
        clearTimeout(timer);
        resolve(new RawClient(sock));
      });
      sock.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  constructor(sock) {
    this.sock = sock;
    this.buf = Buffer.alloc(0);
    this.closed = false;
    this.error = null;
    this.listeners = new Set();
    sock.setNoDelay(true);
    sock.on("data", (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this._notify();
    });
    sock.on("error", (e) => {
      this.error = e;
      this._notify();
    });
    sock.on("close", () => {
      this.closed = true;
      this.closedAt = Date.now();
      this._notify();
    });
  }

  _notify() {
    for (const l of [...this.listeners]) l();
  }

  /** Writes data; resolves to an Error (e.g. EPIPE) or null — never rejects. */
  write(data) {
    return new Promise((resolve) => {
      if (this.sock.destroyed) return resolve(new Error("socket destroyed"));
      try {
        this.sock.write(data, (err) => resolve(err || null));
      } catch (e) {
        resolve(e);
      }
    });
  }

  /** Waits until pred() is true; resolves true, or false on timeout. */
  waitFor(pred, timeoutMs) {
    return new Promise((resolve) => {
      if (pred()) return resolve(true);
      const check = () => {
        if (pred()) {
          clearTimeout(timer);
          this.listeners.delete(check);
          resolve(true);
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        resolve(pred());
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  /** Reads one complete response (consuming it). Rejects on timeout or close without a full response. */
  async readResponse(timeoutMs = 5000) {
    let parsed = null;
    const ok = await this.waitFor(() => {
      parsed = parseResponse(this.buf, this.closed);
      return parsed !== null || this.closed;
    }, timeoutMs);
    if (!parsed) {
      const what = ok ? "connection closed" : `timed out after ${timeoutMs} ms`;
      throw new Error(`no complete response: ${what}; received ${JSON.stringify(this.buf.toString("latin1").slice(0, 300))}${this.error ? "; socket error " + this.error.code : ""}`);
    }
    this.buf = Buffer.from(parsed.rest);
    return parsed.response;
  }

  /** Resolves true when the peer has closed the connection within timeoutMs. */
  waitClose(timeoutMs = 5000) {
    return this.waitFor(() => this.closed, timeoutMs);
  }

  destroy() {
    this.sock.destroy();
  }
}

/** Sends `data` on a new connection and reads one response. */
export async function rawRequest(port, data, { timeoutMs = 5000 } = {}) {
  const c = await RawClient.connect(port);
  try {
    await c.write(data);
    const res = await c.readResponse(timeoutMs);
    const closed = await c.waitClose(2000);
    return { res, closed, client: c };
  } finally {
    c.destroy();
  }
}

/** Tries to connect; resolves to the error code (e.g. "ECONNREFUSED") or null when it connected. */
export function tryConnect(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    sock.once("connect", () => {
      sock.destroy();
      resolve(null);
    });
    sock.once("error", (e) => resolve(e.code || String(e)));
  });
}

// ---------------------------------------------------------------------------
// Minimal HTML form parsing

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'", "#34": '"', "#x2F": "/", "#x2f": "/", "#47": "/" };

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, e) => {
    if (e in ENTITIES) return ENTITIES[e];
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return whole;
  });
}

export function parseAttrs(tagText) {
  const attrs = {};
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inner = tagText.replace(/^<\s*[a-zA-Z]+/, "").replace(/\/?>$/, "");
  let m;
  while ((m = re.exec(inner))) {
    const v = m[2] ?? m[3] ?? m[4];
    attrs[m[1].toLowerCase()] = v === undefined ? "" : decodeEntities(v);
  }
  return attrs;
}

/** Returns the forms in an HTML page: [{attrs, inputs:[attrs], buttons:[attrs]}]. */
export function parseForms(html) {
  const forms = [];
  const re = /<form\b[^>]*>([\s\S]*?)<\/form\s*>/gi;
  let m;
  while ((m = re.exec(html))) {
    const openTag = /<form\b[^>]*>/i.exec(m[0])[0];
    const body = m[1];
    const inputs = [...body.matchAll(/<input\b[^>]*>/gi)].map((x) => parseAttrs(x[0]));
    const buttons = [...body.matchAll(/<button\b[^>]*>/gi)].map((x) => parseAttrs(x[0]));
    forms.push({ attrs: parseAttrs(openTag), inputs, buttons });
  }
  return forms;
}
