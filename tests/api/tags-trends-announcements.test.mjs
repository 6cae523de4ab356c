// Hashtags followed and featured, org trends and announcements (issue #19):
// through the masto client where it has the method, raw HTTP otherwise, with
// the bad input each route refuses. Trends and followed tags are checked
// against the community rule: a restricted community's posts, tags and
// counts reach its members only.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { socialServer, post, ok, err, follow, settle, eventually, parseLink, ids, T, MastoHttpError } from "./lib/social-helpers.mjs";

async function restrictedCommunity(owner, handle, members) {
  const c = ok(await owner.req("/api/v1/atrium/communities", { method: "POST", json: { handle, name: handle, type: "restricted" } }));
  const base = `/api/v1/atrium/communities/${c.id}`;
  for (const u of members) {
    ok(await owner.req(`${base}/invitations`, { method: "POST", json: { account_id: u.id } }));
    ok(await u.req(`${base}/join`, { method: "POST" }));
  }
  return c;
}

const home = async (u) => ok(await u.req("/api/v1/timelines/home?limit=40"));
const rejectsWith = (status) => (e) => e instanceof MastoHttpError && e.statusCode === status;

suite("hashtags: following and featuring", () => {
  let ctx, ana, ben, cat, dan, club;
  before(async () => {
    ctx = await socialServer(["ana", "ben", "cat", "dan"]);
    ({ ana, ben, cat, dan } = ctx.users);
    // cat is in the restricted club; ana and dan are not
    club = await restrictedCommunity(ben, "tagclub", [cat]);
  });
  after(() => ctx?.srv.stop());

  test("GET /tags/:name, follow and unfollow through masto", T, async () => {
    const tag = await ana.client.v1.tags.$select("Launch").fetch();
    assert.equal(tag.name, "launch");
    assert.equal(tag.following, false);
    assert.equal(tag.history.length, 7);
    assert.ok(tag.history.every((d) => typeof d.day === "string" && d.uses === "0" && d.accounts === "0"));
    const followed = await ana.client.v1.tags.$select("LAUNCH").follow();
    assert.equal(followed.name, "launch");
    assert.equal(followed.following, true);
    assert.equal((await ana.client.v1.tags.$select("launch").follow()).following, true, "following twice is no error");
    assert.equal((await ana.client.v1.tags.$select("launch").fetch()).following, true);
    assert.equal((await ben.client.v1.tags.$select("launch").fetch()).following, false, "following is the reader's own");
    const list = await ana.client.v1.followedTags.list();
    assert.deepEqual(list.map((t) => t.name), ["launch"]);
    assert.equal((await ana.client.v1.tags.$select("launch").unfollow()).following, false);
    assert.deepEqual(await ana.client.v1.followedTags.list(), []);
  });

  test("bad tag names and parameters are refused and change nothing", T, async () => {
    for (const bad of ["%20", "a%20b", "%23", "-", "a.b", "x".repeat(300)]) {
      err(await dan.req(`/api/v1/tags/${bad}`), 422);
      err(await dan.req(`/api/v1/tags/${bad}/follow`, { method: "POST" }), 422);
      err(await dan.req(`/api/v1/tags/${bad}/feature`, { method: "POST" }), 422);
    }
    err(await dan.req("/api/v1/tags/fine/follow", { method: "POST", json: { reblogs: true } }), 422);
    err(await dan.req("/api/v1/followed_tags?limit=abc"), [400, 422]);
    err(await dan.req("/api/v1/followed_tags?max_id=x"), [400, 422]);
    err(await dan.req("/api/v1/followed_tags?order=desc"), 422);
    assert.deepEqual(ok(await dan.req("/api/v1/followed_tags")), []);
    assert.deepEqual(ok(await dan.req("/api/v1/featured_tags")), []);
  });

  test("followed tags are paged newest first with Link headers", T, async () => {
    for (const t of ["one", "two", "three"]) ok(await dan.req(`/api/v1/tags/${t}/follow`, { method: "POST" }));
    const first = await dan.req("/api/v1/followed_tags?limit=2");
    assert.deepEqual(ok(first).map((t) => t.name), ["three", "two"]);
    assert.ok(ok(first).every((t) => t.following === true));
    const next = parseLink(first.headers.get("link")).next;
    assert.ok(next, `a next link: ${first.headers.get("link")}`);
    const u = new URL(next);
    const second = ok(await dan.req(u.pathname + u.search));
    assert.deepEqual(second.map((t) => t.name), ["one"]);
    for (const t of ["one", "two", "three"]) ok(await dan.req(`/api/v1/tags/${t}/unfollow`, { method: "POST" }));
  });

  test("a followed tag's public posts reach home — warm feed and rebuilt alike — only where the reader may see them", T, async () => {
    // ana's home is warm (read now), so delivery is the fan-out's
    await home(ana);
    ok(await ana.req("/api/v1/tags/rollout/follow", { method: "POST" }));
    ok(await cat.req("/api/v1/tags/rollout/follow", { method: "POST" }));
    await home(cat);
    const pub = await post(ben, "shipping the #Rollout today");
    const other = await post(ben, "an untagged post");
    const priv = await post(ben, "for followers: #rollout", { visibility: "private" });
    const secret = await post(ben, "club only #rollout", { community_id: club.id });
    await settle(ctx);
    const anaHome = ids(await home(ana));
    assert.ok(anaHome.includes(pub.id), "the public post with the followed tag reaches ana");
    assert.ok(!anaHome.includes(other.id), "ben's untagged post does not (ana does not follow ben)");
    assert.ok(!anaHome.includes(priv.id), "a followers-only post does not reach a non-follower");
    assert.ok(!anaHome.includes(secret.id), "a restricted community's post never reaches a non-member");
    const catHome = ids(await home(cat));
    assert.ok(catHome.includes(pub.id));
    assert.ok(catHome.includes(secret.id), "the club's member sees the club's post");
    // dan follows the tag afterwards: his home is rebuilt by the same rule
    ok(await dan.req("/api/v1/tags/rollout/follow", { method: "POST" }));
    const danHome = ids(await home(dan));
    assert.ok(danHome.includes(pub.id), "following a tag brings its earlier public posts home");
    assert.ok(!danHome.includes(priv.id) && !danHome.includes(secret.id));
    // unfollowing takes them away again
    ok(await dan.req("/api/v1/tags/rollout/unfollow", { method: "POST" }));
    assert.ok(!ids(await home(dan)).includes(pub.id));
    // a post by someone ana blocks does not reach her through the tag either
    ok(await ana.req(`/api/v1/accounts/${ben.id}/block`, { method: "POST" }));
    const blocked = await post(ben, "more #rollout");
    await settle(ctx);
    assert.ok(!ids(await home(ana)).includes(blocked.id));
    ok(await ana.req(`/api/v1/accounts/${ben.id}/unblock`, { method: "POST" }));
  });

  test("featured tags: create, list, suggestions, feature/unfeature, delete", T, async () => {
    await post(cat, "notes on #Design");
    await post(cat, "more #design and #ux");
    await post(cat, "secret #clubonly", { community_id: club.id });
    const suggestions = await cat.client.v1.featuredTags.suggestions.list();
    assert.deepEqual(suggestions.map((t) => t.name), ["design", "ux"], "most used first; a restricted community's tag is not suggested for the profile");
    const created = await cat.client.v1.featuredTags.create({ name: "Design" });
    assert.equal(created.name, "design");
    assert.equal(created.statusesCount, 2);
    assert.match(created.lastStatusAt, /^\d{4}-\d{2}-\d{2}$/);
    await assert.rejects(cat.client.v1.featuredTags.create({ name: "design" }), rejectsWith(422), "featured twice");
    await assert.rejects(cat.client.v1.featuredTags.create({ name: "not a tag" }), rejectsWith(422));
    err(await cat.req("/api/v1/featured_tags", { method: "POST", json: {} }), 422);
    err(await cat.req("/api/v1/featured_tags", { method: "POST", json: { name: "ok", extra: 1 } }), 422);
    assert.deepEqual((await cat.client.v1.featuredTags.suggestions.list()).map((t) => t.name), ["ux"]);
    const viaTag = await cat.client.v1.tags.$select("ux").feature();
    assert.equal(viaTag.featuring, true);
    assert.equal((await cat.client.v1.tags.$select("ux").feature()).featuring, true, "featuring twice is no error here");
    const list = await cat.client.v1.featuredTags.list();
    assert.deepEqual(list.map((t) => t.name), ["design", "ux"]);
    assert.equal((await cat.client.v1.tags.$select("ux").unfeature()).featuring, false);
    await cat.client.v1.featuredTags.$select(created.id).remove();
    assert.deepEqual(await cat.client.v1.featuredTags.list(), []);
    err(await cat.req(`/api/v1/featured_tags/${created.id}`, { method: "DELETE" }), 404);
    err(await ana.req(`/api/v1/featured_tags/abc`, { method: "DELETE" }), 404);
    // one member cannot remove another's
    const mine = await cat.client.v1.featuredTags.create({ name: "design" });
    err(await ana.req(`/api/v1/featured_tags/${mine.id}`, { method: "DELETE" }), 404);
    assert.equal((await cat.client.v1.featuredTags.list()).length, 1);
    for (let i = 0; i < 9; i++) await cat.client.v1.featuredTags.create({ name: `many${i}` });
    await assert.rejects(cat.client.v1.featuredTags.create({ name: "eleventh" }), rejectsWith(422), "at most 10");
  });
});

/** A small web server with pages to preview. */
async function startPages() {
  const server = http.createServer((req, res) => {
    const name = req.url.slice(1);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><meta property="og:title" content="Page ${name}"><meta property="og:description" content="About ${name}"></head><body></body></html>`);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

suite("org trends", () => {
  let ctx, pages, ana, ben, cat, dan, club, pub, secret;
  before(async () => {
    pages = await startPages();
    ctx = await socialServer(["ana", "ben", "cat", "dan"], { args: ["--fetch-allow", "127.0.0.1/32"] });
    ({ ana, ben, cat, dan } = ctx.users);
    club = await restrictedCommunity(ben, "trendclub", [cat]);
    // every post first, then every read (trends are counted per visibility class and kept)
    pub = await post(ana, `the #Offsite agenda ${pages.base}/agenda`);
    await post(ben, "see you at the #offsite");
    await post(dan, "#offsite #travel plans");
    secret = await post(cat, `the #merger is on ${pages.base}/merger`, { community_id: club.id });
    await post(ben, "#merger notes", { community_id: club.id });
    await post(cat, "#merger again", { community_id: club.id });
    await post(ana, `a private link ${pages.base}/private #offsite`, { visibility: "private" });
    for (const u of [ben, cat, dan]) ok(await u.req(`/api/v1/statuses/${pub.id}/favourite`, { method: "POST" }));
    for (const u of [ben]) ok(await u.req(`/api/v1/statuses/${secret.id}/favourite`, { method: "POST" }));
    // the link cards are made by the background worker
    await eventually(async () => {
      assert.ok(ok(await ana.req(`/api/v1/statuses/${pub.id}/card`)).url, "the agenda's card");
      assert.ok(ok(await cat.req(`/api/v1/statuses/${secret.id}/card`)).url, "the merger's card");
    }, 20000);
  });
  after(async () => {
    await ctx?.srv.stop();
    await pages?.close();
  });

  test("trending tags through masto: a restricted community's tag and counts reach its members only", T, async () => {
    const outside = await ana.client.v1.trends.tags.list();
    const names = outside.map((t) => t.name);
    assert.equal(names[0], "offsite", "three people used #offsite");
    assert.ok(names.includes("travel"));
    assert.ok(!names.includes("merger"), `a non-member sees nothing of the club: ${names}`);
    const offsite = outside[0];
    assert.equal(offsite.history.length, 7);
    assert.equal(offsite.history[0].uses, "3", "the private post's tag is not counted");
    assert.equal(offsite.history[0].accounts, "3");
    assert.equal(String(Math.floor(Date.now() / 86400000) * 86400), offsite.history[0].day);
    const inside = await cat.client.v1.trends.tags.list();
    const merger = inside.find((t) => t.name === "merger");
    assert.ok(merger, "a member sees the club's tag");
    assert.equal(merger.history[0].uses, "3");
    assert.equal(merger.history[0].accounts, "2");
    // nor does the tag's own history tell a non-member
    const seen = ok(await ana.req("/api/v1/tags/merger"));
    assert.ok(seen.history.every((d) => d.uses === "0"), JSON.stringify(seen.history));
    assert.equal(ok(await cat.req("/api/v1/tags/merger")).history[0].uses, "3");
    // limit and offset
    assert.deepEqual((await ana.client.v1.trends.tags.list({ limit: 1 })).map((t) => t.name), ["offsite"]);
    assert.deepEqual(ok(await ana.req("/api/v1/trends/tags?offset=1&limit=1")).map((t) => t.name), [names[1]]);
  });

  test("trending posts: the restricted community's post reaches members only", T, async () => {
    const outside = await ana.client.v1.trends.statuses.list();
    assert.deepEqual(ids(outside), [pub.id]);
    const inside = await cat.client.v1.trends.statuses.list();
    assert.deepEqual(ids(inside), [pub.id, secret.id], "most engagement first");
  });

  test("trending links with history: the restricted community's link reaches members only", T, async () => {
    const outside = await ana.client.v1.trends.links.list();
    assert.deepEqual(outside.map((l) => l.url), [`${pages.base}/agenda`], "the private post's link is not counted");
    assert.equal(outside[0].title, "Page agenda");
    assert.equal(outside[0].history[0].uses, "1");
    const inside = await cat.client.v1.trends.links.list();
    assert.deepEqual(inside.map((l) => l.url).sort(), [`${pages.base}/agenda`, `${pages.base}/merger`]);
  });

  test("a trending link's stream (timelines/link) through masto: the posts sharing it, as the reader may see them", T, async () => {
    const agenda = `${pages.base}/agenda`;
    assert.deepEqual(ids(await ana.client.v1.timelines.link.list({ url: agenda })), [pub.id]);
    // the restricted community's post reaches its members only
    const merger = `${pages.base}/merger`;
    assert.deepEqual(ids(await ana.client.v1.timelines.link.list({ url: merger })), []);
    assert.deepEqual(ids(await cat.client.v1.timelines.link.list({ url: merger })), [secret.id]);
    // a followers-only post is not in a link's stream, not even for its author
    assert.deepEqual(ids(ok(await ana.req(`/api/v1/timelines/link?url=${encodeURIComponent(`${pages.base}/private`)}`))), []);
    // a link nobody shared: empty; none: 422; a wrong paging parameter: 400; no member: 401
    assert.deepEqual(ok(await ana.req(`/api/v1/timelines/link?url=${encodeURIComponent(`${pages.base}/nobody`)}`)), []);
    err(await ana.req("/api/v1/timelines/link"), 422);
    err(await ana.req("/api/v1/timelines/link?url="), 422);
    err(await ana.req(`/api/v1/timelines/link?url=${encodeURIComponent(agenda)}&limit=abc`), 400); // as every stream answers a bad page
    assert.equal((await ana.req(`/api/v1/timelines/link?url=${encodeURIComponent(agenda)}`, { token: "" })).status, 401);
  });

  test("bad trends parameters are refused", T, async () => {
    for (const path of ["/api/v1/trends/tags", "/api/v1/trends/statuses", "/api/v1/trends/links"]) {
      err(await ana.req(`${path}?limit=abc`), 422);
      err(await ana.req(`${path}?limit=0`), 422);
      err(await ana.req(`${path}?offset=-1`), 422);
      err(await ana.req(`${path}?since=yesterday`), 422);
      assert.equal((await ana.req(path, { token: "" })).status, 401);
    }
  });
});

suite("announcements", () => {
  let ctx, boss, ana, ben;
  const admin = (u, path = "", opts = {}) => u.req(`/api/v1/atrium/admin/announcements${path}`, opts);
  before(async () => {
    ctx = await socialServer(["boss", "ana", "ben"], { admins: ["boss"] });
    ({ boss, ana, ben } = ctx.users);
  });
  after(() => ctx?.srv.stop());

  test("published, read, dismissed and reacted to through masto", T, async () => {
    const a = ok(await admin(boss, "", { method: "POST", json: { text: "**All hands** on Friday", all_day: true, starts_at: "2030-01-03T00:00:00Z", ends_at: "2030-01-04T00:00:00Z" } }));
    const list = await ana.client.v1.announcements.list();
    assert.equal(list.length, 1);
    const got = list[0];
    assert.equal(got.id, a.id);
    assert.match(got.content, /<strong>All hands<\/strong>/);
    assert.equal(got.allDay, true);
    assert.equal(got.startsAt, "2030-01-03T00:00:00.000Z");
    assert.equal(got.endsAt, "2030-01-04T00:00:00.000Z");
    assert.ok(got.publishedAt);
    assert.equal(got.read, false);
    assert.deepEqual(got.reactions, []);
    await ana.client.v1.announcements.$select(a.id).reactions.$select("👍").update();
    await ben.client.v1.announcements.$select(a.id).reactions.$select("👍").update();
    await ben.client.v1.announcements.$select(a.id).reactions.$select("🎉").update();
    const anaView = (await ana.client.v1.announcements.list())[0];
    assert.deepEqual(anaView.reactions.map((r) => [r.name, r.count, r.me]), [["👍", 2, true], ["🎉", 1, false]]);
    await ana.client.v1.announcements.$select(a.id).reactions.$select("👍").remove();
    assert.deepEqual((await ana.client.v1.announcements.list())[0].reactions.map((r) => [r.name, r.count, r.me]), [["👍", 1, false], ["🎉", 1, false]]);
    await ana.client.v1.announcements.$select(a.id).dismiss();
    assert.equal((await ana.client.v1.announcements.list())[0].read, true);
    assert.equal((await ben.client.v1.announcements.list())[0].read, false, "read is each member's own");
    // bad input
    err(await ana.req(`/api/v1/announcements/${a.id}/reactions/abc`, { method: "PUT" }), 422);
    err(await ana.req(`/api/v1/announcements/${a.id}/reactions/${encodeURIComponent("👍 x")}`, { method: "PUT" }), 422);
    err(await ana.req(`/api/v1/announcements/999/reactions/${encodeURIComponent("👍")}`, { method: "PUT" }), 404);
    err(await ana.req("/api/v1/announcements/999/dismiss", { method: "POST" }), 404);
    err(await ana.req("/api/v1/announcements/abc/dismiss", { method: "POST" }), 404);
    err(await ana.req("/api/v1/announcements?with_dismissed=true"), 422);
    assert.equal((await ana.client.v1.announcements.list())[0].reactions.length, 2, "refused reactions changed nothing");
    // withdrawn: gone for everyone
    ok(await admin(boss, `/${a.id}`, { method: "DELETE" }));
    assert.deepEqual(await ben.client.v1.announcements.list(), []);
    err(await admin(boss, `/${a.id}`, { method: "DELETE" }), 404);
  });

  test("a scheduled announcement is not shown until its time", T, async () => {
    const at = new Date(Date.now() + 2500).toISOString();
    const a = ok(await admin(boss, "", { method: "POST", json: { text: "Coming soon", scheduled_at: at } }));
    assert.equal(a.scheduled, true);
    assert.equal(a.published, false);
    assert.ok(!(await ana.client.v1.announcements.list()).some((x) => x.id === a.id), "not before its time");
    err(await ana.req(`/api/v1/announcements/${a.id}/dismiss`, { method: "POST" }), 404);
    assert.ok(ok(await admin(boss)).some((x) => x.id === a.id && x.scheduled === true), "administrators see it scheduled");
    await eventually(async () => {
      assert.ok((await ana.client.v1.announcements.list()).some((x) => x.id === a.id));
    }, 10000);
    // rescheduled into the future: hidden again
    const later = new Date(Date.now() + 3600_000).toISOString();
    const edited = ok(await admin(boss, `/${a.id}`, { method: "PUT", json: { text: "Coming later", scheduled_at: later } }));
    assert.equal(edited.text, "Coming later");
    assert.ok(!(await ana.client.v1.announcements.list()).some((x) => x.id === a.id));
    // an announcement past its end is no longer shown
    const ended = ok(await admin(boss, "", { method: "POST", json: { text: "Over", scheduled_at: new Date(Date.now() - 7200_000).toISOString(), ends_at: new Date(Date.now() - 3600_000).toISOString() } }));
    assert.ok(!(await ana.client.v1.announcements.list()).some((x) => x.id === ended.id));
  });

  test("only administrators publish; bad input is refused and changes nothing; every change is audited", T, async () => {
    const before = ok(await admin(boss)).length;
    err(await admin(ana, "", { method: "POST", json: { text: "I am not the boss" } }), 403);
    err(await admin(ana), 403);
    err(await admin(boss, "", { method: "POST", json: {} }), 422);
    err(await admin(boss, "", { method: "POST", json: { text: "" } }), 422);
    err(await admin(boss, "", { method: "POST", json: { text: "x".repeat(10001) } }), 422);
    err(await admin(boss, "", { method: "POST", json: { text: "t", starts_at: "tomorrow" } }), 422);
    err(await admin(boss, "", { method: "POST", json: { text: "t", all_day: "maybe" } }), 422);
    err(await admin(boss, "", { method: "POST", json: { text: "t", starts_at: "2030-01-02T00:00:00Z", ends_at: "2030-01-01T00:00:00Z" } }), 422);
    err(await admin(boss, "", { method: "POST", json: { text: "t", color: "red" } }), 422);
    err(await admin(boss, "/999", { method: "PUT", json: { text: "t" } }), 404);
    assert.equal(ok(await admin(boss)).length, before, "nothing was published");
    const a = ok(await admin(boss, "", { method: "POST", json: { text: "Audited" } }));
    ok(await admin(boss, `/${a.id}`, { method: "PUT", json: { text: "Audited, edited" } }));
    assert.equal((await ana.client.v1.announcements.list()).find((x) => x.id === a.id).content, "<p>Audited, edited</p>\n");
    ok(await admin(boss, `/${a.id}`, { method: "DELETE" }));
    const audit = ok(await boss.req(`/api/v1/atrium/admin/audit?target=${a.id}&target_type=announcement`));
    assert.deepEqual(audit.map((e) => e.action).sort(), ["announcement.edit", "announcement.publish", "announcement.withdraw"]);
  });
});
