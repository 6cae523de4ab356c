// Compliance: retention policies enforced by the background job (old posts
// deleted in batches, held ones kept), legal holds (a held post deleted by
// its author disappears for members but stays for eDiscovery), and
// `atrium ediscovery export` (exactly one person's content in a period, with
// checksums that verify). Admin routes only for administrators; every change
// audited.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { socialServer, makeUser, ok, err, post, eventually, request, sleep, T } from "./lib/social-helpers.mjs";
import { startServer, runSql, makeDataDir } from "./lib/server.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const IMAGE = fs.readFileSync(path.join(__dirname, "fixtures", "media", "image.png"));
const DAY = 24 * 60 * 60 * 1000;
const R = "/api/v1/atrium/admin/retention";
const H = "/api/v1/atrium/admin/legal_holds";
const TOKEN = "metrics-token-0123456789abcdef";
const SLOW = { timeout: 120000 };

let ctx, U;
before(async () => {
  ctx = await socialServer(["boss", "amy", "ben", "cara"], { admins: ["boss"], args: ["--background-interval", "100", "--metrics-token", TOKEN] });
  U = ctx.users;
});

const audit = async (query) => ok(await U.boss.req(`/api/v1/atrium/admin/audit${query}`));

async function upload(user) {
  const form = new FormData();
  form.append("file", new Blob([IMAGE], { type: "image/png" }), "chart.png");
  const res = await fetch(`${ctx.url}/api/v2/media`, { method: "POST", headers: { Authorization: `Bearer ${user.token}` }, body: form });
  assert.ok(res.status === 200 || res.status === 202, `upload: ${res.status}`);
  return (await res.json()).id;
}

// Waits until the clock has moved past `ms`, so that what follows is dated later.
async function after(ms) {
  while (Date.now() <= ms) await sleep(1);
}

test("retention and holds: administrators only, every bad input refused and nothing changed", T, async () => {
  for (const [method, route, json] of [
    ["GET", R],
    ["PUT", R, { posts_days: 30 }],
    ["PUT", `${R}/communities/1`, { days: 30 }],
    ["DELETE", `${R}/communities/1`],
    ["GET", H],
    ["POST", H, { case_name: "x", account_id: U.ben.id }],
    ["POST", `${H}/1/release`],
  ]) {
    err(await U.amy.req(route, { method, json }), 403);
    err(await request(ctx.url, route, { method, json }), 401);
  }
  assert.deepEqual(ok(await U.boss.req(R)), { posts_days: null, direct_days: null, communities: [] });
  err(await U.boss.req(R, { method: "PUT", json: { posts_days: 0 } }), 422);
  err(await U.boss.req(R, { method: "PUT", json: { posts_days: 36501 } }), 422);
  err(await U.boss.req(R, { method: "PUT", json: { posts_days: "30" } }), 422);
  err(await U.boss.req(R, { method: "PUT", json: { posts_days: 1.5 } }), 422);
  err(await U.boss.req(R, { method: "PUT", json: { keep: 30 } }), 400);
  err(await U.boss.req(R, { method: "PUT", json: "[30]" }), 400);
  err(await U.boss.req(R, { method: "PUT", form: { posts_days: "30" } }), 400);
  err(await U.boss.req(`${R}/communities/999999`, { method: "PUT", json: { days: 30 } }), 404);
  err(await U.boss.req(`${R}/communities/999999`, { method: "PUT", json: {} }), 422);
  err(await U.boss.req(`${R}?verbose=1`), 400);
  err(await U.boss.req(H, { method: "POST", json: { account_id: U.ben.id } }), 422); // no case name
  err(await U.boss.req(H, { method: "POST", json: { case_name: "both", account_id: U.ben.id, community_id: "1" } }), 422);
  err(await U.boss.req(H, { method: "POST", json: { case_name: "none" } }), 422);
  err(await U.boss.req(H, { method: "POST", json: { case_name: "ghost", account_id: "999999" } }), 404);
  err(await U.boss.req(H, { method: "POST", json: { case_name: "x", account_id: U.ben.id, reason: "y" } }), 422);
  err(await U.boss.req(`${H}?active=maybe`), 422);
  err(await U.boss.req(`${H}/999999/release`, { method: "POST" }), 404);
  assert.deepEqual(ok(await U.boss.req(R)), { posts_days: null, direct_days: null, communities: [] }, "nothing changed");
  assert.deepEqual(ok(await U.boss.req(H)), []);
  assert.deepEqual(await audit("?action=retention.policy"), []);
});

test("a held post deleted by its author is gone for everyone and stays for the export", T, async () => {
  const hold = ok(await U.boss.req(H, { method: "POST", json: { case_name: "Case 7 (Contoso)", account_id: U.cara.id } }));
  assert.equal(hold.case_name, "Case 7 (Contoso)");
  assert.equal(hold.account_id, U.cara.id);
  assert.equal(hold.active, true);
  const media = await upload(U.cara);
  const held = await post(U.cara, "the memo nobody should have sent", { media_ids: [media] });
  ok(await U.cara.req(`/api/v1/statuses/${held.id}`, { method: "PUT", json: { status: "the memo, softened" } }));
  const fileUrl = held.media_attachments[0].url;
  ok(await U.cara.req(`/api/v1/statuses/${held.id}`, { method: "DELETE" }));
  for (const u of [U.cara, U.amy, U.boss]) err(await u.req(`/api/v1/statuses/${held.id}`), 404);
  const stream = ok(await U.amy.req(`/api/v1/accounts/${U.cara.id}/statuses`));
  assert.ok(!stream.some((s) => s.id === held.id), "not on the author's page");
  assert.notEqual((await fetch(fileUrl, { headers: { Authorization: `Bearer ${U.amy.token}` } })).status, 200, "its picture is not served");

  const dir = path.join(await makeDataDir(), "cara");
  const r = await ctx.srv.cli(["ediscovery", "export", "--person", "cara", "--out", dir]);
  assert.equal(r.code, 0, r.stderr);
  const posts = (await fsp.readFile(path.join(dir, "posts.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
  const kept = posts.find((p) => p.id === held.id);
  assert.ok(kept, "the deleted post is in the export");
  assert.equal(kept.text, "the memo, softened");
  assert.deepEqual(kept.edits.map((e) => e.text), ["the memo nobody should have sent"]);
  assert.ok(kept.deleted_at, "marked deleted");
  assert.equal(kept.attachments.length, 1);
  const picture = await fsp.readFile(path.join(dir, kept.attachments[0].file));
  assert.ok(picture.length > 0, "the picture's original file is kept");

  // Released: a deletion now removes for good.
  const released = ok(await U.boss.req(`${H}/${hold.id}/release`, { method: "POST" }));
  assert.equal(released.active, false);
  err(await U.boss.req(`${H}/${hold.id}/release`, { method: "POST" }), 422);
  const later = await post(U.cara, "after the case closed");
  ok(await U.cara.req(`/api/v1/statuses/${later.id}`, { method: "DELETE" }));
  const dir2 = path.join(await makeDataDir(), "cara2");
  assert.equal((await ctx.srv.cli(["ediscovery", "export", "--person", "cara", "--out", dir2])).code, 0);
  const again = (await fsp.readFile(path.join(dir2, "posts.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
  assert.ok(again.some((p) => p.id === held.id), "what was kept stays kept");
  assert.ok(!again.some((p) => p.id === later.id), "deleted without a hold: gone");

  const entries = await audit(`?target_type=legal_hold&target=${hold.id}`);
  assert.deepEqual(entries.map((e) => e.action), ["legal_hold.release", "legal_hold.place"]);
  assert.equal(entries[1].actor, "boss");
  assert.equal(entries[1].after.case_name, "Case 7 (Contoso)");
  assert.deepEqual(ok(await U.boss.req(`${H}?active=true`)), []);
  assert.equal(ok(await U.boss.req(H)).length, 1);
});

test("an export holds exactly the person's content in the period, and its checksums verify", T, async () => {
  const other = await post(U.ben, "ben's own thoughts");
  const before = await post(U.amy, "before the period");
  const from = Date.now();
  await after(from);
  const note = await post(U.amy, "in the period, with a chart", { media_ids: [await upload(U.amy)] });
  ok(await U.amy.req(`/api/v1/statuses/${note.id}`, { method: "PUT", json: { status: "in the period, with a chart (v2)", media_ids: [note.media_attachments[0].id] } }));
  const comment = await post(U.amy, "a comment on ben's", { in_reply_to_id: other.id });
  const dm = await post(U.amy, "@ben between us", { visibility: "direct" });
  const blog = ok(await U.amy.req("/api/v1/atrium/blogs", { method: "POST", json: { title: "Quarterly review", body: "Numbers." } }));
  const question = ok(await U.amy.req("/api/v1/atrium/questions", { method: "POST", json: { title: "Who owns the budget?", body: "" } }));
  ok(await U.amy.req(`/api/v1/statuses/${other.id}/favourite`, { method: "POST" }));
  const to = Date.now();
  await after(to);
  const afterwards = await post(U.amy, "after the period");

  const dir = path.join(await makeDataDir(), "amy");
  const iso = (ms) => new Date(ms).toISOString();
  const r = await ctx.srv.cli(["ediscovery", "export", "--person", "amy", "--from", iso(from), "--to", iso(to + 1), "--out", dir]);
  assert.equal(r.code, 0, r.stderr);
  const posts = (await fsp.readFile(path.join(dir, "posts.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(posts.map((p) => p.id), [note.id, comment.id, dm.id, blog.id, question.id], "exactly hers, in the period, oldest first");
  assert.deepEqual(posts.map((p) => p.type), ["status", "comment", "status", "blog", "question"]);
  assert.ok(posts.every((p) => p.account_id === U.amy.id && p.deleted_at === null));
  assert.equal(posts[0].text, "in the period, with a chart (v2)");
  assert.deepEqual(posts[0].edits.map((e) => e.text), ["in the period, with a chart"]);
  assert.equal(posts[2].visibility, "direct");
  assert.equal(posts[3].title, "Quarterly review");
  for (const p of [before, afterwards, other]) assert.ok(!posts.some((x) => x.id === p.id));
  const likes = (await fsp.readFile(path.join(dir, "likes.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(likes.map((l) => l.status_id), [other.id]);

  const manifest = JSON.parse(await fsp.readFile(path.join(dir, "manifest.json"), "utf8"));
  assert.equal(manifest.format, "atrium-ediscovery");
  assert.equal(manifest.person.username, "amy");
  assert.deepEqual(manifest.counts, { posts: 5, deleted_under_hold: 0, direct_received: 0, likes: 1, profile_changes: 0, attachments: 1 });
  const attachment = posts[0].attachments[0].file;
  assert.deepEqual(manifest.files.map((f) => f.path).sort(), [attachment, "direct_received.jsonl", "likes.jsonl", "posts.jsonl", "profile_changes.json"].sort());
  for (const f of manifest.files) {
    const bytes = await fsp.readFile(path.join(dir, f.path));
    assert.equal(crypto.createHash("sha256").update(bytes).digest("hex"), f.sha256, f.path);
    assert.equal(bytes.length, f.bytes);
  }
  assert.deepEqual(await fsp.readFile(path.join(dir, attachment)), IMAGE, "the original file as uploaded");

  const [entry] = await audit(`?action=ediscovery.export&target=${U.amy.id}`);
  assert.equal(entry.actor, "atrium ediscovery export");
  assert.equal(entry.after.posts, 5);
  // Refused: a folder that is not empty, an unknown person, a bad date.
  assert.notEqual((await ctx.srv.cli(["ediscovery", "export", "--person", "amy", "--out", dir])).code, 0);
  assert.notEqual((await ctx.srv.cli(["ediscovery", "export", "--person", "nobody", "--out", `${dir}-x`])).code, 0);
  assert.notEqual((await ctx.srv.cli(["ediscovery", "export", "--person", "amy", "--from", "last week", "--out", `${dir}-y`])).code, 0);
});

test("retention deletes what is older than the policy, in every scope, and never held content", SLOW, async () => {
  const { srv, users } = await socialServer(["root", "ann", "bob", "cy"], { admins: ["root"] });
  const { root, ann, bob, cy } = users;
  const community = ok(await ann.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "archive", name: "Archive", type: "public" } }));
  const old = {
    ann: await post(ann, "ann, long ago"),
    annDm: await post(ann, "@cy long ago, privately", { visibility: "direct" }),
    bob: await post(bob, "bob, long ago (held)"),
    inCommunity: await post(ann, "long ago in the archive", { community_id: community.id }),
  };
  ok(await cy.req(`/api/v1/statuses/${old.ann.id}/favourite`, { method: "POST" }));
  const recent = { ann: await post(ann, "ann, this week"), cy: await post(cy, "cy, today") };
  // Forty days back, as if written then.
  await srv.stop();
  const ids = Object.values(old).map((s) => s.id).join(", ");
  await runSql(srv.dataDir, `UPDATE statuses SET created_at = created_at - ${40 * DAY} WHERE id IN (${ids})`);
  const again = await startServer({ dataDir: srv.dataDir, args: ["--background-interval", "100", "--metrics-token", TOKEN] });
  try {
    const as = (u) => Object.assign(makeUser(again.url, u.name, u.token), { id: u.id });
    const [r, a, b, y] = [as(root), as(ann), as(bob), as(cy)];
    const hold = ok(await r.req(H, { method: "POST", json: { case_name: "Case 9", account_id: b.id } }));
    ok(await r.req(`${R}/communities/${community.id}`, { method: "PUT", json: { days: null } })); // the archive: forever
    const policy = ok(await r.req(R, { method: "PUT", json: { posts_days: 30 } }));
    assert.deepEqual(policy, { posts_days: 30, direct_days: null, communities: [{ community_id: community.id, days: null }] });

    await eventually(async () => err(await a.req(`/api/v1/statuses/${old.ann.id}`), 404), 30000);
    ok(await a.req(`/api/v1/statuses/${old.annDm.id}`)); // direct messages: kept forever
    ok(await r.req(`/api/v1/statuses/${old.bob.id}`)); // held
    ok(await a.req(`/api/v1/statuses/${old.inCommunity.id}`)); // the archive keeps everything
    for (const s of Object.values(recent)) ok(await r.req(`/api/v1/statuses/${s.id}`));
    const favourites = ok(await y.req("/api/v1/favourites"));
    assert.ok(!favourites.some((s) => s.id === old.ann.id), "its likes went with it");

    ok(await r.req(R, { method: "PUT", json: { direct_days: 30 } }));
    await eventually(async () => err(await a.req(`/api/v1/statuses/${old.annDm.id}`), 404), 30000);
    ok(await r.req(`${R}/communities/${community.id}`, { method: "DELETE" })); // the archive follows the organization
    await eventually(async () => err(await a.req(`/api/v1/statuses/${old.inCommunity.id}`), 404), 30000);
    ok(await r.req(`/api/v1/statuses/${old.bob.id}`)); // still held
    ok(await r.req(`${H}/${hold.id}/release`, { method: "POST" }));
    await eventually(async () => err(await r.req(`/api/v1/statuses/${old.bob.id}`), 404), 30000);
    for (const s of Object.values(recent)) ok(await r.req(`/api/v1/statuses/${s.id}`));

    // A run's audit entry is appended when the run ends, just after its
    // deletions show.
    const runs = await eventually(async () => {
      const all = ok(await r.req("/api/v1/atrium/admin/audit?action=retention.run"));
      assert.equal(all.reduce((n, e) => n + e.after.deleted, 0), 4, JSON.stringify(all.map((e) => e.after)));
      return all;
    }, 10000);
    assert.ok(runs.every((e) => e.actor === "retention"));
    const policies = ok(await r.req("/api/v1/atrium/admin/audit?action=retention.policy"));
    assert.deepEqual(policies.map((e) => e.after), [
      { posts_days: 30, direct_days: 30 },
      { posts_days: 30, direct_days: null },
    ]);
    // The gauges are measured after each round's deletions: the next round shows none left.
    await eventually(async () => {
      const metrics = (await request(again.url, "/metrics", { token: TOKEN })).text;
      assert.match(metrics, /^atrium_retention_deleted_posts_total 4$/m);
      assert.match(metrics, /^atrium_retention_queue_depth 0$/m);
      const health = ok(await r.req("/api/v1/atrium/admin/health"));
      assert.deepEqual(health.queues.retention, { depth: 0, oldest_age_seconds: 0 });
    }, 10000);
  } finally {
    await again.stop();
  }
});
