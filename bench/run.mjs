#!/usr/bin/env node
// The Atrium benchmark: seeds (or reuses) a synthetic organization, starts
// Atrium on a copy of it, and measures in one run the home stream against
// nginx serving a static file of the same size, posting while reads run,
// fan-out, memory and start-up, notifications, a profile and a community
// stream, and media (a 12-megapixel JPEG processed, a picture served to
// members against nginx; bench/media.mjs), and search (a common word, a
// rare word, a phrase, the typeahead; bench/search.mjs). Loopback only; every load stops by itself. Writes the
// results into docs/PERFORMANCE.md (between markers, one block per scale).
//
//   node bench/run.mjs --scale small|medium|large|full|<members> [options]
//
// Options: --seed S, --posts-per-member P, --tokens T, --duration SECONDS,
// --connections C, --repeat N (each wrk measure N times, default 3: the
// median is reported with the range), --data DIR (seeded stores are kept here, default
// var/bench), --no-write (do not touch docs/PERFORMANCE.md), --keep (leave the
// working copy of the store), --only home,media,audience,fanout,posting,search (only these
// measurements, besides start-up, warm-up and memory; implies --no-write).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  api, checkHomePage, cpuMsOf, followersAmong, issueTokens, measureFanOut, memoryOf, parseReport,
  percentile, pool, readTokens, repoRoot, run, seed, sleep, startAtrium,
} from "./lib/harness.mjs";
import { measureAudience } from "./audience.mjs";
import { MEDIA_TARGETS, measureMedia } from "./media.mjs";
import { SEARCH_TARGETS, indexSeeded, measureSearchOn } from "./search.mjs";

const SCALES = {
  small: { members: 3000, tokens: 1000, duration: 4 },
  medium: { members: 40000, tokens: 2000, duration: 8 },
  large: { members: 100000, tokens: 3000, duration: 10 },
  full: { members: 400000, tokens: 3000, duration: 15 },
};

const TARGETS = {
  ratio: 0.5, // home stream requests/s ÷ nginx static requests/s
  pacedP99Ms: 10,
  fanout10kMs: 1000,
  fanoutCeoMs: 5000,
  postsPerSec: 1000,
  rssBytes: 4 * 1024 ** 3,
  readyMs: 5000,
  otherCpuTimes: 2, // another read's CPU per request ÷ the home stream's
  otherP99Ms: 50,
  coldP99Ms: 100, // the first read of a home stream, rebuilt
};

function parseArgs(argv) {
  const o = { scale: "small", seed: 1, postsPerMember: 50, write: true, keep: false, only: null, repeat: 3 };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === "--scale") o.scale = next();
    else if (a === "--seed") o.seed = Number(next());
    else if (a === "--posts-per-member") o.postsPerMember = Number(next());
    else if (a === "--tokens") o.tokens = Number(next());
    else if (a === "--duration") o.duration = Number(next());
    else if (a === "--connections") o.connections = Number(next());
    else if (a === "--repeat") o.repeat = Number(next());
    else if (a === "--data") o.data = next();
    else if (a === "--no-write") o.write = false;
    else if (a === "--keep") o.keep = true;
    else if (a === "--only") o.only = new Set(next().split(","));
    else throw new Error(`unknown option ${a}`);
  }
  if (o.only) o.write = false;
  if (!Number.isInteger(o.repeat) || o.repeat < 1) throw new Error("--repeat: a whole number of runs, at least 1");
  const preset = SCALES[o.scale] || { members: Number(o.scale), tokens: 2000, duration: 8 };
  if (!preset.members) throw new Error(`--scale: small, medium, large, full or a number of members`);
  return {
    ...o,
    members: preset.members,
    tokens: o.tokens ?? preset.tokens,
    duration: o.duration ?? preset.duration,
    connections: o.connections ?? 64,
    data: path.resolve(o.data ?? path.join(repoRoot, "var/bench")),
  };
}

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

function need(tool) {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
  } catch {
    console.error(`${tool} is missing: run scripts/install-deps.sh --bench`);
    process.exit(2);
  }
}

// wrk's summary: requests/s, latency percentiles (ms), errors.
function parseWrk(text) {
  const ms = (v, unit) => Number(v) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[unit];
  const out = { text };
  const rps = text.match(/Requests\/sec:\s+([\d.]+)/);
  out.rps = rps ? Number(rps[1]) : 0;
  for (const p of ["50", "75", "90", "99"]) {
    const m = text.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s|m)\\b`));
    out[`p${p}`] = m ? ms(m[1], m[2]) : NaN;
  }
  const total = text.match(/(\d+) requests in/);
  out.requests = total ? Number(total[1]) : 0;
  const non2xx = text.match(/Non-2xx or 3xx responses: (\d+)/);
  out.non2xx = non2xx ? Number(non2xx[1]) : 0;
  const errors = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  out.socketErrors = errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return out;
}

// wrk, and the CPU time the server process `pid` used meanwhile: per
// request (ms) and in cores (1.0 = one core busy for the whole run).
async function wrk(url, { script, env = {}, connections, duration, threads = 2, pid }) {
  const before = pid ? cpuMsOf(pid) : 0;
  const t0 = Date.now();
  const r = await wrkRun(url, { script, env, connections, duration, threads });
  if (pid) {
    const used = cpuMsOf(pid) - before;
    r.cpuMsPerRequest = r.requests ? used / r.requests : NaN;
    r.cores = used / (Date.now() - t0);
  }
  return r;
}

function wrkRun(url, { script, env = {}, connections, duration, threads = 2 }) {
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${duration}s`, "--latency", "--timeout", "10s"];
  if (script) args.push("-s", path.join(repoRoot, "bench/wrk", script));
  args.push(url);
  return run("wrk", args, { env, quiet: true }).then(({ stdout }) => parseWrk(stdout));
}

// The median of numbers.
function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

// Several wrk runs of one measure as one: the median of each figure, the
// errors of all of them, and each run's requests/s (for the range). One
// run on a shared machine can be off by a third; the median of three is
// what docs/PERFORMANCE.md reports.
function medianRun(runs) {
  const out = { runs: runs.map((r) => r.rps), requests: runs.reduce((a, r) => a + r.requests, 0) };
  for (const k of ["rps", "p50", "p75", "p90", "p99", "cpuMsPerRequest", "cores"]) out[k] = median(runs.map((r) => r[k]));
  out.non2xx = runs.reduce((a, r) => a + r.non2xx, 0);
  out.socketErrors = runs.reduce((a, r) => a + r.socketErrors, 0);
  return out;
}

// `measure` run `n` times in a row, as one medianRun.
async function repeated(n, measure) {
  const runs = [];
  for (let i = 0; i < n; ++i) runs.push(await measure(i));
  return medianRun(runs);
}

// A JSON-looking body of exactly `size` bytes.
function jsonOfSize(size) {
  const filler = '{"id":"0","content":"' + "x".repeat(Math.max(0, size - 26)) + '"}\n';
  return Buffer.from(filler.slice(0, size).padEnd(size, " "));
}

// nginx serving `body` as the file `name`. Its workers run as another user
// (nobody) when the benchmark runs as root: the folders down to the file are
// opened to them (mkdtemp makes them 0700), else nginx answers 403 with a
// page of 153 bytes and wrk measures that instead of the file.
async function startNginx(dir, body, name = "home.json") {
  fs.mkdirSync(path.join(dir, "www"), { recursive: true });
  const size = body.length;
  fs.writeFileSync(path.join(dir, "www", name), body, { mode: 0o644 });
  for (let d = path.join(dir, "www"); d.startsWith(os.tmpdir() + path.sep); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const conf = fs.readFileSync(path.join(repoRoot, "bench/nginx.conf.template"), "utf8")
    .replaceAll("{{DIR}}", dir).replaceAll("{{PORT}}", String(port))
    .replaceAll("{{WORKERS}}", String(os.cpus().length));
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  const child = spawn("nginx", ["-c", path.join(dir, "nginx.conf"), "-p", dir, "-e", path.join(dir, "error.log")], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/${name}`;
  let served = false;
  for (let i = 0; i < 200 && !served; ++i) {
    try {
      const r = await fetch(url);
      const got = await r.arrayBuffer();
      served = r.status === 200 && got.byteLength === size;
    } catch {}
    if (!served) await sleep(25);
  }
  if (!served) {
    child.kill("SIGTERM");
    throw new Error(`nginx did not serve ${name} (${size} bytes); see ${path.join(dir, "error.log")}`);
  }
  return { url, pid: child.pid, stop: () => new Promise((res) => { child.on("exit", res); child.kill("SIGTERM"); }) };
}

function machine() {
  const cpu = (fs.readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) || [])[1] || "unknown";
  const mem = Number((fs.readFileSync("/proc/meminfo", "utf8").match(/MemTotal:\s+(\d+)/) || [0, 0])[1]) * 1024;
  const version = (cmd, args) => {
    const r = spawnSync(cmd, args, { encoding: "utf8" });
    return `${r.stdout || ""}${r.stderr || ""}`;
  };
  let commit = "";
  try {
    commit = execFileSync("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"]).toString().trim();
  } catch {}
  return {
    cpu: `${os.cpus().length} × ${cpu}`,
    memory: `${(mem / 1024 ** 3).toFixed(1)} GiB`,
    kernel: `${os.type()} ${os.release()}`,
    load: os.loadavg().map((l) => l.toFixed(1)).join(" "),
    wrk: (version("wrk", ["-v"]).match(/wrk [^\s]+/) || ["wrk"])[0],
    nginx: (version("nginx", ["-v"]).match(/nginx\/[^\s]+/) || ["nginx"])[0],
    commit,
  };
}

const fmtMs = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(2)) + " ms" : "n/a");
const fmtRps = (v) => `${Math.round(v).toLocaleString("en-US")}/s`;
const fmtBytes = (v) => `${(v / 1024 ** 2).toFixed(0)} MiB`;

// `atrium migrate` on a kept seeded store; resolves to what it applied
// ("migration 8 (…)", with the time taken), nothing when already current.
async function migrateSeed(bin, dataDir) {
  const started = Date.now();
  const { stdout, stderr } = await run(bin, ["migrate", "--data", dataDir],
    { quiet: true, env: { ATRIUM_LOG_LEVEL: "info" } });
  const applied = [...(stdout + stderr).matchAll(/applied migration (\d+ \([^)\n]*\))/g)].map((m) => m[1]);
  if (!applied.length) return [];
  return [`migration ${applied.join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)} s (atrium migrate --data ${dataDir})`];
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  need("wrk");
  need("nginx");
  const bin = process.env.ATRIUM_BIN || path.join(repoRoot, "build/atrium");
  if (!fs.existsSync(bin)) throw new Error(`${bin} not found: make build`);
  const benchStarted = Date.now();

  // 1. The seeded store, built once per (members, posts, seed) and kept.
  const seeded = path.join(o.data, `seed-${o.members}-${o.postsPerMember}-${o.seed}`);
  let report;
  if (fs.existsSync(path.join(seeded, "seed-report.txt"))) {
    report = parseReport(fs.readFileSync(path.join(seeded, "seed-report.txt"), "utf8"));
    log(`reusing the seeded store ${seeded} (seeded in ${report.seconds} s)`);
  } else {
    fs.rmSync(seeded, { recursive: true, force: true });
    fs.mkdirSync(seeded, { recursive: true });
    log(`seeding ${o.members} members, ${o.postsPerMember} posts each, seed ${o.seed}`);
    report = await seed(bin, seeded, { members: o.members, seed: o.seed, postsPerMember: o.postsPerMember, quiet: false });
    fs.writeFileSync(path.join(seeded, "seed-report.txt"),
      Object.entries(report).map(([k, v]) => `${k} ${v}`).join("\n") + "\n");
    log(`seeded in ${report.seconds} s`);
  }
  // A store seeded by an older build is brought up to date once, here, so
  // that the working copies start at the current schema: otherwise every run
  // would pay for the new migrations (an index over every follow, say) in
  // its first command, and a reading of the start-up time could include it.
  const migrated = await migrateSeed(bin, seeded);
  log(migrated.length
    ? `brought the seeded store up to date: ${migrated.join("; ")}`
    : "the seeded store is at the current schema");
  // Its search index too, as an organization's store has one: a store
  // without it is reindexed by the server beside serving, from its start,
  // and every measure would share the cores (and the write lock) with that.
  const indexSeconds = await indexSeeded(bin, seeded, log);
  const storeBytes = fs.statSync(path.join(seeded, "atrium.db")).size;

  // 2. A working copy, so each run starts from the same store.
  const work = fs.mkdtempSync(path.join(o.data, "run-"));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-bench-"));
  log("copying the store");
  execFileSync("cp", ["--reflink=auto", path.join(seeded, "atrium.db"), path.join(work, "atrium.db")]);
  let server;
  let nginx;
  const results = { machine: machine(), options: o, report, storeBytes };
  try {
    log(`issuing ${o.tokens} tokens`);
    const tokensFile = path.join(tmp, "tokens.tsv");
    const members = await issueTokens(bin, work, tokensFile, o.tokens, [report.ceo_id, report.popular_id]);
    const ceo = members.find((m) => m.id === report.ceo_id);
    const popular = members.find((m) => m.id === report.popular_id);

    // 3. Start-up and memory at rest.
    // The OS page cache holds the store after the copy; drop nothing (not
    // allowed here), so this is a warm-cache start.
    server = await startAtrium(bin, work, { env: { ATRIUM_PASSWORD_GRANT: "true" } });
    results.readyMs = server.readyMs;
    results.rssAtReady = memoryOf(server.child.pid).rss;
    let peakAnon = 0;
    const sampler = setInterval(() => {
      try {
        peakAnon = Math.max(peakAnon, memoryOf(server.child.pid).anon);
      } catch {}
    }, 200);
    log(`ready in ${server.readyMs.toFixed(0)} ms, ${fmtBytes(results.rssAtReady)} resident`);
    const base = server.url;

    // The newest public post of the seed: the search phase takes its words
    // from this post and older ones, not from what the run itself writes.
    const seededNewest = (await api(base, "/api/v1/timelines/public?limit=1", members[0].token)).json?.[0]?.id;

    // 4. Sign-in through the password grant (real Argon2id checks), for a few.
    const app = await fetch(base + "/api/v1/apps", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_name: "bench", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write follow" }),
    }).then((r) => r.json());
    const signIns = members.slice(2, 18);
    const signInMs = [];
    await pool(signIns, 4, async (m) => {
      const t0 = performance.now();
      const r = await fetch(base + "/oauth/token", {
        method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "password", username: m.username, password: "atrium-seed",
          client_id: app.client_id, client_secret: app.client_secret, scope: "read write follow" }),
      });
      const j = await r.json();
      signInMs.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`sign-in of ${m.username}: ${r.status} ${JSON.stringify(j)}`);
      const me = await api(base, "/api/v1/accounts/verify_credentials", j.access_token);
      if (me.json?.id !== m.id) throw new Error(`the token of ${m.username} is not theirs`);
    });
    signInMs.sort((a, b) => a - b);
    results.signIn = { count: signIns.length, p50: percentile(signInMs, 50), max: signInMs.at(-1) };

    // 5. Warm every member's home stream (a rebuild from the store) and
    //    check a sample of the pages.
    log(`warming ${members.length} home streams`);
    const coldMs = [];
    let bytes = 0;
    let pages = 0;
    await pool(members, 8, async (m) => {
      const t0 = performance.now();
      const r = await api(base, "/api/v1/timelines/home?limit=20", m.token);
      coldMs.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`home of ${m.id}: ${r.status}`);
      bytes += r.bytes;
      pages += 1;
    });
    coldMs.sort((a, b) => a - b);
    results.cold = { p50: percentile(coldMs, 50), p99: percentile(coldMs, 99) };
    results.homeBytes = Math.round(bytes / pages);
    const sample = members.filter((_, i) => i % Math.max(1, Math.floor(members.length / 100)) === 0);
    const problems = [];
    await pool(sample, 8, async (m) => {
      const r = await api(base, "/api/v1/timelines/home?limit=20", m.token);
      for (const p of await checkHomePage(base, m, r.json)) problems.push(p);
    });
    results.checked = { pages: sample.length, problems };
    if (problems.length) log(`home pages with problems: ${problems.slice(0, 5).join("; ")}`);
    log(`average home page ${results.homeBytes} bytes; cold p50 ${fmtMs(results.cold.p50)}`);

    const env = { BENCH_TOKENS: tokensFile };
    const C = o.connections;
    const D = o.duration;

    const want = (phase) => !o.only || o.only.has(phase);
    const R = o.repeat;
    if (want("home")) {
    // 6, 7. The home stream, flat out, and nginx serving a static file of
    //    the same size the same way, in pairs (R of them): each pair gives
    //    a ratio, and the median ratio is the one reported.
    nginx = await startNginx(path.join(tmp, "nginx"), jsonOfSize(results.homeBytes));
    const homeRuns = [];
    const nginxRuns = [];
    for (let i = 0; i < R; ++i) {
      log(`home stream (${i + 1} of ${R}): wrk ${C} connections, ${D} s; then nginx static ${results.homeBytes} bytes the same way`);
      homeRuns.push(await wrk(base + "/", { script: "read.lua", env: { ...env, BENCH_PATH: "/api/v1/timelines/home?limit=20" }, connections: C, duration: D, pid: server.child.pid }));
      nginxRuns.push(await wrk(nginx.url, { connections: C, duration: D, pid: nginx.pid }));
    }
    await nginx.stop();
    nginx = null;
    results.home = medianRun(homeRuns);
    results.nginx = medianRun(nginxRuns);
    results.ratios = homeRuns.map((h, i) => h.rps / nginxRuns[i].rps);
    results.ratio = median(results.ratios);

    // 8. The home stream paced at half nginx's rate (closed loop: each
    //    connection waits 10 ms after each response).
    const halfRate = results.nginx.rps / 2;
    const pacedC = Math.max(2, Math.min(2000, Math.round(halfRate * 0.010)));
    log(`home stream paced at ~${fmtRps(halfRate)}: ${pacedC} connections with 10 ms pauses`);
    results.paced = await repeated(R, () => wrk(base + "/", { script: "read.lua", env: { ...env, BENCH_PATH: "/api/v1/timelines/home?limit=20", BENCH_DELAY_MS: "10" }, connections: pacedC, duration: D, pid: server.child.pid }));
    results.paced.target = halfRate;

    // 9. Notifications, a profile, a community stream, a tag, the likes.
    const others = [
      ["notifications", "/api/v1/notifications?limit=20"],
      ["profile", "/api/v1/accounts/{other}/statuses?limit=20"],
      ["community", `/api/v1/atrium/timelines/community/${report.largest_community_id}?limit=20`],
      ["tag", "/api/v1/timelines/tag/kudos?limit=20"],
      ["favourites", "/api/v1/favourites?limit=20"],
    ];
    results.others = {};
    for (const [name, p] of others) {
      log(`${name}: wrk ${C} connections, ${D} s, ${R} times`);
      results.others[name] = await repeated(R, () => wrk(base + "/", { script: "read.lua", env: { ...env, BENCH_PATH: p }, connections: C, duration: D, pid: server.child.pid }));
    }

    }

    // 9b. Media: processing a 12-megapixel JPEG, serving a 100 KB picture
    //     to members against nginx (bench/media.mjs).
    if (want("media")) {
      log(`media: 12-megapixel uploads, then a ~100 KB picture to members: wrk ${C} connections, ${D} s, and nginx`);
      results.media = await measureMedia({ base, pid: server.child.pid, members, tokensFile, tmp, connections: C, duration: D, wrk, startNginx });
    }

    // 9c. The composer's audience (bench/audience.mjs).
    if (want("audience")) {
      log(`audience: four kinds, wrk ${C} connections, ${D} s each`);
      results.audience = await measureAudience({ base, pid: server.child.pid, members, tokensFile, tmp, connections: C, duration: D, wrk });
    }

    // 10. Fan-out, before the posting load fills the queue.
    if (want("fanout")) {
    const active = members.slice(2);
    for (const [name, poster] of [["popular", popular], ["ceo", ceo]]) {
      const followers = await followersAmong(base, active, poster.id);
      log(`fan-out from ${name} (${name === "ceo" ? report.ceo_followers : report.popular_followers} followers, ${followers.length} active with open streams)`);
      const runs = [];
      for (let i = 0; i < 3; ++i) runs.push(await measureFanOut(base, poster, followers, { timeoutMs: 120000 }));
      const all = runs.flatMap((r) => r.ms).sort((a, b) => a - b);
      results[`fanout_${name}`] = {
        followers: name === "ceo" ? report.ceo_followers : report.popular_followers,
        active: followers.length,
        runs: runs.map((r) => r.total_ms),
        p50: percentile(all, 50),
        p99: percentile(all, 99),
        max: Math.max(...runs.map((r) => r.total_ms)),
        undelivered: runs.reduce((a, r) => a + (r.expected - r.delivered) + r.missing.length, 0),
        postMs: runs.map((r) => r.postMs),
      };
    }

    }

    // 11. Posting while reads run.
    if (want("posting")) {
    const readRuns = [];
    const postRuns = [];
    for (let i = 0; i < R; ++i) {
      log(`posting (16 connections) while reading (${C} connections), ${D} s (${i + 1} of ${R})`);
      const [reads, posts] = await Promise.all([
        wrk(base + "/", { script: "read.lua", env: { ...env, BENCH_PATH: "/api/v1/timelines/home?limit=20" }, connections: C, duration: D, pid: server.child.pid }),
        wrk(base + "/", { script: "post.lua", env, connections: 16, duration: D, threads: 1 }),
      ]);
      readRuns.push(reads);
      postRuns.push(posts);
    }
    results.mixed = { reads: medianRun(readRuns), posts: medianRun(postRuns) };
    }

    // 11b. Search on the working copy (its index came with the seeded
    //      store), one ordinary member's sequential requests
    //      (bench/search.mjs).
    if (want("search")) {
      log("search: a common word, a rare word, a phrase and the typeahead");
      const member = members.find((m) => m.id !== report.ceo_id && m.id !== report.popular_id);
      results.search = { indexSeconds, ...(await measureSearchOn({ server, member, db: path.join(work, "atrium.db"), wordsFrom: seededNewest, log })) };
    }

    // 12. Memory after all of it.
    clearInterval(sampler);
    results.memory = memoryOf(server.child.pid);
    results.memory.peakAnon = Math.max(peakAnon, results.memory.anon);
    results.benchSeconds = (Date.now() - benchStarted) / 1000;
  } finally {
    if (nginx) await nginx.stop();
    if (server) await server.stop();
    if (!o.keep) fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  if (o.only) {
    console.log(JSON.stringify(results, (k, v) => (k === "text" || k === "report" || k === "machine" ? undefined : v), 2));
    return;
  }
  const md = renderResults(results);
  console.log(md);
  fs.writeFileSync(path.join(o.data, `results-${o.members}.json`), JSON.stringify(results, (k, v) => (k === "text" ? undefined : v), 2));
  if (o.write) writeInto(path.join(repoRoot, "docs/PERFORMANCE.md"), o.members, md);
  if (results.checked.problems.length) {
    console.error("some home pages were wrong; see above");
    process.exit(1);
  }
}

function cpu(w) {
  return `${(w.cpuMsPerRequest * 1000).toFixed(0)} µs CPU a request, ${w.cores.toFixed(2)} cores busy`;
}

// "12,345/s" with, when the measure ran more than once, the range of the runs.
function fmtRuns(w) {
  if (!w.runs || w.runs.length < 2) return fmtRps(w.rps);
  const lo = Math.min(...w.runs);
  const hi = Math.max(...w.runs);
  return `${fmtRps(w.rps)} (median of ${w.runs.length}; ${Math.round(lo).toLocaleString("en-US")} – ${Math.round(hi).toLocaleString("en-US")})`;
}

function verdict(ok) {
  return ok ? "met" : "**missed**";
}

function renderResults(r) {
  const o = r.options;
  const rep = r.report;
  const m = r.machine;
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);
  lines.push(`### ${rep.members.toLocaleString("en-US")} members (${o.scale}), ${new Date().toISOString().slice(0, 10)}`);
  lines.push("");
  lines.push(`Command: \`make bench SCALE=${o.scale}\` (\`node bench/run.mjs --scale ${o.scale} --duration ${o.duration} --connections ${o.connections} --tokens ${o.tokens} --repeat ${o.repeat}\`), commit ${m.commit}. Each wrk measure of the home stream, nginx, the other reads and posting ran ${o.repeat} times in a row; the table gives the median (requests/s, latencies and CPU each the median of the runs) and the range of requests/s.`);
  lines.push(`Machine: ${m.cpu}, ${m.memory}, ${m.kernel}; load average at the end ${m.load} (the machine is shared); ${m.wrk}, ${m.nginx}. Atrium, nginx and wrk share the cores.`);
  lines.push("");
  lines.push(`Store: ${rep.members} members in ${rep.levels} levels, ${rep.follows} follows (chief executive followed by ${rep.ceo_followers}), ${rep.connections} connections, ${rep.communities} communities (${rep.memberships} memberships), ${rep.statuses} posts (${rep.replies} replies, ${rep.reposts} reposts, ${rep.community_posts} in communities), ${rep.favourites} likes, ${rep.notifications} notifications; ${fmtBytes(r.storeBytes)} on disk; seeded in ${rep.seconds} s (\`atrium seed --members ${rep.members} --seed ${o.seed} --posts-per-member ${o.postsPerMember}\`, digest ${rep.digest}).`);
  lines.push("");
  row("Measure", "Result", "Target", "");
  row("---", "---", "---", "---");
  row("Home stream, `GET /api/v1/timelines/home?limit=20`, " + `${o.connections} connections, ${o.tokens + 2} members in turn`,
    `${fmtRuns(r.home)}, p50 ${fmtMs(r.home.p50)}, p99 ${fmtMs(r.home.p99)}${r.home.non2xx ? `, ${r.home.non2xx} errors` : ""}; ${cpu(r.home)}`, "", "");
  row(`nginx, static file of ${r.homeBytes} bytes (the average home page), same load`,
    `${fmtRuns(r.nginx)}, p50 ${fmtMs(r.nginx.p50)}, p99 ${fmtMs(r.nginx.p99)}${r.nginx.non2xx ? `, ${r.nginx.non2xx} errors` : ""}; ${cpu(r.nginx)}`, "", "");
  row("**Home stream ÷ nginx**", `**${(r.ratio * 100).toFixed(1)}%** of the requests/s${r.ratios?.length > 1 ? ` (median of ${r.ratios.map((v) => (v * 100).toFixed(1) + "%").join(", ")}, each a home run ÷ the nginx run after it)` : ""}; CPU per request ${(r.nginx.cpuMsPerRequest / r.home.cpuMsPerRequest * 100).toFixed(1)}% of nginx's efficiency`, "≥ 50%", verdict(r.ratio >= TARGETS.ratio));
  row(`Home stream paced at half nginx's rate (${fmtRps(r.paced.target)} asked)`,
    `${fmtRuns(r.paced)} achieved, p50 ${fmtMs(r.paced.p50)}, p99 ${fmtMs(r.paced.p99)}`, "p99 ≤ 10 ms",
    verdict(r.paced.p99 <= TARGETS.pacedP99Ms && r.paced.rps >= 0.9 * r.paced.target));
  row("Posting while reading (16 posting connections)", `${fmtRuns(r.mixed.posts)} posts (p99 ${fmtMs(r.mixed.posts.p99)}), reads ${fmtRuns(r.mixed.reads)} (p99 ${fmtMs(r.mixed.reads.p99)}); Atrium ${r.mixed.reads.cores.toFixed(2)} cores busy`,
    "≥ 1,000 posts/s", verdict(r.mixed.posts.rps >= TARGETS.postsPerSec));
  for (const [name, target, label] of [["popular", TARGETS.fanout10kMs, "≤ 1 s"], ["ceo", TARGETS.fanoutCeoMs, "≤ 5 s"]]) {
    const f = r[`fanout_${name}`];
    row(`Fan-out, ${name === "ceo" ? "chief executive" : "most followed member near 10,000"} (${f.followers} followers; ${f.active} active, streams open), 3 posts`,
      `last follower after ${f.runs.map((v) => fmtMs(v)).join(", ")}; per follower p50 ${fmtMs(f.p50)}, p99 ${fmtMs(f.p99)}; ${f.undelivered} undelivered`,
      `p99 ${label}`, verdict(f.p99 <= target && f.undelivered === 0));
  }
  row("Resident memory", `${fmtBytes(r.rssAtReady)} at ready, ${fmtBytes(r.memory.rss)} after the run (${fmtBytes(r.memory.anon)} own, ${fmtBytes(r.memory.file)} mapped database pages; peak ${fmtBytes(r.memory.peak)}, own memory at most ${fmtBytes(r.memory.peakAnon)})`, "≤ 4 GiB",
    verdict(r.memory.peak <= TARGETS.rssBytes));
  row("Start until ready (`/ready` answers 200)", fmtMs(r.readyMs), "≤ 5 s", verdict(r.readyMs <= TARGETS.readyMs));
  for (const [name, label] of [["notifications", "Notifications, `GET /api/v1/notifications?limit=20`"],
    ["profile", "A profile, `GET /api/v1/accounts/:id/statuses?limit=20`"],
    ["community", "The largest community's stream, `GET /api/v1/atrium/timelines/community/:id?limit=20`"],
    ["tag", "A tag everyone uses, `GET /api/v1/timelines/tag/kudos?limit=20`"],
    ["favourites", "The member's likes, `GET /api/v1/favourites?limit=20`"]]) {
    const w = r.others[name];
    if (!w) continue;
    const times = w.cpuMsPerRequest / r.home.cpuMsPerRequest;
    row(label, `${fmtRuns(w)}, p50 ${fmtMs(w.p50)}, p99 ${fmtMs(w.p99)}${w.non2xx ? `, ${w.non2xx} errors` : ""}; ${cpu(w)} (${times.toFixed(1)}× the home stream's)`,
      "CPU ≤ 2× the home stream's, p99 ≤ 50 ms", verdict(times <= TARGETS.otherCpuTimes && w.p99 <= TARGETS.otherP99Ms && !w.non2xx));
  }
  if (r.media) {
    const { processing: pr, serving: sv } = r.media;
    row(`Processing a 12-megapixel JPEG (${(pr.bytes / 1024 ** 2).toFixed(1)} MiB, 4000 x 3000, stored ${pr.stored}), \`POST /api/v2/media\`, ${pr.uploads} one at a time`,
      `p50 ${fmtMs(pr.p50)}, max ${fmtMs(pr.max)}; ${fmtMs(pr.cpuMsPerUpload)} of Atrium's CPU an upload`, "< 1 s", verdict(pr.max < MEDIA_TARGETS.processMs));
    row(`A ${Math.round(sv.bytes / 1024)} KiB picture of an organization-wide post, \`GET /media/attachments/…\`, ${o.connections} connections, members in turn`,
      `${fmtRps(sv.atrium.rps)}, p50 ${fmtMs(sv.atrium.p50)}, p99 ${fmtMs(sv.atrium.p99)}${sv.atrium.non2xx ? `, ${sv.atrium.non2xx} errors` : ""}; ${cpu(sv.atrium)}`, "", "");
    row("nginx, the same file, same load", `${fmtRps(sv.nginx.rps)}, p50 ${fmtMs(sv.nginx.p50)}, p99 ${fmtMs(sv.nginx.p99)}${sv.nginx.non2xx ? `, ${sv.nginx.non2xx} errors` : ""}; ${cpu(sv.nginx)}`, "", "");
    row("**Picture ÷ nginx**", `**${(sv.ratio * 100).toFixed(1)}%** of the requests/s`, "≥ 50%", verdict(sv.ratio >= MEDIA_TARGETS.ratio));
    const b = r.media.beside;
    if (b) {
      const run = (w) => `${fmtRps(w.rps)} (p99 ${fmtMs(w.p99)}${w.non2xx ? `, ${w.non2xx} errors` : ""})`;
      row(`Home stream with a 12-megapixel upload every second beside it (${b.uploads} uploads, p50 ${fmtMs(b.uploadP50)}, max ${fmtMs(b.uploadMax)})`,
        `alone ${run(b.before)}, with uploads ${run(b.during)}, alone again ${run(b.after)}: **${(b.drop * 100).toFixed(1)}%** below the runs alone, which differ by ${(b.noise * 100).toFixed(1)}%`,
        "no more than the noise", verdict(b.drop <= b.noise));
    }
  }
  if (r.audience) {
    for (const [name, a] of Object.entries(r.audience)) {
      row(`Composer's audience, ${a.label}, \`GET /api/v1/atrium/compose/audience\`, ${o.connections} connections, members in turn`,
        `${fmtRps(a.rps)}, p50 ${fmtMs(a.p50)}, p99 ${fmtMs(a.p99)}${a.non2xx ? `, ${a.non2xx} errors` : ""}; ${cpu(a)}`,
        r.home ? "≥ the home stream's requests/s" : "", r.home ? verdict(a.rps >= r.home.rps && !a.non2xx) : "");
    }
  }
  if (r.search) {
    const sr = r.search;
    const t = SEARCH_TARGETS;
    const at = (m) => `p50 ${fmtMs(m.p50)}, p99 ${fmtMs(m.p99)}; ${(m.cpuMsPerRequest * 1000).toFixed(0)} µs CPU a request${m.found === undefined ? "" : `; ${m.found} posts on the first page`}`;
    for (const [name, label] of [["common", "common word"], ["rare", "rare word"], ["phrase", "two-word phrase"]]) {
      row(`Search, ${label} (\`${sr[name].words}\`), \`GET /api/v2/search?type=statuses\`, one member, ${sr.requests} in a row`,
        at(sr[name]), "p50 ≤ 10 ms, p99 ≤ 50 ms (at 400,000 members)", verdict(sr[name].p50 <= t.p50Ms && sr[name].p99 <= t.p99Ms));
      row(`Search, ${label}, newest first with counts, \`GET /api/v1/atrium/search?sort=recent\``, at(sr[`${name}Recent`]), "", "");
    }
    row(`Search typeahead (\`${sr.typeahead.typed}\`)`, at(sr.typeahead), "p99 ≤ 10 ms", verdict(sr.typeahead.p99 <= t.typeaheadP99Ms));
    row("Search index's share of the store (pages of the `search_*` tables against the rest, `dbstat`)", `${(sr.store.share * 100).toFixed(0)}% (${fmtBytes(sr.store.withIndex)} with, ${fmtBytes(sr.store.without)} without); \`atrium search reindex\` of the seeded store ${sr.indexSeconds == null ? "not timed" : `${sr.indexSeconds.toFixed(1)} s`}`,
      "≤ 40%", verdict(sr.store.share <= t.share));
  }
  row("First read of a home stream (rebuilt from the store)", `p50 ${fmtMs(r.cold.p50)}, p99 ${fmtMs(r.cold.p99)}`, "p99 ≤ 100 ms", verdict(r.cold.p99 <= TARGETS.coldP99Ms));
  row(`Sign-in, password grant (Argon2id), ${r.signIn.count} members`, `p50 ${fmtMs(r.signIn.p50)}, max ${fmtMs(r.signIn.max)}`, "", "");
  row(`Home pages checked (members, followees, communities, order)`, `${r.checked.pages} pages, ${r.checked.problems.length} problems`, "0", verdict(r.checked.problems.length === 0));
  lines.push("");
  lines.push(`The run took ${r.benchSeconds.toFixed(0)} s after seeding.`);
  return lines.join("\n");
}

// Replaces this scale's block between markers, or adds it before the end
// marker.
function writeInto(file, members, md) {
  const begin = `<!-- bench:${members}:begin -->`;
  const end = `<!-- bench:${members}:end -->`;
  const block = `${begin}\n${md}\n${end}`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + end.length);
  else if (text.includes("<!-- bench:results -->")) text = text.replace("<!-- bench:results -->", `${block}\n\n<!-- bench:results -->`);
  else text += `\n${block}\n`;
  fs.writeFileSync(file, text);
  log(`wrote the results into ${path.relative(repoRoot, file)}`);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
