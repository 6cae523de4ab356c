// Scheduled posts: POST /api/v1/statuses with scheduled_at and
// /api/v1/scheduled_statuses, through the masto client where it has a
// method; published on time by the background worker, and once across a
// restart (the post falls due while no server runs). Parameters
// /api/v1/statuses does not know are refused.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./lib/server.mjs";
import { socialServer, makeUser, ok, err, eventually, rejectsWith, sleep, T } from "./lib/social-helpers.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const IMAGE = fs.readFileSync(path.join(__dirname, "fixtures", "media", "image.png"));
const MINUTE = 60 * 1000;
const iso = (ms) => new Date(ms).toISOString();

async function upload(url, user) {
  const form = new FormData();
  form.append("file", new Blob([IMAGE], { type: "image/png" }), "image.png");
  const res = await fetch(`${url}/api/v2/media`, { method: "POST", headers: { Authorization: `Bearer ${user.token}` }, body: form });
  assert.ok(res.status === 200 || res.status === 202, `upload: ${res.status}`);
  return (await res.json()).id;
}

/** The posts of `user`'s own account whose text is `text`. */
async function ownPostsWith(user, text) {
  const list = ok(await user.req(`/api/v1/accounts/${user.id}/statuses?limit=40`));
  return list.filter((s) => s.content.includes(text));
}

suite("scheduling with Mastodon's rules (default settings)", () => {
  let ctx, ana, ben;
  before(async () => {
    ctx = await socialServer(["ana", "ben"]);
    ({ ana, ben } = ctx.users);
  });

  test("scheduled_at returns a ScheduledStatus; nothing is posted yet", T, async () => {
    const at = Date.now() + 60 * MINUTE;
    const s = await ana.client.v1.statuses.create({ status: "quarterly numbers", scheduledAt: iso(at), visibility: "private", language: "en", spoilerText: "numbers" });
    assert.equal(typeof s.id, "string");
    assert.equal(new Date(s.scheduledAt).getTime(), at);
    assert.equal(s.params.text, "quarterly numbers");
    assert.equal(s.params.visibility, "private");
    assert.equal(s.params.language, "en");
    assert.equal(s.params.spoilerText, "numbers");
    assert.equal(s.params.inReplyToId, null);
    assert.equal(typeof s.params.applicationId, "number");
    assert.deepEqual(s.mediaAttachments, []);
    assert.equal(s.content, undefined, "a ScheduledStatus, not a Status");
    assert.deepEqual(await ownPostsWith(ana, "quarterly numbers"), []);

    const listed = await ana.client.v1.scheduledStatuses.list();
    assert.deepEqual(listed.map((x) => x.id), [s.id]);
    const fetched = await ana.client.v1.scheduledStatuses.$select(s.id).fetch();
    assert.equal(fetched.params.text, "quarterly numbers");
  });

  test("listed newest first and paged with Link headers", T, async () => {
    const made = [];
    for (let i = 0; i < 3; i++) {
      const r = ok(await ben.req("/api/v1/statuses", { method: "POST", json: { status: `page ${i}`, scheduled_at: iso(Date.now() + (10 + i) * MINUTE) } }));
      made.push(r.id);
    }
    const first = await ben.req("/api/v1/scheduled_statuses?limit=2");
    assert.deepEqual(ok(first).map((x) => x.id), [made[2], made[1]]);
    const next = first.headers.get("link").match(/<([^>]+)>;\s*rel="next"/)[1];
    const second = ok(await ben.req(new URL(next).pathname + new URL(next).search));
    assert.deepEqual(second.map((x) => x.id), [made[0]]);
    for (const id of made) ok(await ben.req(`/api/v1/scheduled_statuses/${id}`, { method: "DELETE" }));
  });

  test("rescheduled with PUT, cancelled with DELETE", T, async () => {
    const s = await ana.client.v1.statuses.create({ status: "move me", scheduledAt: iso(Date.now() + 30 * MINUTE) });
    const later = Date.now() + 90 * MINUTE;
    const moved = await ana.client.v1.scheduledStatuses.$select(s.id).update({ scheduledAt: iso(later) });
    assert.equal(new Date(moved.scheduledAt).getTime(), later);
    assert.equal(new Date((await ana.client.v1.scheduledStatuses.$select(s.id).fetch()).scheduledAt).getTime(), later);
    // Too soon, or not a time: refused, nothing changes.
    err(await ana.req(`/api/v1/scheduled_statuses/${s.id}`, { method: "PUT", json: { scheduled_at: iso(Date.now() + MINUTE) } }), 422);
    err(await ana.req(`/api/v1/scheduled_statuses/${s.id}`, { method: "PUT", json: { scheduled_at: "next week" } }), 422);
    err(await ana.req(`/api/v1/scheduled_statuses/${s.id}`, { method: "PUT", json: { scheduled_at: iso(later), status: "x" } }), 422);
    assert.equal(new Date(ok(await ana.req(`/api/v1/scheduled_statuses/${s.id}`)).scheduled_at).getTime(), later);

    await ana.client.v1.scheduledStatuses.$select(s.id).remove();
    await rejectsWith(ana.client.v1.scheduledStatuses.$select(s.id).fetch(), 404);
    err(await ana.req(`/api/v1/scheduled_statuses/${s.id}`, { method: "DELETE" }), 404);
  });

  test("someone else's scheduled post does not exist for you", T, async () => {
    const s = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: "mine alone", scheduled_at: iso(Date.now() + 20 * MINUTE) } }));
    err(await ben.req(`/api/v1/scheduled_statuses/${s.id}`), 404);
    err(await ben.req(`/api/v1/scheduled_statuses/${s.id}`, { method: "PUT", json: { scheduled_at: iso(Date.now() + 40 * MINUTE) } }), 404);
    err(await ben.req(`/api/v1/scheduled_statuses/${s.id}`, { method: "DELETE" }), 404);
    assert.ok(!ok(await ben.req("/api/v1/scheduled_statuses")).some((x) => x.id === s.id));
    assert.equal(ok(await ana.req(`/api/v1/scheduled_statuses/${s.id}`)).params.text, "mine alone");
  });

  test("bad times are refused with 422 and schedule nothing", T, async () => {
    const before = ok(await ben.req("/api/v1/scheduled_statuses")).length;
    for (const at of [iso(Date.now() - MINUTE), iso(Date.now() + 4 * MINUTE), "tomorrow", "2026-02-30T10:00:00Z", "1795648726"]) {
      const e = err(await ben.req("/api/v1/statuses", { method: "POST", json: { status: "never", scheduled_at: at } }), 422);
      assert.match(e.error + (e.error_description || ""), /schedul/i, at);
    }
    // A post that would be refused now is refused when scheduled.
    err(await ben.req("/api/v1/statuses", { method: "POST", json: { status: "  ", scheduled_at: iso(Date.now() + 10 * MINUTE) } }), 422);
    err(await ben.req("/api/v1/statuses", { method: "POST", json: { status: "x", visibility: "everyone", scheduled_at: iso(Date.now() + 10 * MINUTE) } }), 422);
    err(await ben.req("/api/v1/statuses", { method: "POST", json: { status: "x", media_ids: ["12345"], scheduled_at: iso(Date.now() + 10 * MINUTE) } }), 422);
    assert.equal(ok(await ben.req("/api/v1/scheduled_statuses")).length, before);
    assert.deepEqual(await ownPostsWith(ben, "never"), []);
  });

  test("parameters /api/v1/statuses does not know are refused, naming them", T, async () => {
    for (const extra of [{ quote_approval_policy: "public" }, { content_type: "text/markdown" }, { expires_in: "3600" }]) {
      const name = Object.keys(extra)[0];
      const e = err(await ben.req("/api/v1/statuses", { method: "POST", json: { status: `with ${name}`, ...extra } }), 422);
      assert.match(e.error_description || e.error, new RegExp(name));
      assert.deepEqual(await ownPostsWith(ben, `with ${name}`), []);
    }
    const mine = ok(await ben.req("/api/v1/statuses", { method: "POST", json: { status: "plain post" } }));
    const e = err(await ben.req(`/api/v1/statuses/${mine.id}`, { method: "PUT", json: { status: "edited", visibility: "direct" } }), 422);
    assert.match(e.error_description || e.error, /visibility/);
    const e2 = err(await ben.req(`/api/v1/statuses/${mine.id}`, { method: "PUT", json: { status: "edited", "media_attributes": [{ id: "1", description: "x" }] } }), 422);
    assert.match(e2.error_description || e2.error, /media_attributes/);
    assert.match(ok(await ben.req(`/api/v1/statuses/${mine.id}`)).content, /plain post/);
  });
});

suite("publishing (a short lead, the worker polling often)", () => {
  let ctx, ana, ben;
  before(async () => {
    ctx = await socialServer(["ana", "ben"], { args: ["--schedule-min-lead", "1s", "--background-interval", "100"] });
    ({ ana, ben } = ctx.users);
  });

  test("a scheduled post is published at its time as an ordinary post, once", T, async () => {
    const media = await upload(ctx.url, ana);
    const at = Date.now() + 1500;
    const s = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: "on time @ben", visibility: "private", media_ids: [media], scheduled_at: iso(at) } }));
    assert.equal(s.media_attachments.length, 1);
    assert.equal(s.media_attachments[0].id, media);
    const [published] = await eventually(async () => {
      const found = await ownPostsWith(ana, "on time");
      assert.equal(found.length, 1);
      return found;
    }, 15000);
    assert.ok(new Date(published.created_at).getTime() >= at - 5, "not before its time");
    assert.equal(published.visibility, "private");
    assert.equal(published.media_attachments.length, 1);
    assert.equal(published.media_attachments[0].id, media);
    assert.deepEqual(published.mentions.map((m) => m.username), ["ben"]);
    err(await ana.req(`/api/v1/scheduled_statuses/${s.id}`), 404);
    // The mention was notified as for any post.
    await eventually(async () => {
      const notes = ok(await ben.req("/api/v1/notifications?types[]=mention"));
      assert.ok(notes.some((n) => n.status?.id === published.id));
    }, 5000);
    // Still once, after more rounds of the worker.
    await sleep(300);
    assert.equal((await ownPostsWith(ana, "on time")).length, 1);
  });
});

suite("published once across a restart", () => {
  test("a post that fell due while the server was down is published when it starts, once", T, async () => {
    // The worker runs at start and then hourly: during the first run, the
    // post (due in 2 s) cannot be published.
    const args = ["--schedule-min-lead", "1s", "--background-interval", "1h"];
    const first = await startServer({ args, users: [{ name: "cleo", email: "cleo@example.com", password: "cleo-password-1" }] });
    const { registerApp, passwordToken } = await import("./lib/oauth.mjs");
    const app = await registerApp(first.url, { name: "restart", redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
    const token = await passwordToken(first.url, app, "cleo", "cleo-password-1", "read write");
    let cleo = makeUser(first.url, "cleo", token);
    cleo.id = ok(await cleo.req("/api/v1/accounts/verify_credentials")).id;
    const at = Date.now() + 2000;
    const s = await cleo.client.v1.statuses.create({ status: "while you were away", scheduledAt: iso(at) });
    assert.equal(ok(await cleo.req(`/api/v1/scheduled_statuses/${s.id}`)).id, s.id);
    await first.stop();

    while (Date.now() < at + 200) await sleep(50);
    const second = await startServer({ args, dataDir: first.dataDir });
    const id = cleo.id;
    cleo = makeUser(second.url, "cleo", token);
    cleo.id = id;
    const found = await eventually(async () => {
      const f = await ownPostsWith(cleo, "while you were away");
      assert.equal(f.length, 1);
      return f;
    }, 10000);
    assert.ok(new Date(found[0].created_at).getTime() >= at);
    // The worker publishes, then removes the schedule: the post may show a
    // moment before its schedule is gone.
    await eventually(async () => assert.deepEqual(ok(await cleo.req("/api/v1/scheduled_statuses")), []), 10000);
    await second.stop();

    // And a further start publishes nothing again.
    const third = await startServer({ args, dataDir: first.dataDir });
    cleo = makeUser(third.url, "cleo", token);
    cleo.id = id;
    assert.equal((await ownPostsWith(cleo, "while you were away")).length, 1);
    await third.stop();
  });
});

suite("a scheduled post with a poll", () => {
  test("the poll is kept with the post and checked when it is scheduled", T, async () => {
    const ctx = await socialServer(["dora"]);
    const { dora } = ctx.users;
    const s = ok(await dora.req("/api/v1/statuses", { method: "POST", json: { status: "lunch?", scheduled_at: iso(Date.now() + 60 * MINUTE), poll: { options: ["pizza", "salad"], expires_in: 3600, multiple: true } } }));
    assert.deepEqual(s.params.poll, { options: ["pizza", "salad"], expires_in: 3600, multiple: true, hide_totals: false });
    const bad = err(await dora.req("/api/v1/statuses", { method: "POST", json: { status: "lunch?", scheduled_at: iso(Date.now() + 60 * MINUTE), poll: { options: ["pizza"], expires_in: 3600 } } }), 422);
    assert.match(bad.error, /poll/i);
    assert.deepEqual(ok(await dora.req("/api/v1/scheduled_statuses")).map((x) => x.id), [s.id]);
    assert.deepEqual(await ownPostsWith(dora, "lunch?"), []);
  });
});
