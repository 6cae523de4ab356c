// `atrium backup --out DIR` beside a running server, and `atrium restore`:
// a backup taken in the middle of a burst of posts holds every post
// acknowledged before it began (and none sent after it ended), restores into
// a new data folder that passes the store's integrity checks, and serves
// again with the members' tokens and avatars. A damaged backup, a data
// folder that holds files and a backup folder that holds files are refused
// with nothing changed; on PostgreSQL the command points at the deployment
// guide instead.
import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, stopAll, runCli, makeDataDir } from "./lib/server.mjs";
import { request, describe as describeRes } from "./lib/http.mjs";
import { registerApp, passwordToken } from "./lib/oauth.mjs";

after(stopAll);

const T = { timeout: 180000 };
const DEMO_PASSWORD = "atrium-demo";
const WRITERS = ["maria", "jonas", "priya", "mei"];
// An avatar picture (stored as the image pipeline re-encodes it).
const PNG = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "media", "image.png"));

// The CLI on the embedded store of `dataDir` (never the suite's PostgreSQL).
function cli(args) {
  return runCli(args, { timeoutMs: 120000 });
}

async function tokensFor(url, names) {
  const app = await registerApp(url, { name: "backup-test", redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
  const out = {};
  for (const n of names) out[n] = await passwordToken(url, app, n, DEMO_PASSWORD, "read write");
  return out;
}

async function setAvatar(url, token) {
  const form = new FormData();
  form.append("avatar", new Blob([PNG], { type: "image/png" }), "avatar.png");
  const res = await fetch(`${url}/api/v1/accounts/update_credentials`, { method: "PATCH", headers: { Authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text).avatar;
}

function sha256(bytes) {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

// Writers posting one after another until stop() (each member in a loop of
// its own); every acknowledged post is recorded with when it was sent and
// when its answer arrived.
function startBurst(url, tokens) {
  const posts = [];
  const failures = [];
  let stopping = false;
  let seq = 0;
  const loops = Object.entries(tokens).map(async ([name, token]) => {
    while (!stopping) {
      const text = `burst ${name} ${++seq}`;
      const sentAt = performance.now();
      const res = await request(url, "/api/v1/statuses", { method: "POST", token, json: { status: text } });
      const ackAt = performance.now();
      if (res.status === 200) posts.push({ id: res.json.id, name, text, sentAt, ackAt });
      else failures.push(describeRes(res));
    }
  });
  return {
    posts,
    failures,
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}

async function until(condition, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("atrium backup while serving, atrium restore", () => {
  let sourceDir, backupDir, srv;

  test("a backup taken during a burst of posts restores every post acknowledged before it began", T, async () => {
    sourceDir = await makeDataDir();
    srv = await startServer({ dataDir: sourceDir, embedded: true, args: ["--demo"] });
    const tokens = await tokensFor(srv.url, WRITERS);
    const avatarUrl = await setAvatar(srv.url, tokens.mei);
    const avatarFile = path.basename(new URL(avatarUrl).pathname);
    const avatarServed = await fetch(avatarUrl, { headers: { Authorization: `Bearer ${tokens.mei}` } });
    assert.equal(avatarServed.status, 200);
    const avatarBytes = Buffer.from(await avatarServed.arrayBuffer());

    const burst = startBurst(srv.url, tokens);
    await until(() => burst.posts.length >= 40, "40 acknowledged posts");
    backupDir = path.join(await makeDataDir(), "backup");
    const backupStarted = performance.now();
    const countAtStart = burst.posts.length;
    const r = await cli(["backup", "--out", backupDir, "--data", sourceDir]);
    const backupEnded = performance.now();
    // Writes went on while the backup ran, and go on after it.
    const countAtEnd = burst.posts.length;
    await until(() => burst.posts.length >= countAtEnd + 20, "20 more acknowledged posts");
    await burst.stop();
    assert.equal(r.code, 0, `atrium backup: ${r.stderr}${r.stdout}`);
    assert.deepEqual(burst.failures, [], "every post of the burst was answered 200");
    assert.ok(countAtStart >= 40);

    // The manifest names the database and the avatar, with their sizes and hashes.
    const manifest = JSON.parse(await fsp.readFile(path.join(backupDir, "manifest.json"), "utf8"));
    assert.equal(manifest.format, "atrium-backup");
    assert.ok(manifest.schema_version > 0);
    assert.ok(!Number.isNaN(Date.parse(manifest.created_at)));
    const paths = manifest.files.map((f) => f.path);
    assert.equal(paths[0], "atrium.db");
    assert.ok(paths.some((p) => p.startsWith("media/") && p.endsWith(avatarFile)), `the avatar ${avatarFile} is in ${paths}`);
    for (const f of manifest.files) {
      const bytes = await fsp.readFile(path.join(backupDir, f.path));
      assert.equal(bytes.length, f.bytes, f.path);
      assert.equal(sha256(bytes), f.sha256, f.path);
    }

    // Restore into a new data folder, beside the running server.
    const restoredDir = await makeDataDir();
    const restored = await cli(["restore", "--from", backupDir, "--data", restoredDir]);
    assert.equal(restored.code, 0, `atrium restore: ${restored.stderr}${restored.stdout}`);
    // The restored store passes the integrity and foreign-key checks: a
    // backup of it checks its copy (a page-for-page image) before it succeeds.
    const recheck = await cli(["backup", "--out", path.join(await makeDataDir(), "again"), "--data", restoredDir]);
    assert.equal(recheck.code, 0, `the restored store fails its checks: ${recheck.stderr}`);

    const copy = await startServer({ dataDir: restoredDir, embedded: true });
    const before = burst.posts.filter((p) => p.ackAt < backupStarted);
    const afterEnd = burst.posts.filter((p) => p.sentAt > backupEnded);
    assert.equal(before.length, countAtStart);
    assert.ok(afterEnd.length >= 1, "posts were sent after the backup ended");
    for (const p of before) {
      const res = await request(copy.url, `/api/v1/statuses/${p.id}`, { token: tokens[p.name] });
      assert.equal(res.status, 200, `post ${p.id} (acknowledged before the backup began) after the restore: ${describeRes(res)}`);
      assert.equal(res.json.content.includes(p.text), true, `post ${p.id} holds its text`);
    }
    for (const p of afterEnd) {
      const res = await request(copy.url, `/api/v1/statuses/${p.id}`, { token: tokens[p.name] });
      assert.equal(res.status, 404, `post ${p.id} was sent after the backup ended, yet it is in it`);
    }
    const avatar = await fetch(avatarUrl.replace(srv.url, copy.url), { headers: { Authorization: `Bearer ${tokens.mei}` } });
    assert.equal(avatar.status, 200);
    assert.deepEqual(Buffer.from(await avatar.arrayBuffer()), avatarBytes);
    await copy.stop();
  });

  test("restore refuses a damaged backup and a data folder that holds files; backup refuses a used folder", T, async () => {
    assert.ok(backupDir, "the first test made a backup");
    // A data folder that holds files: refused without --force, unchanged.
    const before = await fsp.readdir(sourceDir);
    let r = await cli(["restore", "--from", backupDir, "--data", sourceDir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Data folder not empty.*--force/);
    assert.deepEqual(await fsp.readdir(sourceDir), before);

    // One byte of the database changed: refused, nothing written.
    const damaged = path.join(await makeDataDir(), "damaged");
    await fsp.cp(backupDir, damaged, { recursive: true });
    const db = await fsp.readFile(path.join(damaged, "atrium.db"));
    db[db.length - 100] ^= 0xff;
    await fsp.writeFile(path.join(damaged, "atrium.db"), db);
    const target = path.join(await makeDataDir(), "target");
    r = await cli(["restore", "--from", damaged, "--data", target]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Backup damaged: atrium\.db .* SHA-256/);
    assert.equal(fs.existsSync(target), false, "nothing was written");
    assert.deepEqual((await fsp.readdir(path.dirname(target))).filter((n) => n.includes("target")), []);

    // A backup without its manifest (one that did not finish).
    await fsp.rm(path.join(damaged, "manifest.json"));
    r = await cli(["restore", "--from", damaged, "--data", target]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no manifest\.json/);

    // A backup folder that holds files: refused, its files left alone.
    r = await cli(["backup", "--out", damaged, "--data", sourceDir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Backup folder not empty/);
    assert.equal(fs.existsSync(path.join(damaged, "manifest.json")), false);
    await srv.stop();
  });

  test("on PostgreSQL, backup refuses and names the deployment guide", T, async () => {
    const out = path.join(await makeDataDir(), "pg-backup");
    const r = await cli(["backup", "--out", out, "--data", await makeDataDir(), "--database", "postgres://atrium:secret@127.0.0.1:1/atrium"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /pg_dump -Fc/);
    assert.match(r.stderr, /docs\/DEPLOYMENT\.md/);
    assert.doesNotMatch(r.stderr, /secret/);
    assert.equal(fs.existsSync(out), false);
  });
});
