// Cluster mode: two nodes on one PostgreSQL and one Redis, behind nginx
// configured with docs/nginx-atrium.conf. A post made on one node reaches a
// live stream and a home feed on the other; killing a node with SIGKILL in
// the middle of a burst of posts loses no acknowledged post, no delivery to
// a warm home feed and no live event, and the other node serves throughout.
// A fan-out job that a dead node read and never acknowledged is taken over
// and done by a live one.
//
// Runs when the suite runs on PostgreSQL and Redis (scripts/test-services.sh
// with redis-server installed) and nginx is installed; skipped otherwise.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execFile } from "node:child_process";
import { startServer, stopAll, makeDataDir, createUser, usingRedis, redisUrl, databaseFor } from "./lib/server.mjs";
import { request, sleep, tryConnect, freePort } from "./lib/http.mjs";
import { registerApp, passwordToken } from "./lib/oauth.mjs";
import { openSse } from "./lib/social-helpers.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const NGINX = "/usr/sbin/nginx";
const SAMPLE = path.resolve(__dirname, "../../docs/nginx-atrium.conf");
const skip = !usingRedis ? "needs PostgreSQL and Redis (scripts/test-services.sh)" : !fs.existsSync(NGINX) ? "needs nginx" : false;

const cleanups = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  await stopAll();
});

// nginx in the foreground with the sample configuration, its addresses replaced.
async function startNginx(nodePorts) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "atrium-nginx-"));
  await fsp.chmod(dir, 0o777);
  const port = await freePort();
  let site = await fsp.readFile(SAMPLE, "utf8");
  assert.match(site, /127\.0\.0\.1:8081/);
  site = site
    .replace("127.0.0.1:8081", `127.0.0.1:${nodePorts[0]}`)
    .replace("127.0.0.1:8082", `127.0.0.1:${nodePorts[1]}`)
    .replace("listen 127.0.0.1:8080", `listen 127.0.0.1:${port}`);
  const conf = `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`;
  await fsp.writeFile(path.join(dir, "nginx.conf"), conf);
  const proc = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((r) => proc.on("exit", r));
  cleanups.push(async () => {
    proc.kill("SIGTERM");
    await exited;
    await fsp.rm(dir, { recursive: true, force: true });
  });
  // Polled until it listens or exits, for 30 s at most.
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    // tryConnect answers null once something accepts, else the error's code.
    if ((await tryConnect(port)) === null) return { url: `http://127.0.0.1:${port}`, proc };
    if (proc.exitCode !== null) break;
    await sleep(50);
  }
  throw new Error(`nginx did not start: ${stderr} ${await fsp.readFile(path.join(dir, "error.log"), "utf8").catch(() => "")}`);
}

const idOf = (e) => (typeof e.payload === "object" ? e.payload?.id : e.payload);

async function homeIds(base, token) {
  const got = new Set();
  let maxId = "";
  for (let page = 0; page < 30; page++) {
    const res = await request(base, `/api/v1/timelines/home?limit=40${maxId ? `&max_id=${maxId}` : ""}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200, `home: ${res.status} ${res.text}`);
    if (res.json.length === 0) break;
    for (const s of res.json) got.add(s.id);
    maxId = res.json[res.json.length - 1].id;
  }
  return got;
}

test("two nodes behind nginx: any node serves, kill -9 of one loses nothing", { skip, timeout: 180000 }, async () => {
  const dataDir = await makeDataDir();
  for (const name of ["alice", "bob"]) {
    const r = await createUser(dataDir, name, { email: `${name}@example.com`, password: `${name}-password-1` });
    assert.equal(r.code, 0, r.stderr);
  }
  // Both nodes on the same database, Redis and data folder; a short
  // take-over time for fan-out jobs a dead node leaves behind.
  const args = ["--fanout-reclaim", "1500"];
  const a = await startServer({ dataDir, args: [...args, "--node-id", "1"] });
  const b = await startServer({ dataDir, args: [...args, "--node-id", "2"] });
  const lb = await startNginx([a.port, b.port]);

  const app = await registerApp(lb.url, { redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write follow" });
  const alice = await passwordToken(lb.url, app, "alice", "alice-password-1", "read write follow");
  const bob = await passwordToken(lb.url, app, "bob", "bob-password-1", "read write follow");
  const as = (token) => ({ headers: { Authorization: `Bearer ${token}` } });

  // Bob follows Alice (through nginx), and his home feed is built (on B).
  const aliceAccount = await request(a.url, "/api/v1/accounts/verify_credentials", as(alice));
  assert.equal(aliceAccount.status, 200);
  const f = await request(lb.url, `/api/v1/accounts/${aliceAccount.json.id}/follow`, { method: "POST", ...as(bob) });
  assert.equal(f.status, 200, f.text);
  assert.equal(f.json.following, true);
  // The follow, made on either node, is seen by both (graph invalidation).
  for (const node of [a, b]) {
    const rel = await request(node.url, `/api/v1/accounts/relationships?id[]=${aliceAccount.json.id}`, as(bob));
    assert.equal(rel.json[0].following, true, `${node.url} sees the follow`);
  }
  assert.equal((await homeIds(b.url, bob)).size, 0);

  // A post on A arrives on a live stream connected to B, and in B's home.
  const sse = await openSse(b.url, "/api/v1/streaming/user", { token: bob });
  cleanups.push(async () => sse.close());
  assert.equal(sse.status, 200);
  await sleep(200);
  const first = await request(a.url, "/api/v1/statuses", { method: "POST", json: { status: "hello from node A" }, ...as(alice) });
  assert.equal(first.status, 200, first.text);
  const ev = await sse.log.waitFor((e) => e.event === "update" && idOf(e) === first.json.id, 5000, "the update on node B");
  assert.equal(ev.payload.content, "<p>hello from node A</p>");
  assert.ok((await homeIds(b.url, bob)).has(first.json.id), "the post is in Bob's home on node B");
  assert.ok((await homeIds(a.url, bob)).has(first.json.id), "and on node A (one shared feed)");
  const updates = sse.log.events.filter((e) => e.event === "update" && idOf(e) === first.json.id);
  assert.equal(updates.length, 1, "one event per post, not one per node");

  // What each node caches per reader is dropped on the other at once: Bob's
  // own marks on the home page, and who a token stands for.
  const favouritedOn = async (node) =>
    (await request(node.url, "/api/v1/timelines/home?limit=5", as(bob))).json.find((s) => s.id === first.json.id)?.favourited;
  assert.equal(await favouritedOn(b), false);
  assert.equal((await request(a.url, `/api/v1/statuses/${first.json.id}/favourite`, { method: "POST", ...as(bob) })).status, 200);
  assert.equal(await favouritedOn(b), true, "a like on node A shows on node B's home page at once");
  const spare = await passwordToken(lb.url, app, "bob", "bob-password-1", "read");
  assert.equal((await request(b.url, "/api/v1/accounts/verify_credentials", as(spare))).status, 200);
  const revoked = await request(a.url, "/oauth/revoke", { method: "POST", form: { client_id: app.client_id, client_secret: app.client_secret, token: spare } });
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal((await request(b.url, "/api/v1/accounts/verify_credentials", as(spare))).status, 401, "revoked on node A: refused on node B at once");

  // A burst of posts through nginx; node A dies in the middle of it.
  const acknowledged = [];
  let stop = false;
  let killed = false;
  let ackedAtKill = 0;
  const writer = async (w) => {
    for (let i = 0; !stop; i++) {
      try {
        const res = await request(lb.url, "/api/v1/statuses", { method: "POST", json: { status: `burst ${w}-${i}` }, ...as(alice) });
        if (res.status === 200) acknowledged.push(res.json.id);
      } catch {
        await sleep(20);
      }
    }
  };
  const bStatuses = [];
  const poller = async () => {
    while (!stop) {
      const res = await request(b.url, "/api/v1/timelines/home?limit=5", as(bob));
      bStatuses.push(res.status);
      await sleep(25);
    }
  };
  const running = [0, 1, 2, 3].map(writer).concat(poller());
  while (acknowledged.length < 80) await sleep(5);
  a.proc.kill("SIGKILL");
  killed = true;
  ackedAtKill = acknowledged.length;
  const exit = await a.exited;
  assert.equal(exit.signal, "SIGKILL");
  // nginx moves on to node B; the writers go on until B acknowledged more.
  const deadline = Date.now() + 30000;
  while (acknowledged.length < ackedAtKill + 40 && Date.now() < deadline) await sleep(20);
  stop = true;
  await Promise.all(running);
  assert.ok(killed && acknowledged.length >= ackedAtKill + 40, `after the kill only ${acknowledged.length - ackedAtKill} posts were acknowledged`);
  assert.ok(bStatuses.length > 0 && bStatuses.every((s) => s === 200), `node B answered ${[...new Set(bStatuses)]}`);

  // Every acknowledged post is there, in Bob's (warm) home feed and on his
  // live stream on B: the fan-out jobs A left unfinished were taken over.
  for (const id of acknowledged) {
    const res = await request(b.url, `/api/v1/statuses/${id}`, as(bob));
    assert.equal(res.status, 200, `post ${id}: ${res.status}`);
  }
  let missingHome = [];
  for (let i = 0; i < 50; i++) {
    const home = await homeIds(b.url, bob);
    missingHome = acknowledged.filter((id) => !home.has(id));
    if (missingHome.length === 0) break;
    await sleep(200);
  }
  assert.deepEqual(missingHome, [], `${missingHome.length} of ${acknowledged.length} acknowledged posts are missing from the home feed`);
  let missingLive = [];
  for (let i = 0; i < 25; i++) {
    const streamed = new Set(sse.log.events.filter((e) => e.event === "update").map(idOf));
    missingLive = acknowledged.filter((id) => !streamed.has(id));
    if (missingLive.length === 0) break;
    await sleep(200);
  }
  assert.deepEqual(missingLive, [], `${missingLive.length} acknowledged posts never reached the live stream`);
  sse.close();
  await b.stop();
});

// Runs redis-cli commands, one a line, on one connection; resolves to stdout.
function redisCli(lines) {
  return new Promise((resolve, reject) => {
    const child = execFile("redis-cli", ["-u", redisUrl], (err, stdout, stderr) =>
      err ? reject(new Error(`redis-cli: ${stderr || err.message}`)) : resolve(stdout),
    );
    child.stdin.end(lines.join("\n") + "\n");
  });
}

test("a fan-out job a node read and never acknowledged is done by another node", { skip, timeout: 120000 }, async () => {
  const dataDir = await makeDataDir();
  for (const name of ["carol", "dave"]) {
    const r = await createUser(dataDir, name, { email: `${name}@example.com`, password: `${name}-password-1` });
    assert.equal(r.code, 0, r.stderr);
  }
  const node = await startServer({ dataDir, args: ["--fanout-reclaim", "1000", "--node-id", "3"] });
  const stream = `${new URL(await databaseFor(dataDir)).pathname.slice(1)}:fanout`;
  const app = await registerApp(node.url, { redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write follow" });
  const carol = await passwordToken(node.url, app, "carol", "carol-password-1", "read write follow");
  const dave = await passwordToken(node.url, app, "dave", "dave-password-1", "read write follow");
  const as = (token) => ({ headers: { Authorization: `Bearer ${token}` } });
  const carolId = (await request(node.url, "/api/v1/accounts/verify_credentials", as(carol))).json.id;
  assert.equal((await request(node.url, `/api/v1/accounts/${carolId}/follow`, { method: "POST", ...as(dave) })).status, 200);
  const sse = await openSse(node.url, "/api/v1/streaming/user", { token: dave });
  cleanups.push(async () => sse.close());
  await sleep(200);
  const post = await request(node.url, "/api/v1/statuses", { method: "POST", json: { status: "taken over" }, ...as(carol) });
  assert.equal(post.status, 200, post.text);
  await sse.log.waitFor((e) => e.event === "update" && idOf(e) === post.json.id, 5000, "the first delivery");

  // The post's job, as the node that took the request added it.
  const entries = await redisCli([`XRANGE ${stream} - +`]);
  const payload = entries.split("\n").find((line) => line.includes(post.json.id));
  assert.ok(payload, `a job for ${post.json.id} in ${entries}`);
  // A node that reads that job again and dies before acknowledging it: in
  // one transaction, so no live node can read it first.
  const quoted = `'${payload.replaceAll("'", "\\'")}'`;
  const ghost = await redisCli(["MULTI", `XADD ${stream} * job ${quoted}`, `XREADGROUP GROUP fanout dead-node COUNT 1 STREAMS ${stream} >`, "EXEC"]);
  assert.ok(ghost.split("\n").filter((l) => l.includes(post.json.id)).length >= 1, `the dead node read the job: ${ghost}`);
  assert.match(await redisCli([`XPENDING ${stream} fanout`]), /dead-node\s+1/);

  // After --fanout-reclaim, the live node takes the job over and does it:
  // the post is delivered to the live stream again, and nothing is pending.
  await sse.log.waitFor(
    (e) => e.event === "update" && idOf(e) === post.json.id && sse.log.events.filter((x) => x.event === "update" && idOf(x) === post.json.id).length >= 2,
    15000,
    "the delivery by the node that took the job over",
  );
  let pending = "";
  for (let i = 0; i < 50; i++) {
    pending = await redisCli([`XPENDING ${stream} fanout - + 10`]);
    if (pending.trim() === "") break;
    await sleep(100);
  }
  assert.equal(pending.trim(), "", "no job left pending");
  // The log is written in batches (at most 100 ms late).
  let log = "";
  for (let i = 0; i < 20 && !/took over 1 fan-out job/.test(log); i++) {
    if (i) await sleep(100);
    log = node.output().stdout + node.output().stderr;
  }
  assert.match(log, /took over 1 fan-out job/);
  sse.close();
  await node.stop();
});

test("sign-in failures count on every node together", { skip, timeout: 60000 }, async () => {
  const dataDir = await makeDataDir();
  const r = await createUser(dataDir, "erin", { email: "erin@example.com", password: "erin-password-1" });
  assert.equal(r.code, 0, r.stderr);
  const limits = ["--signin-free-failures", "2", "--signin-delay", "30000", "--signin-failures-per-address", "1000"];
  const a = await startServer({ dataDir, args: [...limits, "--node-id", "4"] });
  const b = await startServer({ dataDir, args: [...limits, "--node-id", "5"] });
  const signIn = (node, password) => request(node.url, "/auth/sign_in", { method: "POST", json: { login: "erin", password } });
  assert.equal((await signIn(a, "wrong-1")).status, 401);
  assert.equal((await signIn(b, "wrong-2")).status, 401);
  assert.equal((await signIn(a, "wrong-3")).status, 401);
  // Three failures in all, on two nodes, from one address: past the two
  // free ones, so both nodes make the pair wait, even with the right password.
  for (const node of [a, b]) {
    const res = await signIn(node, "erin-password-1");
    assert.equal(res.status, 429, `${node.url}: ${res.text}`);
    assert.match(res.json.error, /Too many failed sign-in attempts/);
    const wait = Number(res.headers.get("retry-after"));
    assert.ok(wait > 25 && wait <= 30, `Retry-After ${wait}`);
  }
  await a.stop();
  await b.stop();
});

// A Redis of this test's own, to stop and start again.
async function startRedis(port, dir) {
  const proc = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const exited = new Promise((r) => proc.on("exit", r));
  for (let i = 0; i < 100 && (await tryConnect(port)) !== null; i++) await sleep(50);
  return { proc, exited };
}

test("Redis: a wrong URL or a Redis that is down stops the start; Redis going away → 503, back → recovered", { skip, timeout: 120000 }, async () => {
  const dataDir = await makeDataDir();
  const r = await createUser(dataDir, "carol", { email: "carol@example.com", password: "carol-password-1" });
  assert.equal(r.code, 0, r.stderr);
  const port = await freePort();

  // Wrong URL, and nothing listening: a clear message and a non-zero exit.
  for (const [url, message] of [
    ["http://127.0.0.1:6379", /redis/i],
    [`redis://127.0.0.1:${port}/x`, /bad redis URL/],
    [`redis://127.0.0.1:${port}`, /cannot reach Redis/],
  ]) {
    await assert.rejects(startServer({ dataDir, redis: false, args: ["--redis", url] }), (e) => {
      assert.match(e.message, /exited before listening \(code [1-9]/);
      assert.match(e.message, message);
      return true;
    });
  }

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "atrium-redis-own-"));
  await fsp.chmod(dir, 0o777);
  let redis = await startRedis(port, dir);
  cleanups.push(async () => {
    redis.proc.kill("SIGKILL");
    await fsp.rm(dir, { recursive: true, force: true });
  });
  const node = await startServer({ dataDir, redis: false, args: ["--redis", `redis://127.0.0.1:${port}`, "--redis-prefix", "own"] });
  const app = await registerApp(node.url, { redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
  const carol = await passwordToken(node.url, app, "carol", "carol-password-1", "read write");
  const as = { headers: { Authorization: `Bearer ${carol}` } };
  assert.equal((await request(node.url, "/api/v1/timelines/home", as)).status, 200);

  // Redis goes away: what needs it answers 503; the rest keeps working.
  redis.proc.kill("SIGKILL");
  await redis.exited;
  const down = await request(node.url, "/api/v1/timelines/home", as);
  assert.equal(down.status, 503, down.text);
  assert.equal((await request(node.url, "/api/v1/accounts/verify_credentials", as)).status, 200);
  const during = await request(node.url, "/api/v1/statuses", { method: "POST", json: { status: "while Redis was away" }, ...as });
  assert.equal(during.status, 200, during.text);

  // Redis returns (empty): the node recovers by itself — feeds rebuild, the
  // live stream and the fan-out queue work again.
  redis = await startRedis(port, dir);
  let home;
  for (let i = 0; i < 100; i++) {
    home = await request(node.url, "/api/v1/timelines/home", as);
    if (home.status === 200) break;
    await sleep(100);
  }
  assert.equal(home.status, 200, home.text);
  assert.ok(home.json.some((s) => s.id === during.json.id), "the post made while Redis was away is in the rebuilt feed");
  const sse = await openSse(node.url, "/api/v1/streaming/user", { token: carol });
  await sleep(1500); // the subscription comes back within a second
  const after = await request(node.url, "/api/v1/statuses", { method: "POST", json: { status: "Redis is back" }, ...as });
  assert.equal(after.status, 200);
  await sse.log.waitFor((e) => e.event === "update" && idOf(e) === after.json.id, 10000, "a live event after Redis came back");
  const again = await request(node.url, "/api/v1/timelines/home", as);
  assert.equal(again.json[0].id, after.json.id, "fan-out delivers to the feed again");
  sse.close();
  await node.stop();
});
