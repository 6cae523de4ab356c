// Filters (/api/v2/filters and the v1 shim) through the masto client: CRUD,
// bad input refused without a change, whole-word matching, expiry, and what
// a filter does in each context — home (with its shared fast path), public,
// tag, thread, account, notifications and the streaming API: `hide` leaves
// the post out, `warn` and `blur` keep it with `filtered`. And muting a
// thread: `muted` on its posts, and no notification from it.
import { test, suite, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  socialServer, T, ok, err, post, follow, settle, rejectsWith, openSse, eventually, ids,
} from "./lib/social-helpers.mjs";
import { stopAll } from "./lib/server.mjs";

after(stopAll);

let ctx, U;
before(async () => {
  ctx = await socialServer(["reader", "author", "other"]);
  U = ctx.users;
  await follow(U.reader, U.author);
});

const v2 = (u) => u.client.v2.filters;
const home = async (u = U.reader) => ok(await u.req("/api/v1/timelines/home?limit=40"));
const find = (list, id) => list.find((s) => s.id === id);
const filterList = async (u = U.reader) => ok(await u.req("/api/v2/filters"));

// Creates a filter as `u` (raw JSON, as Mastodon's web client sends it).
async function makeFilter(u, body) {
  return ok(await u.req("/api/v2/filters", { method: "POST", json: body }));
}
async function dropFilter(u, f) {
  ok(await u.req(`/api/v2/filters/${f.id}`, { method: "DELETE" }));
}

suite("CRUD through masto", () => {
  test("v2: create, list, fetch, update (title, action, keywords added, changed, destroyed), delete", T, async () => {
    const created = await v2(U.reader).create({
      title: "Sport",
      context: ["home", "public"],
      filterAction: "warn",
      keywordsAttributes: [{ keyword: "football", wholeWord: true }, { keyword: "golf", wholeWord: false }],
    });
    assert.equal(created.title, "Sport");
    assert.deepEqual(created.context, ["home", "public"]);
    assert.equal(created.filterAction, "warn");
    assert.equal(created.expiresAt, null);
    assert.deepEqual(created.keywords.map((k) => [k.keyword, k.wholeWord]), [["football", true], ["golf", false]]);
    assert.deepEqual(created.statuses, []);
    assert.match(created.id, /^\d+$/);

    const listed = await v2(U.reader).list();
    assert.deepEqual(listed.map((f) => f.id), [created.id]);
    const fetched = await v2(U.reader).$select(created.id).fetch();
    assert.deepEqual(fetched, created);

    const [football, golf] = created.keywords;
    const updated = await v2(U.reader).$select(created.id).update({
      title: "Ball games",
      filterAction: "hide",
      context: ["thread"],
      keywordsAttributes: [
        { id: football.id, wholeWord: false },
        { id: golf.id, _destroy: true },
        { keyword: "tennis" },
      ],
    });
    assert.equal(updated.title, "Ball games");
    assert.equal(updated.filterAction, "hide");
    assert.deepEqual(updated.context, ["thread"]);
    assert.deepEqual(updated.keywords.map((k) => [k.id === football.id, k.keyword, k.wholeWord]),
      [[true, "football", false], [false, "tennis", true]]);

    // Keywords as a resource of their own.
    const added = await v2(U.reader).$select(created.id).keywords.create({ keyword: "rugby", wholeWord: false });
    assert.equal(added.keyword, "rugby");
    assert.equal(added.wholeWord, false);
    const kws = await v2(U.reader).$select(created.id).keywords.list();
    assert.deepEqual(kws.map((k) => k.keyword), ["football", "tennis", "rugby"]);
    assert.deepEqual(await v2(U.reader).keywords.$select(added.id).fetch(), added);
    const changed = await v2(U.reader).keywords.$select(added.id).update({ keyword: "cricket", wholeWord: true });
    assert.deepEqual([changed.id, changed.keyword, changed.wholeWord], [added.id, "cricket", true]);
    await v2(U.reader).keywords.$select(added.id).remove();
    await rejectsWith(v2(U.reader).keywords.$select(added.id).fetch(), 404, "a removed keyword");

    // Filtered posts.
    const s = await post(U.author, "A post to filter by itself");
    const fs = await v2(U.reader).$select(created.id).statuses.create({ statusId: s.id });
    assert.equal(fs.statusId, s.id);
    assert.deepEqual((await v2(U.reader).$select(created.id).statuses.list()).map((x) => x.id), [fs.id]);
    assert.deepEqual(await v2(U.reader).statuses.$select(fs.id).fetch(), fs);
    assert.deepEqual((await v2(U.reader).$select(created.id).fetch()).statuses, [{ id: fs.id, statusId: s.id }]);
    await v2(U.reader).statuses.$select(fs.id).remove();
    await rejectsWith(v2(U.reader).statuses.$select(fs.id).fetch(), 404, "a removed filtered post");

    await v2(U.reader).$select(created.id).remove();
    await rejectsWith(v2(U.reader).$select(created.id).fetch(), 404, "a deleted filter");
    assert.deepEqual(await filterList(), []);
  });

  test("v1 shim: each keyword a v1 filter; irreversible is hide", T, async () => {
    const v1 = U.reader.client.v1.filters;
    const f = await v1.create({ phrase: "Quarterly", context: ["home", "notifications"], irreversible: true, wholeWord: false });
    assert.equal(f.phrase, "Quarterly");
    assert.deepEqual(f.context, ["home", "notifications"]);
    assert.equal(f.irreversible, true);
    assert.equal(f.wholeWord, false);
    assert.equal(f.expiresAt, null);
    const [asV2] = await filterList();
    assert.equal(asV2.title, "Quarterly");
    assert.equal(asV2.filter_action, "hide");
    assert.deepEqual(asV2.keywords, [{ id: f.id, keyword: "Quarterly", whole_word: false }]);
    assert.deepEqual((await v1.list()).map((x) => x.id), [f.id]);
    const u = await v1.$select(f.id).update({ phrase: "Annual", context: ["public"], irreversible: false, wholeWord: true });
    assert.deepEqual([u.id, u.phrase, u.context, u.irreversible, u.wholeWord], [f.id, "Annual", ["public"], false, true]);
    assert.equal((await filterList())[0].filter_action, "warn");
    await v1.$select(f.id).remove();
    assert.deepEqual(await filterList(), [], "the filter of its only keyword goes with it");
    await rejectsWith(v1.$select(f.id).fetch(), 404, "a removed v1 filter");
  });
});

suite("bad input: 4xx, and nothing changes", () => {
  let base;
  before(async () => {
    base = await makeFilter(U.reader, { title: "Base", context: ["home"], keywords_attributes: [{ keyword: "base" }] });
  });
  after(async () => dropFilter(U.reader, base));

  const cases = [
    ["an unknown context", { title: "x", context: ["home", "elsewhere"] }, 422],
    ["no context", { title: "x", context: [] }, 422],
    ["context left out", { title: "x" }, 422],
    ["an unknown filter_action", { title: "x", context: ["home"], filter_action: "delete" }, 422],
    ["a blank title", { title: "  ", context: ["home"] }, 422],
    ["title left out", { context: ["home"] }, 422],
    ["expires_in not a number", { title: "x", context: ["home"], expires_in: "soon" }, 422],
    ["expires_in zero", { title: "x", context: ["home"], expires_in: 0 }, 422],
    ["a blank keyword", { title: "x", context: ["home"], keywords_attributes: [{ keyword: " " }] }, 422],
    ["a keyword without a letter or digit", { title: "x", context: ["home"], keywords_attributes: [{ keyword: "!!!" }] }, 422],
    ["whole_word not a boolean", { title: "x", context: ["home"], keywords_attributes: [{ keyword: "k", whole_word: "maybe" }] }, 422],
    ["an unsupported parameter", { title: "x", context: ["home"], irreversible: true }, 422],
  ];
  for (const [what, body, status] of cases) {
    test(`POST /api/v2/filters with ${what} → ${status}, no filter made`, T, async () => {
      const before = await filterList();
      err(await U.reader.req("/api/v2/filters", { method: "POST", json: body }), status);
      assert.deepEqual(await filterList(), before);
    });
  }

  test("masto: an unknown context and an unknown action → 422", T, async () => {
    await rejectsWith(v2(U.reader).create({ title: "x", context: ["nowhere"] }), 422, "unknown context");
    await rejectsWith(v2(U.reader).create({ title: "x", context: ["home"], filterAction: "explode" }), 422, "unknown action");
    await rejectsWith(U.reader.client.v1.filters.create({ phrase: "x", context: ["moon"] }), 422, "v1 unknown context");
  });

  test("PUT with an unknown context, action or keyword id → 422 and the filter unchanged", T, async () => {
    const before = await filterList();
    for (const body of [
      { context: ["home", "bogus"] },
      { filter_action: "nuke" },
      { title: "" },
      { keywords_attributes: [{ id: "12345", keyword: "stranger" }] },
      { title: "New title", keywords_attributes: [{ keyword: "" }] },
    ]) {
      err(await U.reader.req(`/api/v2/filters/${base.id}`, { method: "PUT", json: body }), 422);
    }
    assert.deepEqual(await filterList(), before);
  });

  test("another member's filter, keyword and filtered post are not found, and stay", T, async () => {
    const s = await post(U.author, "Filtered by the reader only");
    const fs = ok(await U.reader.req(`/api/v2/filters/${base.id}/statuses`, { method: "POST", json: { status_id: s.id } }));
    const kw = base.keywords[0];
    for (const [method, path] of [
      ["GET", `/api/v2/filters/${base.id}`],
      ["PUT", `/api/v2/filters/${base.id}`],
      ["DELETE", `/api/v2/filters/${base.id}`],
      ["GET", `/api/v2/filters/${base.id}/keywords`],
      ["POST", `/api/v2/filters/${base.id}/keywords`],
      ["GET", `/api/v2/filters/keywords/${kw.id}`],
      ["PUT", `/api/v2/filters/keywords/${kw.id}`],
      ["DELETE", `/api/v2/filters/keywords/${kw.id}`],
      ["GET", `/api/v2/filters/statuses/${fs.id}`],
      ["DELETE", `/api/v2/filters/statuses/${fs.id}`],
      ["GET", `/api/v1/filters/${kw.id}`],
      ["DELETE", `/api/v1/filters/${kw.id}`],
    ]) {
      const json = method === "GET" || method === "DELETE" ? undefined : path.includes("keywords") ? { keyword: "mine" } : { title: "Mine now" };
      err(await U.other.req(path, { method, json }), 404);
    }
    const [mine] = (await filterList()).filter((f) => f.id === base.id);
    assert.equal(mine.title, "Base");
    assert.deepEqual(mine.keywords, base.keywords);
    assert.deepEqual(mine.statuses, [{ id: fs.id, status_id: s.id }]);
    // The same post twice → 422; a post the member may not see → 404.
    err(await U.reader.req(`/api/v2/filters/${base.id}/statuses`, { method: "POST", json: { status_id: s.id } }), 422);
    const secret = await post(U.author, "Only for other", { visibility: "direct", status: `@other secret` });
    err(await U.reader.req(`/api/v2/filters/${base.id}/statuses`, { method: "POST", json: { status_id: secret.id } }), 404);
    err(await U.reader.req(`/api/v2/filters/${base.id}/statuses`, { method: "POST", json: { status_id: "nope" } }), 422);
    ok(await U.reader.req(`/api/v2/filters/statuses/${fs.id}`, { method: "DELETE" }));
  });
});

suite("matching", () => {
  test("case-insensitive, whole-word or within words, over text, spoiler text and poll options", T, async () => {
    const whole = await makeFilter(U.reader, { title: "Cats", context: ["home"], keywords_attributes: [{ keyword: "cat", whole_word: true }] });
    const part = await makeFilter(U.reader, { title: "Dogs", context: ["home"], keywords_attributes: [{ keyword: "dog", whole_word: false }] });
    const p = {
      upper: await post(U.author, "My CAT, again!"),
      inside: await post(U.author, "Let us concatenate strings"),
      spoiler: await post(U.author, "Nothing here", { spoiler_text: "about a cat" }),
      poll: await post(U.author, "Which pet?", { poll: { options: ["Cat", "Bird"], expires_in: 3600 } }),
      dogInside: await post(U.author, "Hotdogs for lunch"),
      none: await post(U.author, "Catalogue and doge-free"),
    };
    await settle(ctx);
    const feed = await home();
    const titles = (s) => find(feed, s.id).filtered.map((r) => r.filter.title).sort();
    assert.deepEqual(titles(p.upper), ["Cats"]);
    assert.deepEqual(titles(p.inside), [], "a whole-word keyword is not found inside a word");
    assert.deepEqual(titles(p.spoiler), ["Cats"]);
    assert.deepEqual(titles(p.poll), ["Cats"]);
    assert.deepEqual(titles(p.dogInside), ["Dogs"], "a keyword that is not whole-word is");
    assert.deepEqual(titles(p.none), ["Dogs"], "doge holds dog");
    const result = find(feed, p.upper.id).filtered[0];
    assert.deepEqual(result.keyword_matches, ["cat"]);
    assert.equal(result.status_matches, null);
    assert.deepEqual(Object.keys(result.filter).sort(), ["context", "expires_at", "filter_action", "id", "title"]);
    // The author's own posts are never filtered for the author.
    const own = await post(U.reader, "my own cat");
    await settle(ctx);
    assert.deepEqual(find(await home(), own.id).filtered, []);
    await dropFilter(U.reader, whole);
    await dropFilter(U.reader, part);
  });

  test("a filter ends at its expiry; expires_in '' takes the end away", T, async () => {
    const s = await post(U.author, "Expiring keyword zebra");
    await settle(ctx);
    const started = Date.now();
    const f = await makeFilter(U.reader, { title: "Zebras", context: ["home"], expires_in: 2, keywords_attributes: [{ keyword: "zebra" }] });
    const ends = Date.parse(f.expires_at);
    assert.ok(ends >= started + 1000 && ends <= Date.now() + 2000 + 1000, `expires_at ${f.expires_at} about 2 s ahead`);
    const first = find(await home(), s.id).filtered;
    if (Date.now() < ends - 200) assert.equal(first.length, 1, "filtered before its end");
    await eventually(async () => assert.deepEqual(find(await home(), s.id).filtered, []), 10000);
    // Given an end again far ahead, then none: it applies again, with expires_at null.
    ok(await U.reader.req(`/api/v2/filters/${f.id}`, { method: "PUT", json: { expires_in: 3600 } }));
    assert.equal(find(await home(), s.id).filtered.length, 1);
    const open = ok(await U.reader.req(`/api/v2/filters/${f.id}`, { method: "PUT", json: { expires_in: "" } }));
    assert.equal(open.expires_at, null);
    assert.equal(find(await home(), s.id).filtered.length, 1);
    await dropFilter(U.reader, f);
  });

  test("a filtered post (status_matches), and a repost matched by its original", T, async () => {
    const s = await post(U.other, "Filtered by its id");
    const repost = ok(await U.author.req(`/api/v1/statuses/${s.id}/reblog`, { method: "POST" }));
    const f = await makeFilter(U.reader, { title: "That post", context: ["home"] });
    ok(await U.reader.req(`/api/v2/filters/${f.id}/statuses`, { method: "POST", json: { status_id: s.id } }));
    await settle(ctx);
    const shown = find(await home(), repost.id);
    assert.equal(shown.reblog.id, s.id);
    assert.deepEqual(shown.reblog.filtered.map((r) => [r.filter.title, r.status_matches, r.keyword_matches]), [["That post", [s.id], null]]);
    assert.equal(shown.filtered.length, 1);
    await dropFilter(U.reader, f);
  });
});

suite("contexts", () => {
  test("home: warn and blur keep the post with `filtered`, hide leaves it out; only home filters count; the shared page serves others unchanged", T, async () => {
    const p = {
      warn: await post(U.author, "Talking about budgets today"),
      blur: await post(U.author, "A picture of the offsite"),
      hide: await post(U.author, "More reorg rumours"),
      publicOnly: await post(U.author, "A lunch menu"),
      plain: await post(U.author, "Nothing to filter"),
    };
    await settle(ctx);
    // Warm the reader's cached first page, and the other member's.
    await follow(U.other, U.author);
    await settle(ctx);
    const before = await home();
    assert.equal(find(before, p.hide.id).filtered.length, 0);
    const otherBefore = await home(U.other);
    const filters = [
      await makeFilter(U.reader, { title: "Budgets", context: ["home"], filter_action: "warn", keywords_attributes: [{ keyword: "budgets" }] }),
      await makeFilter(U.reader, { title: "Offsite", context: ["home"], filter_action: "blur", keywords_attributes: [{ keyword: "offsite" }] }),
      await makeFilter(U.reader, { title: "Reorg", context: ["home", "public"], filter_action: "hide", keywords_attributes: [{ keyword: "reorg" }] }),
      await makeFilter(U.reader, { title: "Lunch", context: ["public"], filter_action: "hide", keywords_attributes: [{ keyword: "lunch" }] }),
    ];
    for (const round of [1, 2]) {
      const feed = await home();
      assert.equal(find(feed, p.hide.id), undefined, `hidden (read ${round})`);
      assert.deepEqual(find(feed, p.warn.id).filtered.map((r) => [r.filter.title, r.filter.filter_action]), [["Budgets", "warn"]]);
      assert.deepEqual(find(feed, p.blur.id).filtered.map((r) => [r.filter.title, r.filter.filter_action]), [["Offsite", "blur"]]);
      assert.deepEqual(find(feed, p.publicOnly.id).filtered, [], "a public-only filter does nothing at home");
      assert.deepEqual(find(feed, p.plain.id).filtered, []);
    }
    // masto reads the same.
    const viaMasto = await U.reader.client.v1.timelines.home.list({ limit: 40 });
    assert.equal(find(viaMasto, p.hide.id), undefined);
    assert.equal(find(viaMasto, p.warn.id).filtered[0].filter.filterAction, "warn");
    // Another member, without filters, still gets the same page as before.
    assert.deepEqual(ids(await home(U.other)), ids(otherBefore));
    assert.ok((await home(U.other)).every((s) => s.filtered.length === 0));
    for (const f of filters) await dropFilter(U.reader, f);
    // Without filters the page is whole again.
    assert.deepEqual(ids(await home()), ids(before));
  });

  test("public, local and tag timelines: the public context", T, async () => {
    const hidden = await post(U.author, "Secret #launchday plans");
    const warned = await post(U.author, "Cautious #launchday notes");
    const f1 = await makeFilter(U.reader, { title: "Secret", context: ["public"], filter_action: "hide", keywords_attributes: [{ keyword: "secret" }] });
    const f2 = await makeFilter(U.reader, { title: "Cautious", context: ["public"], keywords_attributes: [{ keyword: "cautious" }] });
    for (const path of ["/api/v1/timelines/public?limit=40", "/api/v1/timelines/public?local=true&limit=40", "/api/v1/timelines/tag/launchday"]) {
      const list = ok(await U.reader.req(path));
      assert.equal(find(list, hidden.id), undefined, `${path}: hidden`);
      assert.deepEqual(find(list, warned.id).filtered.map((r) => r.filter.title), ["Cautious"], `${path}: warned`);
      // Someone else sees both, unfiltered.
      const theirs = ok(await U.other.req(path));
      assert.ok(find(theirs, hidden.id) && find(theirs, warned.id).filtered.length === 0, `${path}: others unchanged`);
    }
    await dropFilter(U.reader, f1);
    await dropFilter(U.reader, f2);
  });

  test("thread: ancestors and descendants in /context", T, async () => {
    const root = await post(U.author, "Root of a thread");
    const spoiler = await post(U.other, "The ending: the butler did it", { in_reply_to_id: root.id });
    const warn = await post(U.other, "Careful, plot ahead", { in_reply_to_id: root.id });
    const f1 = await makeFilter(U.reader, { title: "Butler", context: ["thread"], filter_action: "hide", keywords_attributes: [{ keyword: "butler" }] });
    const f2 = await makeFilter(U.reader, { title: "Plot", context: ["thread"], keywords_attributes: [{ keyword: "plot" }] });
    const c = await U.reader.client.v1.statuses.$select(root.id).context.fetch();
    assert.deepEqual(c.descendants.map((s) => s.id), [warn.id]);
    assert.equal(c.descendants[0].filtered[0].filter.title, "Plot");
    const up = ok(await U.reader.req(`/api/v1/statuses/${warn.id}/context`));
    assert.deepEqual(up.ancestors.map((s) => s.id), [root.id]);
    // Not in the home context: the reply stays in the author's home... and for others.
    const theirs = ok(await U.author.req(`/api/v1/statuses/${root.id}/context`));
    assert.deepEqual(theirs.descendants.map((s) => s.id).sort(), [spoiler.id, warn.id].sort());
    await dropFilter(U.reader, f1);
    await dropFilter(U.reader, f2);
  });

  test("account: a person's posts", T, async () => {
    const hidden = await post(U.author, "Weekly expenses report");
    const warned = await post(U.author, "Travel plans");
    const f1 = await makeFilter(U.reader, { title: "Expenses", context: ["account"], filter_action: "hide", keywords_attributes: [{ keyword: "expenses" }] });
    const f2 = await makeFilter(U.reader, { title: "Travel", context: ["account"], keywords_attributes: [{ keyword: "travel" }] });
    const list = await U.reader.client.v1.accounts.$select(U.author.id).statuses.list({ limit: 40 });
    assert.equal(find(list, hidden.id), undefined);
    assert.equal(find(list, warned.id).filtered[0].filter.title, "Travel");
    // The home context does not see the account filters.
    await settle(ctx);
    const feed = await home();
    assert.ok(find(feed, hidden.id));
    assert.deepEqual(find(feed, warned.id).filtered, []);
    await dropFilter(U.reader, f1);
    await dropFilter(U.reader, f2);
  });

  test("notifications: hide leaves the notification out, warn marks its post", T, async () => {
    const f1 = await makeFilter(U.reader, { title: "Payroll", context: ["notifications"], filter_action: "hide", keywords_attributes: [{ keyword: "payroll" }] });
    const f2 = await makeFilter(U.reader, { title: "Deadline", context: ["notifications"], keywords_attributes: [{ keyword: "deadline" }] });
    const hidden = await post(U.author, "@reader payroll question");
    const warned = await post(U.author, "@reader the deadline moved");
    const list = ok(await U.reader.req("/api/v1/notifications?types[]=mention"));
    assert.equal(list.find((n) => n.status?.id === hidden.id), undefined);
    const w = list.find((n) => n.status?.id === warned.id);
    assert.ok(w, "the warned mention is there");
    assert.equal(w.status.filtered[0].filter.title, "Deadline");
    const grouped = ok(await U.reader.req("/api/v2/notifications"));
    assert.ok(!grouped.statuses.some((s) => s.id === hidden.id));
    assert.ok(grouped.statuses.some((s) => s.id === warned.id));
    // At home (another context) the mention is shown, unfiltered.
    await settle(ctx);
    assert.ok(find(await home(), hidden.id));
    await dropFilter(U.reader, f1);
    await dropFilter(U.reader, f2);
    // Without the filter the notification is there.
    assert.ok(ok(await U.reader.req("/api/v1/notifications?types[]=mention")).find((n) => n.status?.id === hidden.id));
  });

  test("streaming: the user stream drops hidden posts and marks warned ones; public streams use the public context", T, async () => {
    const f1 = await makeFilter(U.reader, { title: "Layoffs", context: ["home"], filter_action: "hide", keywords_attributes: [{ keyword: "layoffs" }] });
    const f2 = await makeFilter(U.reader, { title: "Merger", context: ["home"], keywords_attributes: [{ keyword: "merger" }] });
    const f3 = await makeFilter(U.reader, { title: "Picnic", context: ["public"], filter_action: "hide", keywords_attributes: [{ keyword: "picnic" }] });
    const user = await openSse(ctx.url, "/api/v1/streaming/user", { token: U.reader.token });
    const pub = await openSse(ctx.url, "/api/v1/streaming/public", { token: U.reader.token });
    try {
      assert.equal(user.status, 200);
      // Streams are live once a post reaches them.
      await eventually(async () => {
        const probe = await post(U.author, "probe");
        await user.log.waitFor((e) => e.event === "update" && e.payload.id === probe.id, 500, "probe");
        await pub.log.waitFor((e) => e.event === "update" && e.payload.id === probe.id, 500, "probe");
      }, 10000);
      const hidden = await post(U.author, "Layoffs next week?");
      const warned = await post(U.author, "The merger is done");
      const picnic = await post(U.author, "Company picnic on Friday");
      const last = await post(U.author, "Last one");
      const lastAt = await user.log.waitFor((e) => e.event === "update" && e.payload.id === last.id, 5000, "last post");
      const warnedAt = user.log.events.find((e) => e.event === "update" && e.payload.id === warned.id);
      assert.ok(warnedAt, "the warned post arrived");
      assert.equal(warnedAt.payload.filtered[0].filter.title, "Merger");
      assert.ok(lastAt);
      assert.equal(user.log.events.find((e) => e.payload?.id === hidden.id), undefined, "hidden post not streamed");
      assert.ok(user.log.events.find((e) => e.payload?.id === picnic.id), "a public filter does not touch the user stream");
      await pub.log.waitFor((e) => e.event === "update" && e.payload.id === last.id, 5000, "last post on public");
      assert.equal(pub.log.events.find((e) => e.payload?.id === picnic.id), undefined, "public stream drops it");
      assert.ok(pub.log.events.find((e) => e.payload?.id === hidden.id), "a home filter does not touch the public stream");
    } finally {
      user.close();
      pub.close();
    }
    for (const f of [f1, f2, f3]) await dropFilter(U.reader, f);
  });
});

suite("muting a thread", () => {
  test("POST /api/v1/statuses/:id/mute|unmute: `muted`, and no notifications from the thread", T, async () => {
    const root = await post(U.reader, "My thread");
    const reply = await post(U.author, "@reader first reply", { in_reply_to_id: root.id });
    const mentions = async () => ok(await U.reader.req("/api/v1/notifications?limit=40")).map((n) => [n.type, n.status?.id]);
    assert.ok((await mentions()).some(([, id]) => id === reply.id));

    const muted = await U.reader.client.v1.statuses.$select(reply.id).mute();
    assert.equal(muted.muted, true);
    assert.equal(ok(await U.reader.req(`/api/v1/statuses/${root.id}`)).muted, true, "the whole thread");
    assert.equal(ok(await U.author.req(`/api/v1/statuses/${root.id}`)).muted, false, "for the one who muted only");
    ok(await U.reader.req(`/api/v1/statuses/${reply.id}/mute`, { method: "POST" }));  // twice: no change

    const deep = await post(U.author, "@reader deeper reply", { in_reply_to_id: reply.id });
    ok(await U.other.req(`/api/v1/statuses/${root.id}/favourite`, { method: "POST" }));
    ok(await U.other.req(`/api/v1/statuses/${root.id}/reblog`, { method: "POST" }));
    const outside = await post(U.author, "@reader elsewhere");
    const now = await mentions();
    assert.ok(now.some(([, id]) => id === outside.id), "a mention outside the thread arrives");
    assert.ok(!now.some(([, id]) => id === deep.id), "no mention from the muted thread");
    assert.ok(!now.some(([type, id]) => id === root.id && (type === "favourite" || type === "reblog")), "no like or repost from it");

    const unmuted = await U.reader.client.v1.statuses.$select(root.id).unmute();
    assert.equal(unmuted.muted, false);
    const again = await post(U.author, "@reader after unmuting", { in_reply_to_id: root.id });
    assert.ok((await mentions()).some(([, id]) => id === again.id));
  });

  test("muting a post one may not see, or none → 404", T, async () => {
    const secret = await post(U.author, "@other private", { visibility: "direct" });
    err(await U.reader.req(`/api/v1/statuses/${secret.id}/mute`, { method: "POST" }), 404);
    err(await U.reader.req(`/api/v1/statuses/999999999/mute`, { method: "POST" }), 404);
    err(await U.reader.req(`/api/v1/statuses/${secret.id}/unmute`, { method: "POST" }), 404);
  });
});
