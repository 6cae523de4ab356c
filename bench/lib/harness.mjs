// The parts of the benchmark that talk to Atrium: seeding, starting the
// server, tokens, the checks that each measured response is right, and the
// fan-out measurement. Used by bench/run.mjs and by the API test
// tests/api/seed.test.mjs (which checks correctness only, never speed).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs a command to completion; rejects on a non-zero exit.
export function run(bin, args, { env, timeoutMs = 0, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...(env || {}) } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      if (!quiet) process.stderr.write(d);
    });
    const timer = timeoutMs
      ? setTimeout(() => child.kill("SIGKILL"), timeoutMs)
      : null;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${bin} ${args.join(" ")} exited ${code ?? signal}: ${stderr.slice(-2000)}`));
    });
  });
}

// `atrium seed`; resolves to its report as an object of numbers/strings.
export async function seed(bin, dataDir, { members, seed: s = 1, postsPerMember = 50, verify = false, quiet = true }) {
  const args = ["seed", "--data", dataDir, "--members", String(members), "--seed", String(s),
    "--posts-per-member", String(postsPerMember)];
  if (verify) args.push("--verify");
  const { stdout } = await run(bin, args, { quiet, env: { ATRIUM_LOG_LEVEL: "warn" } });
  return parseReport(stdout);
}

export function parseReport(text) {
  const out = {};
  for (const line of text.split("\n")) {
    const m = line.match(/^(\w+) (\S+)$/);
    if (!m) continue;
    out[m[1]] = /^-?\d+(\.\d+)?$/.test(m[2]) && m[1] !== "digest" && !m[1].endsWith("_id")
      ? Number(m[2]) : m[2];
  }
  return out;
}

// `atrium issue-tokens`; resolves to [{id, username, token}], the `also`
// accounts first.
export async function issueTokens(bin, dataDir, file, count, also = []) {
  const args = ["issue-tokens", "--data", dataDir, "--count", String(count), "--out", file];
  if (also.length) args.push("--also", also.join(","));
  await run(bin, args, { quiet: true, env: { ATRIUM_LOG_LEVEL: "warn" } });
  return readTokens(file);
}

export function readTokens(file) {
  return fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => {
    const [id, username, token] = line.split("\t");
    return { id, username, token };
  });
}

// Starts `atrium serve` on a loopback port. Resolves once /ready answers
// 200, with the time from spawning to ready. What the server writes to
// stderr goes to `atrium.log` in its data folder as well (a run that stops
// half way can be read afterwards); `exited` settles when the process ends,
// and an end that nobody asked for (a crash, a signal) is reported at once
// on the bench's stderr with the log's tail.
export async function startAtrium(bin, dataDir, { env = {}, args = [], timeoutMs = 120000 } = {}) {
  const started = process.hrtime.bigint();
  const logFile = path.join(dataDir, "atrium.log");
  const log = fs.createWriteStream(logFile, { flags: "a" });
  const child = spawn(bin, ["serve", "--data", dataDir, "--listen", "127.0.0.1:0", ...args], {
    env: { ...process.env, ATRIUM_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
    log.write(d);
  });
  let stopping = false;
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      log.end();
      if (!stopping) {
        process.stderr.write(`\natrium (pid ${child.pid}) ended unasked: ${signal ? `signal ${signal}` : `exit code ${code}`}; ` +
          `its log: ${logFile}\n${stderr.slice(-4000)}\n`);
      }
      resolve({ code, signal });
    });
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("atrium did not start: " + stderr)), timeoutMs);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`atrium exited ${code ?? signal}: ${stderr}`));
    });
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url + "/ready");
      await r.arrayBuffer();
      if (r.status === 200) break;
    } catch {}
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("atrium exited before it was ready: " + stderr);
    if (Date.now() > deadline) throw new Error("atrium never became ready: " + stderr);
    await sleep(10);
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const stop = () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited.then(() => {});
  };
  return { url, child, readyMs, stop, exited, logFile, stderr: () => stderr };
}

// Resident memory of a process, in bytes: now, the peak, and now split
// into anonymous and file-backed pages.
export function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k) => Number((status.match(new RegExp(`${k}:\\s+(\\d+) kB`)) || [0, 0])[1]) * 1024;
  // anon: the process's own memory; file: pages of mapped files (SQLite
  // maps the database), which the kernel can drop and reread.
  return { rss: kb("VmRSS"), peak: kb("VmHWM"), anon: kb("RssAnon"), file: kb("RssFile") };
}

// CPU time used so far (user + system, in ms) by a process and its children
// that are still running (nginx's workers).
export function cpuMsOf(pid) {
  const ticks = 100; // USER_HZ on Linux
  const one = (p) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    } catch {
      return 0;
    }
  };
  let total = one(pid);
  try {
    for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim();
      for (const c of children ? children.split(" ") : []) total += one(c);
    }
  } catch {}
  return total;
}

export async function api(base, pathname, token, { method = "GET", json, timeoutMs = 30000 } = {}) {
  const headers = { authorization: `Bearer ${token}` };
  let body;
  if (json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  }
  const res = await fetch(base + pathname, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, json: parsed, bytes: Buffer.byteLength(text), headers: res.headers };
}

// Runs fn over items with at most `n` at a time.
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }));
  return results;
}

// What `member` may expect in their home stream, learned through the API:
// whom they follow (among `authorIds`) and which communities they are in.
export async function relationsOf(base, member, authorIds) {
  const ids = [...new Set(authorIds)];
  const following = new Set();
  for (let i = 0; i < ids.length; i += 40) {
    const q = ids.slice(i, i + 40).map((id) => `id[]=${id}`).join("&");
    const r = await api(base, `/api/v1/accounts/relationships?${q}`, member.token);
    if (r.status !== 200) throw new Error(`relationships: ${r.status}`);
    for (const rel of r.json) if (rel.following) following.add(rel.id);
  }
  const communities = new Set();
  let maxId = "";
  for (;;) {
    const r = await api(base, `/api/v1/atrium/communities?mine=true&limit=80${maxId ? "&max_id=" + maxId : ""}`, member.token);
    if (r.status !== 200) throw new Error(`communities: ${r.status}`);
    for (const c of r.json) if (c.role) communities.add(c.id);  // a role: a member proper
    if (r.json.length < 80) break;
    maxId = r.json[r.json.length - 1].id;
  }
  return { following, communities };
}

// Checks one page of `member`'s home stream; returns a list of problems
// (empty when the page is right): a JSON array of at most `limit` posts,
// newest first, each by the member, by someone they follow, in one of their
// communities, or a direct post to them; private and restricted posts only
// where the member may see them.
export async function checkHomePage(base, member, page, limit = 20) {
  const problems = [];
  if (!Array.isArray(page)) return ["not an array"];
  if (page.length > limit) problems.push(`${page.length} posts for limit ${limit}`);
  for (let i = 1; i < page.length; ++i)
    if (BigInt(page[i - 1].id) <= BigInt(page[i].id)) problems.push(`not newest first at ${i}`);
  const authors = page.map((s) => s.account?.id).filter(Boolean);
  const { following, communities } = await relationsOf(base, member, authors);
  for (const s of page) {
    for (const key of ["id", "created_at", "account", "content", "visibility", "uri"])
      if (!(key in s)) problems.push(`post ${s.id} lacks ${key}`);
    const author = s.account.id;
    const mentioned = (s.mentions || []).some((m) => m.id === member.id);
    const inCommunity = s.community && communities.has(s.community.id);
    const ok =
      author === member.id ||
      (s.visibility === "direct" ? mentioned && following.has(author) : following.has(author)) ||
      (inCommunity && !s.reblog && !s.in_reply_to_id);
    if (!ok) problems.push(`post ${s.id} by ${author} (${s.visibility}) does not belong in ${member.id}'s home`);
    if (s.community && s.visibility === "private" && !communities.has(s.community.id) && author !== member.id)
      problems.push(`post ${s.id} of restricted community ${s.community.id} shown to a non-member`);
  }
  return problems;
}

// Reads one SSE stream until `onEvent` returns true or the signal aborts.
async function readStream(base, pathname, token, signal, onOpen, onEvent) {
  const res = await fetch(base + pathname, { headers: { authorization: `Bearer ${token}` }, signal });
  if (res.status !== 200) throw new Error(`stream ${pathname}: ${res.status}`);
  onOpen();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        if (event && onEvent(event, data.join("\n"))) return;
      }
    }
  } catch (e) {
    if (e.name !== "AbortError") throw e;
  }
}

// Fan-out: every follower in `followers` (tokens of active members who
// follow `poster`, their home feeds warm) holds the user stream open; the
// poster posts; we time until each follower's stream carries the post, then
// check that the post is on top of each follower's home stream. Resolves to
// {ms: [per follower], total_ms, delivered, expected, missing: [ids]}.
export async function measureFanOut(base, poster, followers, { timeoutMs = 60000, text } = {}) {
  const controller = new AbortController();
  let opened = 0;
  let postId = null;
  let t0 = 0n;
  const arrived = new Map();
  const early = [];  // updates seen before we knew the id
  let allOpen;
  const openPromise = new Promise((r) => (allOpen = r));
  if (followers.length === 0) allOpen();
  const streams = followers.map((f) =>
    readStream(base, "/api/v1/streaming/user", f.token, controller.signal,
      () => {
        if (++opened === followers.length) allOpen();
      },
      (event, data) => {
        if (event !== "update") return false;
        const now = process.hrtime.bigint();
        let id;
        try {
          id = JSON.parse(data).id;
        } catch {
          return false;
        }
        if (postId === null) {
          early.push([f.id, id, now]);
          return false;
        }
        if (id === postId) {
          arrived.set(f.id, Number(now - t0) / 1e6);
          return true;
        }
        return false;
      }).catch(() => {}));
  let timer;
  await Promise.race([openPromise, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
  if (opened < followers.length) {
    controller.abort();
    throw new Error(`only ${opened} of ${followers.length} streams opened`);
  }
  await sleep(200);  // let every subscription settle
  t0 = process.hrtime.bigint();
  const r = await api(base, "/api/v1/statuses", poster.token, {
    method: "POST",
    json: { status: text ?? `Fan-out probe ${Date.now()}`, visibility: "public" },
  });
  if (r.status !== 200) {
    controller.abort();
    throw new Error(`posting failed: ${r.status} ${JSON.stringify(r.json)}`);
  }
  postId = r.json.id;
  const postMs = Number(process.hrtime.bigint() - t0) / 1e6;
  for (const [fid, id, at] of early) if (id === postId) arrived.set(fid, Number(at - t0) / 1e6);
  const deadline = Date.now() + timeoutMs;
  while (arrived.size < followers.length && Date.now() < deadline) await sleep(5);
  controller.abort();
  await Promise.all(streams);
  // Every follower's home stream now starts with the post.
  const missing = [];
  await pool(followers, 16, async (f) => {
    const home = await api(base, "/api/v1/timelines/home?limit=5", f.token);
    if (home.status !== 200 || !home.json.some((s) => s.id === postId)) missing.push(f.id);
  });
  const ms = [...arrived.values()].sort((a, b) => a - b);
  return {
    postId,
    postMs,
    ms,
    total_ms: ms.length ? ms[ms.length - 1] : 0,
    delivered: arrived.size,
    expected: followers.length,
    missing,
  };
}

// Which of `members` follow `targetId`.
export async function followersAmong(base, members, targetId) {
  const out = [];
  await pool(members, 16, async (m) => {
    if (m.id === targetId) return;
    const r = await api(base, `/api/v1/accounts/relationships?id[]=${targetId}`, m.token);
    if (r.status === 200 && r.json[0]?.following) out.push(m);
  });
  return out;
}

export function percentile(sorted, p) {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
