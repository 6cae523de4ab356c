// Deleting a post keeps the promise of the client's dialog: the post and
// its comments (and theirs, the whole thread below it) are gone for
// everyone; no comment is left behind whose parent answers 404. A comment
// by someone under a legal hold is still kept for eDiscovery.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fsp from "node:fs/promises";
import path from "node:path";
import { socialServer, ok, err, post, T } from "./lib/social-helpers.mjs";
import { makeDataDir } from "./lib/server.mjs";

const H = "/api/v1/atrium/admin/legal_holds";
const C = "/api/v1/atrium/communities";
let ctx, U;
before(async () => {
  ctx = await socialServer(["boss", "gus", "hal", "ivy"], { admins: ["boss"] });
  U = ctx.users;
});

test("deleting a post deletes its whole thread, for everyone", T, async () => {
  const root = await post(U.gus, "Lunch plans for Friday?");
  const a = await post(U.hal, "@gus pizza", { in_reply_to_id: root.id });
  const b = await post(U.ivy, "@gus salad", { in_reply_to_id: root.id });
  const a1 = await post(U.gus, "@hal again?", { in_reply_to_id: a.id });
  const a2 = await post(U.ivy, "@gus yes again", { in_reply_to_id: a1.id });
  const other = await post(U.hal, "unrelated");
  const ctxBefore = ok(await U.ivy.req(`/api/v1/statuses/${root.id}/context`));
  assert.deepEqual(new Set(ctxBefore.descendants.map((s) => s.id)), new Set([a.id, b.id, a1.id, a2.id]));

  const deleted = ok(await U.gus.req(`/api/v1/statuses/${root.id}`, { method: "DELETE" }));
  assert.equal(deleted.id, root.id);
  for (const u of [U.gus, U.hal, U.ivy])
    for (const s of [root, a, b, a1, a2]) err(await u.req(`/api/v1/statuses/${s.id}`), 404);
  ok(await U.ivy.req(`/api/v1/statuses/${other.id}`));
  for (const u of [U.hal, U.ivy]) {
    const page = ok(await U.gus.req(`/api/v1/accounts/${u.id}/statuses`));
    assert.ok(!page.some((s) => [a.id, b.id, a2.id].includes(s.id)), `${u.name}'s comments are gone from their page`);
  }
  const hal = ok(await U.hal.req(`/api/v1/accounts/${U.hal.id}`));
  assert.equal(hal.statuses_count, 1, "only hal's unrelated post is counted");
});

test("deleting a comment deletes the replies under it, not its parent or siblings", T, async () => {
  const root = await post(U.gus, "Which editor?");
  const a = await post(U.hal, "@gus vim", { in_reply_to_id: root.id });
  const b = await post(U.ivy, "@gus emacs", { in_reply_to_id: root.id });
  const a1 = await post(U.ivy, "@hal really?", { in_reply_to_id: a.id });
  ok(await U.hal.req(`/api/v1/statuses/${a.id}`, { method: "DELETE" }));
  err(await U.gus.req(`/api/v1/statuses/${a.id}`), 404);
  err(await U.gus.req(`/api/v1/statuses/${a1.id}`), 404);
  ok(await U.gus.req(`/api/v1/statuses/${root.id}`));
  ok(await U.gus.req(`/api/v1/statuses/${b.id}`));
  const thread = ok(await U.gus.req(`/api/v1/statuses/${root.id}/context`));
  assert.deepEqual(thread.descendants.map((s) => s.id), [b.id]);
  // Someone else's comment is still not theirs to delete.
  err(await U.hal.req(`/api/v1/statuses/${b.id}`, { method: "DELETE" }), 404);
  ok(await U.gus.req(`/api/v1/statuses/${b.id}`));
});

test("a community moderator's removal takes the thread with it", T, async () => {
  const c = ok(await U.gus.req(C, { method: "POST", json: { handle: "threadsclub", name: "Threads club" } }));
  ok(await U.hal.req(`${C}/${c.id}/join`, { method: "POST" }));
  const root = await post(U.hal, "off-topic post", { community_id: c.id });
  const reply = await post(U.gus, "@hal please keep it on topic", { in_reply_to_id: root.id });
  const removed = await U.gus.req(`${C}/${c.id}/statuses/${root.id}`, { method: "DELETE" });
  assert.ok(removed.status === 200 || removed.status === 204, `removal: ${removed.status}`);
  err(await U.hal.req(`/api/v1/statuses/${root.id}`), 404);
  err(await U.hal.req(`/api/v1/statuses/${reply.id}`), 404);
});

test("a held comment goes with its thread for members and is kept for eDiscovery", T, async () => {
  const hold = ok(await U.boss.req(H, { method: "POST", json: { case_name: "Case 12", account_id: U.ivy.id } }));
  const root = await post(U.gus, "Budget thoughts");
  const held = await post(U.ivy, "@gus the numbers in column C are wrong", { in_reply_to_id: root.id });
  const free = await post(U.hal, "@gus agreed", { in_reply_to_id: root.id });
  ok(await U.gus.req(`/api/v1/statuses/${root.id}`, { method: "DELETE" }));
  for (const s of [root, held, free]) err(await U.boss.req(`/api/v1/statuses/${s.id}`), 404);

  const dir = path.join(await makeDataDir(), "ivy");
  const r = await ctx.srv.cli(["ediscovery", "export", "--person", "ivy", "--out", dir]);
  assert.equal(r.code, 0, r.stderr);
  const posts = (await fsp.readFile(path.join(dir, "posts.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
  const kept = posts.find((p) => p.id === held.id);
  assert.ok(kept, "the held comment is in the export");
  assert.equal(kept.text, "@gus the numbers in column C are wrong");
  assert.ok(kept.deleted_at, "marked deleted");
  ok(await U.boss.req(`${H}/${hold.id}/release`, { method: "POST" }));
});
