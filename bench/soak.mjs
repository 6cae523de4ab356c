#!/usr/bin/env node
// The soak test (`make soak`): Atrium under a steady, mixed load on
// 127.0.0.1 for a bounded time, watched for what a short test cannot see —
// memory that creeps up, file descriptors or threads that leak, errors that
// come only after many requests.
//
// It seeds a small organization (`atrium seed`), issues tokens (`atrium
// issue-tokens`), starts `atrium serve` on it and drives, at a paced rate:
// reads (home, organization, an account and its posts, search), posts, likes,
// sign-ins and sign-outs (POST /auth/sign_in with JSON), and live streams
// opening and closing (WebSocket and SSE, user and public, closed cleanly or
// cut). After a warm-up it samples the server's RSS, open file descriptors
// and threads from /proc/<pid> every few seconds, and once with nothing in
// flight at the end of the warm-up and of the load. The load stops by itself.
//
// It then checks, and exits 1 if any check fails:
//   - no answer was a 5xx, and no request failed on the network;
//   - the server's log holds no error (or unparseable) line, and it stops
//     cleanly (exit 0) on SIGTERM;
//   - RSS grew, from the end of the warm-up to the end of the load, by less
//     than 32 MiB or 10% of its size after the warm-up, whichever is larger;
//   - once the load has stopped and its connections are closed, no
//     connection is left open (the listener's sockets alone remain), the
//     threads are back to their level before the load, and the database
//     files open are at most those of SQLite's reader pool (connections it
//     opens on demand and keeps: 8, with their WAL and shared memory) above it;
//   - every post acknowledged with a 200 is there, read back by its id.
//
// Settings (environment): SOAK_SECONDS (600: the whole load, warm-up
// included), SOAK_WARMUP_SECONDS (a quarter of it, 10 to 60, at most half), SOAK_RATE (60
// requests a second, every kind together), SOAK_MIX (weights of the kinds,
// e.g. post=0,like=0), SOAK_STREAMS (4 streams open at once), SOAK_MEMBERS
// (200), SOAK_SAMPLE_SECONDS (5), ATRIUM_BIN (build/atrium), SOAK_KEEP=1
// (keep the data folder).
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { issueTokens, memoryOf, percentile, pool, repoRoot, seed, sleep, startAtrium } from "./lib/harness.mjs";

const env = (name, fallback) => (process.env[name] !== undefined && process.env[name] !== "" ? Number(process.env[name]) : fallback);
const SECONDS = env("SOAK_SECONDS", 600);
const WARMUP = env("SOAK_WARMUP_SECONDS", Math.min(60, Math.max(10, Math.round(SECONDS / 4)), Math.floor(SECONDS / 2)));
const RATE = env("SOAK_RATE", 60);
const STREAMS = env("SOAK_STREAMS", 4);
const MEMBERS = env("SOAK_MEMBERS", 200);
const SAMPLE_MS = env("SOAK_SAMPLE_SECONDS", 5) * 1000;
const WORKERS = 16; // requests in flight at most (the rate paces them)
const PASSWORD = "atrium-seed";
const RSS_BOUND = { bytes: 32 * 1024 ** 2, fraction: 0.1 };
const SQLITE_POOL_FDS = 8 * 3; // SqliteDb's readers: the database, its WAL and shared memory each
const DRAIN_TIMEOUT_MS = 30000;

// The mix of requests, by weight; SOAK_MIX=kind=weight,… changes some.
const MIX = [
  ["home", 30],
  ["public", 14],
  ["account", 10],
  ["search", 10],
  ["post", 16],
  ["like", 14],
  ["sign-in", 3],
];
for (const part of (process.env.SOAK_MIX || "").split(",").filter(Boolean)) {
  const [kind, weight] = part.split("=");
  const entry = MIX.find(([k]) => k === kind);
  if (!entry || !(Number(weight) >= 0)) {
    console.error(`soak: SOAK_MIX takes kind=weight pairs, the kinds being ${MIX.map(([k]) => k).join(", ")}`);
    process.exit(2);
  }
  entry[1] = Number(weight);
}

const log = (...a) => console.error(`[soak ${new Date().toISOString().slice(11, 19)}]`, ...a);
const mib = (b) => `${(b / 1024 ** 2).toFixed(1)} MiB`;

if (!(SECONDS > 0 && WARMUP >= 0 && WARMUP < SECONDS && RATE > 0 && MEMBERS >= 10 && STREAMS >= 0 && SAMPLE_MS > 0)) {
  console.error("soak: SOAK_SECONDS > SOAK_WARMUP_SECONDS >= 0, SOAK_RATE > 0, SOAK_MEMBERS >= 10, SOAK_STREAMS >= 0 and SOAK_SAMPLE_SECONDS > 0, please");
  process.exit(2);
}

// WebSocket client: the `ws` package the API tests install (tests/api).
let WebSocket;
try {
  WebSocket = createRequire(path.join(repoRoot, "tests/api/package.json"))("ws");
} catch {
  console.error("soak: the ws package is missing: run `npm ci` in tests/api (make soak does)");
  process.exit(2);
}

// --- what the server's process holds, from /proc ---

// The process's TCP sockets: inode -> {state, local, remote} (state as in
// /proc/net/tcp: 0A listening, 01 established, 08 waiting for the process
// to close, …).
const TCP_STATES = { "01": "established", "06": "time-wait", "07": "closed", "08": "close-wait", "09": "last-ack", "0A": "listening", "0B": "closing", "04": "fin-wait-1", "05": "fin-wait-2" };
function tcpSockets(pid) {
  const out = new Map();
  for (const table of ["tcp", "tcp6"]) {
    let text = "";
    try {
      text = fs.readFileSync(`/proc/${pid}/net/${table}`, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9) out.set(f[9], { state: TCP_STATES[f[3]] || f[3], local: f[1], remote: f[2] });
    }
  }
  return out;
}

// Open descriptors: sockets that listen, other sockets (connections),
// the database's files, and the rest.
function fdsOf(pid) {
  const out = { total: 0, listening: 0, connections: 0, database: 0, other: 0, open: [] };
  const tcp = tcpSockets(pid);
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    let target = "";
    try {
      target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    out.total++;
    const socket = /^socket:\[(\d+)\]$/.exec(target);
    const conn = socket && tcp.get(socket[1]);
    if (conn && conn.state === "listening") out.listening++;
    else if (conn) {
      out.connections++;
      out.open.push(`${conn.state} ${conn.local} <- ${conn.remote}`);
    } else if (target.includes("atrium.db")) out.database++;
    else out.other++;
  }
  return out;
}

function sample(pid, phase, t0) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const threads = Number((status.match(/Threads:\s+(\d+)/) || [0, 0])[1]);
  return { t: (performance.now() - t0) / 1000, phase, ...memoryOf(pid), threads, fds: fdsOf(pid) };
}

// --- requests, counted by kind ---

const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
const stats = new Map();
function statsOf(kind) {
  if (!stats.has(kind)) stats.set(kind, { n: 0, ok: 0, client: new Map(), server: 0, failed: 0, ms: [] });
  return stats.get(kind);
}
const problems = []; // 5xx answers and network failures, the first few kept whole

function record(kind, status, ms, detail) {
  const s = statsOf(kind);
  s.n++;
  s.ms.push(ms);
  if (status === 0) s.failed++;
  else if (status >= 500) s.server++;
  else if (status >= 400) s.client.set(status, (s.client.get(status) || 0) + 1);
  else s.ok++;
  if ((status === 0 || status >= 500) && problems.length < 20) problems.push(`${kind}: ${status || "network"} ${detail}`);
}

// One request; resolves to {status, json, headers} (status 0: it failed).
function call(base, kind, method, pathname, { token, json, cookie, csrf } = {}) {
  const headers = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (cookie) headers.cookie = cookie;
  if (csrf) headers["x-csrf-token"] = csrf;
  const body = json === undefined ? undefined : JSON.stringify(json);
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = Buffer.byteLength(body);
  }
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(new URL(pathname, base), { method, headers, agent, timeout: 30000 }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed = null;
        try {
          parsed = JSON.parse(text);
        } catch {}
        record(kind, res.statusCode, performance.now() - started, `${method} ${pathname}: ${text.slice(0, 200)}`);
        resolve({ status: res.statusCode, json: parsed, headers: res.headers });
      });
      res.on("error", (e) => {
        record(kind, 0, performance.now() - started, `${method} ${pathname}: ${e.message}`);
        resolve({ status: 0 });
      });
    });
    req.on("timeout", () => req.destroy(new Error("no answer in 30 s")));
    req.on("error", (e) => {
      record(kind, 0, performance.now() - started, `${method} ${pathname}: ${e.message}`);
      resolve({ status: 0 });
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];

function pickKind() {
  const total = MIX.reduce((a, [, w]) => a + w, 0);
  let r = Math.random() * total;
  for (const [kind, w] of MIX) if ((r -= w) < 0) return kind;
  return MIX[0][0];
}

// --- the load ---

class Load {
  constructor(base, members) {
    this.base = base;
    this.members = members;
    this.posts = []; // acknowledged: {id, token, text}
    this.known = []; // post ids to like: seeded ones first, then new ones
    this.stopping = false;
    this.nextSlot = performance.now();
    this.postSeq = 0;
    this.events = { ws: 0, sse: 0 }; // messages the streams carried
    this.words = ["team", "release", "coffee", "planning", "soak", "quarter", "customer", "design"];
  }

  // Waits for this request's turn at RATE a second (no catching up after a stall).
  async turn() {
    const now = performance.now();
    this.nextSlot = Math.max(this.nextSlot + 1000 / RATE, now);
    if (this.nextSlot > now) await sleep(this.nextSlot - now);
  }

  async one(kind) {
    const m = pick(this.members);
    const b = this.base;
    switch (kind) {
      case "home":
        return call(b, kind, "GET", "/api/v1/timelines/home?limit=20", { token: m.token });
      case "public": {
        const r = await call(b, kind, "GET", "/api/v1/timelines/public?limit=20", { token: m.token });
        if (r.status === 200 && Array.isArray(r.json) && this.known.length < 2000) for (const s of r.json) this.known.push(s.id);
        return r;
      }
      case "account": {
        const other = pick(this.members);
        await call(b, kind, "GET", `/api/v1/accounts/${other.id}`, { token: m.token });
        return call(b, kind, "GET", `/api/v1/accounts/${other.id}/statuses?limit=20`, { token: m.token });
      }
      case "search": {
        const q = Math.random() < 0.5 ? pick(this.members).username.slice(0, 4) : pick(this.words);
        return call(b, kind, "GET", `/api/v2/search?q=${encodeURIComponent(q)}&limit=5`, { token: m.token });
      }
      case "post": {
        const text = `soak ${process.pid}-${++this.postSeq} by ${m.username}: ${pick(this.words)} #soak`;
        const r = await call(b, kind, "POST", "/api/v1/statuses", { token: m.token, json: { status: text, visibility: "public" } });
        if (r.status === 200 && r.json?.id) {
          this.posts.push({ id: r.json.id, token: m.token, text });
          this.known.push(r.json.id);
        }
        return r;
      }
      case "like": {
        if (!this.known.length) return this.one("public");
        return call(b, kind, "POST", `/api/v1/statuses/${pick(this.known)}/favourite`, { token: m.token });
      }
      case "sign-in": {
        const r = await call(b, kind, "POST", "/auth/sign_in", { json: { login: m.username, password: PASSWORD } });
        const cookie = (r.headers?.["set-cookie"] || []).map((c) => c.split(";")[0]).find((c) => c.startsWith("atrium_session="));
        if (r.status === 200 && cookie && r.json?.csrf_token)
          await call(b, "sign-out", "POST", "/auth/sign_out", { cookie, csrf: r.json.csrf_token });
        return r;
      }
    }
  }

  async worker() {
    while (!this.stopping) {
      await this.turn();
      if (this.stopping) break;
      await this.one(pickKind());
    }
  }

  // A live stream opened, held for 1 to 8 seconds (while the load runs),
  // then closed; WebSockets cleanly (a close frame) or cut, in turn.
  async streamer(slot) {
    for (let n = 0; !this.stopping; ++n) {
      const m = pick(this.members);
      const which = Math.random() < 0.5 ? "user" : "public";
      const holdMs = 1000 + Math.random() * 7000;
      if (n % 2 === slot % 2) await this.websocket(m, which, holdMs, Math.floor(n / 2) % 2 === 1);
      else await this.sse(m, which, holdMs);
    }
  }

  async hold(ms) {
    const until = performance.now() + ms;
    while (!this.stopping && performance.now() < until) await sleep(Math.min(250, until - performance.now()));
  }

  async websocket(m, which, holdMs, cut) {
    const started = performance.now();
    const url = new URL(`/api/v1/streaming?stream=${which}`, this.base.replace(/^http/, "ws"));
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${m.token}` } });
    const closed = new Promise((r) => ws.on("close", r));
    ws.on("message", () => this.events.ws++);
    const opened = await new Promise((resolve) => {
      ws.once("open", () => resolve(101));
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode));
      ws.once("error", () => resolve(0));
    });
    record("stream-ws", opened === 101 ? 200 : opened, performance.now() - started, `${which} WebSocket`);
    if (opened === 101) {
      await this.hold(holdMs);
      if (cut) ws.terminate();
      else ws.close(1000);
    } else {
      ws.terminate();
    }
    await Promise.race([closed, sleep(5000)]);
  }

  // An SSE client ends its stream by closing the connection.
  async sse(m, which, holdMs) {
    const started = performance.now();
    const controller = new AbortController();
    // Its own connection (no agent): a stream is not given back to a pool.
    const status = await new Promise((resolve) => {
      const req = http.get(new URL(`/api/v1/streaming/${which}`, this.base), {
        headers: { authorization: `Bearer ${m.token}`, accept: "text/event-stream" },
        agent: false,
        signal: controller.signal,
      }, (res) => {
        res.on("data", (chunk) => (this.events.sse += (String(chunk).match(/^event: /gm) || []).length));
        res.on("error", () => {});
        resolve(res.statusCode);
      });
      req.on("error", (e) => {
        if (e.name !== "AbortError") resolve(0);
      });
    });
    record("stream-sse", status, performance.now() - started, `${which} SSE`);
    if (status === 200) await this.hold(holdMs);
    controller.abort();
  }

  // Runs the load for `seconds`, then waits for every request and stream
  // in flight to end.
  async run(seconds) {
    this.stopping = false;
    const workers = Array.from({ length: WORKERS }, () => this.worker());
    const streamers = Array.from({ length: STREAMS }, (_, i) => this.streamer(i));
    await sleep(seconds * 1000);
    this.stopping = true;
    await Promise.all([...workers, ...streamers]);
  }
}

// Reads every acknowledged post back by its id; resolves to the missing ones.
async function readBack(base, posts) {
  const missing = [];
  await pool(posts, 8, async (p) => {
    const r = await call(base, "read-back", "GET", `/api/v1/statuses/${p.id}`, { token: p.token });
    const marker = p.text.split(":")[0];
    if (r.status !== 200 || r.json?.id !== p.id || !String(r.json?.content).includes(marker)) missing.push(`${p.id} (${r.status})`);
  });
  return missing;
}

// Polls until `done(sample)` or the timeout; resolves to the last sample.
async function settle(pid, t0, done) {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const s = sample(pid, "after", t0);
    if (done(s) || Date.now() > deadline) return s;
    await sleep(250);
  }
}

const LOG_LINE = /^\d{4}-\d\d-\d\dT[\d:.]+ (trace|debug|info|warning|error|critical) /;

function logFindings(text) {
  const errors = [];
  const warnings = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const m = LOG_LINE.exec(line);
    if (!m || m[1] === "error" || m[1] === "critical") errors.push(line);
    else if (m[1] === "warning") warnings.push(line);
  }
  return { errors, warnings };
}

async function main() {
  const bin = process.env.ATRIUM_BIN || path.join(repoRoot, "build/atrium");
  if (!fs.existsSync(bin)) throw new Error(`${bin} not found: make build`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-soak-"));
  const checks = [];
  const check = (ok, what) => checks.push({ ok: Boolean(ok), what });
  let server;
  try {
    log(`seeding ${MEMBERS} members in ${dir}`);
    const report = await seed(bin, dir, { members: MEMBERS, postsPerMember: 20 });
    const members = await issueTokens(bin, dir, path.join(dir, "tokens.tsv"), MEMBERS);
    log(`${report.members} members, ${report.statuses} posts; ${members.length} tokens`);

    server = await startAtrium(bin, dir, { env: { ATRIUM_LOG_LEVEL: "warn" } });
    const pid = server.child.pid;
    const t0 = performance.now();
    const samples = [sample(pid, "idle", t0)];
    const idle = samples[0];
    log(`serving ${server.url} (pid ${pid}); idle: RSS ${mib(idle.rss)}, ${idle.fds.total} fds, ${idle.threads} threads`);
    log(`load: ${SECONDS} s (${WARMUP} s warm-up), ${RATE} requests/s, ${STREAMS} streams open at once`);

    // The warm-up, then the measured period: each ends with nothing in
    // flight, so that its sample holds no request's passing memory (a
    // sign-in's Argon2id takes 64 MiB for a moment).
    const load = new Load(server.url, members);
    let phase = "warm-up";
    const sampler = setInterval(() => {
      try {
        samples.push(sample(pid, phase, t0));
      } catch {} // the process is gone: the checks say so
    }, SAMPLE_MS);
    const loadStarted = performance.now();
    if (WARMUP > 0) await load.run(WARMUP);
    const warm = sample(pid, "warm", t0);
    samples.push(warm);
    log(`warmed up: RSS ${mib(warm.rss)}, ${warm.fds.total} fds, ${warm.threads} threads`);
    phase = "measured";
    await load.run(SECONDS - WARMUP);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    clearInterval(sampler);
    const loaded = sample(pid, "end", t0);
    samples.push(loaded);
    log(`load stopped: RSS ${mib(loaded.rss)}, ${loaded.fds.total} fds, ${loaded.threads} threads`);

    // The load's connections closed: everything should come back.
    agent.destroy();
    const dbAllowance = idle.fds.database + SQLITE_POOL_FDS;
    const after = await settle(pid, t0, (s) => s.fds.connections === 0 && s.threads <= idle.threads && s.fds.database <= dbAllowance);
    samples.push(after);

    const posts = load.posts;
    log(`reading back ${posts.length} acknowledged posts`);
    const missing = await readBack(server.url, posts);

    server.child.removeAllListeners("exit");
    const exited = new Promise((r) => server.child.once("exit", (code, signal) => r({ code, signal })));
    server.child.kill("SIGTERM");
    const exit = await Promise.race([exited, sleep(30000).then(() => null)]);
    const { errors, warnings } = logFindings(server.stderr());

    // --- the checks ---
    const kinds = [...stats.entries()];
    const fivexx = kinds.reduce((a, [, s]) => a + s.server, 0);
    const failed = kinds.reduce((a, [, s]) => a + s.failed, 0);
    check(fivexx === 0, `no 5xx answers (${fivexx})`);
    check(failed === 0, `no request failed on the network (${failed})`);
    check(errors.length === 0, `no error line in the server's log (${errors.length})`);
    check(exit && exit.code === 0, `the server stopped cleanly on SIGTERM (${exit ? `exit ${exit.code ?? exit.signal}` : "still running after 30 s"})`);
    const growth = loaded.rss - warm.rss;
    const bound = Math.max(RSS_BOUND.bytes, RSS_BOUND.fraction * warm.rss);
    check(growth < bound, `RSS growth over the measured period ${mib(growth)} < ${mib(bound)} (32 MiB or 10% of ${mib(warm.rss)}, the larger)`);
    check(after.fds.connections === 0 && after.fds.listening === idle.fds.listening, `every connection closed, the listener's sockets alone remain (${after.fds.connections} connections; ${after.fds.listening} listening, ${idle.fds.listening} before)`);
    check(after.threads <= idle.threads, `threads back to their level before the load (${after.threads} ≤ ${idle.threads})`);
    check(after.fds.database <= dbAllowance, `database files open at most SQLite's reader pool above the start (${after.fds.database} ≤ ${idle.fds.database} + ${SQLITE_POOL_FDS})`);
    check(after.fds.other <= idle.fds.other, `other descriptors back to their level (${after.fds.other} ≤ ${idle.fds.other})`);
    const posting = MIX.find(([k]) => k === "post")[1] > 0;
    check((posts.length > 0 || !posting) && missing.length === 0, `every acknowledged post is there, read back by id (${posts.length - missing.length} of ${posts.length})`);

    // --- the summary ---
    const measured = samples.filter((s) => s.phase === "measured" || s.phase === "warm" || s.phase === "end");
    const peak = Math.max(...samples.map((s) => s.rss));
    const out = [];
    out.push(`Soak: ${loadSeconds.toFixed(0)} s of load (${WARMUP} s warm-up), ${RATE} requests/s paced, ${STREAMS} streams at once, ${MEMBERS} members (${report.statuses} seeded posts), ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`);
    out.push("");
    out.push("| | RSS | anon | fds (listening, connections, database, other) | threads |");
    out.push("|---|---|---|---|---|");
    for (const [label, s] of [["before the load", idle], ["after the warm-up", warm], ["end of the load", loaded], ["after the load", after]])
      out.push(`| ${label} | ${mib(s.rss)} | ${mib(s.anon)} | ${s.fds.total} (${s.fds.listening}, ${s.fds.connections}, ${s.fds.database}, ${s.fds.other}) | ${s.threads} |`);
    out.push(`| peak | ${mib(peak)} | | max ${Math.max(...samples.map((s) => s.fds.total))} | max ${Math.max(...samples.map((s) => s.threads))} |`);
    out.push("");
    const step = Math.ceil(measured.length / 40);
    const shown = measured.filter((_, i) => i % step === 0 || i === measured.length - 1);
    out.push(`RSS over the measured period (${shown.length} of ${measured.length} samples, every ${(step * SAMPLE_MS) / 1000} s): ${shown.map((s) => (s.rss / 1024 ** 2).toFixed(0)).join(" ")} MiB`);
    out.push("");
    out.push("| requests | n | 2xx | 4xx | 5xx | failed | p50 | p99 |");
    out.push("|---|---|---|---|---|---|---|---|");
    let total = 0;
    for (const [kind, s] of kinds) {
      total += s.n;
      const ms = [...s.ms].sort((a, b) => a - b);
      const c4 = [...s.client.entries()].map(([st, n]) => `${n} (${st})`).join(", ") || "0";
      out.push(`| ${kind} | ${s.n} | ${s.ok} | ${c4} | ${s.server} | ${s.failed} | ${percentile(ms, 50).toFixed(1)} ms | ${percentile(ms, 99).toFixed(1)} ms |`);
    }
    out.push(`| all | ${total} | | | ${fivexx} | ${failed} | | |`);
    out.push("");
    out.push(`Posts acknowledged ${posts.length}, read back ${posts.length - missing.length}; events carried by the streams: ${load.events.ws} (WebSocket), ${load.events.sse} (SSE); server log: ${errors.length} errors, ${warnings.length} warnings.`);
    out.push("");
    for (const c of checks) out.push(`${c.ok ? "ok  " : "FAIL"} ${c.what}`);
    console.log(out.join("\n"));
    for (const p of problems) console.log(`  ${p}`);
    for (const e of errors.slice(0, 20)) console.log(`  log: ${e}`);
    for (const w of warnings.slice(0, 5)) console.log(`  log (warning): ${w}`);
    for (const m of missing.slice(0, 20)) console.log(`  missing post ${m}`);
    for (const c of after.fds.open.slice(0, 20)) console.log(`  still open after the load: ${c}`);
    const failedChecks = checks.filter((c) => !c.ok).length;
    console.log(failedChecks ? `soak: ${failedChecks} checks failed` : "soak: every check passed");
    return failedChecks ? 1 : 0;
  } finally {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    if (process.env.SOAK_KEEP === "1") log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`soak: ${e.stack || e}`);
    process.exit(1);
  },
);
