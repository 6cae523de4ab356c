// Atrium's home filters on the server: atrium_source (updates, network,
// communities), alone and with atrium_kind — so that a sparse filter still
// fills a page however many other posts come first.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { socialServer, T, ok, err, post, follow, settle } from "./lib/social-helpers.mjs";
import { stopAll } from "./lib/server.mjs";

after(stopAll);

let ctx, U;
const posts = {};
before(async () => {
  ctx = await socialServer(["reader", "colleague", "followed", "stranger"]);
  U = ctx.users;
  // The colleague is a connection (which also means following both ways).
  ok(await U.reader.req(`/api/v1/atrium/connections/${U.colleague.id}/invite`, { method: "POST" }));
  ok(await U.colleague.req(`/api/v1/atrium/connections/${U.reader.id}/accept`, { method: "POST" }));
  await follow(U.reader, U.followed);
  const guild = ok(await U.followed.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "guild_h", name: "Guild", type: "public" } }));
  ok(await U.reader.req(`/api/v1/atrium/communities/${guild.id}/join`, { method: "POST" }));
  const other = ok(await U.stranger.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "other_h", name: "Other", type: "public" } }));
  ok(await U.followed.req(`/api/v1/atrium/communities/${other.id}/join`, { method: "POST" }));

  posts.colleague = await post(U.colleague, "From a connection");
  posts.colleagueBlog = ok(await U.colleague.req("/api/v1/atrium/blogs", { method: "POST", json: { title: "A connection's blog", body: "Text" } }));
  posts.inGuild = await post(U.followed, "In the guild", { community_id: guild.id });
  posts.inOther = await post(U.followed, "In a community the reader is not in", { community_id: other.id });
  posts.repostOfColleague = ok(await U.followed.req(`/api/v1/statuses/${posts.colleague.id}/reblog`, { method: "POST" }));
  // Many posts after them that no filter but "updates" keeps.
  posts.followed = [];
  for (let i = 0; i < 30; i++) posts.followed.push(await post(U.followed, `Update ${i}`));
  await settle(ctx);
});

const home = async (query) => ok(await U.reader.req(`/api/v1/timelines/home?${new URLSearchParams(query)}`));
const ids = (list) => list.map((s) => s.id);

test("without a filter: everything, a followed person's post in a public community the reader is not in too", T, async () => {
  const all = ids(await home({ limit: 40 }));
  for (const p of [posts.colleague, posts.colleagueBlog, posts.inGuild, posts.inOther, posts.followed[29]]) assert.ok(all.includes(p.id), p.content);
  // A repost of a post already in the stream is not shown again.
  assert.ok(!all.includes(posts.repostOfColleague.id));
});

test("network: the people one is connected with, past many other posts", T, async () => {
  const page = await home({ atrium_source: "network", limit: 5 });
  assert.deepEqual(ids(page), [posts.colleagueBlog.id, posts.colleague.id]);
});

test("communities: posts of the reader's communities only, not other communities'", T, async () => {
  assert.deepEqual(ids(await home({ atrium_source: "communities", limit: 5 })), [posts.inGuild.id]);
});

test("updates: posts outside communities", T, async () => {
  const page = ids(await home({ atrium_source: "updates", limit: 40 }));
  assert.ok(!page.includes(posts.inGuild.id));
  assert.ok(page.includes(posts.colleague.id) && page.includes(posts.followed[0].id));
});

test("source and kind together", T, async () => {
  assert.deepEqual(ids(await home({ atrium_source: "network", atrium_kind: "blog" })), [posts.colleagueBlog.id]);
  assert.deepEqual(ids(await home({ atrium_source: "communities", atrium_kind: "blog" })), []);
});

test("an unknown source is 422 and a JSON error", T, async () => {
  err(await U.reader.req("/api/v1/timelines/home?atrium_source=friends"), 422);
});
