// GET /api/v2/search as Mastodon clients use it (masto's v2.search): people
// by name, hashtags by prefix — only those a public post carries, so a tag
// used only in a restricted community or in followers-only posts is not
// revealed — and posts by their address or their words, through the
// visibility policy.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { socialServer, T, ok, err, post, follow } from "./lib/social-helpers.mjs";
import { stopAll } from "./lib/server.mjs";

after(stopAll);

let ctx, U;
before(async () => {
  ctx = await socialServer(["sofia", "sam", "sasha", "omar"]);
  U = ctx.users;
});

const search = (user, params) => user.req(`/api/v2/search?${new URLSearchParams(params)}`);

describe("people", () => {
  test("by the start of a name, with @ or without; blocked people are left out", T, async () => {
    const r = await U.omar.client.v2.search.list({ q: "sa", type: "accounts" });
    assert.deepEqual(r.accounts.map((a) => a.username).sort(), ["sam", "sasha"]);
    assert.deepEqual(r.statuses, []);
    assert.deepEqual(r.hashtags, []);
    const at = ok(await search(U.omar, { q: "@sofia" }));
    assert.deepEqual(at.accounts.map((a) => a.username), ["sofia"]);
    ok(await U.sasha.req(`/api/v1/accounts/${U.omar.id}/block`, { method: "POST" }));
    const after = ok(await search(U.omar, { q: "sa", type: "accounts" }));
    assert.deepEqual(after.accounts.map((a) => a.username), ["sam"]);
    ok(await U.sasha.req(`/api/v1/accounts/${U.omar.id}/unblock`, { method: "POST" }));
  });

  test("following=true keeps the people one follows", T, async () => {
    await follow(U.sam, U.sofia);
    const r = ok(await search(U.sam, { q: "s", type: "accounts", following: "true" }));
    assert.deepEqual(r.accounts.map((a) => a.username), ["sofia"]);
  });
});

describe("hashtags", () => {
  test("by prefix, '#' or not, the exact one first; only tags a public post carries", T, async () => {
    await post(U.sofia, "Kick-off of the #DesignSystem work and #design review");
    await post(U.sofia, "Internal only #designleak", { visibility: "private" });
    const c = ok(await U.sofia.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "atlas_s", name: "Atlas", type: "restricted" } }));
    await post(U.sofia, "Inside the community #designsecret", { community_id: c.id });

    const r = await U.omar.client.v2.search.list({ q: "#desi", type: "hashtags" });
    assert.deepEqual(r.hashtags.map((h) => h.name), ["design", "designsystem"]);
    assert.match(r.hashtags[0].url, /\/tags\/design$/);
    const exact = ok(await search(U.omar, { q: "designsystem" }));
    assert.deepEqual(exact.hashtags.map((h) => h.name), ["designsystem"]);
    // The member of the community does not find its tag either: search
    // lists what the tag stream shows, and that is public posts.
    for (const user of [U.omar, U.sofia]) {
      const hidden = ok(await search(user, { q: "designs", type: "hashtags" }));
      assert.deepEqual(hidden.hashtags.map((h) => h.name), ["designsystem"]);
      assert.deepEqual(ok(await search(user, { q: "designl", type: "hashtags" })).hashtags, []);
    }
  });

  test("a community that becomes restricted takes its tags out of search and tag streams at once", T, async () => {
    const c = ok(await U.sofia.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "orbit_s", name: "Orbit", type: "public" } }));
    const inside = await post(U.sofia, "Planning the #orbitlaunch", { community_id: c.id });
    const found = () => search(U.omar, { q: "orbitl", type: "hashtags" }).then((r) => ok(r).hashtags.map((h) => h.name));
    const stream = () => U.omar.req("/api/v1/timelines/tag/orbitlaunch").then((r) => ok(r).map((s) => s.id));
    assert.deepEqual(await found(), ["orbitlaunch"]);
    assert.deepEqual(await stream(), [inside.id]);
    ok(await U.sofia.req(`/api/v1/atrium/communities/${c.id}`, { method: "PATCH", json: { type: "restricted" } }));
    assert.deepEqual(await found(), []);
    assert.deepEqual(await stream(), []);
    err(await U.omar.req(`/api/v1/statuses/${inside.id}`), 404);
  });
});

describe("posts", () => {
  test("by their address, only for those who may see them", T, async () => {
    const open = await post(U.sam, "An open announcement for everyone");
    const mine = await post(U.sam, "Just for my followers", { visibility: "private" });
    const found = ok(await search(U.omar, { q: open.url, type: "statuses" }));
    assert.deepEqual(found.statuses.map((s) => s.id), [open.id]);
    const all = ok(await search(U.omar, { q: open.url }));
    assert.deepEqual(all.statuses.map((s) => s.id), [open.id]);
    assert.deepEqual(all.accounts, []);
    assert.deepEqual(ok(await search(U.omar, { q: mine.url })).statuses, [], "not a follower of sam");
    await follow(U.sasha, U.sam);
    assert.deepEqual(ok(await search(U.sasha, { q: mine.url })).statuses.map((s) => s.id), [mine.id]);
    // Words find posts too (tests/api/search-posts.test.mjs), the same ones.
    assert.deepEqual(ok(await search(U.omar, { q: "announcement", type: "statuses" })).statuses.map((s) => s.id), [open.id]);
    assert.deepEqual(ok(await search(U.omar, { q: "followers", type: "statuses" })).statuses, [], "not a follower of sam");
    // Another server's address is not ours to look up.
    assert.deepEqual(ok(await search(U.omar, { q: `https://elsewhere.example/@sam/${open.id}` })).statuses, []);
  });
});

describe("bad input", () => {
  test("no query, an unknown type, a bad offset or limit: 400 with a JSON error", T, async () => {
    err(await search(U.omar, {}), 400);
    err(await search(U.omar, { q: "  " }), 400);
    err(await search(U.omar, { q: "sa", type: "people" }), 400);
    err(await search(U.omar, { q: "sa", offset: "many" }), 400);
    err(await search(U.omar, { q: "sa", following: "perhaps" }), 400);
    err(await search(U.omar, { q: "sa", limit: "lots" }), [400, 422]);
  });

  test("needs a signed-in member", T, async () => {
    const r = await fetch(`${ctx.url}/api/v2/search?q=sa`);
    assert.equal(r.status, 401);
  });
});
