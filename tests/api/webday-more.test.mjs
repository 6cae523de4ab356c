// What the web client's day still needed from the API: the notification
// policy in Mastodon's v1 shape (/api/v1/notifications/policy), the
// `notifications_merged` streaming event when accepted requests join the
// notifications, unknown parameters refused by the notification lists and
// update_credentials, a community's member list whose Link header offers a
// next page only when there is one, and another person's connections
// (/api/v1/atrium/profiles/:id/connections).
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, follow, openWs, openSse, parseLink, T } from "./lib/social-helpers.mjs";
import { request } from "./lib/http.mjs";

let ctx, U;
const closers = [];
before(async () => {
  ctx = await socialServer(["rosa", "tom", "sam", "ken", "lena", "milo", "nina", "otto"]);
  U = ctx.users;
});
after(() => closers.forEach((c) => c()));

const v1 = async (u) => ok(await u.req("/api/v1/notifications?limit=80"));

suite("unknown parameters are refused", () => {
  test("/api/v1/notifications and /api/v2/notifications: 422 naming the parameter; known ones still work", T, async () => {
    const { ken, lena } = U;
    await post(lena, "@ken hello");
    for (const path of ["/api/v1/notifications", "/api/v2/notifications"]) {
      const e = err(await ken.req(`${path}?colour=red`), 422);
      assert.match(`${e.error} ${e.error_description ?? ""}`, /colour/);
      err(await ken.req(`${path}?limit=5&include_filtered=true`), 422);
      ok(await ken.req(`${path}?limit=5&types[]=mention&exclude_types[]=follow&account_id=${lena.id}&max_id=999999999999999999`));
    }
    // grouped_types is the grouped list's own
    err(await ken.req("/api/v1/notifications?grouped_types[]=favourite"), 422);
    const grouped = ok(await ken.req("/api/v2/notifications?grouped_types[]=favourite"));
    assert.ok(Array.isArray(grouped.notification_groups));
    const listed = await v1(ken);
    assert.ok(listed.some((n) => n.type === "mention" && n.account.id === lena.id));
  });

  test("PATCH /api/v1/accounts/update_credentials: 422 for an unknown parameter, and nothing changes", T, async () => {
    const { milo } = U;
    const patch = (opts) => milo.req("/api/v1/accounts/update_credentials", { method: "PATCH", ...opts });
    ok(await patch({ json: { note: "before" } }));
    const refused = [
      { json: { note: "after", colour: "red" } },
      { form: { note: "after", bot: "true" } },
      { json: { note: "after", source: { quote_policy: "nobody" } } },
      { json: { note: "after", fields_attributes: [{ name: "Site", value: "x", verified: true }] } },
      { form: [["note", "after"], ["fields_attributes[0][colour]", "red"]] },
    ];
    for (const body of refused) {
      const e = err(await patch(body), 422);
      assert.match(`${e.error} ${e.error_description ?? ""}`, /colour|bot|source|verified/, JSON.stringify(e));
    }
    const me = ok(await milo.req("/api/v1/accounts/verify_credentials"));
    assert.equal(me.source.note, "before", "nothing changed");
    // what it does take still goes through; a directory field keeps its own answer
    const e = err(await patch({ json: { title: "Chief" } }), 422);
    assert.match(`${e.error} ${e.error_description ?? ""}`, /title comes from the organization's directory/);
    const saved = ok(
      await patch({
        json: { display_name: "Milo", note: "after", pronouns: "he/him", follow_approval: "off", expertise: ["kafka"], fields_attributes: [{ name: "Site", value: "https://milo.example" }] },
      }),
    );
    assert.equal(saved.source.note, "after");
    assert.deepEqual(saved.source.fields.map((f) => f.name), ["Site"]);
  });
});

suite("the notification policy in Mastodon's v1 shape", () => {
  const policy1 = async (u) => ok(await u.req("/api/v1/notifications/policy"));
  const policy2 = async (u) => ok(await u.req("/api/v2/notifications/policy"));

  test("GET answers booleans and the summary; PUT and PATCH set them; v2 sees the same policy", T, async () => {
    const { nina } = U;
    assert.deepEqual(await policy1(nina), {
      filter_not_following: false,
      filter_not_followers: false,
      filter_new_accounts: false,
      filter_private_mentions: false,
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const put = ok(await nina.req("/api/v1/notifications/policy", { method: "PUT", json: { filter_not_following: true, filter_new_accounts: "1" } }));
    assert.equal(put.filter_not_following, true);
    assert.equal(put.filter_new_accounts, true);
    assert.equal(put.filter_not_followers, false);
    const v2 = await policy2(nina);
    assert.equal(v2.for_not_following, "filter");
    assert.equal(v2.for_new_accounts, "filter");
    assert.equal(v2.for_not_followers, "accept");
    // drop (set through v2) is "filtered" too in v1's words
    ok(await nina.req("/api/v2/notifications/policy", { method: "PATCH", json: { for_private_mentions: "drop" } }));
    assert.equal((await policy1(nina)).filter_private_mentions, true);
    const patched = ok(await nina.req("/api/v1/notifications/policy", { method: "PATCH", form: { filter_not_following: "false" } }));
    assert.equal(patched.filter_not_following, false);
    assert.equal((await policy2(nina)).for_not_following, "accept");
    assert.equal((await policy2(nina)).for_private_mentions, "drop", "what v1 does not name stays");
  });

  test("the summary counts what is kept aside", T, async () => {
    const { otto, sam } = U;
    ok(await otto.req("/api/v1/notifications/policy", { method: "PUT", json: { filter_not_following: true } }));
    await post(sam, "@otto one");
    await post(sam, "@otto two");
    assert.deepEqual((await policy1(otto)).summary, { pending_requests_count: 1, pending_notifications_count: 2 });
  });

  test("bad values and unknown parameters are refused and change nothing", T, async () => {
    const { nina } = U;
    const before = await policy2(nina);
    err(await nina.req("/api/v1/notifications/policy", { method: "PUT", json: { filter_not_following: "maybe" } }), 422);
    err(await nina.req("/api/v1/notifications/policy", { method: "PUT", json: { filter_not_following: true, for_not_followers: "filter" } }), 422);
    err(await nina.req("/api/v1/notifications/policy", { method: "PUT", json: { filter_not_followers: true, colour: "red" } }), 422);
    err(await nina.req("/api/v1/notifications/policy?colour=red"), 422);
    err(await request(ctx.url, "/api/v1/notifications/policy"), 401);
    assert.deepEqual(await policy2(nina), before, "nothing changed");
  });
});

suite("notifications_merged", () => {
  test("accepting a request tells the member's user and notification streams (WebSocket and SSE), nobody else's", T, async () => {
    const { rosa, tom, ken, lena } = U;
    await follow(rosa, lena); // lena's mentions come through; tom's and sam's are kept aside
    ok(await rosa.req("/api/v2/notifications/policy", { method: "PATCH", json: { for_not_following: "filter" } }));
    const held = await post(tom, "@rosa kept aside");
    const [req] = ok(await rosa.req("/api/v1/notifications/requests"));
    assert.equal(req.account.id, tom.id);

    const ws = await openWs(ctx.url, { token: rosa.token });
    closers.push(ws.close);
    ws.subscribe("user");
    ws.subscribe("user:notification");
    const sse = await openSse(ctx.url, "/api/v1/streaming/user/notification", { token: rosa.token });
    closers.push(sse.close);
    const other = await openWs(ctx.url, { token: ken.token });
    closers.push(other.close);
    other.subscribe("user");
    // the streams are listening once an event sent after subscribing arrives
    const ready = await post(lena, "@rosa @ken ready?");
    await ws.waitFor((e) => e.event === "notification" && e.payload?.status?.id === ready.id && e.stream?.[0] === "user:notification");
    await ws.waitFor((e) => e.event === "notification" && e.payload?.status?.id === ready.id && e.stream?.[0] === "user");
    await sse.log.waitFor((e) => e.event === "notification" && e.payload?.status?.id === ready.id);
    await other.waitFor((e) => e.event === "notification" && e.payload?.status?.id === ready.id);

    ok(await rosa.req(`/api/v1/notifications/requests/${req.id}/accept`, { method: "POST" }));
    for (const name of ["user", "user:notification"]) {
      const ev = await ws.waitFor((e) => e.event === "notifications_merged" && e.stream?.[0] === name, 5000, `notifications_merged on ${name}`);
      assert.equal(ev.payload, 1, "Mastodon's payload: 1");
    }
    await sse.log.waitFor((e) => e.event === "notifications_merged", 5000, "notifications_merged over SSE");
    assert.ok((await v1(rosa)).some((n) => n.status?.id === held.id), "the notification is in the list when the event arrives");

    // ken's stream: a later notification of his arrives, and no merge came before it
    const later = await post(lena, "@ken after the merge");
    await other.waitFor((e) => e.event === "notification" && e.payload?.status?.id === later.id);
    assert.ok(!other.events.some((e) => e.event === "notifications_merged"), "another member hears nothing of it");
    // a bulk accept tells it too
    await post(U.sam, "@rosa from sam, kept aside");
    const [samReq] = ok(await rosa.req("/api/v1/notifications/requests"));
    const count = ws.events.filter((e) => e.event === "notifications_merged").length;
    ok(await rosa.req("/api/v1/notifications/requests/accept", { method: "POST", json: { id: [samReq.id] } }));
    await ws.waitFor(() => ws.events.filter((e) => e.event === "notifications_merged").length >= count + 2, 5000, "a second merge on both streams");
  });
});

suite("a community's members: a next page only when there is one", () => {
  const C = "/api/v1/atrium/communities";
  test("exactly a page of members: no rel=next; one more: next, and the last page has none", T, async () => {
    const { rosa, tom, sam } = U;
    const c = ok(await rosa.req(C, { method: "POST", json: { handle: "paging_members", name: "Paging members", type: "public" } }));
    ok(await tom.req(`${C}/${c.id}/join`, { method: "POST" }));
    ok(await sam.req(`${C}/${c.id}/join`, { method: "POST" }));
    // three members, three a page
    const full = await rosa.req(`${C}/${c.id}/members?limit=3`);
    assert.equal(ok(full).length, 3);
    const links = parseLink(full.headers.get("link"));
    assert.equal(links.next, undefined, `no next page to offer: ${full.headers.get("link")}`);
    assert.ok(links.prev, "the prev link stays");
    // two a page: a next page, and it is the last
    const first = await rosa.req(`${C}/${c.id}/members?limit=2`);
    assert.equal(ok(first).length, 2);
    const next = parseLink(first.headers.get("link")).next;
    assert.ok(next, "a next page exists");
    const second = await request(ctx.url, ((u) => u.pathname + u.search)(new URL(next)), { token: rosa.token });
    const rest = ok(second);
    assert.equal(rest.length, 1);
    assert.equal(parseLink(second.headers.get("link")).next, undefined, "the last page offers no next");
    const all = [...ok(first), ...rest].map((m) => m.account.id).sort();
    assert.deepEqual(all, [rosa.id, tom.id, sam.id].sort());
    // going back up (the prev link, min_id) still answers the newer ones
    const prev = parseLink(second.headers.get("link")).prev;
    const back = ok(await request(ctx.url, ((u) => u.pathname + u.search)(new URL(prev)), { token: rosa.token }));
    assert.deepEqual(back.map((m) => m.account.id), ok(first).map((m) => m.account.id));
  });
});

suite("another person's connections", () => {
  const conn = (u, other, verb) => u.req(`/api/v1/atrium/connections/${other.id}/${verb}`, { method: "POST" });
  test("GET /api/v1/atrium/profiles/:id/connections lists theirs, as the viewer may see people", T, async () => {
    const { lena, milo, nina, otto } = U;
    ok(await conn(lena, milo, "invite"));
    ok(await conn(milo, lena, "accept"));
    ok(await conn(lena, nina, "invite"));
    ok(await conn(nina, lena, "accept"));
    ok(await conn(lena, otto, "invite")); // not accepted: not a connection
    const page = await otto.req(`/api/v1/atrium/profiles/${lena.id}/connections`);
    assert.deepEqual(ok(page).map((a) => a.id).sort(), [milo.id, nina.id].sort());
    // the same as lena's own list
    const own = ok(await lena.req("/api/v1/atrium/connections"));
    assert.deepEqual(ok(await lena.req(`/api/v1/atrium/profiles/${lena.id}/connections`)).map((a) => a.id), own.map((a) => a.id));
    // paging
    const one = await otto.req(`/api/v1/atrium/profiles/${lena.id}/connections?limit=1`);
    assert.equal(ok(one).length, 1);
    assert.ok(parseLink(one.headers.get("link")).next);
    // a person the viewer blocks is left out; a block between the viewer and lena: 403
    ok(await otto.req(`/api/v1/accounts/${nina.id}/block`, { method: "POST" }));
    assert.deepEqual(ok(await otto.req(`/api/v1/atrium/profiles/${lena.id}/connections`)).map((a) => a.id), [milo.id]);
    ok(await lena.req(`/api/v1/accounts/${otto.id}/block`, { method: "POST" }));
    err(await otto.req(`/api/v1/atrium/profiles/${lena.id}/connections`), 403);
    // bad input
    err(await milo.req("/api/v1/atrium/profiles/999999999999/connections"), 404);
    err(await milo.req(`/api/v1/atrium/profiles/${lena.id}/connections?colour=red`), 422);
    err(await milo.req(`/api/v1/atrium/profiles/${lena.id}/connections?max_id=abc`), 400);
    err(await request(ctx.url, `/api/v1/atrium/profiles/${lena.id}/connections`), 401);
  });
});
