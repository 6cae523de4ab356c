// Notifications: every type arrives with the right actor and status;
// filters; get/dismiss/clear; unread_count against the notifications marker;
// grouped notifications (/api/v2/notifications).
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, follow, ids, parseLink, T, describe } from "./lib/social-helpers.mjs";

let U;
before(async () => {
  const ctx = await socialServer([
    "alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivan", "judy", "kim", "liam",
  ]);
  U = ctx.users;
});

const list = async (u, qs = "") => ok(await u.req(`/api/v1/notifications?limit=80${qs ? "&" + qs : ""}`));
const findN = (ns, type, actor, statusId) =>
  ns.filter((n) => n.type === type && n.account?.id === actor.id && (statusId === undefined || n.status?.id === statusId));

suite("each type arrives", () => {
  // bob is the recipient of everything in this suite
  let alice, bob, carol, dave, bobPost;
  before(async () => {
    ({ alice, bob, carol, dave } = U);
    bobPost = await post(bob, "bob's post for interactions");
  });

  function assertShape(n) {
    assert.equal(typeof n.id, "string");
    assert.ok(!Number.isNaN(Date.parse(n.created_at)), `created_at ${n.created_at}`);
    assert.equal(typeof n.account?.id, "string");
    assert.equal(typeof n.group_key, "string");
  }

  test("mention: status is the mentioning post", T, async () => {
    const s = await post(alice, "hi @bob");
    const ns = findN(await list(bob), "mention", alice, s.id);
    assert.equal(ns.length, 1, "one mention notification");
    assertShape(ns[0]);
    assert.equal(ns[0].status.content, s.content);
  });

  test("reply without @mention → reply; with @mention → only mention", T, async () => {
    const r = await post(carol, "a reply that names nobody", { in_reply_to_id: bobPost.id });
    const ns = await list(bob);
    const rep = findN(ns, "reply", carol, r.id);
    assert.equal(rep.length, 1, `types for carol's reply: ${JSON.stringify(ns.filter((n) => n.status?.id === r.id).map((n) => n.type))}`);
    assertShape(rep[0]);
    const r2 = await post(carol, "@bob a reply that names bob", { in_reply_to_id: bobPost.id });
    const ns2 = (await list(bob)).filter((n) => n.status?.id === r2.id);
    assert.deepEqual(ns2.map((n) => n.type), ["mention"]);
  });

  test("favourite: status is the favourited post", T, async () => {
    ok(await alice.req(`/api/v1/statuses/${bobPost.id}/favourite`, { method: "POST" }));
    const ns = findN(await list(bob), "favourite", alice, bobPost.id);
    assert.equal(ns.length, 1);
    assertShape(ns[0]);
  });

  test("reblog: status is the original post", T, async () => {
    ok(await carol.req(`/api/v1/statuses/${bobPost.id}/reblog`, { method: "POST" }));
    const ns = findN(await list(bob), "reblog", carol);
    assert.equal(ns.length, 1);
    assert.equal(ns[0].status.id, bobPost.id);
  });

  test("quote: status is the quoting post", T, async () => {
    const q = await post(dave, "quoting bob", { quoted_status_id: bobPost.id });
    const ns = findN(await list(bob), "quote", dave);
    assert.equal(ns.length, 1, `bob's notifications: ${JSON.stringify((await list(bob)).map((n) => [n.type, n.account.username]))}`);
    assert.equal(ns[0].status.id, q.id);
  });

  test("follow: no status", T, async () => {
    await follow(dave, bob);
    const ns = findN(await list(bob), "follow", dave);
    assert.equal(ns.length, 1);
    assert.equal(ns[0].status ?? null, null);
  });

  test("follow_request for a locked account", T, async () => {
    const { erin } = U;
    ok(await erin.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { locked: true } }));
    await follow(alice, erin);
    const ns = findN(await list(erin), "follow_request", alice);
    assert.equal(ns.length, 1);
    assert.equal(findN(await list(erin), "follow", alice).length, 0);
    // once authorized, Mastodon does not add a follow notification
    ok(await erin.req(`/api/v1/follow_requests/${alice.id}/authorize`, { method: "POST" }));
  });

  test("update: a post you favourited or reblogged was edited", T, async () => {
    const s = await post(alice, "original wording");
    ok(await bob.req(`/api/v1/statuses/${s.id}/favourite`, { method: "POST" }));
    ok(await carol.req(`/api/v1/statuses/${s.id}/reblog`, { method: "POST" }));
    ok(await alice.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "new wording" } }));
    const nb = findN(await list(bob), "update", alice, s.id);
    assert.equal(nb.length, 1, "the favouriter gets an update");
    assert.equal(nb[0].status.content, "<p>new wording</p>");
    assert.equal(findN(await list(carol), "update", alice, s.id).length, 1, "the reblogger gets an update");
    assert.equal(findN(await list(dave), "update", alice, s.id).length, 0, "others get nothing");
  });

  test("connection_request and connection_accepted", T, async () => {
    const { frank, gina } = U;
    ok(await frank.req(`/api/v1/atrium/connections/${gina.id}/invite`, { method: "POST" }));
    const ng = findN(await list(gina), "connection_request", frank);
    assert.equal(ng.length, 1);
    assert.equal(ng[0].status ?? null, null);
    ok(await gina.req(`/api/v1/atrium/connections/${frank.id}/accept`, { method: "POST" }));
    const nf = findN(await list(frank), "connection_accepted", gina);
    assert.equal(nf.length, 1);
  });

  test("your own actions never notify you", T, async () => {
    const s = await post(carol, "self @carol");
    ok(await carol.req(`/api/v1/statuses/${s.id}/favourite`, { method: "POST" }));
    ok(await carol.req(`/api/v1/statuses/${s.id}/reblog`, { method: "POST" }));
    await post(carol, "self reply", { in_reply_to_id: s.id });
    const mine = (await list(carol)).filter((n) => n.account.id === carol.id);
    assert.deepEqual(mine.map((n) => n.type), []);
  });

  test("unfavourite removes the favourite notification; deleting a post removes its notifications", T, async () => {
    const s = await post(bob, "fleeting");
    ok(await dave.req(`/api/v1/statuses/${s.id}/favourite`, { method: "POST" }));
    assert.equal(findN(await list(bob), "favourite", dave, s.id).length, 1);
    ok(await dave.req(`/api/v1/statuses/${s.id}/unfavourite`, { method: "POST" }));
    assert.equal(findN(await list(bob), "favourite", dave, s.id).length, 0, "favourite notification must go with the favourite");
    const m = await post(dave, "@bob soon gone");
    assert.equal(findN(await list(bob), "mention", dave, m.id).length, 1);
    await dave.client.v1.statuses.$select(m.id).remove();
    assert.equal((await list(bob)).filter((n) => n.status?.id === m.id).length, 0, "notifications about a deleted post must go");
  });
});

suite("filters, get, dismiss, clear", () => {
  // hank receives: follow (ivan), mention (ivan), favourite (judy)
  let hank, ivan, judy, hp;
  before(async () => {
    ({ hank, ivan, judy } = U);
    hp = await post(hank, "hank's post");
    await follow(ivan, hank);
    await post(ivan, "@hank hey");
    ok(await judy.req(`/api/v1/statuses/${hp.id}/favourite`, { method: "POST" }));
  });

  test("newest first; types[] and exclude_types[]; account_id", T, async () => {
    const all = await hank.client.v1.notifications.list({ limit: 40 });
    assert.deepEqual(all.map((n) => n.type), ["favourite", "mention", "follow"]);
    const t = await list(hank, "types[]=mention&types[]=follow");
    assert.deepEqual(t.map((n) => n.type), ["mention", "follow"], "types[]");
    const viaMasto = await hank.client.v1.notifications.list({ types: ["favourite"] });
    assert.deepEqual(viaMasto.map((n) => n.type), ["favourite"], "types[] via masto");
    const ex = await list(hank, "exclude_types[]=mention");
    assert.deepEqual(ex.map((n) => n.type), ["favourite", "follow"], "exclude_types[]");
    const ex2 = await hank.client.v1.notifications.list({ excludeTypes: ["mention", "follow"] });
    assert.deepEqual(ex2.map((n) => n.type), ["favourite"], "exclude_types[] via masto");
  });

  test("account_id filter", T, async () => {
    const byIvan = await list(hank, `account_id=${ivan.id}`);
    assert.deepEqual(byIvan.map((n) => n.type), ["mention", "follow"], `GET /api/v1/notifications?account_id=${ivan.id}`);
  });

  test("pagination with Link headers", T, async () => {
    const res = await hank.req("/api/v1/notifications?limit=2");
    const p1 = ok(res);
    assert.equal(p1.length, 2);
    const link = parseLink(res.headers.get("link"));
    assert.ok(link.next, `Link: ${res.headers.get("link")}`);
    const u = new URL(link.next);
    const p2 = ok(await hank.req(u.pathname + u.search));
    assert.deepEqual(p2.map((n) => n.type), ["follow"]);
    assert.equal(new Set([...ids(p1), ...ids(p2)]).size, 3);
  });

  test("get one; someone else's or unknown → 404", T, async () => {
    const [fav] = await list(hank, "types[]=favourite");
    const one = ok(await hank.req(`/api/v1/notifications/${fav.id}`));
    assert.equal(one.id, fav.id);
    assert.equal(one.type, "favourite");
    assert.equal(one.status.id, hp.id);
    err(await ivan.req(`/api/v1/notifications/${fav.id}`), 404);
    err(await hank.req(`/api/v1/notifications/123456789`), 404);
  });

  test("dismiss one: 200 {} and gone; someone else's → 404", T, async () => {
    const [men] = await list(hank, "types[]=mention");
    err(await ivan.req(`/api/v1/notifications/${men.id}/dismiss`, { method: "POST" }), 404);
    const res = await hank.req(`/api/v1/notifications/${men.id}/dismiss`, { method: "POST" });
    assert.equal(res.status, 200, describe(res));
    assert.deepEqual(res.json, {});
    err(await hank.req(`/api/v1/notifications/${men.id}`), 404);
    assert.deepEqual((await list(hank)).map((n) => n.type), ["favourite", "follow"]);
  });

  test("clear: all gone", T, async () => {
    await hank.client.v1.notifications.clear();
    assert.deepEqual(await list(hank), []);
    // new ones still arrive
    await post(ivan, "@hank after clear");
    assert.deepEqual((await list(hank)).map((n) => n.type), ["mention"]);
  });
});

suite("unread_count and the notifications marker", () => {
  test("counts notifications newer than the marker", T, async () => {
    const { kim, ivan, judy } = U;
    const zero = ok(await kim.req("/api/v1/notifications/unread_count"));
    assert.deepEqual(zero, { count: 0 });
    await post(ivan, "@kim one");
    await post(judy, "@kim two");
    await follow(ivan, kim);
    assert.equal(ok(await kim.req("/api/v1/notifications/unread_count")).count, 3, "no marker: all unread");
    const ns = await list(kim);
    // mark the second newest as read → one unread
    ok(await kim.req("/api/v1/markers", { method: "POST", json: { notifications: { last_read_id: ns[1].id } } }));
    assert.equal(ok(await kim.req("/api/v1/notifications/unread_count")).count, 1);
    ok(await kim.req("/api/v1/markers", { method: "POST", json: { notifications: { last_read_id: ns[0].id } } }));
    assert.equal(ok(await kim.req("/api/v1/notifications/unread_count")).count, 0);
    await post(judy, "@kim three");
    assert.equal(ok(await kim.req("/api/v1/notifications/unread_count")).count, 1);
    assert.equal(ok(await kim.req("/api/v1/notifications/unread_count?limit=0")).count <= 1, true);
    // the home marker does not matter
    ok(await kim.req("/api/v1/markers", { method: "POST", json: { home: { last_read_id: "999999999999999999" } } }));
    assert.equal(ok(await kim.req("/api/v1/notifications/unread_count")).count, 1);
  });

  test("unread_count honours types[], exclude_types[] and account_id", T, async () => {
    const { liam } = U;
    await post(U.ivan, "@liam one");
    await post(U.judy, "@liam two");
    await follow(U.ivan, liam);
    assert.equal(ok(await liam.req("/api/v1/notifications/unread_count")).count, 3);
    assert.equal(ok(await liam.req("/api/v1/notifications/unread_count?types[]=follow")).count, 1, "types[]=follow");
    assert.equal(ok(await liam.req("/api/v1/notifications/unread_count?exclude_types[]=follow")).count, 2, "exclude_types[]=follow");
    assert.equal(ok(await liam.req(`/api/v1/notifications/unread_count?account_id=${U.judy.id}`)).count, 1, "account_id");
  });

  test("unread_count needs a token", T, async () => {
    err(await U.kim.req("/api/v1/notifications/unread_count", { token: "zzz" }), 401);
  });
});

suite("grouped notifications (v2)", () => {
  // alice receives favourites on two posts and two mentions
  let alice, p1, p2, favers;
  before(async () => {
    alice = U.alice;
    await alice.client.v1.notifications.clear();
    favers = [U.gina, U.hank, U.ivan];
    p1 = await post(alice, "grouped one");
    p2 = await post(alice, "grouped two");
    for (const f of favers) ok(await f.req(`/api/v1/statuses/${p1.id}/favourite`, { method: "POST" }));
    ok(await U.judy.req(`/api/v1/statuses/${p2.id}/favourite`, { method: "POST" }));
    await post(U.kim, "@alice m1");
    await post(U.kim, "@alice m2");
  });

  test("favourites of one post form one group with count and sample accounts", T, async () => {
    const res = await alice.req("/api/v2/notifications");
    const body = ok(res);
    for (const k of ["accounts", "statuses", "notification_groups"]) assert.ok(Array.isArray(body[k]), `${k} must be an array`);
    const groups = body.notification_groups;
    const g1 = groups.filter((g) => g.type === "favourite" && g.status_id === p1.id);
    assert.equal(g1.length, 1, `groups: ${JSON.stringify(groups.map((g) => [g.type, g.status_id, g.notifications_count]))}`);
    const g = g1[0];
    assert.equal(g.notifications_count, 3);
    assert.deepEqual(new Set(g.sample_account_ids), new Set(ids(favers)));
    assert.equal(g.sample_account_ids[0], favers[2].id, "most recent account first");
    assert.equal(typeof g.group_key, "string");
    assert.equal(typeof g.most_recent_notification_id, "string");
    const v1 = await list(alice, "types[]=favourite");
    assert.equal(g.most_recent_notification_id, v1.find((n) => n.status.id === p1.id).id);
    // referenced accounts and statuses are included once
    for (const id of g.sample_account_ids) assert.ok(ids(body.accounts).includes(id), `account ${id} missing`);
    assert.equal(new Set(ids(body.accounts)).size, body.accounts.length, "accounts de-duplicated");
    assert.ok(ids(body.statuses).includes(p1.id));
    // the other post has its own group; mentions are not grouped
    const g2 = groups.filter((x) => x.type === "favourite" && x.status_id === p2.id);
    assert.equal(g2.length, 1);
    assert.equal(g2[0].notifications_count, 1);
    const mentions = groups.filter((x) => x.type === "mention");
    assert.equal(mentions.length, 2);
    for (const m of mentions) assert.equal(m.notifications_count, 1);
    assert.notEqual(mentions[0].group_key, mentions[1].group_key);
    assert.equal(groups.length, 4);
    assert.equal(groups[0].type, "mention", "newest group first");
  });

  test("follows are grouped too", T, async () => {
    const { judy, kim, liam } = U;
    await follow(kim, judy);
    await follow(liam, judy);
    const groups = ok(await judy.req("/api/v2/notifications")).notification_groups.filter((g) => g.type === "follow");
    assert.equal(groups.length, 1, JSON.stringify(groups));
    assert.equal(groups[0].notifications_count, 2);
    assert.deepEqual(groups[0].sample_account_ids, [liam.id, kim.id]);
    assert.equal(groups[0].status_id ?? null, null);
  });

  test("masto's v2 client reads the same groups", T, async () => {
    const page = await alice.client.v2.notifications.list();
    const g = page.notificationGroups.find((x) => x.type === "favourite" && x.statusId === p1.id);
    assert.equal(g.notificationsCount, 3);
  });

  test("types[] / exclude_types[] and grouped_types[]", T, async () => {
    const onlyFav = ok(await alice.req("/api/v2/notifications?types[]=favourite")).notification_groups;
    assert.deepEqual(onlyFav.map((g) => g.type), ["favourite", "favourite"]);
    const noFav = ok(await alice.req("/api/v2/notifications?exclude_types[]=favourite")).notification_groups;
    assert.deepEqual(noFav.map((g) => g.type), ["mention", "mention"]);
    const ungrouped = ok(await alice.req("/api/v2/notifications?grouped_types[]=follow")).notification_groups;
    const favs = ungrouped.filter((g) => g.type === "favourite");
    assert.equal(favs.length, 4, "favourites not grouped when not in grouped_types[]");
    for (const g of favs) {
      assert.equal(g.notifications_count, 1);
      assert.match(g.group_key, /^ungrouped-\d+$/);
    }
  });

  test("v2 unread_count counts unread groups", T, async () => {
    // 2 favourite groups + 2 mentions, no marker yet
    assert.equal(ok(await alice.req("/api/v2/notifications/unread_count")).count, 4, "GET /api/v2/notifications/unread_count");
  });

  test("GET one group; unknown or someone else's → 404", T, async () => {
    const groups = ok(await alice.req("/api/v2/notifications")).notification_groups;
    const g = groups.find((x) => x.type === "favourite" && x.status_id === p1.id);
    const one = ok(await alice.req(`/api/v2/notifications/${encodeURIComponent(g.group_key)}`));
    assert.equal(one.notification_groups.length, 1);
    assert.equal(one.notification_groups[0].notifications_count, 3);
    assert.ok(ids(one.statuses).includes(p1.id));
    err(await U.judy.req(`/api/v2/notifications/${encodeURIComponent(g.group_key)}`), 404);
    err(await alice.req(`/api/v2/notifications/nonexistent-key`), 404);
  });

  test("dismissing a group dismisses all its notifications", T, async () => {
    const groups = ok(await alice.req("/api/v2/notifications")).notification_groups;
    const g = groups.find((x) => x.type === "favourite" && x.status_id === p1.id);
    const d = await alice.req(`/api/v2/notifications/${encodeURIComponent(g.group_key)}/dismiss`, { method: "POST" });
    assert.equal(d.status, 200, describe(d));
    const after = ok(await alice.req("/api/v2/notifications")).notification_groups;
    assert.ok(!after.some((x) => x.group_key === g.group_key));
    assert.equal(after.length, groups.length - 1);
    assert.equal((await list(alice, "types[]=favourite")).filter((n) => n.status.id === p1.id).length, 0);
    assert.equal((await list(alice, "types[]=favourite")).filter((n) => n.status.id === p2.id).length, 1, "other groups stay");
  });
});

suite("the people in notifications as they are now", () => {
  test("a new display name and follower count show in v1 and v2 once changed, without a restart", T, async () => {
    const { liam, hank, gina } = U;
    const s = await post(liam, "liam's post to like");
    ok(await hank.req(`/api/v1/statuses/${s.id}/favourite`, { method: "POST" }));
    const v1 = async () => findN(await list(liam), "favourite", hank, s.id)[0]?.account;
    const v2 = async () => {
      const page = ok(await liam.req("/api/v2/notifications?limit=80"));
      return page.accounts.find((a) => a.id === hank.id);
    };
    const before = await v1();
    assert.ok(before, "hank's like is among liam's notifications");
    assert.equal((await v2())?.display_name, before.display_name);
    // Read twice, so that the second read may come from what the first wrote.
    assert.deepEqual(await v1(), before);
    ok(await hank.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { display_name: "Hank, renamed" } }));
    assert.equal((await v1()).display_name, "Hank, renamed");
    assert.equal((await v2()).display_name, "Hank, renamed");
    await follow(gina, hank);
    assert.equal((await v1()).followers_count, before.followers_count + 1);
    assert.equal((await v2()).followers_count, before.followers_count + 1);
  });
});
