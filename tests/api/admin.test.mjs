// Administering people: the list of accounts (Mastodon's admin API, v1 and
// v2 parameters) and Atrium's role change.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, ok, err, parseLink, T } from "./lib/social-helpers.mjs";

let ctx, U;
before(async () => {
  ctx = await socialServer(["boss", "amy", "ben", "cara", "dan"], { admins: ["boss"] });
  U = ctx.users;
  ok(await U.boss.req(`/api/v1/admin/accounts/${U.dan.id}/action`, { method: "POST", json: { type: "disable" } }));
});

const names = (list) => list.map((a) => a.username).sort();

test("disabling someone cuts their token off on the very next request", T, async () => {
  ok(await U.cara.req("/api/v1/accounts/verify_credentials")); // known to the server (and remembered)
  ok(await U.cara.req("/api/v1/timelines/home"));
  ok(await U.boss.req(`/api/v1/admin/accounts/${U.cara.id}/action`, { method: "POST", json: { type: "disable" } }));
  err(await U.cara.req("/api/v1/accounts/verify_credentials"), 401);
  err(await U.cara.req("/api/v1/timelines/home"), 401);
  ok(await U.boss.req(`/api/v1/admin/accounts/${U.cara.id}/enable`, { method: "POST" }));
});

test("members may not list accounts", T, async () => {
  err(await U.amy.req("/api/v1/admin/accounts"), 403);
  err(await U.amy.req("/api/v2/admin/accounts"), 403);
  err(await U.amy.req(`/api/v1/atrium/admin/accounts/${U.ben.id}/role`, { method: "POST", json: { role: "admin" } }), 403);
});

test("the list filters by status, staff and names (v1 and v2)", T, async () => {
  const all = ok(await U.boss.req("/api/v1/admin/accounts"));
  for (const n of ["boss", "amy", "ben", "cara", "dan"]) assert.ok(names(all).includes(n), n);
  assert.ok(all.every((a, i) => i === 0 || BigInt(all[i - 1].id) > BigInt(a.id)), "newest first");
  const dan = all.find((a) => a.username === "dan");
  assert.equal(dan.disabled, true);
  assert.equal(dan.email, "dan@example.com");
  assert.deepEqual(names(ok(await U.boss.req("/api/v1/admin/accounts?disabled=true"))), ["dan"]);
  assert.deepEqual(names(ok(await U.boss.req("/api/v2/admin/accounts?status=disabled"))), ["dan"]);
  assert.ok(!names(ok(await U.boss.req("/api/v2/admin/accounts?status=active"))).includes("dan"));
  assert.deepEqual(names(ok(await U.boss.req("/api/v2/admin/accounts?permissions=staff"))), ["boss"]);
  assert.deepEqual(names(ok(await U.boss.req("/api/v1/admin/accounts?username=CA"))), ["cara"]);
  assert.deepEqual(names(ok(await U.boss.req("/api/v1/admin/accounts?email=ben%40"))), ["ben"]);
  assert.deepEqual(names(ok(await U.boss.req("/api/v1/admin/accounts?username=%25"))), [], "LIKE wildcards are literal");
  assert.deepEqual(ok(await U.boss.req("/api/v2/admin/accounts?status=pending")), []);
  err(await U.boss.req("/api/v2/admin/accounts?status=weird"), 400);
  err(await U.boss.req("/api/v1/admin/accounts?role=king"), 400);
});

test("the list pages with Link headers and no repeats", T, async () => {
  const first = await U.boss.req("/api/v1/admin/accounts?limit=2");
  const page1 = ok(first);
  assert.equal(page1.length, 2);
  const next = parseLink(first.headers.get("link")).next;
  assert.ok(next);
  const page2 = ok(await U.boss.req(next.replace(ctx.url, "")));
  assert.ok(page2.length > 0);
  assert.ok(page2.every((a) => !page1.some((b) => b.id === a.id)));
});

test("an admin changes someone's role, not their own", T, async () => {
  const made = ok(await U.boss.req(`/api/v1/atrium/admin/accounts/${U.ben.id}/role`, { method: "POST", json: { role: "moderator" } }));
  assert.equal(made.role.name, "moderator");
  assert.deepEqual(names(ok(await U.boss.req("/api/v1/admin/accounts?role=moderator"))), ["ben"]);
  err(await U.boss.req(`/api/v1/atrium/admin/accounts/${U.ben.id}/role`, { method: "POST", json: { role: "king" } }), 422);
  err(await U.boss.req(`/api/v1/atrium/admin/accounts/${U.boss.id}/role`, { method: "POST", json: { role: "member" } }), 422);
  err(await U.boss.req(`/api/v1/atrium/admin/accounts/999999999999/role`, { method: "POST", json: { role: "member" } }), 404);
  // the role holds: a moderator is staff now
  assert.deepEqual(names(ok(await U.boss.req("/api/v2/admin/accounts?permissions=staff"))), ["ben", "boss"]);
});
