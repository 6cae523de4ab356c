// Posting: create/get/delete/edit, history and source, context, favourites,
// reblogs, bookmarks, pins, quote posts and bad input — mostly through masto.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, ids, rejectsWith, T, describe, addUser, eventually, request } from "./lib/social-helpers.mjs";
import { startServer, usingRedis } from "./lib/server.mjs";

let ctx, alice, bob, carol, dave;
before(async () => {
  ctx = await socialServer(["alice", "bob", "carol", "dave"]);
  ({ alice, bob, carol, dave } = ctx.users);
});

suite("create and read", () => {
  test("twenty posts at once by one author, with a tag and a mention, all succeed", T, async () => {
    // They write the same rows (the author's counts, the tag, the index);
    // on PostgreSQL the losers of a serialization conflict run again
    // rather than answer 503.
    const tag = `burst${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        alice.req("/api/v1/statuses", { method: "POST", json: { status: `burst ${i} #${tag} @bob` } }),
      ),
    );
    for (const r of results) assert.equal(r.status, 200, r.text);
    const posted = new Set(results.map((r) => r.json.id));
    assert.equal(posted.size, 20);
    const tagged = await alice.req(`/api/v1/timelines/tag/${tag}?limit=40`);
    assert.equal(tagged.status, 200, tagged.text);
    assert.deepEqual(new Set(tagged.json.map((s) => s.id)), posted);
  });

  test("content is HTML-escaped, mentions are linked and listed, tags listed", T, async () => {
    const s = await alice.client.v1.statuses.create({
      status: `Hello <b>x</b> & "quotes" <script>alert(1)</script> @bob @nobody #Launch`,
    });
    assert.equal(typeof s.id, "string");
    assert.equal(s.visibility, "public", "default visibility");
    assert.equal(s.account.id, alice.id);
    assert.ok(!s.content.includes("<b>"), `raw <b> in content: ${s.content}`);
    assert.ok(!s.content.includes("<script"), `raw <script> in content: ${s.content}`);
    assert.ok(s.content.includes("&lt;b&gt;x&lt;/b&gt;"), `escaped text missing: ${s.content}`);
    assert.ok(s.content.includes("&amp;"), `& must be escaped: ${s.content}`);
    // mention of an existing member: linked and listed; unknown one: neither
    assert.equal(s.mentions.length, 1, `mentions: ${JSON.stringify(s.mentions)}`);
    const m = s.mentions[0];
    assert.equal(m.id, bob.id);
    assert.equal(m.username, "bob");
    assert.equal(m.acct, "bob");
    assert.equal(typeof m.url, "string");
    assert.ok(s.content.includes(`href="${m.url}"`), `mention link to ${m.url} missing in ${s.content}`);
    assert.match(s.content, /<a [^>]*class="[^"]*mention[^"]*"[^>]*>@<span>bob<\/span><\/a>/);
    assert.ok(!/<a [^>]*>@<span>nobody/.test(s.content), "an unknown member must not be linked");
    assert.ok(s.content.includes("@nobody"), "the unknown mention stays as text");
    assert.deepEqual(s.tags.map((t) => t.name), ["launch"]);
    assert.ok(s.content.includes(`href="${s.tags[0].url}"`), "tag link");
  });

  test("hashtags are case-insensitive: #café #CAFÉ → one tag; #日本語 kept; tag timeline by any case", T, async () => {
    const s = await alice.client.v1.statuses.create({ status: "Lunch #café #CAFÉ #Café #日本語" });
    const names = s.tags.map((t) => t.name).sort();
    assert.deepEqual(names, ["café", "日本語"].sort(), `tags: ${JSON.stringify(s.tags)}`);
    for (const spelled of ["café", "CAFÉ", "日本語"]) {
      const res = await bob.req(`/api/v1/timelines/tag/${encodeURIComponent(spelled)}`);
      assert.ok(ids(ok(res)).includes(s.id), `tag timeline for ${JSON.stringify(spelled)} lacks the post: ${describe(res)}`);
    }
  });

  test("hashtags are Unicode-normalized: the NFD spelling of #café is the same tag as NFC", T, async () => {
    const nfd = "cafe\u0301";
    const s = await alice.client.v1.statuses.create({ status: `Dinner #${nfd} #café` });
    assert.deepEqual(s.tags.map((t) => t.name), ["café"], `tags: ${JSON.stringify(s.tags)} (NFD and NFC must collapse into one, NFC-named)`);
    const nfdOnly = await post(alice, `Breakfast #${nfd}`);
    const res = await bob.req(`/api/v1/timelines/tag/${encodeURIComponent("café")}`);
    assert.ok(ids(ok(res)).includes(nfdOnly.id), "the NFC tag timeline finds the NFD-spelled post");
    const res2 = await bob.req(`/api/v1/timelines/tag/${encodeURIComponent(nfd)}`);
    assert.ok(ids(ok(res2)).includes(s.id), "the NFD tag timeline finds the NFC-spelled post");
  });

  test("tag urls are well-formed (percent-encoded) and match the links in the content", T, async () => {
    const s = await post(alice, "#naïve #日本語 #plain");
    assert.equal(s.tags.length, 3, JSON.stringify(s.tags));
    for (const t of s.tags) {
      assert.equal(t.url, new URL(t.url).href, `tag url is not a normalized URL: ${t.url}`);
      assert.ok(s.content.includes(`href="${t.url}"`), `content has no link to ${t.url}: ${s.content}`);
    }
  });

  test("spoiler_text, sensitive, language and reply fields round-trip", T, async () => {
    const parent = await post(alice, "parent");
    const s = await bob.client.v1.statuses.create({
      status: "reply body",
      inReplyToId: parent.id,
      spoilerText: "cw <i>", // plain text, not HTML
      sensitive: true,
      language: "en",
      visibility: "unlisted",
    });
    assert.equal(s.inReplyToId, parent.id);
    assert.equal(s.inReplyToAccountId, alice.id);
    assert.equal(s.spoilerText, "cw <i>");
    assert.equal(s.sensitive, true);
    assert.equal(s.language, "en");
    assert.equal(s.visibility, "unlisted");
    const again = await alice.client.v1.statuses.$select(parent.id).fetch();
    assert.equal(again.repliesCount, 1, "replies_count of the parent");
  });

  test("get one: 200 for the post, 404 for unknown and malformed ids", T, async () => {
    const s = await post(alice, "get me");
    const got = await bob.client.v1.statuses.$select(s.id).fetch();
    assert.equal(got.id, s.id);
    assert.equal(got.content, s.content);
    await rejectsWith(bob.client.v1.statuses.$select("9999999999999999").fetch(), 404, "unknown id");
    err(await bob.req("/api/v1/statuses/not-a-number"), 404);
  });

  test("get many with id[]: known ones in order, unknown ones skipped", T, async () => {
    const a = await post(alice, "many a");
    const b = await post(bob, "many b");
    const list = await carol.client.v1.statuses.fetch({ id: [b.id, "12345", a.id] });
    assert.deepEqual(ids(list), [b.id, a.id]);
    const raw = ok(await carol.req(`/api/v1/statuses?id[]=${a.id}&id[]=${b.id}`));
    assert.deepEqual(ids(raw), [a.id, b.id]);
  });

  test("posting needs a token (401) and write scope", T, async () => {
    const res = await fetch(new URL("/api/v1/statuses", ctx.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "anon" }),
    });
    assert.equal(res.status, 401);
  });
});

suite("bad input", () => {
  test("empty and whitespace-only text → 422", T, async () => {
    err(await alice.req("/api/v1/statuses", { method: "POST", json: { status: "" } }), 422);
    err(await alice.req("/api/v1/statuses", { method: "POST", json: { status: "   \n " } }), 422);
    err(await alice.req("/api/v1/statuses", { method: "POST", json: {} }), 422);
  });

  test("5000 characters (not bytes) pass, 5001 → 422", T, async () => {
    const ok5000 = await post(alice, "日".repeat(5000)); // 15000 bytes
    assert.ok(ok5000.id);
    const ascii = await post(alice, "a".repeat(5000));
    assert.ok(ascii.id);
    err(await alice.req("/api/v1/statuses", { method: "POST", json: { status: "a".repeat(5001) } }), 422);
    err(await alice.req("/api/v1/statuses", { method: "POST", json: { status: "日".repeat(5001) } }), 422);
  });

  test("invalid visibility → 422", T, async () => {
    err(await alice.req("/api/v1/statuses", { method: "POST", json: { status: "x", visibility: "secret" } }), 422);
    err(await alice.req("/api/v1/statuses", { method: "POST", json: { status: "x", visibility: "PUBLIC!" } }), 422);
  });

  test("reply to a post the author can't see → 422, same as an unknown parent", T, async () => {
    const dm = await post(alice, "@bob secret", { visibility: "direct" });
    const hidden = await carol.req("/api/v1/statuses", { method: "POST", json: { status: "sneaky", in_reply_to_id: dm.id } });
    err(hidden, 422);
    const unknown = await carol.req("/api/v1/statuses", { method: "POST", json: { status: "sneaky", in_reply_to_id: "777777777777" } });
    err(unknown, 422);
    // the mentioned member may reply
    const r = await post(bob, "@alice answer", { in_reply_to_id: dm.id, visibility: "direct" });
    assert.equal(r.in_reply_to_id, dm.id);
  });

  test("Idempotency-Key: same key → same post; another key or another member → new post", T, async () => {
    const meta = (k) => ({ requestInit: { headers: { "Idempotency-Key": k } } });
    const a = await dave.client.v1.statuses.create({ status: "once" }, meta("key-1"));
    const b = await dave.client.v1.statuses.create({ status: "once" }, meta("key-1"));
    assert.equal(b.id, a.id, "the same key must return the same post");
    const c = await dave.client.v1.statuses.create({ status: "once" }, meta("key-2"));
    assert.notEqual(c.id, a.id);
    const d = await carol.client.v1.statuses.create({ status: "once" }, meta("key-1"));
    assert.notEqual(d.id, a.id, "keys are per member");
    const mine = ok(await dave.req(`/api/v1/accounts/${dave.id}/statuses?limit=40`));
    assert.equal(mine.filter((s) => s.content === "<p>once</p>").length, 2, "dave has exactly two 'once' posts");
    const me = await dave.client.v1.accounts.verifyCredentials();
    assert.equal(me.statusesCount, mine.length);
  });

  test("Idempotency-Key: a repeat with other text still returns the first post", T, async () => {
    const h = { "Idempotency-Key": "key-text" };
    const a = ok(await dave.req("/api/v1/statuses", { method: "POST", headers: h, json: { status: "first text" } }));
    const b = ok(await dave.req("/api/v1/statuses", { method: "POST", headers: h, json: { status: "second text" } }));
    assert.equal(b.id, a.id);
    assert.equal(b.content, "<p>first text</p>");
  });

  test("Idempotency-Key: concurrent requests with one key create one post", T, async () => {
    const h = { "Idempotency-Key": "key-race" };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => dave.req("/api/v1/statuses", { method: "POST", headers: h, json: { status: "raced" } })),
    );
    for (const r of results) assert.equal(r.status, 200, describe(r));
    assert.equal(new Set(results.map((r) => r.json.id)).size, 1, `ids: ${results.map((r) => r.json.id)}`);
    const mine = ok(await dave.req(`/api/v1/accounts/${dave.id}/statuses?limit=40`));
    assert.equal(mine.filter((s) => s.content === "<p>raced</p>").length, 1);
  });

  test("actions on unknown ids → 404", T, async () => {
    const id = "424242424242";
    for (const [method, path] of [
      ["GET", `/api/v1/statuses/${id}/context`],
      ["GET", `/api/v1/statuses/${id}/history`],
      ["GET", `/api/v1/statuses/${id}/source`],
      ["GET", `/api/v1/statuses/${id}/favourited_by`],
      ["GET", `/api/v1/statuses/${id}/reblogged_by`],
      ["POST", `/api/v1/statuses/${id}/favourite`],
      ["POST", `/api/v1/statuses/${id}/unfavourite`],
      ["POST", `/api/v1/statuses/${id}/reblog`],
      ["POST", `/api/v1/statuses/${id}/unreblog`],
      ["POST", `/api/v1/statuses/${id}/bookmark`],
      ["POST", `/api/v1/statuses/${id}/unbookmark`],
      ["POST", `/api/v1/statuses/${id}/pin`],
      ["POST", `/api/v1/statuses/${id}/unpin`],
      ["PUT", `/api/v1/statuses/${id}`],
      ["DELETE", `/api/v1/statuses/${id}`],
    ]) {
      const res = await alice.req(path, { method, json: method === "PUT" ? { status: "x" } : undefined });
      assert.equal(res.status, 404, `${method} ${path}: ${describe(res)}`);
    }
  });
});

suite("delete and edit", () => {
  test("delete returns the post with its source text; afterwards 404", T, async () => {
    const s = await post(alice, "to be <deleted> #gone");
    const del = await alice.client.v1.statuses.$select(s.id).remove();
    assert.equal(del.id, s.id);
    assert.equal(del.text, "to be <deleted> #gone", "delete returns the source text");
    await rejectsWith(alice.client.v1.statuses.$select(s.id).fetch(), 404, "deleted post");
    await rejectsWith(alice.client.v1.statuses.$select(s.id).remove(), 404, "second delete");
  });

  test("someone else's post cannot be deleted (404 as in Mastodon) and stays", T, async () => {
    const s = await post(alice, "mine");
    const res = await bob.req(`/api/v1/statuses/${s.id}`, { method: "DELETE" });
    const still = await carol.client.v1.statuses.$select(s.id).fetch();
    assert.equal(still.content, "<p>mine</p>");
    err(res, 404);
  });

  test("someone else's post cannot be edited (404 as in Mastodon) and is unchanged", T, async () => {
    const s = await post(alice, "mine too");
    const res = await bob.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "hijacked" } });
    const still = await carol.client.v1.statuses.$select(s.id).fetch();
    assert.equal(still.content, "<p>mine too</p>");
    assert.equal(still.editedAt, null);
    err(res, 404);
  });

  test("edit: content and edited_at change; history oldest first; source", T, async () => {
    const s = await post(alice, "version one", { spoiler_text: "cw1" });
    assert.equal(s.edited_at, null);
    const h0 = await alice.client.v1.statuses.$select(s.id).history.list();
    assert.equal(h0.length, 1, "an unedited post has one version");
    const e1 = await alice.client.v1.statuses.$select(s.id).update({ status: "version <two>", spoilerText: "cw2" });
    assert.equal(e1.id, s.id);
    assert.equal(e1.content, "<p>version &lt;two&gt;</p>");
    assert.equal(e1.spoilerText, "cw2");
    assert.ok(e1.editedAt, "edited_at must be set");
    assert.ok(Date.parse(e1.editedAt) >= Date.parse(s.created_at));
    await alice.client.v1.statuses.$select(s.id).update({ status: "version three" });
    const hist = await bob.client.v1.statuses.$select(s.id).history.list();
    assert.deepEqual(
      hist.map((h) => h.content),
      ["<p>version one</p>", "<p>version &lt;two&gt;</p>", "<p>version three</p>"],
    );
    assert.deepEqual(hist.map((h) => h.spoilerText), ["cw1", "cw2", ""]);
    for (const h of hist) assert.equal(h.account.id, alice.id);
    const times = hist.map((h) => Date.parse(h.createdAt));
    assert.deepEqual([...times].sort((a, b) => a - b), times, "history must be oldest first");
    const src = await alice.client.v1.statuses.$select(s.id).source.fetch();
    assert.deepEqual({ id: src.id, text: src.text, spoilerText: src.spoilerText }, { id: s.id, text: "version three", spoilerText: "" });
    const fetched = await carol.client.v1.statuses.$select(s.id).fetch();
    assert.equal(fetched.content, "<p>version three</p>");
  });

  test("edit validation: empty or too long → 422 and the post is unchanged", T, async () => {
    const s = await post(alice, "stable");
    err(await alice.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "" } }), 422);
    err(await alice.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "z".repeat(5001) } }), 422);
    const again = await alice.client.v1.statuses.$select(s.id).fetch();
    assert.equal(again.content, "<p>stable</p>");
    assert.equal(again.editedAt, null);
    const hist = await alice.client.v1.statuses.$select(s.id).history.list();
    assert.equal(hist.length, 1);
  });

  test("source: readable by whoever can see the post (as in Mastodon), 404 otherwise", T, async () => {
    const s = await post(alice, "src <b>");
    const src = ok(await bob.req(`/api/v1/statuses/${s.id}/source`));
    assert.equal(src.text, "src <b>");
    const dm = await post(alice, "@bob dm source", { visibility: "direct" });
    err(await carol.req(`/api/v1/statuses/${dm.id}/source`), 404);
    assert.equal(ok(await bob.req(`/api/v1/statuses/${dm.id}/source`)).text, "@bob dm source");
  });
});

suite("context", () => {
  test("ancestors and descendants of a thread", T, async () => {
    const a = await post(alice, "root");
    const b = await post(bob, "@alice first reply", { in_reply_to_id: a.id });
    const c = await post(carol, "@bob nested", { in_reply_to_id: b.id });
    const d = await post(alice, "second reply", { in_reply_to_id: a.id });
    const other = await post(alice, "unrelated");

    const ctxB = await dave.client.v1.statuses.$select(b.id).context.fetch();
    assert.deepEqual(ids(ctxB.ancestors), [a.id]);
    assert.deepEqual(ids(ctxB.descendants), [c.id]);

    const ctxA = await dave.client.v1.statuses.$select(a.id).context.fetch();
    assert.deepEqual(ctxA.ancestors, []);
    assert.deepEqual(new Set(ids(ctxA.descendants)), new Set([b.id, c.id, d.id]));
    assert.ok(!ids(ctxA.descendants).includes(other.id));
    // depth-first: c follows its parent b
    const order = ids(ctxA.descendants);
    assert.ok(order.indexOf(b.id) < order.indexOf(c.id), `order ${order}`);

    const ctxC = await dave.client.v1.statuses.$select(c.id).context.fetch();
    assert.deepEqual(ids(ctxC.ancestors), [a.id, b.id], "ancestors oldest first");
    assert.deepEqual(ctxC.descendants, []);
  });

  test("a deleted reply leaves the context", T, async () => {
    const a = await post(alice, "root2");
    const b = await post(bob, "reply2", { in_reply_to_id: a.id });
    await bob.client.v1.statuses.$select(b.id).remove();
    const c = await alice.client.v1.statuses.$select(a.id).context.fetch();
    assert.deepEqual(c.descendants, []);
    const again = await alice.client.v1.statuses.$select(a.id).fetch();
    assert.equal(again.repliesCount, 0);
  });
});

suite("favourites, reblogs, bookmarks, pins", () => {
  test("favourite/unfavourite: flag and count, idempotent, favourited_by, /favourites", T, async () => {
    const s = await post(alice, "like me");
    const f1 = await bob.client.v1.statuses.$select(s.id).favourite();
    assert.equal(f1.favourited, true);
    assert.equal(f1.favouritesCount, 1);
    const f2 = await bob.client.v1.statuses.$select(s.id).favourite();
    assert.equal(f2.favouritesCount, 1, "favouriting twice counts once");
    await carol.client.v1.statuses.$select(s.id).favourite();
    const seenByAlice = await alice.client.v1.statuses.$select(s.id).fetch();
    assert.equal(seenByAlice.favouritesCount, 2);
    assert.equal(seenByAlice.favourited, false, "favourited is per viewer");
    const by = await alice.client.v1.statuses.$select(s.id).favouritedBy.list();
    assert.deepEqual(new Set(ids(by)), new Set([bob.id, carol.id]));
    const favs = await bob.client.v1.favourites.list();
    assert.ok(ids(favs).includes(s.id), "GET /api/v1/favourites lists it");
    assert.equal(favs.find((x) => x.id === s.id).favourited, true);

    const u = await bob.client.v1.statuses.$select(s.id).unfavourite();
    assert.equal(u.favourited, false);
    assert.equal(u.favouritesCount, 1);
    const u2 = await bob.client.v1.statuses.$select(s.id).unfavourite();
    assert.equal(u2.favouritesCount, 1, "unfavouriting twice is harmless");
    assert.ok(!ids(await bob.client.v1.favourites.list()).includes(s.id));
    assert.deepEqual(ids(await alice.client.v1.statuses.$select(s.id).favouritedBy.list()), [carol.id]);
  });

  test("reblog/unreblog: wrapper status, count, reblogged_by, idempotent", T, async () => {
    const s = await post(alice, "boost me");
    const r = await bob.client.v1.statuses.$select(s.id).reblog();
    assert.notEqual(r.id, s.id, "the reblog is its own status");
    assert.equal(r.account.id, bob.id);
    assert.equal(r.reblog?.id, s.id);
    assert.equal(r.reblog.reblogsCount, 1);
    assert.equal(r.reblog.reblogged, true);
    const again = await bob.client.v1.statuses.$select(s.id).reblog();
    assert.equal(again.reblog?.id, s.id);
    const orig = await alice.client.v1.statuses.$select(s.id).fetch();
    assert.equal(orig.reblogsCount, 1, "reblogging twice counts once");
    const by = await alice.client.v1.statuses.$select(s.id).rebloggedBy.list();
    assert.deepEqual(ids(by), [bob.id]);
    // the reblog shows on bob's profile
    const bobs = ok(await carol.req(`/api/v1/accounts/${bob.id}/statuses`));
    assert.ok(bobs.some((x) => x.reblog?.id === s.id), "reblog on the booster's profile");

    const u = await bob.client.v1.statuses.$select(s.id).unreblog();
    assert.equal(u.id, s.id);
    assert.equal(u.reblogged, false);
    assert.equal(u.reblogsCount, 0);
    assert.deepEqual(await alice.client.v1.statuses.$select(s.id).rebloggedBy.list(), []);
    err(await carol.req(`/api/v1/statuses/${r.id}`), 404);
  });

  test("a private post of someone else cannot be reblogged; a direct one is invisible (404)", T, async () => {
    await ok(await bob.req(`/api/v1/accounts/${alice.id}/follow`, { method: "POST" }));
    const priv = await post(alice, "followers only", { visibility: "private" });
    const res = await bob.req(`/api/v1/statuses/${priv.id}/reblog`, { method: "POST" });
    assert.ok([403, 404, 422].includes(res.status), `reblogging a private post: ${describe(res)}`);
    const after = await alice.client.v1.statuses.$select(priv.id).fetch();
    assert.equal(after.reblogsCount, 0);
    const dm = await post(alice, "@bob psst", { visibility: "direct" });
    err(await carol.req(`/api/v1/statuses/${dm.id}/reblog`, { method: "POST" }), 404);
    err(await carol.req(`/api/v1/statuses/${dm.id}/favourite`, { method: "POST" }), 404);
  });

  test("bookmark/unbookmark and GET /api/v1/bookmarks", T, async () => {
    const s = await post(alice, "save me");
    const s2 = await post(carol, "save me too");
    const b = await bob.client.v1.statuses.$select(s.id).bookmark();
    assert.equal(b.bookmarked, true);
    await bob.client.v1.statuses.$select(s2.id).bookmark();
    const list = await bob.client.v1.bookmarks.list();
    assert.deepEqual(ids(list).slice(0, 2), [s2.id, s.id], "newest bookmark first");
    assert.ok(list.every((x) => x.bookmarked === true));
    assert.equal((await alice.client.v1.statuses.$select(s.id).fetch()).bookmarked, false, "bookmarks are private to the member");
    assert.deepEqual(ids(await alice.client.v1.bookmarks.list()).filter((i) => i === s.id), []);
    const u = await bob.client.v1.statuses.$select(s.id).unbookmark();
    assert.equal(u.bookmarked, false);
    assert.ok(!ids(await bob.client.v1.bookmarks.list()).includes(s.id));
    // a deleted post leaves the bookmarks
    await carol.client.v1.statuses.$select(s2.id).remove();
    assert.ok(!ids(await bob.client.v1.bookmarks.list()).includes(s2.id));
  });

  test("pin/unpin and pinned=true on the account's statuses", T, async () => {
    const p1 = await post(carol, "pinned one");
    const p2 = await post(carol, "not pinned");
    const pinned = await carol.client.v1.statuses.$select(p1.id).pin();
    assert.equal(pinned.pinned, true);
    const list = await alice.client.v1.accounts.$select(carol.id).statuses.list({ pinned: true });
    assert.deepEqual(ids(list), [p1.id]);
    const all = await alice.client.v1.accounts.$select(carol.id).statuses.list();
    assert.ok(ids(all).includes(p2.id));
    // someone else's post → 422; a direct post → 422
    err(await alice.req(`/api/v1/statuses/${p2.id}/pin`, { method: "POST" }), 422);
    const dm = await post(carol, "@alice dm", { visibility: "direct" });
    err(await carol.req(`/api/v1/statuses/${dm.id}/pin`, { method: "POST" }), 422);
    const un = await carol.client.v1.statuses.$select(p1.id).unpin();
    assert.equal(un.pinned, false);
    assert.deepEqual(await alice.client.v1.accounts.$select(carol.id).statuses.list({ pinned: true }), []);
  });
});

suite("quote posts", () => {
  test("quoting a public post: quote.state accepted with the quoted status", T, async () => {
    const q = await post(alice, "quotable");
    const s = await bob.client.v1.statuses.create({ status: "look at this", quotedStatusId: q.id });
    assert.equal(s.quote?.state, "accepted", `quote: ${JSON.stringify(s.quote)}`);
    assert.equal(s.quote.quotedStatus?.id, q.id);
    assert.equal(s.quote.quotedStatus.account.id, alice.id);
    const fetched = ok(await carol.req(`/api/v1/statuses/${s.id}`));
    assert.equal(fetched.quote?.state, "accepted");
    assert.equal(fetched.quote.quoted_status.id, q.id);
    const orig = ok(await carol.req(`/api/v1/statuses/${q.id}`));
    assert.equal(orig.quotes_count, 1, "quotes_count of the quoted post");
  });

  test("quoting a private or direct post → 422; an unknown one → 404/422", T, async () => {
    await ok(await dave.req(`/api/v1/accounts/${alice.id}/follow`, { method: "POST" }));
    const priv = await post(alice, "private thought", { visibility: "private" });
    err(await dave.req("/api/v1/statuses", { method: "POST", json: { status: "q", quoted_status_id: priv.id } }), 422);
    const dm = await post(alice, "@dave secret", { visibility: "direct" });
    err(await dave.req("/api/v1/statuses", { method: "POST", json: { status: "q", quoted_status_id: dm.id } }), 422);
    const unknown = await dave.req("/api/v1/statuses", { method: "POST", json: { status: "q", quoted_status_id: "99999999" } });
    assert.ok([404, 422].includes(unknown.status), describe(unknown));
    const orig = ok(await alice.req(`/api/v1/statuses/${priv.id}`));
    assert.equal(orig.quotes_count ?? 0, 0);
  });

  test("a post without a quote has quote null", T, async () => {
    const s = await post(alice, "plain");
    assert.equal(s.quote ?? null, null);
  });
});

suite("the author's counts", () => {
  // Posting updates the author's cached account in place (post count, last
  // post time) instead of reloading it: what the server shows must be what a
  // process that has cached nothing reads from the store. In cluster mode the
  // second server is another node that cached the account first, and must
  // drop it.
  test("statuses_count and last_status_at after posting, reposting and deleting match a fresh read", T, async () => {
    const erin = await addUser(ctx, "erin");
    const second = await startServer({ dataDir: ctx.srv.dataDir, args: ["--node-id", "2"] });
    try {
      const account = async (url) => ok(await request(url, `/api/v1/accounts/${erin.id}`, { token: erin.token }));
      if (usingRedis) await account(second.url); // cached there before the changes
      const start = await account(ctx.url); // cached here
      assert.equal(start.statuses_count, 0);
      assert.equal(start.last_status_at, null);

      const first = await post(erin, "first");
      assert.equal(first.account.statuses_count, 1, "the response counts the new post");
      assert.notEqual(first.account.last_status_at, null);
      const dm = await post(erin, "a note to myself", { visibility: "direct" });
      assert.equal(dm.account.statuses_count, 1, "a direct post does not count");
      const second_post = await post(erin, "second");
      assert.equal(second_post.account.statuses_count, 2);
      const original = await post(alice, "for erin to repost");
      const repost = ok(await erin.req(`/api/v1/statuses/${original.id}/reblog`, { method: "POST" }));
      assert.equal(repost.account.statuses_count, 3, "a repost counts");
      ok(await erin.req(`/api/v1/statuses/${first.id}`, { method: "DELETE" }));
      ok(await erin.req(`/api/v1/statuses/${original.id}/unreblog`, { method: "POST" }));

      const here = await account(ctx.url);
      assert.equal(here.statuses_count, 1, `after deleting one and undoing the repost: ${JSON.stringify(here)}`);
      const latest = await post(erin, "latest");
      assert.equal(latest.account.statuses_count, 2);
      // The same JSON as a server that reads it now from the store.
      const now = await account(ctx.url);
      assert.deepEqual(latest.account, now, "the post's account is the account");
      // (each server writes its own address into the URLs)
      const asHere = (a) => JSON.parse(JSON.stringify(a).replaceAll(second.url, ctx.url));
      await eventually(async () => assert.deepEqual(asHere(await account(second.url)), now, "a fresh read"));
    } finally {
      await second.stop();
    }
  });
});
