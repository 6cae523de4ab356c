// Operating Atrium: GET /metrics scraped by a real Prometheus, the metrics
// token, bounded labels, JSON logs carrying the request id, the admin health
// API, and `atrium doctor` on a healthy and on broken setups.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import { freePort } from "./lib/http.mjs";
import os from "node:os";
import path from "node:path";
import { socialServer, ok, err, post, T, request, sleep } from "./lib/social-helpers.mjs";
import { startServer, runCli, makeDataDir, createUser, usingPostgres } from "./lib/server.mjs";
import { startSmtp } from "./lib/smtp.mjs";

const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN || "/usr/bin/prometheus";
const TOKEN = "metrics-token-0123456789abcdef";

let ctx, U, metricsUrl;
before(async () => {
  ctx = await socialServer(["ops", "amy", "ben"], {
    admins: ["ops"],
    args: ["--metrics-listen", "127.0.0.1:0", "--metrics-token", TOKEN, "--log-format", "json"],
  });
  U = ctx.users;
  const m = /metrics served on (http:\/\/\S+)/.exec(ctx.srv.output().stdout);
  assert.ok(m, `the server names its metrics listener: ${ctx.srv.output().stdout}`);
  metricsUrl = m[1];
});

// A TCP port nobody listens on (bound, then released).
const closedPort = freePort;

// Polls `fn` until it returns a truthy value, or fails with `what` after the deadline.
async function until(what, fn, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) assert.fail(`${what} within ${timeoutMs} ms (last: ${last})`);
    await sleep(100);
  }
}

async function exposition() {
  const res = await request(metricsUrl, "/metrics");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /^text\/plain; version=0\.0\.4/);
  return res.text;
}

// Every label value of the exposition, with its name: [{name, value, line}].
function labelValues(text) {
  const out = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.includes("{")) continue;
    const labels = line.slice(line.indexOf("{") + 1, line.lastIndexOf("}"));
    for (const m of labels.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) out.push({ name: m[1], value: m[2], line });
  }
  return out;
}

test("/metrics on the public listener: 401 without the token or with a wrong one, the text with it", T, async () => {
  const none = await request(ctx.url, "/metrics");
  err(none, 401);
  err(await request(ctx.url, "/metrics", { token: "metrics-token-not-the-right-one" }), 401);
  err(await request(ctx.url, "/metrics", { token: U.ops.token }), 401); // an admin's token is not the metrics token
  const res = await request(ctx.url, "/metrics", { token: TOKEN });
  assert.equal(res.status, 200);
  assert.match(res.text, /^atrium_build_info\{version="[^"]+"\} 1$/m);
});

test("/metrics without metrics-token or metrics-listen does not exist on the public listener", T, async () => {
  const srv = await startServer();
  const res = await request(srv.url, "/metrics", { token: TOKEN });
  err(res, 404);
  assert.doesNotMatch(srv.output().stdout, /metrics served on/);
  await srv.stop();
});

test("a real Prometheus scrapes the request counter and the home stream's latency histogram", { timeout: 120000 }, async () => {
  assert.ok(fs.existsSync(PROMETHEUS_BIN), `Prometheus is needed at ${PROMETHEUS_BIN} (scripts/install-deps.sh installs it)`);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "atrium-prometheus-"));
  const target = new URL(metricsUrl);
  const config = path.join(dir, "prometheus.yml");
  await fsp.writeFile(
    config,
    [
      "global:",
      "  scrape_interval: 1s",
      "  evaluation_interval: 1s",
      "scrape_configs:",
      "  - job_name: atrium",
      "    metrics_path: /metrics",
      "    static_configs:",
      `      - targets: ["${target.host}"]`,
      "",
    ].join("\n"),
  );
  const port = await closedPort();
  const prometheus = spawn(
    PROMETHEUS_BIN,
    [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  prometheus.stderr.on("data", (d) => (log += d));
  const exited = new Promise((r) => prometheus.on("exit", r));
  try {
    const api = `http://127.0.0.1:${port}`;
    await until("Prometheus answers", async () => {
      if (prometheus.exitCode !== null) assert.fail(`prometheus exited: ${log}`);
      return (await fetch(`${api}/-/ready`)).ok;
    });
    await post(U.amy, "scraped while Prometheus watches");
    for (let i = 0; i < 5; i++) ok(await U.ben.req("/api/v1/timelines/home"));
    const query = async (q) => {
      const res = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(q)}`);
      const body = await res.json();
      assert.equal(body.status, "success", JSON.stringify(body));
      return body.data.result;
    };
    const counted = await until("the home stream's request counter in Prometheus", async () => {
      const r = await query('sum(atrium_http_requests_total{route="/api/v1/timelines/home",method="GET",status="200"})');
      return r.length === 1 && Number(r[0].value[1]) >= 5 ? r : null;
    });
    assert.ok(Number(counted[0].value[1]) >= 5);
    const buckets = await until("the home stream's latency histogram in Prometheus", async () => {
      const r = await query('atrium_http_request_duration_seconds_bucket{route="/api/v1/timelines/home",method="GET",le="+Inf"}');
      return r.length === 1 && Number(r[0].value[1]) >= 5 ? r : null;
    });
    assert.equal(buckets[0].metric.job, "atrium");
    // The histogram is one Prometheus can take a quantile of.
    const p99 = await query('histogram_quantile(0.99, sum by (le) (atrium_http_request_duration_seconds_bucket{route="/api/v1/timelines/home"}))');
    assert.equal(p99.length, 1);
    assert.ok(Number.isFinite(Number(p99[0].value[1])), JSON.stringify(p99));
  } finally {
    prometheus.kill("SIGTERM");
    await exited;
    await fsp.rm(dir, { recursive: true, force: true });
  }
});

test("no label value of the whole exposition is a raw path or id, after requests to many routes with ids", T, async () => {
  const s = await post(U.amy, "a post with an id");
  const ids = [s.id, U.amy.id, U.ben.id];
  for (const p of [
    `/api/v1/statuses/${s.id}`,
    `/api/v1/statuses/${s.id}/context`,
    `/api/v1/statuses/${s.id}/favourited_by`,
    `/api/v1/accounts/${U.amy.id}`,
    `/api/v1/accounts/${U.amy.id}/statuses`,
    `/api/v1/accounts/${U.ben.id}/followers`,
    "/api/v1/statuses/999999999999999",
    "/api/v1/no-such-thing/123456789",
    "/some/client/route/123456789",
  ])
    await U.ben.req(p);
  ok(await U.ben.req(`/api/v1/statuses/${s.id}/favourite`, { method: "POST" }));
  err(await U.ben.req("/api/v1/no-such-thing/123456789", { method: "POST", json: {} }), 404);
  err(await U.ben.req(`/api/v1/statuses/${s.id}`, { method: "PATCH", json: {} }), 405);
  const text = await exposition();
  const labels = labelValues(text);
  assert.ok(labels.some((l) => l.name === "route" && l.value === "/api/v1/statuses/:id"), "the template is a label");
  assert.ok(labels.some((l) => l.name === "route" && l.value === "(unmatched)"), "unmatched requests share one label");
  for (const { name, value, line } of labels) {
    for (const id of ids) assert.ok(!value.includes(id), `label ${name}="${value}" holds an id: ${line}`);
    assert.doesNotMatch(value, /\d{5,}/, `label ${name} looks like an id: ${line}`);
    if (name === "route" && value.startsWith("/"))
      for (const segment of value.split("/").slice(1))
        assert.ok(segment.startsWith(":") || !/^\d+$/.test(segment), `route label with a number: ${line}`);
  }
});

test("JSON log lines parse and carry the request id of the X-Request-Id header, the route and the member", T, async () => {
  const s = await post(U.amy, "logged by its route");
  const res = await U.amy.req(`/api/v1/statuses/${s.id}`);
  ok(res);
  const requestId = res.headers.get("x-request-id");
  assert.ok(requestId, "responses carry X-Request-Id");
  const line = await until("the access log line of the request", () => {
    const lines = ctx.srv.output().stderr.split("\n").filter((l) => l.trim() !== "");
    for (const l of lines) {
      const entry = JSON.parse(l); // every line is one JSON object
      if (entry.request_id === requestId) return entry;
    }
    return null;
  }, 10000);
  assert.equal(line.level, "info");
  assert.match(line.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(line.method, "GET");
  assert.equal(line.route, "/api/v1/statuses/:id");
  assert.equal(line.status, 200);
  assert.equal(line.member_id, U.amy.id);
  assert.equal(typeof line.duration_ms, "number");
  const all = ctx.srv.output().stderr;
  for (const u of Object.values(U)) assert.ok(!all.includes(u.token), "no token is logged");
  assert.ok(!all.includes("logged by its route"), "no post text is logged");
  assert.ok(!all.includes("-password-1"), "no password is logged");
});

test("the admin health API: figures for an administrator, 403 for a member, 400 for a parameter", T, async () => {
  await post(U.amy, "one post in the last hour");
  await post(U.ben, "and another");
  const h = ok(await U.ops.req("/api/v1/atrium/admin/health"));
  assert.match(h.version, /^\d+\.\d+\.\d+/);
  assert.ok(h.uptime_seconds >= 0);
  assert.ok(h.members_active_today >= 2, JSON.stringify(h));
  assert.ok(h.posts_last_hour >= 2, JSON.stringify(h));
  assert.ok(h.authors_last_hour >= 2, JSON.stringify(h));
  assert.equal(typeof h.queues.fanout.queued, "number");
  assert.ok(h.open_connections >= 1);
  assert.ok(Array.isArray(h.last_errors));
  err(await U.amy.req("/api/v1/atrium/admin/health"), 403);
  err(await request(ctx.url, "/api/v1/atrium/admin/health"), 401);
  err(await U.ops.req("/api/v1/atrium/admin/health?verbose=1"), 400);
});

// The value of the unlabelled metric `name` in an exposition (undefined if absent).
function metricValue(text, name) {
  const m = new RegExp(`^${name} (\\S+)$`, "m").exec(text);
  return m ? Number(m[1]) : undefined;
}

test("the background queues in /metrics and on the health API: scheduled posts published and dropped, mail waiting", { timeout: 60000 }, async () => {
  const port = await closedPort(); // no mail server: messages stay queued
  const q = await socialServer(["boss", "kim", "lee"], {
    admins: ["boss"],
    args: [
      "--metrics-token", TOKEN,
      "--schedule-min-lead", "1s", "--background-interval", "100",
      "--smtp-url", `smtp://127.0.0.1:${port}`, "--mail-from", "Atrium <atrium@example.com>",
      "--mail-delay", "100", "--mail-poll", "100", "--mail-retry", "60000",
    ],
  });
  const scrape = async () => {
    const res = await request(q.url, "/metrics", { token: TOKEN });
    assert.equal(res.status, 200);
    return res.text;
  };
  try {
    const names = [
      "atrium_scheduled_posts_queue_depth", "atrium_scheduled_posts_queue_oldest_age_seconds",
      "atrium_mail_queue_depth", "atrium_mail_queue_oldest_age_seconds",
      "atrium_retention_queue_depth", "atrium_retention_queue_oldest_age_seconds",
      "atrium_scheduled_posts_published_total", "atrium_scheduled_posts_failed_total",
    ];
    const first = await scrape();
    for (const n of names) assert.equal(metricValue(first, n), 0, `${n} starts at 0`);

    const { kim, lee } = q.users;
    // One post that will publish, and one answering a post deleted before its time: dropped.
    const parent = await post(kim, "a post about to go");
    const soon = new Date(Date.now() + 1500).toISOString();
    ok(await kim.req("/api/v1/statuses", { method: "POST", json: { status: "later, as planned", scheduled_at: soon } }));
    ok(await kim.req("/api/v1/statuses", { method: "POST", json: { status: "answer to nothing", scheduled_at: soon, in_reply_to_id: parent.id } }));
    ok(await kim.req(`/api/v1/statuses/${parent.id}`, { method: "DELETE" }));
    // A mention of lee queues a message the absent mail server never takes.
    await post(kim, "@lee have a look");

    const text = await until("the scheduled posts counted and the mail waiting", async () => {
      const t = await scrape();
      return metricValue(t, "atrium_scheduled_posts_published_total") === 1 &&
        metricValue(t, "atrium_scheduled_posts_failed_total") === 1 &&
        metricValue(t, "atrium_mail_queue_depth") === 1 &&
        metricValue(t, "atrium_mail_queue_oldest_age_seconds") >= 1
        ? t
        : null;
    }, 30000);
    assert.equal(metricValue(text, "atrium_scheduled_posts_queue_depth"), 0, "nothing left due");
    assert.equal(metricValue(text, "atrium_scheduled_posts_queue_oldest_age_seconds"), 0);

    const h = ok(await q.users.boss.req("/api/v1/atrium/admin/health"));
    assert.equal(h.queues.mail.depth, 1, JSON.stringify(h.queues));
    assert.ok(h.queues.mail.oldest_age_seconds >= 1, JSON.stringify(h.queues));
    assert.deepEqual(h.queues.scheduled_posts, { depth: 0, oldest_age_seconds: 0 });
    assert.deepEqual(h.queues.retention, { depth: 0, oldest_age_seconds: 0 });
  } finally {
    await q.srv.stop();
  }
});

// `atrium doctor`'s lines: [{verdict, part, why}].
function doctorLines(stdout) {
  return stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const m = /^(ok  |warn|skip|FAIL)  ([^:]+): (.+)$/.exec(l);
      assert.ok(m, `a doctor line reads "VERDICT  part: why": ${JSON.stringify(l)}`);
      return { verdict: m[1].trim(), part: m[2], why: m[3] };
    });
}

async function healthyDataDir() {
  const dataDir = await makeDataDir();
  const r = await createUser(dataDir, "first", { email: "first@example.com", password: "first-password-1" });
  assert.equal(r.code, 0, r.stderr);
  await fsp.chmod(dataDir, 0o750);
  return dataDir;
}

test("atrium doctor passes on a healthy data folder", T, async () => {
  const dataDir = await healthyDataDir();
  const r = await runCli(["doctor"], { dataDir });
  const lines = doctorLines(r.stdout);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const store = lines.find((l) => l.part === "store");
  assert.equal(store.verdict, "ok", r.stdout);
  assert.match(store.why, usingPostgres ? /connected, schema \d+ \(current\)/ : /schema \d+ \(current\), integrity ok/);
  assert.equal(lines.find((l) => l.part === "data folder").verdict, "ok", r.stdout);
  assert.ok(lines.some((l) => l.part === "free disk (data)"), r.stdout);
  assert.ok(!lines.some((l) => l.verdict === "FAIL"), r.stdout);
});

test("atrium doctor fails naming the store when it is corrupt or unreachable", T, async () => {
  const dataDir = await healthyDataDir();
  let r;
  if (usingPostgres) {
    r = await runCli(["doctor", "--data", dataDir, "--database", `postgres://atrium@127.0.0.1:${await closedPort()}/atrium`]);
  } else {
    const file = path.join(dataDir, "atrium.db");
    const bytes = await fsp.readFile(file);
    bytes.fill(0x5a, 0, 100); // the header: no longer an SQLite database
    await fsp.writeFile(file, bytes);
    r = await runCli(["doctor"], { dataDir });
  }
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const store = doctorLines(r.stdout).find((l) => l.part === "store");
  assert.equal(store.verdict, "FAIL", r.stdout);
});

test("atrium doctor fails naming Redis when it is down", T, async () => {
  const dataDir = await healthyDataDir();
  const r = await runCli(["doctor", "--redis", `redis://127.0.0.1:${await closedPort()}`], { dataDir });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = doctorLines(r.stdout);
  assert.equal(lines.find((l) => l.part === "redis").verdict, "FAIL", r.stdout);
  assert.equal(lines.find((l) => l.part === "store").verdict, "ok", r.stdout);
});

test("atrium doctor greets the mail server without sending, and fails naming it when it is down", T, async () => {
  const dataDir = await healthyDataDir();
  const smtp = await startSmtp();
  const up = await runCli(["doctor", "--smtp-url", smtp.url, "--mail-from", "atrium@example.com"], { dataDir });
  assert.equal(up.code, 0, up.stdout + up.stderr);
  const ok = doctorLines(up.stdout).find((l) => l.part === "mail (SMTP)");
  assert.equal(ok.verdict, "ok", up.stdout);
  assert.match(ok.why, /250/);
  assert.equal(smtp.messages().length, 0, "the doctor sends no message");
  await smtp.stop();
  const down = await runCli(["doctor", "--smtp-url", smtp.url, "--mail-from", "atrium@example.com"], { dataDir });
  assert.equal(down.code, 1, down.stdout + down.stderr);
  const lines = doctorLines(down.stdout);
  assert.equal(lines.find((l) => l.part === "mail (SMTP)").verdict, "FAIL", down.stdout);
  assert.ok(lines.filter((l) => l.verdict === "FAIL").length === 1, down.stdout);
});

test("atrium doctor fails naming the identity provider when it cannot be reached", T, async () => {
  const dataDir = await healthyDataDir();
  const r = await runCli(["doctor", "--oidc-issuer", `http://127.0.0.1:${await closedPort()}`, "--oidc-client-id", "atrium"], { dataDir });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = doctorLines(r.stdout);
  const idp = lines.find((l) => l.part === "identity provider (OpenID Connect)");
  assert.equal(idp.verdict, "FAIL", r.stdout);
  assert.match(idp.why, /openid-configuration/);
  assert.ok(lines.filter((l) => l.verdict === "FAIL").length === 1, r.stdout);
});

test("atrium doctor fails naming the settings when they cannot be read", T, async () => {
  const dataDir = await healthyDataDir();
  const r = await runCli(["doctor", "--metrics-token", "short"], { dataDir });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(doctorLines(r.stdout)[0].part, "settings", r.stdout);
  assert.equal(doctorLines(r.stdout)[0].verdict, "FAIL", r.stdout);
});
