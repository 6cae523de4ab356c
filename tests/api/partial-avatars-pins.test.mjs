// GET /api/v2/notifications?expand_accounts=full|partial_avatars (Mastodon's
// grouped notifications: the groups' other accounts as partial accounts) and
// the limit on pinned posts, advertised as accounts.max_pinned_statuses and
// enforced with a 422.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, ok, err, post, eventually, describe } from "./lib/social-helpers.mjs";

let S, U;
before(async () => {
  S = await socialServer(["ana", "bo", "cy", "di"]);
  U = S.users;
});

test("expand_accounts: full is the default's answer; partial_avatars keeps each group's most recent account whole and the others partial", async () => {
  const p = await post(U.ana, "like me");
  for (const u of [U.bo, U.cy, U.di]) ok(await u.req(`/api/v1/statuses/${p.id}/favourite`, { method: "POST" }));
  const plain = await eventually(async () => {
    const g = ok(await U.ana.req("/api/v2/notifications?types[]=favourite"));
    assert.equal(g.notification_groups[0]?.notifications_count, 3, JSON.stringify(g));
    return g;
  });
  const full = ok(await U.ana.req("/api/v2/notifications?types[]=favourite&expand_accounts=full"));
  assert.deepEqual(full, plain, "full is the default");
  assert.equal(plain.partial_accounts, undefined);

  const partial = ok(await U.ana.req("/api/v2/notifications?types[]=favourite&expand_accounts=partial_avatars"));
  assert.deepEqual(partial.notification_groups, plain.notification_groups);
  const [group] = partial.notification_groups;
  assert.deepEqual(group.sample_account_ids, [U.di.id, U.cy.id, U.bo.id], "newest first");
  assert.deepEqual(partial.accounts.map((a) => a.id), [U.di.id], "the most recent account, whole");
  assert.deepEqual(partial.accounts[0], plain.accounts.find((a) => a.id === U.di.id));
  assert.deepEqual(partial.partial_accounts.map((a) => a.id).sort(), [U.bo.id, U.cy.id].sort());
  for (const a of partial.partial_accounts) {
    assert.deepEqual(Object.keys(a).sort(), ["acct", "avatar", "avatar_static", "bot", "id", "locked", "url"]);
    const whole = plain.accounts.find((x) => x.id === a.id);
    for (const k of Object.keys(a)) assert.deepEqual(a[k], whole[k], k);
  }
});

test("expand_accounts: anything else is 422", async () => {
  for (const q of ["expand_accounts=partial", "expand_accounts=", "expand_accounts=FULL"]) {
    const res = await U.ana.req(`/api/v2/notifications?${q}`);
    const e = err(res, 422);
    assert.match(`${e.error} ${e.error_description ?? ""}`, /expand_accounts/, `${q}: ${describe(res)}`);
  }
  // v1 does not take it
  err(await U.ana.req("/api/v1/notifications?expand_accounts=full"), 422);
});

test("pins: at most accounts.max_pinned_statuses (advertised by v1 and v2 instance), the next is 422", async () => {
  const v2 = ok(await U.bo.req("/api/v2/instance"));
  const v1 = ok(await U.bo.req("/api/v1/instance"));
  const limit = v2.configuration.accounts.max_pinned_statuses;
  assert.equal(limit, 5);
  assert.equal(v1.configuration.accounts.max_pinned_statuses, limit);
  const posts = [];
  for (let i = 0; i <= limit; i++) posts.push(await post(U.bo, `pin me ${i}`));
  for (const p of posts.slice(0, limit)) assert.equal(ok(await U.bo.req(`/api/v1/statuses/${p.id}/pin`, { method: "POST" })).pinned, true);
  // pinning one already pinned is fine
  assert.equal(ok(await U.bo.req(`/api/v1/statuses/${posts[0].id}/pin`, { method: "POST" })).pinned, true);
  const over = await U.bo.req(`/api/v1/statuses/${posts[limit].id}/pin`, { method: "POST" });
  const e = err(over, 422);
  assert.match(`${e.error} ${e.error_description ?? ""}`, /maximum number of posts/);
  const pinned = ok(await U.bo.req(`/api/v1/accounts/${U.bo.id}/statuses?pinned=true`));
  assert.equal(pinned.length, limit, "nothing more was pinned");
  assert.ok(!pinned.some((p) => p.id === posts[limit].id));
  // unpinning one makes room
  ok(await U.bo.req(`/api/v1/statuses/${posts[1].id}/unpin`, { method: "POST" }));
  assert.equal(ok(await U.bo.req(`/api/v1/statuses/${posts[limit].id}/pin`, { method: "POST" })).pinned, true);
  // through masto as well
  const masto = await U.bo.client.v1.statuses.$select(posts[1].id).pin().then(() => "pinned", (e) => e.statusCode);
  assert.equal(masto, 422);
});
