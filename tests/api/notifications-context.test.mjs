// Everything in context: Atrium's `in_reply_to` on a Status (the post a
// reply answers, in one line, only if the reader may see it), the people of
// a notification group (GET /api/v2/notifications/:group_key/accounts), a
// follow's notification going with the follow, and the notification policy
// (/api/v2/notifications/policy) with the requests it makes
// (/api/v1/notifications/requests and friends).
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, follow, settle, T, describe } from "./lib/social-helpers.mjs";
import { request } from "./lib/http.mjs";

let ctx, U;
before(async () => {
  ctx = await socialServer(["maria", "ken", "ada", "olga", "owner", "pia", "quinn", "rosa", "sam", "tom"]);
  U = ctx.users;
});

const status = async (u, id) => ok(await u.req(`/api/v1/statuses/${id}`));
const v1 = async (u, qs = "") => ok(await u.req(`/api/v1/notifications?limit=80${qs ? "&" + qs : ""}`));
const v2 = async (u, qs = "") => ok(await u.req(`/api/v2/notifications?limit=80${qs ? "&" + qs : ""}`));

suite("reply context", () => {
  test("a reply carries the post it answers: id, one-line excerpt, author", T, async () => {
    const { maria, ken, ada } = U;
    const parent = await post(maria, "What we learned from the launch:\n\nship smaller, ship sooner, and write it down so the next team knows what we know now");
    const reply = await post(ken, "Great summary", { in_reply_to_id: parent.id });
    const seen = await status(ada, reply.id);
    assert.equal(seen.in_reply_to_id, parent.id, "Mastodon's fields stay");
    assert.equal(seen.in_reply_to_account_id, maria.id);
    const c = seen.in_reply_to;
    assert.ok(c, `in_reply_to expected: ${JSON.stringify(seen)}`);
    assert.equal(c.id, parent.id);
    assert.equal(c.account.id, maria.id);
    assert.equal(c.account.username, "maria");
    assert.equal(typeof c.account.display_name, "string");
    assert.equal(c.atrium, null, "a status update has no kind");
    assert.ok(c.excerpt.startsWith("What we learned from the launch: ship smaller"), `one line: ${c.excerpt}`);
    assert.ok(!c.excerpt.includes("\n"));
    assert.ok([...c.excerpt].length <= 100, `at most 100 characters: ${c.excerpt}`);
    assert.ok(c.excerpt.endsWith("…"), `cut with an ellipsis: ${c.excerpt}`);
    // not a reply: null
    assert.equal((await status(ada, parent.id)).in_reply_to, null);
  });

  test("in the home stream, also from the cached first page, and after the parent is edited", T, async () => {
    const { pia, ken, ada } = U;
    // Home shows a reply when the reader follows both people, as Mastodon.
    await follow(ada, ken);
    await follow(ada, pia);
    const parent = await post(pia, "Quarterly planning notes");
    const reply = await post(ken, "Adding my team's items", { in_reply_to_id: parent.id });
    await settle(ctx);
    const home = async () => ok(await ada.req("/api/v1/timelines/home?limit=20")).find((s) => s.id === reply.id);
    const first = await home();
    assert.ok(first, "the reply is in ada's home stream");
    assert.equal(first.in_reply_to?.excerpt, "Quarterly planning notes");
    assert.equal((await home()).in_reply_to?.excerpt, "Quarterly planning notes", "the cached page says the same");
    ok(await pia.req(`/api/v1/statuses/${parent.id}`, { method: "PUT", json: { status: "Quarterly planning notes, revised" } }));
    assert.equal((await home()).in_reply_to?.excerpt, "Quarterly planning notes, revised");
  });

  test("a content warning stands in for the text behind it", T, async () => {
    const { maria, ken, ada } = U;
    const parent = await post(maria, "the numbers-behind-the-warning are in", { spoiler_text: "Launch metrics" });
    const reply = await post(ken, "thanks", { in_reply_to_id: parent.id, spoiler_text: "re: metrics" });
    const c = (await status(ada, reply.id)).in_reply_to;
    assert.equal(c.excerpt, "Launch metrics");
    assert.ok(!JSON.stringify(c).includes("numbers-behind-the-warning"));
  });

  test("a reply to a followers-only post: the context only for its followers", T, async () => {
    const { maria, ken, ada, olga } = U;
    await follow(ken, maria);
    const parent = await post(maria, "secret-followers-only draft plan", { visibility: "private" });
    const reply = await post(ken, "open reply to a closed post", { in_reply_to_id: parent.id, visibility: "public" });
    assert.equal((await status(ken, reply.id)).in_reply_to?.id, parent.id, "ken follows maria: he sees it");
    for (const reader of [ada, olga]) {
      const res = await reader.req(`/api/v1/statuses/${reply.id}`);
      const seen = ok(res);
      assert.equal(seen.in_reply_to, null, `${reader.name} may not see the parent`);
      assert.ok(!res.text.includes("secret-followers-only"), `nothing of the parent leaks: ${res.text}`);
    }
  });

  test("blocked either way, or deleted: no context", T, async () => {
    const { maria, ken, ada, sam } = U;
    const parent = await post(sam, "a post by sam");
    const reply = await post(ken, "a reply to sam", { in_reply_to_id: parent.id });
    ok(await ada.req(`/api/v1/accounts/${sam.id}/block`, { method: "POST" }));
    assert.equal((await status(ada, reply.id)).in_reply_to, null, "the reader blocks the parent's author");
    assert.equal((await status(maria, reply.id)).in_reply_to?.id, parent.id);
    ok(await sam.req(`/api/v1/statuses/${parent.id}`, { method: "DELETE" }));
    // Deleting a post takes its thread with it: no reply is left pointing at it.
    assert.equal((await maria.req(`/api/v1/statuses/${reply.id}`)).status, 404, "the reply went with its post");
  });

  test("a restricted community's post never shows through a reply, by any path", T, async () => {
    const { owner, maria, ken, olga } = U;
    const c = ok(await owner.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "ctx_inner", name: "Inner", type: "restricted" } }));
    const base = `/api/v1/atrium/communities/${c.id}`;
    for (const u of [maria, ken]) {
      ok(await owner.req(`${base}/invitations`, { method: "POST", json: { account_id: u.id } }));
      ok(await u.req(`${base}/join`, { method: "POST" }));
    }
    const parent = await post(maria, "secret-restricted roadmap", { community_id: c.id });
    const reply = await post(ken, "member reply", { in_reply_to_id: parent.id });
    assert.equal((await status(ken, reply.id)).in_reply_to?.excerpt, "secret-restricted roadmap", "a member sees it");
    // A reply that mentions an outsider, answered directly to them.
    const direct = await ken.req("/api/v1/statuses", {
      method: "POST",
      json: { status: "@olga have a look", in_reply_to_id: parent.id, visibility: "direct" },
    });
    assert.ok(direct.status === 200 || direct.status === 422, describe(direct));
    await settle(ctx);
    const paths = [
      `/api/v1/statuses/${reply.id}`,
      `/api/v1/accounts/${ken.id}/statuses`,
      `/api/v1/timelines/home`,
      `/api/v1/timelines/public`,
      `/api/v1/notifications`,
      `/api/v2/notifications`,
    ];
    if (direct.status === 200) paths.push(`/api/v1/statuses/${direct.json.id}`, `/api/v1/statuses/${direct.json.id}/context`);
    for (const p of paths) {
      const res = await olga.req(p);
      assert.ok(res.status === 200 || res.status === 404, `${p}: ${describe(res)}`);
      assert.ok(!res.text.includes("secret-restricted"), `${p} leaks the restricted post: ${res.text.slice(0, 500)}`);
    }
    err(await olga.req(`/api/v1/statuses/${reply.id}`), 404);
  });
});

suite("GET /api/v2/notifications/:group_key/accounts", () => {
  let key;
  before(async () => {
    const { pia, quinn, rosa, sam } = U;
    const p = await post(pia, "a post to like");
    for (const u of [quinn, rosa, sam]) ok(await u.req(`/api/v1/statuses/${p.id}/favourite`, { method: "POST" }));
    const g = (await v2(pia)).notification_groups.find((x) => x.type === "favourite" && x.status_id === p.id);
    assert.ok(g, "a favourite group");
    key = g.group_key;
  });

  test("everyone of the group, newest first, as Accounts", T, async () => {
    const { pia, quinn, rosa, sam } = U;
    const accounts = ok(await pia.req(`/api/v2/notifications/${encodeURIComponent(key)}/accounts`));
    assert.deepEqual(accounts.map((a) => a.id), [sam.id, rosa.id, quinn.id]);
    assert.equal(accounts[0].username, "sam");
  });

  test("someone else's group, an unknown key, a parameter, no token", T, async () => {
    const { pia, tom } = U;
    err(await tom.req(`/api/v2/notifications/${encodeURIComponent(key)}/accounts`), 404);
    err(await pia.req(`/api/v2/notifications/no-such-group/accounts`), 404);
    err(await pia.req(`/api/v2/notifications/${encodeURIComponent(key)}/accounts?limit=2`), 422);
    err(await request(ctx.url, `/api/v2/notifications/${encodeURIComponent(key)}/accounts`), 401);
  });

  test("people the reader blocked since are left out", T, async () => {
    const { pia, rosa, quinn, sam } = U;
    ok(await pia.req(`/api/v1/accounts/${rosa.id}/block`, { method: "POST" }));
    const accounts = ok(await pia.req(`/api/v2/notifications/${encodeURIComponent(key)}/accounts`));
    assert.deepEqual(accounts.map((a) => a.id), [sam.id, quinn.id]);
    ok(await pia.req(`/api/v1/accounts/${rosa.id}/unblock`, { method: "POST" }));
  });
});

suite("a follow's notification goes when the follow is undone", () => {
  test("unfollow removes it from v1, v2 and the unread count", T, async () => {
    const { tom, quinn } = U;
    await follow(quinn, tom);
    const before = (await v1(tom, "types[]=follow")).filter((n) => n.account.id === quinn.id);
    assert.equal(before.length, 1);
    const unread = ok(await tom.req("/api/v1/notifications/unread_count")).count;
    ok(await quinn.req(`/api/v1/accounts/${tom.id}/unfollow`, { method: "POST" }));
    assert.equal((await v1(tom)).filter((n) => n.account.id === quinn.id && n.type === "follow").length, 0);
    const groups = (await v2(tom)).notification_groups.filter((g) => g.type === "follow");
    assert.ok(groups.every((g) => !g.sample_account_ids.includes(quinn.id)), JSON.stringify(groups));
    assert.equal(ok(await tom.req("/api/v1/notifications/unread_count")).count, unread - 1);
    err(await tom.req(`/api/v1/notifications/${before[0].id}`), 404);
  });
});

suite("notification policy and requests", () => {
  // rosa is the member whose policy changes; others write to her.
  const policy = async (u) => ok(await u.req("/api/v2/notifications/policy"));
  const patch = (u, json) => u.req("/api/v2/notifications/policy", { method: "PATCH", json });
  const requests = async (u, qs = "") => ok(await u.req(`/api/v1/notifications/requests${qs}`));

  test("by default every kind of sender is accepted, with nothing pending", T, async () => {
    const p = await policy(U.rosa);
    assert.deepEqual(p, {
      for_not_following: "accept",
      for_not_followers: "accept",
      for_new_accounts: "accept",
      for_private_mentions: "accept",
      for_limited_accounts: "accept",
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    assert.deepEqual(await requests(U.rosa), []);
  });

  test("bad values and unknown parameters are refused and change nothing", T, async () => {
    const { rosa } = U;
    err(await patch(rosa, { for_not_following: "filter", for_new_accounts: "maybe" }), 422);
    err(await patch(rosa, { for_not_following: "filter", filter_everything: "true" }), 422);
    assert.equal((await policy(rosa)).for_not_following, "accept", "nothing changed");
    err(await request(ctx.url, "/api/v2/notifications/policy"), 401);
    err(await U.rosa.req("/api/v1/notifications/requests?max_id=abc"), 400);
    err(await U.rosa.req("/api/v1/notifications/requests?colour=red"), 422);
    err(await U.rosa.req("/api/v1/notifications/requests/12345"), 404);
    err(await U.rosa.req("/api/v1/notifications/requests/12345/accept", { method: "POST" }), 404);
    err(await U.rosa.req("/api/v1/notifications/requests/accept", { method: "POST", json: {} }), 422);
    err(await U.rosa.req("/api/v1/notifications/requests/dismiss", { method: "POST", json: { id: ["x1"] } }), 422);
  });

  test("filter keeps aside what people she does not follow send; accepting lets them through", T, async () => {
    const { rosa, tom, sam, pia } = U;
    await follow(rosa, pia);
    const p = ok(await patch(rosa, { for_not_following: "filter" }));
    assert.equal(p.for_not_following, "filter");
    assert.equal(p.for_not_followers, "accept");
    const fromTom1 = await post(tom, "@rosa first from tom");
    const fromTom2 = await post(tom, "@rosa second from tom");
    const fromSam = await post(sam, "@rosa from sam");
    const fromPia = await post(pia, "@rosa from pia, whom she follows");
    const shown = (await v1(rosa)).map((n) => n.status?.id);
    assert.ok(shown.includes(fromPia.id), "a followed sender comes through");
    for (const s of [fromTom1, fromTom2, fromSam]) assert.ok(!shown.includes(s.id), "filtered senders are kept aside");
    assert.ok(!(await v2(rosa)).notification_groups.some((g) => [fromTom1.id, fromSam.id].includes(g.status_id)));

    const list = await requests(rosa);
    assert.deepEqual(list.map((r) => r.account.id), [sam.id, tom.id], "newest request first");
    const tomReq = list[1];
    assert.equal(tomReq.notifications_count, "2", "a string, as Mastodon");
    assert.equal(tomReq.last_status.id, fromTom2.id);
    assert.ok(!Number.isNaN(Date.parse(tomReq.created_at)) && !Number.isNaN(Date.parse(tomReq.updated_at)));
    assert.ok(Date.parse(tomReq.created_at) <= Date.parse(tomReq.updated_at));
    assert.equal(ok(await rosa.req(`/api/v1/notifications/requests/${tomReq.id}`)).account.id, tom.id);
    const summary = (await policy(rosa)).summary;
    assert.deepEqual(summary, { pending_requests_count: 2, pending_notifications_count: 3 });
    // paging: one at a time, with a Link to the next
    const page1 = await rosa.req("/api/v1/notifications/requests?limit=1");
    assert.deepEqual(ok(page1).map((r) => r.account.id), [sam.id]);
    assert.match(page1.headers.get("link") ?? "", /rel="next"/);
    assert.deepEqual((await requests(rosa, `?max_id=${list[0].id}`)).map((r) => r.account.id), [tom.id]);
    // another member cannot see or answer rosa's requests
    err(await U.ken.req(`/api/v1/notifications/requests/${tomReq.id}`), 404);

    ok(await rosa.req(`/api/v1/notifications/requests/${tomReq.id}/accept`, { method: "POST" }));
    const after = (await v1(rosa)).map((n) => n.status?.id);
    assert.ok(after.includes(fromTom1.id) && after.includes(fromTom2.id), "tom's notifications merged back");
    const later = await post(tom, "@rosa after accepting");
    assert.ok((await v1(rosa)).some((n) => n.status?.id === later.id), "and tom's later ones come through");
    assert.deepEqual((await requests(rosa)).map((r) => r.account.id), [sam.id]);
    assert.deepEqual(ok(await rosa.req("/api/v1/notifications/requests/merged")), { merged: true });
  });

  test("dismissing a request removes what it held; drop shows nothing anywhere", T, async () => {
    const { rosa, sam, quinn } = U;
    const [samReq] = await requests(rosa);
    assert.equal(samReq.account.id, sam.id);
    ok(await rosa.req("/api/v1/notifications/requests/dismiss", { method: "POST", json: { id: [samReq.id] } }));
    assert.deepEqual(await requests(rosa), []);
    assert.ok(!(await v1(rosa)).some((n) => n.account.id === sam.id && n.type === "mention"));

    ok(await patch(rosa, { for_not_following: "drop" }));
    const dropped = await post(quinn, "@rosa dropped");
    assert.ok(!(await v1(rosa)).some((n) => n.status?.id === dropped.id));
    assert.deepEqual(await requests(rosa), [], "dropped is not kept aside either");
    // back to accept: the organization's default
    ok(await patch(rosa, { for_not_following: "accept" }));
    assert.ok((await v1(rosa)).some((n) => n.status?.id === dropped.id), "the policy applies as notifications are read");
  });
});

suite("through a Mastodon client library (masto)", () => {
  test("policy, requests and a group's accounts as apps call them", T, async () => {
    const { ken, olga, pia } = U;
    const policy = await ken.client.v2.notifications.policy.fetch();
    assert.equal(policy.forNotFollowing, "accept");
    const updated = await ken.client.v2.notifications.policy.update({ forNotFollowing: "filter" });
    assert.equal(updated.forNotFollowing, "filter");
    const s = await post(olga, "@ken from olga, whom ken does not follow");
    // ada's follow is kept aside too: ken does not follow her.
    const reqs = await ken.client.v1.notifications.requests.list();
    const fromOlga = reqs.find((r) => r.account.id === olga.id);
    assert.ok(fromOlga, `a request from olga: ${JSON.stringify(reqs.map((r) => r.account.username))}`);
    assert.equal(reqs[0], fromOlga, "the newest first");
    assert.equal(fromOlga.lastStatus.id, s.id);
    const one = await ken.client.v1.notifications.requests.$select(fromOlga.id).fetch();
    assert.equal(one.notificationsCount, "1");
    await ken.client.v1.notifications.requests.$select(fromOlga.id).accept();
    assert.equal((await ken.client.v1.notifications.requests.merged.fetch()).merged, true);
    const left = await ken.client.v1.notifications.requests.list();
    assert.ok(!left.some((r) => r.account.id === olga.id) && left.length === reqs.length - 1);
    assert.ok((await ken.client.v1.notifications.list({ limit: 40 })).some((n) => n.status?.id === s.id));
    await ken.client.v2.notifications.policy.update({ forNotFollowing: "accept" });

    const group = (await pia.client.v2.notifications.list({ limit: 40 })).notificationGroups.find((g) => g.type === "favourite");
    assert.ok(group, "pia has a favourite group");
    const people = await pia.client.v2.notifications.$select(group.groupKey).accounts.fetch();
    assert.ok(people.length >= 2 && people.every((a) => typeof a.username === "string"));
  });
});
