// Compliance, continued: moderators hear of a new report (Mastodon's
// admin.report notification, only those whose scope covers it); a warning
// sent with send_email_notification reaches the person by e-mail (a real
// SMTP server on loopback, lib/smtp.mjs); a post removed through a report
// enters its community's moderation log; retention cleans up the files of
// what it deletes; eDiscovery exports name direct messages received and
// export a community; and the export as an administrators' job
// (/api/v1/atrium/admin/exports) with progress, a download and the audit log.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { socialServer, post, ok, err, eventually, addUser, makeUser, request, T } from "./lib/social-helpers.mjs";
import { startSmtp } from "./lib/smtp.mjs";
import { startServer, runSql, makeDataDir } from "./lib/server.mjs";
import { untar, verifyManifest, jsonl, readFolder } from "./lib/ediscovery.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const IMAGE = fs.readFileSync(path.join(__dirname, "fixtures", "media", "image.png"));
const DAY = 24 * 60 * 60 * 1000;
const X = "/api/v1/atrium/admin/exports";
const H = "/api/v1/atrium/admin/legal_holds";
const R = "/api/v1/atrium/admin/retention";
const SLOW = { timeout: 120000 };

const C = "/api/v1/atrium/communities";

let ctx, smtp, U;
before(async () => {
  smtp = await startSmtp();
  ctx = await socialServer(["root", "ada", "eve", "ben", "cleo", "fay"], {
    admins: ["root"],
    args: ["--smtp-url", smtp.url, "--mail-from", "Atrium <atrium@example.com>", "--mail-poll", "100", "--mail-retry", "200", "--background-interval", "100"],
  });
  U = ctx.users;
  await addUser(ctx, "mod", "moderator");
});

const notes = async (u, type) => ok(await u.req(`/api/v1/notifications?types[]=${encodeURIComponent(type)}&limit=80`));
const community = async (owner, handle) => {
  const c = ok(await owner.req(C, { method: "POST", json: { handle, name: handle, type: "public" } }));
  for (const u of [U.ben, U.cleo]) ok(await u.req(`${C}/${c.id}/join`, { method: "POST" }));
  return c;
};

test("a new report notifies the moderators whose scope covers it (admin.report), and nobody else", T, async () => {
  const alpha = await community(U.ada, "alpha_reports");
  await community(U.eve, "beta_reports");
  const inAlpha = await post(U.ben, "off-topic in alpha", { community_id: alpha.id });
  const outside = await post(U.ben, "something for everyone");

  const r1 = ok(await U.cleo.req("/api/v1/reports", { method: "POST", json: { account_id: U.ben.id, status_ids: [inAlpha.id], comment: "not for this community", category: "other" } }));
  const r2 = ok(await U.cleo.req("/api/v1/reports", { method: "POST", json: { account_id: U.ben.id, status_ids: [outside.id], category: "spam" } }));

  for (const staff of [U.root, U.mod]) {
    const got = await notes(staff, "admin.report");
    assert.deepEqual(got.map((n) => n.report?.id), [r2.id, r1.id], `${staff.name} hears of both`);
    assert.equal(got[0].type, "admin.report");
    assert.equal(got[0].account.id, U.cleo.id, "from the reporter");
    assert.equal(got[1].report.comment, "not for this community");
    assert.deepEqual(got[1].report.status_ids, [inAlpha.id]);
    assert.equal(got[1].report.target_account.id, U.ben.id);
  }
  // alpha's owner: only the report about alpha's post.
  assert.deepEqual((await notes(U.ada, "admin.report")).map((n) => n.report.id), [r1.id]);
  // beta's owner, the reporter and the person reported: nothing.
  for (const u of [U.eve, U.cleo, U.ben]) assert.deepEqual(await notes(u, "admin.report"), [], u.name);
});

test("a community's moderator who loses the role no longer sees the report's notification", T, async () => {
  const gamma = await community(U.ada, "gamma_reports");
  ok(await U.fay.req(`${C}/${gamma.id}/join`, { method: "POST" }));
  ok(await U.ada.req(`${C}/${gamma.id}/members/${U.fay.id}`, { method: "PATCH", json: { role: "moderator" } }));
  const p = await post(U.ben, "gamma post", { community_id: gamma.id });
  const r = ok(await U.cleo.req("/api/v1/reports", { method: "POST", json: { account_id: U.ben.id, status_ids: [p.id] } }));
  assert.deepEqual((await notes(U.fay, "admin.report")).map((n) => n.report.id), [r.id]);
  ok(await U.ada.req(`${C}/${gamma.id}/members/${U.fay.id}`, { method: "PATCH", json: { role: "member" } }));
  assert.deepEqual(await notes(U.fay, "admin.report"), []);
});

test("a warning with send_email_notification is e-mailed to the person; without it, not", T, async () => {
  const action = async (target, body) => ok(await U.root.req(`/api/v1/admin/accounts/${target.id}/action`, { method: "POST", json: body }));
  await action(U.cleo, { type: "none", text: "Quiet warning, no mail", send_email_notification: false });
  await action(U.fay, { type: "none", text: "Please keep launch dates to yourself", send_email_notification: true });
  await action(U.eve, { type: "suspend", text: "Account closed after the investigation", send_email_notification: "true" });
  const [m] = await eventually(() => {
    const got = smtp.to("fay@example.com");
    assert.equal(got.length, 1);
    return got;
  }, 15000);
  assert.match(m.header("Subject"), /moderators/);
  assert.match(m.text, /Please keep launch dates to yourself/);
  assert.match(m.text, /You received a warning/);
  assert.match(m.html, /Please keep launch dates to yourself/);
  const [closed] = await eventually(() => {
    const got = smtp.to("eve@example.com");
    assert.equal(got.length, 1, "sent though the action deactivated her");
    return got;
  }, 15000);
  assert.match(closed.text, /deactivated/);
  assert.match(closed.text, /Account closed after the investigation/);
  assert.deepEqual(smtp.to("cleo@example.com"), [], "no e-mail asked for, none sent");
  // Still refused: a value that is not a boolean, and nothing is sent for it.
  err(await U.root.req(`/api/v1/admin/accounts/${U.cleo.id}/action`, { method: "POST", json: { type: "none", text: "x", send_email_notification: "maybe" } }), 422);
});

test("a post removed through a report enters its community's moderation log", T, async () => {
  const delta = await community(U.ada, "delta_reports");
  const p = await post(U.ben, "the launch date is…", { community_id: delta.id });
  const outside = await post(U.ben, "also the launch date");
  const r = ok(await U.cleo.req("/api/v1/reports", { method: "POST", json: { account_id: U.ben.id, status_ids: [p.id, outside.id] } }));
  ok(await U.root.req(`/api/v1/atrium/admin/reports/${r.id}/remove_statuses`, { method: "POST", json: { reason: "Unannounced launch date" } }));
  err(await U.ada.req(`/api/v1/statuses/${p.id}`), 404);
  const log = ok(await U.ada.req(`${C}/${delta.id}/moderation_log`));
  assert.deepEqual(log.map((e) => [e.action, e.status_id, e.account.id, e.target_account_id, e.reason]), [
    ["remove_status", p.id, U.root.id, U.ben.id, "Unannounced launch date"],
  ]);
});

async function upload(user, url = ctx.url) {
  const form = new FormData();
  form.append("file", new Blob([IMAGE], { type: "image/png" }), "chart.png");
  const res = await fetch(`${url}/api/v2/media`, { method: "POST", headers: { Authorization: `Bearer ${user.token}` }, body: form });
  assert.ok(res.status === 200 || res.status === 202, `upload: ${res.status}`);
  return (await res.json()).id;
}
const readLines = async (file) => (await fsp.readFile(file, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
const audit = async (query) => ok(await U.root.req(`/api/v1/atrium/admin/audit${query}`));


test("a person's export holds the direct messages they received, and every direct message names its participants", T, async () => {
  const from = Date.now();
  const toBen = await post(U.ada, "@ben @cleo the offer letter, between us", { visibility: "direct" });
  const notBen = await post(U.ada, "@cleo only for you", { visibility: "direct" });
  const fromBen = await post(U.ben, "@ada thanks, received", { visibility: "direct" });
  const mentioned = await post(U.ada, "@ben a public mention is not a direct message");
  const dir = path.join(await makeDataDir(), "ben");
  const r = await ctx.srv.cli(["ediscovery", "export", "--person", "ben", "--from", new Date(from).toISOString(), "--out", dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 direct messages received/);
  const files = await readFolder(dir);
  const manifest = verifyManifest(files, "");
  assert.equal(manifest.counts.direct_received, 1);
  const received = jsonl(files["direct_received.jsonl"]);
  assert.deepEqual(received.map((p) => p.id), [toBen.id], "only the direct messages sent to him");
  assert.equal(received[0].text.includes("the offer letter"), true);
  assert.deepEqual(received[0].participants.map((p) => p.username), ["ada", "ben", "cleo"], "author first, then who it was sent to");
  assert.equal(received[0].participants[0].id, U.ada.id);
  const posts = jsonl(files["posts.jsonl"]);
  const sent = posts.find((p) => p.id === fromBen.id);
  assert.deepEqual(sent.participants.map((p) => p.username), ["ben", "ada"]);
  for (const p of [notBen, mentioned]) assert.ok(!received.some((x) => x.id === p.id) && !posts.some((x) => x.id === p.id));
});

test("atrium ediscovery export --community: its posts, members and moderation log, checksums verified", T, async () => {
  const c = await community(U.ada, "ops_export");
  const from = Date.now();
  const media = await upload(U.ben);
  const p1 = await post(U.ben, "ops: the plan", { community_id: c.id, media_ids: [media] });
  const reply = await post(U.cleo, "ops: agreed", { in_reply_to_id: p1.id });
  const gone = await post(U.cleo, "ops: off topic", { community_id: c.id });
  ok(await U.ada.req(`${C}/${c.id}/statuses/${gone.id}`, { method: "DELETE", json: { reason: "off topic" } }));
  const outside = await post(U.ben, "not in ops");
  const dir = path.join(await makeDataDir(), "ops");
  const r = await ctx.srv.cli(["ediscovery", "export", "--community", "ops_export", "--from", new Date(from).toISOString(), "--out", dir]);
  assert.equal(r.code, 0, r.stderr);
  const files = await readFolder(dir);
  const manifest = verifyManifest(files, "");
  assert.equal(manifest.community.handle, "ops_export");
  assert.equal(manifest.community.id, c.id);
  const posts = jsonl(files["posts.jsonl"]);
  assert.deepEqual(posts.map((p) => p.id), [p1.id, reply.id], "its posts and comments, oldest first");
  assert.ok(!posts.some((p) => p.id === outside.id));
  assert.deepEqual(await fsp.readFile(path.join(dir, posts[0].attachments[0].file)), IMAGE);
  const members = jsonl(files["members.jsonl"]);
  assert.deepEqual(members.map((m) => [m.username, m.role]).sort(), [["ada", "owner"], ["ben", "member"], ["cleo", "member"]]);
  const log = jsonl(files["moderation_log.jsonl"]);
  assert.deepEqual(log.map((e) => [e.action, e.status_id, e.moderator.username, e.target.username, e.reason]), [["remove_status", gone.id, "ada", "cleo", "off topic"]]);
  assert.deepEqual(manifest.counts, { posts: 2, deleted_under_hold: 0, members: 3, moderation_actions: 1, attachments: 1 });
  const [entry] = await audit(`?action=ediscovery.export&target_type=community&target=${c.id}`);
  assert.equal(entry.after.posts, 2);
  // Refused: both, neither, an unknown community.
  for (const args of [["--person", "ben", "--community", "ops_export"], [], ["--community", "nowhere"]]) {
    const bad = await ctx.srv.cli(["ediscovery", "export", ...args, "--out", `${dir}-${args.length}`]);
    assert.notEqual(bad.code, 0, args.join(" "));
    assert.equal(fs.existsSync(`${dir}-${args.length}`), false, "nothing written");
  }
});

test("export jobs: administrators only, bad input refused and nothing queued", T, async () => {
  for (const [method, route, json] of [
    ["POST", X, { account_id: U.ben.id }],
    ["GET", X],
    ["GET", `${X}/1`],
    ["GET", `${X}/1/download`],
  ]) {
    err(await U.ada.req(route, { method, json }), 403);
    err(await U.mod.req(route, { method, json }), 403);
    err(await request(ctx.url, route, { method, json }), 401);
  }
  const before = ok(await U.root.req(X));
  err(await U.root.req(X, { method: "POST", json: {} }), 422);
  err(await U.root.req(X, { method: "POST", json: { account_id: U.ben.id, community_id: "1" } }), 422);
  err(await U.root.req(X, { method: "POST", json: { account_id: "999999" } }), 404);
  err(await U.root.req(X, { method: "POST", json: { community_id: "999999" } }), 404);
  err(await U.root.req(X, { method: "POST", json: { account_id: U.ben.id, from: "last week" } }), 400);
  err(await U.root.req(X, { method: "POST", json: { account_id: U.ben.id, from: "2026-05-01", to: "2026-04-01" } }), 422);
  err(await U.root.req(X, { method: "POST", json: { account_id: U.ben.id, format: "zip" } }), 422);
  err(await U.root.req(`${X}?verbose=1`), 422);
  err(await U.root.req(`${X}/999999`), 404);
  err(await U.root.req(`${X}/999999/download`), 404);
  assert.deepEqual(ok(await U.root.req(X)), before, "nothing queued");
});

test("an export job runs in the background, shows its progress, and its download checks out file by file", T, async () => {
  const media = await upload(U.fay);
  const note = await post(U.fay, "fay's quarterly note", { media_ids: [media] });
  const dm = await post(U.ada, "@fay private feedback", { visibility: "direct" });
  const started = ok(await U.root.req(X, { method: "POST", json: { account_id: U.fay.id } }));
  assert.ok(["queued", "running", "done"].includes(started.state));
  assert.equal(started.account_id, U.fay.id);
  assert.equal(started.requested_by.username, "root");
  const done = await eventually(async () => {
    const j = ok(await U.root.req(`${X}/${started.id}`));
    assert.equal(j.state, "done", JSON.stringify(j));
    return j;
  }, 30000);
  assert.ok(done.progress.posts >= 1);
  assert.equal(done.progress.direct_received, 1);
  assert.equal(done.progress.attachments, 1);
  assert.equal(done.error, null);
  assert.equal(done.file.download_url, `${X}/${started.id}/download`);
  assert.ok(ok(await U.root.req(X)).some((j) => j.id === started.id), "listed");

  const res = await fetch(`${ctx.url}${done.file.download_url}`, { headers: { Authorization: `Bearer ${U.root.token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/x-tar");
  assert.match(res.headers.get("content-disposition"), /attachment; filename="?ediscovery-fay-/);
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(body.length, done.file.bytes);
  assert.equal(crypto.createHash("sha256").update(body).digest("hex"), done.file.sha256);
  const files = untar(body);
  const prefix = `ediscovery-${started.id}/`;
  const manifest = verifyManifest(files, prefix);
  assert.equal(manifest.person.username, "fay");
  const posts = jsonl(files[`${prefix}posts.jsonl`]);
  const exported = posts.find((p) => p.id === note.id);
  assert.deepEqual(files[`${prefix}${exported.attachments[0].file}`], IMAGE, "the original file");
  assert.deepEqual(jsonl(files[`${prefix}direct_received.jsonl`]).map((p) => p.id), [dm.id]);

  const starts = await audit(`?action=ediscovery.export_start&target=${started.id}`);
  assert.equal(starts.length, 1);
  assert.equal(starts[0].actor, "root");
  assert.equal(starts[0].after.account_id, U.fay.id);
  const [exportEntry] = await audit(`?action=ediscovery.export&target=${U.fay.id}`);
  assert.equal(exportEntry.actor, "root", "the export itself, as the administrator who asked");
  const downloads = await audit(`?action=ediscovery.export_download&target=${started.id}`);
  assert.equal(downloads.length, 1);
  assert.equal(downloads[0].after.sha256, done.file.sha256);
  // Each download is audited.
  assert.equal((await fetch(`${ctx.url}${done.file.download_url}`, { headers: { Authorization: `Bearer ${U.root.token}` } })).status, 200);
  assert.equal((await audit(`?action=ediscovery.export_download&target=${started.id}`)).length, 2);
});

test("an export job survives kill -9, queued or half done, and is run once more from the start", SLOW, async () => {
  const { srv, users } = await socialServer(["root", "kim"], { admins: ["root"], args: ["--background-interval", "600000"] });
  const p = await post(users.kim, "kim's only post");
  // The worker ran at start and waits ten minutes: the job stays queued.
  const queued = ok(await users.root.req(X, { method: "POST", json: { account_id: users.kim.id } }));
  const half = ok(await users.root.req(X, { method: "POST", json: { account_id: users.kim.id, from: "2020-01-01" } }));
  assert.equal(ok(await users.root.req(`${X}/${queued.id}`)).state, "queued");
  err(await users.root.req(`${X}/${queued.id}/download`), 409);
  await srv.stop("SIGKILL");
  // The second as a node left it that died mid-export: running, its lease
  // run out, a folder half written.
  await runSql(srv.dataDir, `UPDATE ediscovery_exports SET state = 1, lease_owner = 'gone', lease_until = 1, attempts = 1, progress = '{"posts":0}' WHERE id = ${half.id}`);
  const work = path.join(srv.dataDir, "exports", `${half.id}.work`);
  await fsp.mkdir(work, { recursive: true });
  await fsp.writeFile(path.join(work, "posts.jsonl"), "half a line");
  const again = await startServer({ dataDir: srv.dataDir, args: ["--background-interval", "100"] });
  try {
    const root = makeUser(again.url, "root", users.root.token);
    for (const [job, attempts] of [[queued, 1], [half, 2]]) {
      const done = await eventually(async () => {
        const j = ok(await root.req(`${X}/${job.id}`));
        assert.equal(j.state, "done", JSON.stringify(j));
        return j;
      }, 30000);
      assert.equal(done.attempts, attempts);
      const res = await fetch(`${again.url}${done.file.download_url}`, { headers: { Authorization: `Bearer ${users.root.token}` } });
      const files = untar(Buffer.from(await res.arrayBuffer()));
      verifyManifest(files, `ediscovery-${job.id}/`);
      assert.deepEqual(jsonl(files[`ediscovery-${job.id}/posts.jsonl`]).map((x) => x.id), [p.id], "whole, nothing of the run cut short");
    }
    assert.equal(fs.existsSync(work), false, "the half-written folder is gone");
  } finally {
    await again.stop();
  }
});

test("retention removes a kept post's files once no hold names it, never while one does", SLOW, async () => {
  const { srv, users } = await socialServer(["root", "lee", "max"], { admins: ["root"] });
  const { root, lee, max } = users;
  const hold = ok(await root.req(H, { method: "POST", json: { case_name: "Case 12", account_id: lee.id } }));
  const kept = await post(lee, "held, then deleted", { media_ids: [await upload(lee, srv.url)] });
  const fresh = await post(lee, "recent, held, then deleted", { media_ids: [await upload(lee, srv.url)] });
  for (const s of [kept, fresh]) ok(await lee.req(`/api/v1/statuses/${s.id}`, { method: "DELETE" }));
  const unheld = [await post(max, "max, long ago"), await post(max, "max, long ago, again")];
  // The original files on disk.
  const originals = async () => Object.keys(await readFolder(path.join(srv.dataDir, "media")).catch(() => ({}))).filter((f) => f.endsWith("/original")).sort();
  const held = await originals();
  assert.equal(held.length, 2, "the held posts' files are kept");
  await srv.stop();
  await runSql(srv.dataDir, `UPDATE held_statuses SET created_at = created_at - ${40 * DAY} WHERE id = ${kept.id}`);
  await runSql(srv.dataDir, `UPDATE statuses SET created_at = created_at - ${40 * DAY} WHERE id IN (${unheld.map((s) => s.id).join(", ")})`);
  const again = await startServer({ dataDir: srv.dataDir, args: ["--background-interval", "100"] });
  try {
    const r = makeUser(again.url, "root", root.token);
    const runs = async () => ok(await r.req("/api/v1/atrium/admin/audit?action=retention.run"));
    const exportOf = async (name) => {
      const dir = path.join(await makeDataDir(), name);
      const res = await again.cli(["ediscovery", "export", "--person", "lee", "--out", dir]);
      assert.equal(res.code, 0, res.stderr);
      return readLines(path.join(dir, "posts.jsonl"));
    };
    ok(await r.req(R, { method: "PUT", json: { posts_days: 30 } }));
    // A round ran (max's old post went): lee's kept post is held, files and all.
    await eventually(async () => assert.ok((await runs()).length >= 1), 30000);
    assert.equal((await runs()).reduce((n, e) => n + (e.after.kept_removed ?? 0), 0), 0);
    assert.deepEqual(await originals(), held);
    assert.ok((await exportOf("held")).some((p) => p.id === kept.id));
    ok(await r.req(`${H}/${hold.id}/release`, { method: "POST" }));
    await eventually(async () => assert.equal((await runs()).reduce((n, e) => n + (e.after.kept_removed ?? 0), 0), 1), 30000);
    const left = await originals();
    assert.equal(left.length, 1, "the old kept post's file is removed");
    const after = await exportOf("released");
    assert.ok(!after.some((p) => p.id === kept.id), "the old kept post is gone");
    const recent = after.find((p) => p.id === fresh.id);
    assert.ok(recent, "the recent one is kept: not past the policy");
    assert.notEqual(recent.attachments[0].file, null, "and its file with it");
  } finally {
    await again.stop();
  }
});
