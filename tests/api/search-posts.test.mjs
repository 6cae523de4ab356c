// Full-text search of posts: GET /api/v2/search (statuses) and Atrium's
// GET /api/v1/atrium/search. Words, "phrases", -exclusion, prefix*,
// operators, diacritics, CJK, escaped highlights; the index follows edits
// and deletes at once; pages without gaps or repeats; and the visibility
// matrix — viewer role × visibility × community type × block — applied
// inside the query, so that no page, count or facet reveals a post.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { socialServer, T, ok, err, post, follow } from "./lib/social-helpers.mjs";
import { stopAll, runCli } from "./lib/server.mjs";

after(stopAll);

let ctx, U;
before(async () => {
  ctx = await socialServer(["alice", "bob", "carol", "dave", "erin", "frank"]);
  U = ctx.users;
});

const v2 = (user, params) => user.req(`/api/v2/search?${new URLSearchParams({ type: "statuses", ...params })}`);
const atrium = (user, params) => user.req(`/api/v1/atrium/search?${new URLSearchParams(params)}`);
const found = async (user, q, extra = {}) => ok(await v2(user, { q, limit: "40", ...extra })).statuses.map((s) => s.id);

describe("words", () => {
  test("a word, a phrase, an exclusion and a prefix", T, async () => {
    const a = await post(U.alice, "The quarterly zephyrine roadmap is ready");
    const b = await post(U.alice, "Roadmap zephyrine quarterly, in another order");
    const c = await post(U.bob, "zephyrines everywhere, without the other word");
    assert.deepEqual((await found(U.dave, "zephyrine")).sort(), [a.id, b.id].sort());
    assert.deepEqual(await found(U.dave, '"quarterly zephyrine"'), [a.id]);
    assert.deepEqual(await found(U.dave, "zephyrine -roadmap"), []);
    assert.deepEqual((await found(U.dave, "zephyrine -order")), [a.id]);
    assert.deepEqual((await found(U.dave, "zephyr*")).sort(), [a.id, b.id, c.id].sort());
  });

  test("diacritics fold both ways; CJK words are found inside a sentence", T, async () => {
    const cafe = await post(U.alice, "Meet at the café near the gare");
    const plain = await post(U.bob, "The cafe downstairs serves lunch");
    assert.deepEqual((await found(U.dave, "cafe")).sort(), [cafe.id, plain.id].sort());
    assert.deepEqual((await found(U.dave, "café")).sort(), [cafe.id, plain.id].sort());
    const jp = await post(U.alice, "明日の会議は東京タワーで行います");
    assert.deepEqual(await found(U.dave, "東京タワー"), [jp.id]);
    assert.deepEqual(await found(U.dave, "会議"), [jp.id]);
    assert.deepEqual(await found(U.dave, "大阪"), []);
  });

  test("highlights are escaped HTML with the words marked", T, async () => {
    const p = await post(U.alice, "Beware <script>alert('x')</script> in the xylograph notes & more");
    const r = ok(await atrium(U.dave, { q: "xylograph" }));
    assert.deepEqual(r.statuses.map((h) => h.status.id), [p.id]);
    const h = r.statuses[0].highlight;
    assert.ok(!h.includes("<script>"), h);
    assert.ok(h.includes("&lt;script&gt;"), h);
    assert.ok(h.includes("<mark>xylograph</mark>"), h);
    assert.ok(h.includes("&amp; more"), h);
    assert.equal(h.replace(/<\/?mark>/g, "").includes("<"), false, h);
  });

  test("an edit and a delete leave the index at once", T, async () => {
    const p = await post(U.alice, "The quokkafest is on Friday");
    assert.deepEqual(await found(U.dave, "quokkafest"), [p.id]);
    ok(await U.alice.req(`/api/v1/statuses/${p.id}`, { method: "PUT", json: { status: "The wombatfest is on Friday" } }));
    assert.deepEqual(await found(U.dave, "quokkafest"), []);
    assert.deepEqual(await found(U.dave, "wombatfest"), [p.id]);
    ok(await U.alice.req(`/api/v1/statuses/${p.id}`, { method: "DELETE" }));
    assert.deepEqual(await found(U.dave, "wombatfest"), []);
  });

  test("blog titles weigh above bodies; every kind is found, answers and comments too", T, async () => {
    const inBody = ok(await U.bob.req("/api/v1/atrium/blogs", { method: "POST", json: { title: "Notes of the week", body: "We talked about the narwhalmetric at length, narwhalmetric again." } }));
    const inTitle = ok(await U.alice.req("/api/v1/atrium/blogs", { method: "POST", json: { title: "Narwhalmetric explained", body: "A long text about something else entirely." } }));
    const question = ok(await U.carol.req("/api/v1/atrium/questions", { method: "POST", json: { title: "How is the narwhalmetric computed?" } }));
    const answer = await post(U.dave, "The narwhalmetric is a weekly average", { in_reply_to_id: question.id });
    const ids = await found(U.erin, "narwhalmetric");
    assert.ok(ids.indexOf(inTitle.id) < ids.indexOf(inBody.id), "the title's match above the body's");
    assert.deepEqual(ids.slice().sort(), [inBody.id, inTitle.id, question.id, answer.id].sort());
    assert.deepEqual(await found(U.erin, "narwhalmetric kind:blog").then((x) => x.sort()), [inBody.id, inTitle.id].sort());
    assert.deepEqual(await found(U.erin, "narwhalmetric kind:question"), [question.id]);
    assert.deepEqual(await found(U.erin, "narwhalmetric is:reply"), [answer.id]);
    assert.deepEqual(await found(U.erin, "narwhalmetric is:unanswered"), [question.id]);
    assert.deepEqual(await found(U.erin, "narwhalmetric from:@dave"), [answer.id]);
    const r = ok(await atrium(U.erin, { q: "narwhalmetric" }));
    assert.deepEqual(r.facets.kinds, { blog: 2, question: 1, status: 1 });
    assert.equal(r.facets.total, 4);
    assert.ok(r.statuses.find((h) => h.status.id === inTitle.id).title_highlight.includes("<mark>Narwhalmetric</mark>"));
  });
});

describe("operators", () => {
  test("tag, community, has:link, dates, in:library", T, async () => {
    const c = ok(await U.alice.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "okapis", name: "Okapis", type: "public" } }));
    const tagged = await post(U.alice, "okapiword with a #okapitag");
    const inCommunity = await post(U.alice, "okapiword inside", { community_id: c.id });
    const linked = await post(U.bob, "okapiword see https://example.com/page");
    assert.deepEqual(await found(U.dave, "okapiword tag:okapitag"), [tagged.id]);
    assert.deepEqual(await found(U.dave, "okapiword community:okapis"), [inCommunity.id]);
    // Atrium's search lists the community itself on a query of plain words.
    assert.deepEqual(ok(await atrium(U.dave, { q: "okapis" })).communities.map((x) => x.handle), ["okapis"]);
    assert.deepEqual(await found(U.dave, "okapiword has:link"), [linked.id]);
    assert.deepEqual(await found(U.dave, "okapiword has:media"), []);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await found(U.dave, `okapiword during:${today}`)).length, 3);
    assert.deepEqual(await found(U.dave, "okapiword before:2001-01-01"), []);
    assert.deepEqual(await found(U.dave, "okapiword after:2999-01-01"), []);
    ok(await U.dave.req(`/api/v1/statuses/${linked.id}/bookmark`, { method: "POST" }));
    ok(await U.dave.req(`/api/v1/statuses/${tagged.id}/favourite`, { method: "POST" }));
    const own = await post(U.dave, "okapiword of my own");
    assert.deepEqual((await found(U.dave, "okapiword in:library")).sort(), [linked.id, tagged.id, own.id].sort());
    // v2's account_id: one author's posts.
    assert.deepEqual(await found(U.dave, "okapiword", { account_id: U.bob.id }), [linked.id]);
  });

  test("has:media finds the posts with a picture attached", T, async () => {
    const form = new FormData();
    const picture = readFileSync(new URL("./fixtures/media/image.png", import.meta.url));
    form.append("file", new Blob([picture], { type: "image/png" }), "whiteboard.png");
    form.append("description", "the whiteboard");
    const res = await fetch(`${ctx.url}/api/v2/media`, { method: "POST", headers: { Authorization: `Bearer ${U.erin.token}` }, body: form });
    assert.equal(res.status, 200, await res.clone().text());
    const media = await res.json();
    const withPicture = await post(U.erin, "ibexboard from the workshop", { media_ids: [media.id] });
    const without = await post(U.erin, "ibexboard in words only");
    assert.deepEqual((await found(U.dave, "ibexboard")).sort(), [withPicture.id, without.id].sort());
    assert.deepEqual(await found(U.dave, "ibexboard has:media"), [withPicture.id]);
    // Posts here carry no polls.
    assert.deepEqual(await found(U.dave, "ibexboard has:poll"), []);
  });

  test("an unknown operator, a bad date, only exclusions, an unsupported parameter: 422", T, async () => {
    err(await v2(U.dave, { q: "word colour:red" }), 422);
    err(await v2(U.dave, { q: "word before:yesterday" }), 422);
    err(await v2(U.dave, { q: "word has:video" }), 422);
    err(await v2(U.dave, { q: "-word" }), 422);
    err(await v2(U.dave, { q: "word", exclude_unreviewed: "true" }), 422);
    err(await atrium(U.dave, { q: "word", scope: "all" }), 422);
    err(await atrium(U.dave, { q: "word", type: "everything" }), 422);
    err(await atrium(U.dave, { q: "word", sort: "random" }), 422);
    err(await atrium(U.dave, { q: "" }), 400);
  });
});

describe("pages", () => {
  test("offsets under the snapshot: no gaps nor repeats, even with posts written meanwhile", T, async () => {
    const written = [];
    for (let i = 0; i < 23; i++) written.push((await post(U.bob, `pangolinpage number ${i} ${"pangolinpage ".repeat(i % 4)}`)).id);
    for (const sort of ["relevance", "recent"]) {
      const seen = [];
      let next = { offset: "0" };
      let between = null;
      while (next) {
        const r = ok(await atrium(U.dave, { q: "pangolinpage", sort, limit: "5", ...next }));
        between ??= await post(U.bob, `pangolinpage written between pages (${sort})`);
        seen.push(...r.statuses.map((h) => h.status.id));
        assert.equal(r.facets.total, written.length);
        next = r.next && { offset: String(r.next.offset), max_id: r.next.max_id };
      }
      assert.equal(new Set(seen).size, seen.length, `${sort}: no repeats`);
      assert.deepEqual(seen.slice().sort(), written.slice().sort(), `${sort}: no gaps`);
      if (sort === "recent") assert.deepEqual(seen, written.slice().reverse());
      written.push(between.id); // found by the next search
    }
  });
});

describe("counts", () => {
  test("counting stops at 1,000 and says so; pages go on past it", { timeout: 180000 }, async () => {
    const few = [];
    for (let i = 0; i < 3; i++) few.push((await post(U.carol, `tapirfew ${i}`)).id);
    const counted = ok(await atrium(U.dave, { q: "tapirfew" })).facets;
    assert.equal(counted.total, 3);
    assert.equal(counted.capped, false);

    const written = [];
    for (let i = 0; i < 1005; i += 15) {
      const batch = [];
      for (let k = i; k < Math.min(i + 15, 1005); k++) batch.push(post(U.erin, `tapirmany ${k}`));
      written.push(...(await Promise.all(batch)).map((s) => s.id));
    }
    for (const sort of ["relevance", "recent"]) {
      const first = ok(await atrium(U.dave, { q: "tapirmany", sort, limit: "40" }));
      assert.equal(first.facets.total, 1000, sort);
      assert.equal(first.facets.capped, true, sort);
      assert.equal(first.facets.kinds.status, 1000, sort);
      assert.ok(first.next, sort);
      // Past the capped count, full pages still lead on, and the last one ends.
      const max_id = first.next.max_id;
      const at1000 = ok(await atrium(U.dave, { q: "tapirmany", sort, limit: "40", offset: "960", max_id }));
      assert.equal(at1000.statuses.length, 40, sort);
      assert.deepEqual(at1000.next, { offset: 1000, max_id }, sort);
      const last = ok(await atrium(U.dave, { q: "tapirmany", sort, limit: "40", offset: "1000", max_id }));
      assert.equal(last.statuses.length, 5, sort);
      assert.equal(last.next, null, sort);
      if (sort === "recent") {
        const oldest = last.statuses.map((h) => h.status.id);
        assert.deepEqual(oldest, written.slice().sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1)).slice(1000));
      }
    }
  });
});

describe("visibility inside the query", () => {
  // alice writes one post per visibility and per community type, each with
  // the same rare word; the viewers: bob follows her, carol is mentioned,
  // dave is neither, erin is a member of the restricted community, frank
  // blocks alice.
  const WORD = "ocelotmatrix";
  let P, restricted;
  before(async () => {
    await follow(U.bob, U.alice);
    P = {};
    for (const v of ["public", "unlisted", "private", "direct"])
      P[v] = await post(U.alice, `@carol ${WORD} ${v}`, { visibility: v });
    restricted = ok(await U.alice.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "ocelots_r", name: "Ocelots", type: "restricted" } }));
    for (const type of ["public", "moderated"]) {
      const c = ok(await U.alice.req("/api/v1/atrium/communities", { method: "POST", json: { handle: `ocelots_${type[0]}`, name: "Ocelots", type } }));
      P[`c_${type}`] = await post(U.alice, `${WORD} in a ${type} community`, { community_id: c.id });
    }
    ok(await U.alice.req(`/api/v1/atrium/communities/${restricted.id}/invitations`, { method: "POST", json: { account_id: U.erin.id } }));
    ok(await U.erin.req(`/api/v1/atrium/communities/${restricted.id}/join`, { method: "POST" }));
    P.restricted = await post(U.alice, `${WORD} in the restricted community`, { community_id: restricted.id });
    ok(await U.frank.req(`/api/v1/accounts/${U.alice.id}/block`, { method: "POST" }));
  });

  const SEES = {
    alice: ["public", "unlisted", "private", "direct", "c_public", "c_moderated", "restricted"],
    bob: ["public", "unlisted", "private", "c_public", "c_moderated"],
    carol: ["public", "unlisted", "private", "direct", "c_public", "c_moderated"],
    dave: ["public", "unlisted", "c_public", "c_moderated"],
    erin: ["public", "unlisted", "c_public", "c_moderated", "restricted"],
    frank: [],
  };

  test("every viewer finds exactly what the policy shows them, with honest counts and facets", T, async () => {
    const key = (k) => P[k];
    const problems = [];
    for (const [name, keys] of Object.entries(SEES)) {
      const expected = keys.map((k) => key(k).id).sort();
      const v2ids = (await found(U[name], WORD)).sort();
      if (JSON.stringify(v2ids) !== JSON.stringify(expected)) problems.push(`${name} v2: ${v2ids} != ${expected}`);
      const r = ok(await atrium(U[name], { q: WORD, limit: "40" }));
      const mine = r.statuses.map((h) => h.status.id).sort();
      if (JSON.stringify(mine) !== JSON.stringify(expected)) problems.push(`${name} atrium: ${mine}`);
      if (r.facets.total !== expected.length) problems.push(`${name} total ${r.facets.total}`);
      const communities = r.facets.communities.map((c) => c.id);
      if (!keys.includes("restricted") && communities.includes(restricted.id)) problems.push(`${name} sees the restricted community in facets`);
      // Other words from the restricted post find nothing either.
      const leak = ok(await atrium(U[name], { q: `${WORD} restricted` }));
      if (!keys.includes("restricted") && leak.facets.total !== 0) problems.push(`${name} counts the restricted post`);
    }
    assert.deepEqual(problems, []);
  });
});

describe("reindex", () => {
  test("atrium search reindex beside the serving process, with progress; posts written meanwhile stay found", T, async () => {
    const before = [];
    for (let i = 0; i < 5; i++) before.push((await post(U.carol, `tapirindex before ${i}`)).id);
    const running = runCli(["search", "reindex"], { dataDir: ctx.srv.dataDir });
    const during = [];
    for (let i = 0; i < 5; i++) during.push((await post(U.carol, `tapirindex during ${i}`)).id);
    const r = await running;
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /reindexed \d+ of \d+ posts/);
    assert.match(r.stdout, /the search index is complete/);
    assert.deepEqual((await found(U.dave, "tapirindex")).sort(), [...before, ...during].sort());
    assert.deepEqual(await found(U.dave, "tapirindex -before -during"), []);
  });
});

