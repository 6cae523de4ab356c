// Timelines: home (membership rules, reply rule, reblog de-duplication),
// public, hashtag (any/all/none), lists and list timelines, markers, and
// pagination across pages via Link headers and max_id/min_id/since_id.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, follow, ids, parseLink, settle, T, describe } from "./lib/social-helpers.mjs";

let U, ctx;
before(async () => {
  ctx = await socialServer([
    "alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivan", "judy", "kim", "liam",
  ]);
  U = ctx.users;
});

// home and list feeds are filled asynchronously: let the fan-out catch up first
const home = async (u, qs = "limit=40") => ids(await homeItems(u, qs));
const homeItems = async (u, qs = "limit=40") => {
  await settle(ctx);
  return ok(await u.req(`/api/v1/timelines/home?${qs}`));
};
const listTl = async (u, id, qs = "limit=40") => {
  await settle(ctx);
  return ids(ok(await u.req(`/api/v1/timelines/list/${id}?${qs}`)));
};

suite("home timeline", () => {
  // alice follows bob and dave, not carol
  let alice, bob, carol, dave;
  before(async () => {
    ({ alice, bob, carol, dave } = U);
    await follow(alice, bob);
    await follow(alice, dave);
  });

  test("own posts and posts of followed members; not of others", T, async () => {
    const own = await post(alice, "alice's own");
    const b = await post(bob, "bob's post");
    const c = await post(carol, "carol's post");
    await settle(ctx);
    const h = await alice.client.v1.timelines.home.list({ limit: 40 });
    const list = ids(h);
    assert.ok(list.includes(own.id), "own post");
    assert.ok(list.includes(b.id), "followed member's post");
    assert.ok(!list.includes(c.id), "unfollowed member's post");
    assert.ok(list.indexOf(b.id) < list.indexOf(own.id), "newest first");
  });

  test("replies appear only if the reader follows the replied-to member (or is it)", T, async () => {
    const c = await post(carol, "carol starts");
    const d = await post(dave, "dave starts");
    const a = await post(alice, "alice starts");
    const toCarol = await post(bob, "@carol reply to carol", { in_reply_to_id: c.id });
    const toDave = await post(bob, "@dave reply to dave", { in_reply_to_id: d.id });
    const toAlice = await post(bob, "@alice reply to alice", { in_reply_to_id: a.id });
    const b0 = await post(bob, "bob thread start");
    const toSelf = await post(bob, "bob continues", { in_reply_to_id: b0.id });
    const list = await home(alice);
    assert.ok(!list.includes(toCarol.id), "reply to an unfollowed member must stay out");
    assert.ok(list.includes(toDave.id), "reply to a followed member");
    assert.ok(list.includes(toAlice.id), "reply to the reader");
    assert.ok(list.includes(toSelf.id), "self-reply (thread)");
    // the reply is still reachable by id and in context
    assert.equal(ok(await alice.req(`/api/v1/statuses/${toCarol.id}`)).id, toCarol.id);
  });

  test("a reblog of a post already in the feed is de-duplicated", T, async () => {
    const d = await post(dave, "dave's original");
    const rb = ok(await bob.req(`/api/v1/statuses/${d.id}/reblog`, { method: "POST" }));
    const items = await homeItems(alice);
    const occurrences = items.filter((s) => s.id === d.id || s.reblog?.id === d.id);
    assert.equal(occurrences.length, 1, `the post appears ${occurrences.length} times: ${JSON.stringify(occurrences.map((s) => [s.id, s.reblog?.id]))}`);
    assert.equal(occurrences[0].id, d.id, "the original stays");
    assert.ok(!ids(items).includes(rb.id));
  });

  test("two reblogs of an outside post: the first shows, the second is de-duplicated", T, async () => {
    const c = await post(carol, "carol's viral post");
    const rb1 = ok(await bob.req(`/api/v1/statuses/${c.id}/reblog`, { method: "POST" }));
    const rb2 = ok(await dave.req(`/api/v1/statuses/${c.id}/reblog`, { method: "POST" }));
    const items = await homeItems(alice);
    const occurrences = items.filter((s) => s.id === c.id || s.reblog?.id === c.id);
    assert.equal(occurrences.length, 1, `occurrences: ${JSON.stringify(occurrences.map((s) => [s.id, s.account.username]))}`);
    assert.equal(occurrences[0].id, rb1.id, "the first reblog stays");
    assert.equal(occurrences[0].reblog.id, c.id);
    assert.ok(!ids(items).includes(rb2.id));
  });

  test("follow with reblogs=false hides that member's reblogs", T, async () => {
    const { erin, frank } = U;
    const r = ok(await erin.req(`/api/v1/accounts/${frank.id}/follow`, { method: "POST", json: { reblogs: false } }));
    assert.equal(r.showing_reblogs, false);
    const c = await post(carol, "to be boosted by frank");
    const rb = ok(await frank.req(`/api/v1/statuses/${c.id}/reblog`, { method: "POST" }));
    const own = await post(frank, "frank's own");
    const list = await home(erin);
    assert.ok(!list.includes(rb.id), "reblog hidden");
    assert.ok(list.includes(own.id), "own posts still shown");
  });

  test("following fills in earlier posts; unfollowing removes them", T, async () => {
    const { gina, hank } = U;
    const early = await post(hank, "hank before the follow");
    await follow(gina, hank);
    assert.ok((await home(gina)).includes(early.id), "posts from before the follow");
    ok(await gina.req(`/api/v1/accounts/${hank.id}/unfollow`, { method: "POST" }));
    assert.ok(!(await home(gina)).includes(early.id), "posts of an unfollowed member leave the feed");
  });

  test("a deleted post leaves the home feed", T, async () => {
    const b = await post(bob, "short-lived");
    assert.ok((await home(alice)).includes(b.id));
    await bob.client.v1.statuses.$select(b.id).remove();
    assert.ok(!(await home(alice)).includes(b.id));
  });

  test("the reader's own likes, reposts and bookmarks show on the home page at once", T, async () => {
    const b = await post(bob, "mark this");
    const mine = async () => (await homeItems(alice)).find((s) => s.id === b.id);
    const seen = await mine(); // the page is rendered (and its marks remembered) first
    assert.equal(seen.favourited, false);
    assert.equal(seen.reblogged, false);
    assert.equal(seen.bookmarked, false);
    ok(await alice.req(`/api/v1/statuses/${b.id}/favourite`, { method: "POST" }));
    assert.equal((await mine()).favourited, true);
    ok(await alice.req(`/api/v1/statuses/${b.id}/bookmark`, { method: "POST" }));
    assert.equal((await mine()).bookmarked, true);
    ok(await alice.req(`/api/v1/statuses/${b.id}/reblog`, { method: "POST" }));
    const after = (await homeItems(alice)).find((s) => s.reblog?.id === b.id || s.id === b.id);
    assert.equal((after.reblog ?? after).reblogged, true);
    ok(await alice.req(`/api/v1/statuses/${b.id}/unreblog`, { method: "POST" }));
    ok(await alice.req(`/api/v1/statuses/${b.id}/unfavourite`, { method: "POST" }));
    ok(await alice.req(`/api/v1/statuses/${b.id}/unbookmark`, { method: "POST" }));
    const undone = await mine();
    assert.equal(undone.favourited, false);
    assert.equal(undone.reblogged, false);
    assert.equal(undone.bookmarked, false);
  });

  test("home needs a user token", T, async () => {
    err(await alice.req("/api/v1/timelines/home", { token: "garbage" }), 401);
  });
});

suite("public timeline", () => {
  test("public posts of everyone; not reblogs; local=true same; remote=true empty", T, async () => {
    const { ivan, judy } = U;
    const p = await post(ivan, "ivan public");
    const u = await post(ivan, "ivan unlisted", { visibility: "unlisted" });
    const rb = ok(await judy.req(`/api/v1/statuses/${p.id}/reblog`, { method: "POST" }));
    const list = ids(await judy.client.v1.timelines.public.list({ limit: 40 }));
    assert.ok(list.includes(p.id));
    assert.ok(!list.includes(u.id), "unlisted is not in the public timeline");
    assert.ok(!list.includes(rb.id), "reblogs are not in the public timeline");
    const local = ids(ok(await judy.req("/api/v1/timelines/public?local=true&limit=40")));
    assert.ok(local.includes(p.id));
    const remote = ok(await judy.req("/api/v1/timelines/public?remote=true&limit=40"));
    assert.deepEqual(remote, [], "no remote posts on a single organization");
  });
});

suite("hashtag timeline", () => {
  let P = {};
  before(async () => {
    const { kim } = U;
    P.alpha = await post(kim, "only #alpha");
    P.alphaBeta = await post(kim, "#alpha and #beta");
    P.alphaGamma = await post(kim, "#alpha and #gamma");
    P.beta = await post(kim, "only #beta");
    P.all3 = await post(kim, "#alpha #beta #gamma");
    P.none = await post(kim, "no tags, just alpha beta text");
  });
  const tag = async (qs) => new Set(ids(ok(await U.liam.req(`/api/v1/timelines/tag/${qs}`))));
  const set = (...keys) => new Set(keys.map((k) => P[k].id));

  test("plain tag, case-insensitive", T, async () => {
    assert.deepEqual(await tag("alpha"), set("alpha", "alphaBeta", "alphaGamma", "all3"));
    assert.deepEqual(await tag("ALPHA"), set("alpha", "alphaBeta", "alphaGamma", "all3"));
    assert.deepEqual(await tag("delta"), new Set());
  });

  test("any[]", T, async () => {
    assert.deepEqual(await tag("alpha?any[]=beta"), set("alpha", "alphaBeta", "alphaGamma", "all3", "beta"));
  });

  test("all[]", T, async () => {
    assert.deepEqual(await tag("alpha?all[]=beta"), set("alphaBeta", "all3"));
    assert.deepEqual(await tag("alpha?all[]=beta&all[]=gamma"), set("all3"));
  });

  test("none[]", T, async () => {
    assert.deepEqual(await tag("alpha?none[]=gamma"), set("alpha", "alphaBeta"));
    assert.deepEqual(await tag("alpha?none[]=beta&none[]=gamma"), set("alpha"));
  });

  test("any[] + none[] combined", T, async () => {
    assert.deepEqual(await tag("alpha?any[]=beta&none[]=gamma"), set("alpha", "alphaBeta", "beta"));
  });

  test("masto's tag timeline client", T, async () => {
    const list = await U.liam.client.v1.timelines.tag.$select("gamma").list();
    assert.deepEqual(new Set(ids(list)), set("alphaGamma", "all3"));
  });
});

suite("lists", () => {
  // gina owns the lists; she follows ivan and judy (hank was unfollowed above)
  let gina, ivan, judy, kim;
  let list;
  before(async () => {
    ({ gina, ivan, judy, kim } = U);
    await follow(gina, ivan);
    await follow(gina, judy);
  });

  test("create, show, index, update", T, async () => {
    list = await gina.client.v1.lists.create({ title: "Team" });
    assert.equal(typeof list.id, "string");
    assert.equal(list.title, "Team");
    assert.equal(list.repliesPolicy, "list", "default replies_policy");
    assert.equal(list.exclusive, false);
    const shown = await gina.client.v1.lists.$select(list.id).fetch();
    assert.equal(shown.title, "Team");
    const all = await gina.client.v1.lists.list();
    assert.deepEqual(ids(all), [list.id]);
    const upd = await gina.client.v1.lists.$select(list.id).update({ title: "Core team", repliesPolicy: "followed" });
    assert.equal(upd.title, "Core team");
    assert.equal(upd.repliesPolicy, "followed");
  });

  test("bad input: empty title, bad replies_policy → 422", T, async () => {
    err(await gina.req("/api/v1/lists", { method: "POST", json: { title: "" } }), 422);
    err(await gina.req("/api/v1/lists", { method: "POST", json: { title: "x", replies_policy: "everyone" } }), 422);
  });

  test("another member's list is 404", T, async () => {
    err(await kim.req(`/api/v1/lists/${list.id}`), 404);
    err(await kim.req(`/api/v1/lists/${list.id}`, { method: "PUT", json: { title: "mine" } }), 404);
    err(await kim.req(`/api/v1/timelines/list/${list.id}`), 404);
    err(await kim.req(`/api/v1/lists/${list.id}/accounts`), 404);
    err(await kim.req(`/api/v1/lists/${list.id}`, { method: "DELETE" }), 404);
    assert.deepEqual(await kim.client.v1.lists.list(), []);
  });

  test("add accounts (must be followed), list them, accounts/:id/lists", T, async () => {
    await gina.client.v1.lists.$select(list.id).accounts.create({ accountIds: [ivan.id] });
    const members = await gina.client.v1.lists.$select(list.id).accounts.list();
    assert.deepEqual(ids(members), [ivan.id]);
    // not followed → 404 (Mastodon) or 422
    const nf = await gina.req(`/api/v1/lists/${list.id}/accounts`, { method: "POST", json: { account_ids: [kim.id] } });
    assert.ok([404, 422].includes(nf.status), `adding an unfollowed member: ${describe(nf)}`);
    err(await gina.req(`/api/v1/lists/${list.id}/accounts`, { method: "POST", json: { account_ids: ["31337"] } }), 404);
    assert.deepEqual(ids(await gina.client.v1.lists.$select(list.id).accounts.list()), [ivan.id]);
    const lists = ok(await gina.req(`/api/v1/accounts/${ivan.id}/lists`));
    assert.deepEqual(ids(lists), [list.id]);
    assert.deepEqual(ok(await gina.req(`/api/v1/accounts/${judy.id}/lists`)), []);
  });

  test("adding an account already in the list → 422 (Mastodon) and no duplicate", T, async () => {
    const res = await gina.req(`/api/v1/lists/${list.id}/accounts`, { method: "POST", json: { account_ids: [ivan.id] } });
    assert.deepEqual(ids(await gina.client.v1.lists.$select(list.id).accounts.list()), [ivan.id]);
    err(res, 422);
  });

  test("list timeline shows members' posts only", T, async () => {
    const i = await post(ivan, "ivan for the list");
    const j = await post(judy, "judy not in the list");
    await settle(ctx);
    const tl = ids(await gina.client.v1.timelines.list.$select(list.id).list({ limit: 40 }));
    assert.ok(tl.includes(i.id));
    assert.ok(!tl.includes(j.id));
    // not exclusive: still in home
    assert.ok((await home(gina)).includes(i.id));
  });

  test("replies_policy none hides replies; followed shows replies to followed members", T, async () => {
    const j = await post(judy, "judy asks");
    const k = await post(kim, "kim asks");
    const toJudy = await post(ivan, "@judy answer", { in_reply_to_id: j.id });
    const toKim = await post(ivan, "@kim answer", { in_reply_to_id: k.id });
    let tl = await listTl(gina, list.id);
    assert.ok(tl.includes(toJudy.id), "followed: a reply to a followed member shows");
    assert.ok(!tl.includes(toKim.id), "followed: a reply to an unfollowed member is hidden");
    ok(await gina.req(`/api/v1/lists/${list.id}`, { method: "PUT", json: { title: "Core team", replies_policy: "none" } }));
    const toJudy2 = await post(ivan, "@judy again", { in_reply_to_id: j.id });
    tl = await listTl(gina, list.id);
    assert.ok(!tl.includes(toJudy2.id), "none: replies are hidden");
  });

  test("exclusive lists keep their members out of home", T, async () => {
    const ex = ok(await gina.req("/api/v1/lists", { method: "POST", json: { title: "Quiet", exclusive: true } }));
    assert.equal(ex.exclusive, true);
    ok(await gina.req(`/api/v1/lists/${ex.id}/accounts`, { method: "POST", json: { account_ids: [judy.id] } }));
    const j = await post(judy, "judy in an exclusive list");
    assert.ok((await listTl(gina, ex.id)).includes(j.id));
    assert.ok(!(await home(gina)).includes(j.id), "exclusive: not in home");
  });

  test("remove accounts; delete the list", T, async () => {
    await gina.client.v1.lists.$select(list.id).accounts.remove({ accountIds: [ivan.id] });
    assert.deepEqual(await gina.client.v1.lists.$select(list.id).accounts.list(), []);
    const i = await post(ivan, "ivan after removal");
    assert.ok(!(await listTl(gina, list.id)).includes(i.id));
    await gina.client.v1.lists.$select(list.id).remove();
    err(await gina.req(`/api/v1/lists/${list.id}`), 404);
    err(await gina.req(`/api/v1/timelines/list/${list.id}`), 404);
    assert.ok(!ids(await gina.client.v1.lists.list()).includes(list.id));
  });

  test("unfollowing a member removes it from the owner's lists", T, async () => {
    const l = ok(await gina.req("/api/v1/lists", { method: "POST", json: { title: "Follows" } }));
    ok(await gina.req(`/api/v1/lists/${l.id}/accounts`, { method: "POST", json: { account_ids: [ivan.id] } }));
    ok(await gina.req(`/api/v1/accounts/${ivan.id}/unfollow`, { method: "POST" }));
    assert.deepEqual(ok(await gina.req(`/api/v1/lists/${l.id}/accounts`)), []);
  });
});

suite("markers", () => {
  test("GET with no timeline[] → {}; POST creates, version increments", T, async () => {
    const { hank } = U;
    assert.deepEqual(await hank.client.v1.markers.fetch({ timeline: ["home", "notifications"] }), {});
    assert.deepEqual(ok(await hank.req("/api/v1/markers")), {});
    const p1 = await post(hank, "m1");
    const p2 = await post(hank, "m2");
    const r1 = ok(await hank.req("/api/v1/markers", { method: "POST", json: { home: { last_read_id: p1.id } } }));
    assert.deepEqual(Object.keys(r1), ["home"]);
    assert.equal(r1.home.last_read_id, p1.id);
    assert.ok(Number.isInteger(r1.home.version));
    assert.ok(!Number.isNaN(Date.parse(r1.home.updated_at)));
    const r2 = ok(await hank.req("/api/v1/markers", { method: "POST", form: { "home[last_read_id]": p2.id } }));
    assert.equal(r2.home.last_read_id, p2.id);
    assert.equal(r2.home.version, r1.home.version + 1, "version increments");
    const got = await hank.client.v1.markers.fetch({ timeline: ["home"] });
    assert.equal(got.home.lastReadId, p2.id);
    assert.equal(got.home.version, r2.home.version);
    assert.equal(got.notifications, undefined, "only the requested timelines");
  });

  test("home and notifications markers are separate and per member", T, async () => {
    const { ivan, judy } = U;
    const r = await ivan.client.v1.markers.create({ home: { lastReadId: "100" }, notifications: { lastReadId: "200" } });
    assert.equal(r.home.lastReadId, "100");
    assert.equal(r.notifications.lastReadId, "200");
    const both = ok(await ivan.req("/api/v1/markers?timeline[]=home&timeline[]=notifications"));
    assert.equal(both.home.last_read_id, "100");
    assert.equal(both.notifications.last_read_id, "200");
    const n2 = ok(await ivan.req("/api/v1/markers", { method: "POST", json: { notifications: { last_read_id: "250" } } }));
    assert.equal(n2.notifications.version, r.notifications.version + 1);
    const again = ok(await ivan.req("/api/v1/markers?timeline[]=home&timeline[]=notifications"));
    assert.equal(again.home.version, r.home.version, "the home marker is untouched");
    assert.deepEqual(ok(await judy.req("/api/v1/markers?timeline[]=home&timeline[]=notifications")), {});
  });

  test("markers need a token", T, async () => {
    err(await U.ivan.req("/api/v1/markers?timeline[]=home", { token: "x" }), 401);
  });
});

suite("pagination", () => {
  // liam follows nobody: his home is exactly his own posts
  let liam;
  let P; // newest first
  before(async () => {
    liam = U.liam;
    const made = [];
    for (let i = 1; i <= 8; i++) made.push(await post(liam, `page post ${i}`));
    P = ids(made).reverse();
    for (let i = 1; i < P.length; i++) {
      assert.ok(BigInt(P[i - 1]) > BigInt(P[i]), "ids increase with time");
    }
  });

  async function page(url) {
    await settle(ctx);
    const res = await liam.req(url);
    const list = ok(res);
    return { list: ids(list), link: parseLink(res.headers.get("link")) };
  }
  const rel = (u) => (u ? new URL(u).pathname + new URL(u).search : null);

  test("three pages by Link rel=next: no duplicates, no gaps", T, async () => {
    const p1 = await page("/api/v1/timelines/home?limit=3");
    assert.deepEqual(p1.list, P.slice(0, 3));
    assert.ok(p1.link.next, "next link");
    assert.equal(new URL(p1.link.next).searchParams.get("max_id"), P[2]);
    const p2 = await page(rel(p1.link.next));
    assert.deepEqual(p2.list, P.slice(3, 6));
    const p3 = await page(rel(p2.link.next));
    assert.deepEqual(p3.list, P.slice(6, 8));
    const all = [...p1.list, ...p2.list, ...p3.list];
    assert.equal(new Set(all).size, all.length);
    if (p3.link.next) {
      const p4 = await page(rel(p3.link.next));
      assert.deepEqual(p4.list, []);
    }
  });

  test("rel=prev from a middle page returns the newer page", T, async () => {
    const p2 = await page(`/api/v1/timelines/home?limit=3&max_id=${P[2]}`);
    assert.deepEqual(p2.list, P.slice(3, 6));
    assert.ok(p2.link.prev, "prev link");
    assert.equal(new URL(p2.link.prev).searchParams.get("min_id"), P[3]);
    const back = await page(rel(p2.link.prev));
    assert.deepEqual(back.list, P.slice(0, 3));
  });

  test("max_id, since_id and min_id semantics", T, async () => {
    assert.deepEqual((await page(`/api/v1/timelines/home?max_id=${P[4]}&limit=40`)).list, P.slice(5));
    // since_id: newest items above the bound; min_id: items immediately above it
    assert.deepEqual((await page(`/api/v1/timelines/home?since_id=${P[7]}&limit=2`)).list, P.slice(0, 2));
    assert.deepEqual((await page(`/api/v1/timelines/home?min_id=${P[7]}&limit=2`)).list, [P[5], P[6]]);
    assert.deepEqual((await page(`/api/v1/timelines/home?max_id=${P[1]}&since_id=${P[5]}&limit=40`)).list, P.slice(2, 5));
    assert.deepEqual((await page(`/api/v1/timelines/home?max_id=${P[1]}&min_id=${P[5]}&limit=2`)).list, [P[3], P[4]]);
  });

  test("a post made while paging does not shift the next pages", T, async () => {
    const p1 = await page("/api/v1/timelines/home?limit=3");
    const fresh = await post(liam, "arrives mid-way");
    const p2 = await page(rel(p1.link.next));
    assert.deepEqual(p2.list, P.slice(3, 6));
    const top = await page("/api/v1/timelines/home?limit=1");
    assert.deepEqual(top.list, [fresh.id]);
    await liam.client.v1.statuses.$select(fresh.id).remove();
  });

  test("masto's paginator walks every page", T, async () => {
    await settle(ctx);
    const seen = [];
    for await (const pg of liam.client.v1.timelines.home.list({ limit: 3 })) {
      if (pg.length === 0) break;
      seen.push(...ids(pg));
      if (seen.length > 20) break;
    }
    assert.deepEqual(seen, P);
  });

  test("account statuses and the public timeline paginate the same way", T, async () => {
    const seen = [];
    let url = `/api/v1/accounts/${liam.id}/statuses?limit=3`;
    for (let i = 0; url && i < 6; i++) {
      const p = await page(url);
      if (p.list.length === 0) break;
      seen.push(...p.list);
      url = rel(p.link.next);
    }
    assert.deepEqual(seen, P);
    const pub = await page(`/api/v1/timelines/public?limit=2&max_id=${P[3]}`);
    assert.deepEqual(pub.list.filter((id) => P.includes(id)), P.slice(4, 6));
  });

  test("limit is capped (40) and a bad limit is not an error", T, async () => {
    const res = await liam.req("/api/v1/timelines/home?limit=1000");
    assert.ok(ok(res).length <= 40);
    const zero = await liam.req("/api/v1/timelines/home?limit=0");
    assert.ok(zero.status === 200 || zero.status === 422, describe(zero));
  });
});
