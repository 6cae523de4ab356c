// Relationships: follow/unfollow, the relationships endpoint, followers and
// following with Link pagination, locked accounts and follow requests,
// blocks (hiding both ways), mutes, block/mute lists, and Atrium connections.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, ids, parseLink, settle, T, describe } from "./lib/social-helpers.mjs";

let U, ctx;
before(async () => {
  ctx = await socialServer([
    "alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivan", "judy",
    "kim", "liam", "mona", "nick", "olga", "pete", "quin", "rosa",
  ]);
  U = ctx.users;
});

async function rel(a, b) {
  const list = ok(await a.req(`/api/v1/accounts/relationships?id[]=${b.id}`));
  assert.equal(list.length, 1, `one relationship expected: ${JSON.stringify(list)}`);
  assert.equal(list[0].id, b.id);
  return list[0];
}

async function notifs(u, qs = "") {
  return ok(await u.req(`/api/v1/notifications?limit=80${qs}`));
}

suite("follow / unfollow", () => {
  test("follow sets following/followed_by, counts and the lists; unfollow undoes it", T, async () => {
    const { alice, bob } = U;
    const r = await alice.client.v1.accounts.$select(bob.id).follow();
    assert.equal(r.id, bob.id);
    assert.equal(r.following, true);
    assert.equal(r.requested, false);
    assert.equal(r.followedBy, false);
    const back = await rel(bob, alice);
    assert.equal(back.followed_by, true);
    assert.equal(back.following, false);
    const bobAcct = ok(await alice.req(`/api/v1/accounts/${bob.id}`));
    assert.equal(bobAcct.followers_count, 1);
    const aliceAcct = ok(await bob.req(`/api/v1/accounts/${alice.id}`));
    assert.equal(aliceAcct.following_count, 1);
    assert.deepEqual(ids(await bob.client.v1.accounts.$select(bob.id).followers.list()), [alice.id]);
    assert.deepEqual(ids(await bob.client.v1.accounts.$select(alice.id).following.list()), [bob.id]);
    // following again is harmless
    const again = await alice.client.v1.accounts.$select(bob.id).follow();
    assert.equal(again.following, true);
    assert.equal(ok(await alice.req(`/api/v1/accounts/${bob.id}`)).followers_count, 1);

    const u = await alice.client.v1.accounts.$select(bob.id).unfollow();
    assert.equal(u.following, false);
    assert.equal((await rel(bob, alice)).followed_by, false);
    assert.deepEqual(await bob.client.v1.accounts.$select(bob.id).followers.list(), []);
    assert.equal(ok(await alice.req(`/api/v1/accounts/${bob.id}`)).followers_count, 0);
  });

  test("relationships for several ids at once, in the requested order", T, async () => {
    const { carol, dave, erin } = U;
    await carol.client.v1.accounts.$select(dave.id).follow();
    await erin.client.v1.accounts.$select(carol.id).follow();
    const list = await carol.client.v1.accounts.relationships.fetch({ id: [erin.id, dave.id] });
    assert.deepEqual(ids(list), [erin.id, dave.id]);
    assert.equal(list[0].followedBy, true);
    assert.equal(list[0].following, false);
    assert.equal(list[1].following, true);
    assert.equal(list[1].followedBy, false);
    for (const r of list) {
      for (const k of ["blocking", "blockedBy", "muting", "mutingNotifications", "requested", "showingReblogs", "notifying", "endorsed", "domainBlocking"]) {
        assert.equal(typeof r[k], "boolean", `${k} must be a boolean`);
      }
      for (const k of ["connected", "connectionRequested", "connectionRequestedBy"]) {
        assert.equal(r[k], false, `Atrium flag ${k}`);
      }
    }
  });

  test("relationships skip unknown account ids (as Mastodon does)", T, async () => {
    const { carol, dave } = U;
    const res = await carol.req(`/api/v1/accounts/relationships?id[]=987654321&id[]=${dave.id}`);
    assert.deepEqual(ids(ok(res)), [dave.id], `GET /api/v1/accounts/relationships?id[]=987654321&id[]=<dave>: ${describe(res)}`);
  });

  test("following yourself or an unknown account fails", T, async () => {
    const { alice } = U;
    const self = await alice.req(`/api/v1/accounts/${alice.id}/follow`, { method: "POST" });
    assert.ok([403, 404, 422].includes(self.status), `following yourself: ${describe(self)}`);
    assert.equal(ok(await alice.req("/api/v1/accounts/verify_credentials")).following_count, 0);
    err(await alice.req(`/api/v1/accounts/55555555/follow`, { method: "POST" }), 404);
    err(await alice.req(`/api/v1/accounts/55555555/unfollow`, { method: "POST" }), 404);
    err(await alice.req(`/api/v1/accounts/relationships?id[]=${U.bob.id}`, { token: "bad-token" }), 401);
  });

  test("remove_from_followers", T, async () => {
    const { frank, gina } = U;
    await gina.client.v1.accounts.$select(frank.id).follow();
    const r = ok(await frank.req(`/api/v1/accounts/${gina.id}/remove_from_followers`, { method: "POST" }));
    assert.equal(r.followed_by, false);
    assert.equal((await rel(gina, frank)).following, false);
  });

  test("followers / following paginate with Link headers, newest first, no gaps or duplicates", T, async () => {
    const { hank } = U;
    const fans = ["ivan", "judy", "kim", "liam", "mona"].map((n) => U[n]);
    for (const f of fans) await f.client.v1.accounts.$select(hank.id).follow();
    // raw pages through the Link header
    const seen = [];
    let url = `/api/v1/accounts/${hank.id}/followers?limit=2`;
    let pages = 0;
    let firstLink;
    while (url && pages < 10) {
      const res = await hank.req(url);
      const page = ok(res);
      if (pages === 0) firstLink = parseLink(res.headers.get("link"));
      pages++;
      if (page.length === 0) break;
      assert.ok(page.length <= 2, `limit ignored: ${page.length}`);
      seen.push(...ids(page));
      const next = parseLink(res.headers.get("link")).next;
      url = next ? new URL(next).pathname + new URL(next).search : null;
    }
    assert.ok(firstLink?.next, "first page must have a next link");
    assert.ok(firstLink?.prev, "first page must have a prev link");
    assert.equal(new Set(seen).size, seen.length, `duplicates: ${seen}`);
    assert.deepEqual(seen, ids(fans).reverse(), "all followers, most recent first");
    // masto follows the same links
    const viaMasto = [];
    for await (const page of hank.client.v1.accounts.$select(hank.id).followers.list({ limit: 2 })) {
      if (page.length === 0) break;
      viaMasto.push(...ids(page));
    }
    assert.deepEqual(viaMasto, seen);
    // following of one fan
    const fol = await hank.client.v1.accounts.$select(fans[0].id).following.list();
    assert.deepEqual(ids(fol), [hank.id]);
  });
});

suite("locked account: follow requests", () => {
  let owner, asker, rejected;
  before(async () => {
    owner = U.nick;
    asker = U.olga;
    rejected = U.pete;
    const me = await owner.client.v1.accounts.updateCredentials({ locked: true });
    assert.equal(me.locked, true);
  });

  test("a follow becomes a request; the owner gets a follow_request notification", T, async () => {
    const r = await asker.client.v1.accounts.$select(owner.id).follow();
    assert.equal(r.following, false);
    assert.equal(r.requested, true);
    const back = await rel(owner, asker);
    assert.equal(back.requested_by, true);
    assert.equal(back.followed_by, false);
    const reqs = await owner.client.v1.followRequests.list();
    assert.deepEqual(ids(reqs), [asker.id]);
    const n = await notifs(owner);
    assert.ok(n.some((x) => x.type === "follow_request" && x.account.id === asker.id), `notifications: ${JSON.stringify(n.map((x) => x.type))}`);
    assert.ok(!n.some((x) => x.type === "follow" && x.account.id === asker.id), "no follow notification yet");
    // not a follower yet: private posts stay hidden
    const priv = await post(owner, "locked-only", { visibility: "private" });
    err(await asker.req(`/api/v1/statuses/${priv.id}`), 404);
    assert.equal(ok(await asker.req(`/api/v1/accounts/${owner.id}`)).followers_count, 0);
  });

  test("authorize: the requester follows; the request is gone", T, async () => {
    const r = await owner.client.v1.followRequests.$select(asker.id).authorize();
    assert.equal(r.id, asker.id);
    assert.equal(r.followedBy, true);
    assert.equal(r.requestedBy ?? false, false);
    const mine = await rel(asker, owner);
    assert.equal(mine.following, true);
    assert.equal(mine.requested, false);
    assert.deepEqual(await owner.client.v1.followRequests.list(), []);
    assert.deepEqual(ids(await owner.client.v1.accounts.$select(owner.id).followers.list()), [asker.id]);
    const priv = await post(owner, "now you see me", { visibility: "private" });
    assert.equal(ok(await asker.req(`/api/v1/statuses/${priv.id}`)).id, priv.id);
  });

  test("reject: no follow, no request; authorizing it afterwards → 404", T, async () => {
    await rejected.client.v1.accounts.$select(owner.id).follow();
    assert.equal((await rel(rejected, owner)).requested, true);
    const r = await owner.client.v1.followRequests.$select(rejected.id).reject();
    assert.equal(r.followedBy, false);
    const mine = await rel(rejected, owner);
    assert.equal(mine.following, false);
    assert.equal(mine.requested, false);
    assert.ok(!ids(await owner.client.v1.followRequests.list()).includes(rejected.id));
    err(await owner.req(`/api/v1/follow_requests/${rejected.id}/authorize`, { method: "POST" }), 404);
    err(await owner.req(`/api/v1/follow_requests/77777777/reject`, { method: "POST" }), 404);
  });

  test("unfollow withdraws a pending request", T, async () => {
    const q = U.quin;
    await q.client.v1.accounts.$select(owner.id).follow();
    assert.ok(ids(await owner.client.v1.followRequests.list()).includes(q.id));
    const r = await q.client.v1.accounts.$select(owner.id).unfollow();
    assert.equal(r.requested, false);
    assert.ok(!ids(await owner.client.v1.followRequests.list()).includes(q.id));
  });
});

suite("blocks", () => {
  // alice blocks dave; carol is a bystander whose thread both reply to
  let a, d, c, root, aReply, dReply, aPost, dPost;
  before(async () => {
    a = U.alice;
    d = U.dave;
    c = U.carol;
    await a.client.v1.accounts.$select(d.id).follow();
    await d.client.v1.accounts.$select(a.id).follow();
    aPost = await post(a, "alice before the block #blocktag");
    dPost = await post(d, "dave before the block #blocktag");
    root = await post(c, "carol's thread");
    aReply = await post(a, "alice in the thread", { in_reply_to_id: root.id });
    dReply = await post(d, "dave in the thread", { in_reply_to_id: root.id });
    ok(await d.req(`/api/v1/statuses/${aPost.id}/favourite`, { method: "POST" }));
    ok(await d.req(`/api/v1/statuses/${root.id}/favourite`, { method: "POST" }));
    const n = await notifs(a);
    assert.ok(n.some((x) => x.account.id === d.id), "dave's favourite notified alice before the block");
    const r = await a.client.v1.accounts.$select(d.id).block();
    assert.equal(r.blocking, true);
    assert.equal(r.following, false, "the block removes alice → dave");
    assert.equal(r.followedBy, false, "the block removes dave → alice");
  });

  test("relationship flags on both sides", T, async () => {
    const fromD = await rel(d, a);
    assert.equal(fromD.blocked_by, true);
    assert.equal(fromD.following, false);
    assert.equal(fromD.blocking, false);
  });

  test("home hides both ways", T, async () => {
    await settle(ctx);
    const ah = ok(await a.req("/api/v1/timelines/home?limit=40"));
    assert.ok(!ids(ah).includes(dPost.id), "dave's post left alice's home");
    const dh = ok(await d.req("/api/v1/timelines/home?limit=40"));
    assert.ok(!ids(dh).includes(aPost.id), "alice's post left dave's home");
  });

  test("public and tag timelines hide both ways", T, async () => {
    for (const path of ["/api/v1/timelines/public?limit=40", "/api/v1/timelines/tag/blocktag?limit=40"]) {
      const pa = ids(ok(await a.req(path)));
      const pd = ids(ok(await d.req(path)));
      assert.ok(pa.includes(aPost.id) && !pa.includes(dPost.id), `${path} for alice: ${pa}`);
      assert.ok(pd.includes(dPost.id) && !pd.includes(aPost.id), `${path} for dave: ${pd}`);
      const pc = ids(ok(await c.req(path)));
      assert.ok(pc.includes(aPost.id) && pc.includes(dPost.id), `${path} for a bystander`);
    }
  });

  test("context hides both ways", T, async () => {
    const ca = ids(ok(await a.req(`/api/v1/statuses/${root.id}/context`)).descendants);
    assert.ok(ca.includes(aReply.id) && !ca.includes(dReply.id), `alice's view: ${ca}`);
    const cd = ids(ok(await d.req(`/api/v1/statuses/${root.id}/context`)).descendants);
    assert.ok(cd.includes(dReply.id) && !cd.includes(aReply.id), `dave's view: ${cd}`);
  });

  test("account statuses hide both ways; the blocker's posts are 404 to the blocked", T, async () => {
    const ra = await d.req(`/api/v1/accounts/${a.id}/statuses`);
    assert.ok(ra.status === 404 || (ra.status === 200 && !ids(ra.json).includes(aPost.id)), `dave reading alice's statuses: ${describe(ra)}`);
    const rd = await a.req(`/api/v1/accounts/${d.id}/statuses`);
    assert.ok(rd.status === 404 || (rd.status === 200 && !ids(rd.json).includes(dPost.id)), `alice reading dave's statuses: ${describe(rd)}`);
    err(await d.req(`/api/v1/statuses/${aPost.id}`), 404);
  });

  test("favourited_by hides the blocked member from the blocker", T, async () => {
    const by = ids(ok(await a.req(`/api/v1/statuses/${root.id}/favourited_by`)));
    assert.ok(!by.includes(d.id), `alice sees dave in favourited_by: ${by}`);
    const byC = ids(ok(await c.req(`/api/v1/statuses/${root.id}/favourited_by`)));
    assert.ok(byC.includes(d.id), "a bystander still sees dave's favourite");
  });

  test("notifications: old ones from the blocked member vanish, new ones never come", T, async () => {
    let n = await notifs(a);
    assert.ok(!n.some((x) => x.account.id === d.id), `notifications from dave remain: ${JSON.stringify(n.map((x) => [x.type, x.account.username]))}`);
    const m = await d.req("/api/v1/statuses", { method: "POST", json: { status: "@alice hello?" } });
    assert.equal(m.status, 200, describe(m));
    const fav = await d.req(`/api/v1/statuses/${aReply.id}/favourite`, { method: "POST" });
    assert.equal(fav.status, 404, `favouriting the blocker's post: ${describe(fav)}`);
    n = await notifs(a);
    assert.ok(!n.some((x) => x.account.id === d.id), "a new mention from dave notified alice");
  });

  test("the blocked member cannot follow or reblog; the blocker cannot follow without unblocking", T, async () => {
    const f = await d.req(`/api/v1/accounts/${a.id}/follow`, { method: "POST" });
    assert.ok([403, 404].includes(f.status), `dave following alice: ${describe(f)}`);
    assert.equal((await rel(d, a)).following, false);
    err(await d.req(`/api/v1/statuses/${aPost.id}/reblog`, { method: "POST" }), 404);
    const f2 = await a.req(`/api/v1/accounts/${d.id}/follow`, { method: "POST" });
    assert.ok([403, 422].includes(f2.status), `alice following dave while blocking: ${describe(f2)}`);
  });

  test("GET /api/v1/blocks lists the blocked account", T, async () => {
    const list = await a.client.v1.blocks.list();
    assert.deepEqual(ids(list), [d.id]);
    assert.deepEqual(await d.client.v1.blocks.list(), []);
  });

  test("GET /api/v1/accounts/search hides blocked members", T, async (t) => {
    const res = await d.req(`/api/v1/accounts/search?q=alice`);
    if (res.status === 404 && res.json?.error === "Record not found") {
      t.todo("GET /api/v1/accounts/search is not implemented (404)");
    }
    const found = ok(res);
    assert.ok(!ids(found).includes(a.id));
    const res2 = await c.req(`/api/v1/accounts/search?q=alice`);
    assert.ok(ids(ok(res2)).includes(a.id));
  });

  test("unblock restores visibility but not the follows", T, async () => {
    const r = await a.client.v1.accounts.$select(d.id).unblock();
    assert.equal(r.blocking, false);
    assert.equal(r.following, false);
    assert.equal(r.followedBy, false);
    assert.equal(ok(await d.req(`/api/v1/statuses/${aPost.id}`)).id, aPost.id);
    const pd = ids(ok(await d.req("/api/v1/timelines/public?limit=40")));
    assert.ok(pd.includes(aPost.id));
    assert.deepEqual(await a.client.v1.blocks.list(), []);
    // re-block for the rest of the file's isolation
    await a.client.v1.accounts.$select(d.id).block();
  });

  test("block/unblock of an unknown account → 404", T, async () => {
    err(await a.req(`/api/v1/accounts/31337/block`, { method: "POST" }), 404);
    err(await a.req(`/api/v1/accounts/31337/unblock`, { method: "POST" }), 404);
  });
});

suite("mutes", () => {
  // erin follows frank, then mutes him
  let e, f, g, fPost;
  before(async () => {
    e = U.erin;
    f = U.frank;
    g = U.gina;
    await e.client.v1.accounts.$select(f.id).follow();
    fPost = await post(f, "frank before the mute #mutetag");
    await settle(ctx);
    assert.ok(ids(ok(await e.req("/api/v1/timelines/home?limit=40"))).includes(fPost.id));
    const r = await e.client.v1.accounts.$select(f.id).mute();
    assert.equal(r.muting, true);
    assert.equal(r.mutingNotifications, true, "notifications are muted by default");
    assert.equal(r.following, true, "muting keeps the follow");
  });

  test("home and public timelines leave out the muted member; permalink still works", T, async () => {
    const p2 = await post(f, "frank after the mute #mutetag");
    await settle(ctx);
    const home = ids(ok(await e.req("/api/v1/timelines/home?limit=40")));
    assert.ok(!home.includes(fPost.id) && !home.includes(p2.id), `home: ${home}`);
    const pub = ids(ok(await e.req("/api/v1/timelines/public?limit=40")));
    assert.ok(!pub.includes(p2.id), "public timeline");
    const got = ok(await e.req(`/api/v1/statuses/${p2.id}`));
    assert.equal(got.id, p2.id);
    // others are unaffected
    assert.ok(ids(ok(await g.req("/api/v1/timelines/public?limit=40"))).includes(p2.id));
    // the muted member sees nothing different
    const back = await rel(f, e);
    assert.equal(back.muting, false);
    assert.equal(back.followed_by, true);
  });

  test("notifications from the muted member are muted", T, async () => {
    const mine = await post(e, "erin's post");
    ok(await f.req(`/api/v1/statuses/${mine.id}/favourite`, { method: "POST" }));
    await post(f, "@erin ping");
    const n = await notifs(e);
    assert.ok(!n.some((x) => x.account.id === f.id), `muted notifications arrived: ${JSON.stringify(n.map((x) => x.type))}`);
  });

  test("mute with notifications=false: posts hidden, notifications still arrive", T, async () => {
    const h = U.hank;
    const r = await g.client.v1.accounts.$select(h.id).mute({ notifications: false });
    assert.equal(r.muting, true);
    assert.equal(r.mutingNotifications, false);
    const mine = await post(g, "gina's post");
    ok(await h.req(`/api/v1/statuses/${mine.id}/favourite`, { method: "POST" }));
    const n = await notifs(g);
    assert.ok(n.some((x) => x.type === "favourite" && x.account.id === h.id), "favourite notification expected");
    const hp = await post(h, "hank posts");
    assert.ok(!ids(ok(await g.req("/api/v1/timelines/public?limit=40"))).includes(hp.id));
  });

  test("mute with a duration sets muting_expires_at", T, async () => {
    const r = ok(await g.req(`/api/v1/accounts/${U.ivan.id}/mute`, { method: "POST", json: { duration: 3600 } }));
    assert.equal(r.muting, true);
    assert.ok(r.muting_expires_at, `muting_expires_at: ${JSON.stringify(r)}`);
    const exp = Date.parse(r.muting_expires_at);
    assert.ok(exp > Date.now() + 3500e3 && exp < Date.now() + 3700e3, `expiry ${r.muting_expires_at}`);
  });

  test("a duration that is not a whole number of seconds up to ten years → 422, and the mute stays as it was", T, async () => {
    const before = ok(await g.req(`/api/v1/accounts/relationships?id[]=${U.ivan.id}`))[0];
    for (const duration of ["9223372036854775807", "1e9", "-1", "315360001", "12abc", "99999999999999999999", "3600.5"]) {
      const e = err(await g.req(`/api/v1/accounts/${U.ivan.id}/mute`, { method: "POST", json: { duration } }), 422);
      assert.match(e.error, /duration/, duration);
    }
    const after = ok(await g.req(`/api/v1/accounts/relationships?id[]=${U.ivan.id}`))[0];
    assert.equal(after.muting, before.muting);
    assert.equal(after.muting_expires_at, before.muting_expires_at);
    const longest = ok(await g.req(`/api/v1/accounts/${U.ivan.id}/mute`, { method: "POST", json: { duration: 315360000 } }));
    assert.equal(longest.muting, true);
    assert.ok(Date.parse(longest.muting_expires_at) > Date.now() + 9 * 365 * 86400e3);
    ok(await g.req(`/api/v1/accounts/${U.ivan.id}/mute`, { method: "POST", json: { duration: 3600 } }));
  });

  test("GET /api/v1/mutes lists muted accounts; unmute removes them and new posts return", T, async () => {
    const list = ids(await g.client.v1.mutes.list());
    assert.deepEqual(new Set(list), new Set([U.hank.id, U.ivan.id]));
    assert.deepEqual(ids(await e.client.v1.mutes.list()), [f.id]);
    const r = await e.client.v1.accounts.$select(f.id).unmute();
    assert.equal(r.muting, false);
    assert.deepEqual(await e.client.v1.mutes.list(), []);
    const p3 = await post(f, "frank after the unmute");
    await settle(ctx);
    assert.ok(ids(ok(await e.req("/api/v1/timelines/home?limit=40"))).includes(p3.id));
    err(await e.req(`/api/v1/accounts/31337/mute`, { method: "POST" }), 404);
  });
});

suite("connections (Atrium)", () => {
  const C = "/api/v1/atrium/connections";
  let a, b, c, d;
  before(() => {
    a = U.kim;
    b = U.liam;
    c = U.mona;
    d = U.rosa;
  });
  const act = (u, target, action) => u.req(`${C}/${target.id}/${action}`, { method: "POST" });

  test("invite: flags on both sides, invitations lists, connection_request notification", T, async () => {
    const r = ok(await act(a, b, "invite"));
    assert.equal(r.id, b.id);
    assert.equal(r.connection_requested, true);
    assert.equal(r.connected, false);
    const back = await rel(b, a);
    assert.equal(back.connection_requested_by, true);
    assert.equal(back.connected, false);
    assert.deepEqual(ids(ok(await b.req(`${C}/invitations?direction=received`))), [a.id]);
    assert.deepEqual(ids(ok(await a.req(`${C}/invitations?direction=sent`))), [b.id]);
    assert.deepEqual(ok(await a.req(`${C}/invitations?direction=received`)), []);
    const n = await notifs(b);
    assert.ok(n.some((x) => x.type === "connection_request" && x.account.id === a.id), `types: ${n.map((x) => x.type)}`);
  });

  test("inviting twice → 409", T, async () => {
    err(await act(a, b, "invite"), 409);
  });

  test("accept: connected both ways, mutual follows, connection_accepted notification", T, async () => {
    const r = ok(await act(b, a, "accept"));
    assert.equal(r.connected, true);
    assert.equal(r.following, true);
    assert.equal(r.followed_by, true);
    assert.equal(r.connection_requested_by, false);
    const back = await rel(a, b);
    assert.equal(back.connected, true);
    assert.equal(back.following, true);
    assert.equal(back.followed_by, true);
    assert.equal(back.connection_requested, false);
    assert.deepEqual(ids(ok(await a.req(C))), [b.id]);
    assert.deepEqual(ids(ok(await b.req(C))), [a.id]);
    assert.deepEqual(ok(await b.req(`${C}/invitations?direction=received`)), []);
    const n = await notifs(a);
    assert.ok(n.some((x) => x.type === "connection_accepted" && x.account.id === b.id), `types: ${n.map((x) => x.type)}`);
  });

  test("inviting when connected → 409 (either side)", T, async () => {
    err(await act(a, b, "invite"), 409);
    err(await act(b, a, "invite"), 409);
  });

  test("decline: no connection, no invitation", T, async () => {
    ok(await act(c, a, "invite"));
    const r = ok(await act(a, c, "decline"));
    assert.equal(r.connected, false);
    assert.equal(r.connection_requested_by, false);
    const back = await rel(c, a);
    assert.equal(back.connection_requested, false);
    assert.equal(back.connected, false);
    assert.deepEqual(ok(await c.req(`${C}/invitations?direction=sent`)), []);
    assert.ok(!ids(ok(await a.req(C))).includes(c.id));
  });

  test("withdraw: the invitation disappears for both", T, async () => {
    ok(await act(c, b, "invite"));
    const r = ok(await act(c, b, "withdraw"));
    assert.equal(r.connection_requested, false);
    assert.deepEqual(ok(await b.req(`${C}/invitations?direction=received`)), []);
    assert.deepEqual(ok(await c.req(`${C}/invitations?direction=sent`)), []);
    // nothing left to accept
    const late = await act(b, c, "accept");
    assert.ok(late.status >= 400 && late.status < 500, `accepting a withdrawn invitation: ${describe(late)}`);
    assert.equal((await rel(b, c)).connected, false);
  });

  test("accept/decline/withdraw without an invitation fail; self and unknown ids fail", T, async () => {
    for (const action of ["accept", "decline", "withdraw"]) {
      const res = await act(d, c, action);
      assert.ok(res.status >= 400 && res.status < 500, `${action} without invitation: ${describe(res)}`);
    }
    const self = await act(d, d, "invite");
    assert.ok([403, 404, 409, 422].includes(self.status), `inviting yourself: ${describe(self)}`);
    err(await d.req(`${C}/31337/invite`, { method: "POST" }), 404);
    assert.equal((await rel(d, c)).connected, false);
  });

  test("DELETE ends a connection for both", T, async () => {
    ok(await act(d, c, "invite"));
    ok(await act(c, d, "accept"));
    assert.equal((await rel(c, d)).connected, true);
    const r = ok(await d.req(`${C}/${c.id}`, { method: "DELETE" }));
    assert.equal(r.connected, false);
    assert.equal((await rel(c, d)).connected, false);
    assert.ok(!ids(ok(await c.req(C))).includes(d.id));
  });

  test("a block removes the connection and the follows both ways; invites are refused", T, async () => {
    assert.equal((await rel(a, b)).connected, true);
    ok(await a.req(`/api/v1/accounts/${b.id}/block`, { method: "POST" }));
    const r = await rel(a, b);
    assert.equal(r.connected, false);
    assert.equal(r.following, false);
    assert.equal(r.followed_by, false);
    const rb = await rel(b, a);
    assert.equal(rb.connected, false);
    assert.equal(rb.following, false);
    assert.deepEqual(ok(await b.req(C)), []);
    const inv = await act(b, a, "invite");
    assert.ok(inv.status >= 400 && inv.status < 500, `the blocked member invites the blocker: ${describe(inv)}`);
    assert.deepEqual(ok(await a.req(`${C}/invitations?direction=received`)), []);
  });

  test("a block also withdraws a pending invitation", T, async () => {
    ok(await act(c, d, "invite"));
    ok(await d.req(`/api/v1/accounts/${c.id}/block`, { method: "POST" }));
    assert.deepEqual(ok(await d.req(`${C}/invitations?direction=received`)), []);
    assert.deepEqual(ok(await c.req(`${C}/invitations?direction=sent`)), []);
  });

  test("connections endpoints need a token", T, async () => {
    err(await a.req(C, { token: "nope" }), 401);
  });
});
