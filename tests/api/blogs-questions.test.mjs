// Blog entries and questions: writing, reading, listing, editing with
// history and deleting; permalinks; Markdown rendered safely; accepting
// answers and who may; the answerer's notification; the home and
// organization streams' atrium_kind filter; a restricted community's blog
// entries and questions kept from non-members on every path; bad input.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, settle, follow, ids, parseLink, T } from "./lib/social-helpers.mjs";

let ctx, U;
const B = "/api/v1/atrium/blogs";
const Q = "/api/v1/atrium/questions";
const C = "/api/v1/atrium/communities";

before(async () => {
  ctx = await socialServer(["alice", "bob", "carol", "dave", "erin"], { admins: ["erin"] });
  U = ctx.users;
});

const blog = async (user, fields) => ok(await user.req(B, { method: "POST", json: fields }));
const ask = async (user, fields) => ok(await user.req(Q, { method: "POST", json: fields }));

suite("blog entries", () => {
  test("write, read, list, edit with history, delete", T, async () => {
    const body = "## The plan\n\n- one\n- two\n\nRun `make build`, see [the guide](https://example.com/guide). #Planning";
    const b = await blog(U.alice, { title: "Our roadmap for spring", body, tags: ["roadmap", "#Spring"] });
    assert.equal(b.atrium.kind, "blog");
    assert.equal(b.atrium.title, "Our roadmap for spring");
    assert.match(b.atrium.permalink, new RegExp(`/@alice/blog/${b.id}-our-roadmap-for-spring$`));
    assert.equal(b.url, b.atrium.permalink);
    // content stands alone for a Mastodon app: the title, then the body
    assert.match(b.content, /^<p class="atrium-title"><strong>Our roadmap for spring<\/strong><\/p>/);
    assert.match(b.content, /<h2>The plan<\/h2>/);
    assert.match(b.content, /<li>one<\/li>/);
    assert.match(b.content, /<code>make build<\/code>/);
    assert.match(b.content, /href="https:\/\/example.com\/guide"/);
    assert.deepEqual(b.tags.map((t) => t.name).sort(), ["planning", "roadmap", "spring"]);
    assert.equal(b.in_reply_to_id, null);

    const fetched = ok(await U.bob.req(`${B}/${b.id}`));
    assert.equal(fetched.id, b.id);
    // a Mastodon app reads it as a Status, the extension included
    const viaMasto = await U.bob.client.v1.statuses.$select(b.id).fetch();
    assert.equal(viaMasto.content, b.content);
    assert.equal(viaMasto.atrium.kind, "blog");

    assert.ok(ids(ok(await U.bob.req(`${B}?account_id=${U.alice.id}`))).includes(b.id));
    assert.ok(ids(ok(await U.bob.req(`${B}?tag=roadmap`))).includes(b.id));
    assert.ok(ids(ok(await U.bob.req(B))).includes(b.id));
    assert.ok(!ids(ok(await U.bob.req(`${B}?account_id=${U.bob.id}`))).includes(b.id));
    assert.ok(!ids(ok(await U.bob.req(`${Q}?account_id=${U.alice.id}`))).includes(b.id));

    // someone else's entry is not theirs to edit
    err(await U.bob.req(`${B}/${b.id}`, { method: "PUT", json: { title: "Mine" } }), 404);
    const edited = ok(await U.alice.req(`${B}/${b.id}`, { method: "PUT", json: { title: "Our roadmap, revised", body: "Shorter now." } }));
    assert.equal(edited.atrium.title, "Our roadmap, revised");
    assert.ok(edited.edited_at);
    assert.match(edited.content, /Shorter now\./);
    assert.match(edited.atrium.permalink, /-our-roadmap-revised$/);
    // the explicit tags stay; the body's old #tag went with the old body
    assert.deepEqual(edited.tags.map((t) => t.name).sort(), ["roadmap", "spring"]);
    const history = ok(await U.bob.req(`/api/v1/statuses/${b.id}/history`));
    assert.equal(history.length, 2);
    assert.equal(history[0].atrium.title, "Our roadmap for spring");
    assert.match(history[0].content, /The plan/);
    assert.equal(history[1].atrium.title, "Our roadmap, revised");
    // the source, for editing the Markdown again
    assert.equal(ok(await U.alice.req(`/api/v1/statuses/${b.id}/source`)).text, "Shorter now.");

    ok(await U.alice.req(`/api/v1/statuses/${b.id}`, { method: "DELETE" }));
    err(await U.bob.req(`${B}/${b.id}`), 404);
    assert.ok(!ids(ok(await U.bob.req(`${B}?account_id=${U.alice.id}`))).includes(b.id));
  });

  test("a permalink resolves by author and slug; the id decides", T, async () => {
    const b = await blog(U.alice, { title: "Permalinks that last", body: "Body." });
    const slug = b.atrium.permalink.split("/").pop();
    assert.equal(ok(await U.bob.req(`${B}/lookup?acct=alice&slug=${slug}`)).id, b.id);
    assert.equal(ok(await U.bob.req(`${B}/lookup?acct=@alice&slug=${b.id}-an-older-title`)).id, b.id);
    assert.equal(ok(await U.bob.req(`${B}/lookup?acct=alice&slug=${b.id}`)).id, b.id);
    err(await U.bob.req(`${B}/lookup?acct=bob&slug=${slug}`), 404);
    err(await U.bob.req(`${B}/lookup?acct=nobody&slug=${slug}`), 404);
    err(await U.bob.req(`${B}/lookup?acct=alice&slug=permalinks-that-last`), 404);
    err(await U.bob.req(`${B}/lookup?acct=alice`), 404);
    // a status update is not a blog entry
    const s = await post(U.alice, "just a status");
    err(await U.bob.req(`${B}/lookup?acct=alice&slug=${s.id}`), 404);
    err(await U.bob.req(`${B}/${s.id}`), 404);
  });

  test("Markdown is rendered and sanitized: no script survives", T, async () => {
    const b = await blog(U.alice, {
      title: "<script>alert('t')</script> Safe title",
      body: "Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) **bold**",
    });
    assert.ok(!/<script/i.test(b.content), b.content);
    assert.ok(!/<img/i.test(b.content), b.content);
    assert.ok(!/javascript:/i.test(b.content), b.content);
    assert.match(b.content, /<strong>bold<\/strong>/);
    assert.match(b.content, /&lt;script&gt;alert\(&#39;t&#39;\)&lt;\/script&gt; Safe title|&lt;script&gt;alert\('t'\)&lt;\/script&gt; Safe title/);
  });

  test("bad input is a clear 4xx and creates nothing", T, async () => {
    const count = async () => ok(await U.carol.req(`${B}?account_id=${U.carol.id}&limit=40`)).length;
    const before = await count();
    err(await U.carol.req(B, { method: "POST", json: { body: "no title" } }), 422);
    err(await U.carol.req(B, { method: "POST", json: { title: "   ", body: "blank title" } }), 422);
    err(await U.carol.req(B, { method: "POST", json: { title: "t".repeat(201), body: "long title" } }), 422);
    err(await U.carol.req(B, { method: "POST", json: { title: "No body" } }), 422);
    err(await U.carol.req(B, { method: "POST", json: { title: "Direct", body: "x", visibility: "direct" } }), 422);
    err(await U.carol.req(B, { method: "POST", json: { title: "Bad vis", body: "x", visibility: "secret" } }), 422);
    err(await U.carol.req(B, { method: "POST", json: { title: "Bad tag", body: "x", tags: ["not a tag"] } }), 422);
    err(await U.carol.req(B, { method: "POST", json: { title: "Bad community", body: "x", community_id: "abc" } }), 422);
    err(await U.carol.req(B, { method: "POST", json: { title: "No community", body: "x", community_id: "999999999999" } }), 404);
    assert.equal(await count(), before);
    // a title of exactly 200 characters is fine
    ok(await U.carol.req(B, { method: "POST", json: { title: "t".repeat(200), body: "ok" } }));
    err(await U.carol.req(`${B}/999999999999`), 404);
    err(await U.carol.req(`${B}/abc`), 404);
    err(await U.carol.req(`${B}/999999999999`, { method: "PUT", json: { title: "x" } }), 404);
    err(await U.carol.req(`${B}?account_id=999999999999`), 404);
    err(await U.carol.req(`${B}?account_id=abc`), 422);
    const mine = await blog(U.carol, { title: "Edit me", body: "body" });
    err(await U.carol.req(`${B}/${mine.id}`, { method: "PUT", json: { title: "" } }), 422);
    err(await U.carol.req(`${B}/${mine.id}`, { method: "PUT", json: { body: "" } }), 422);
    assert.equal(ok(await U.carol.req(`${B}/${mine.id}`)).atrium.title, "Edit me");
  });

  test("lists page with Link headers", T, async () => {
    for (let i = 0; i < 3; i++) await blog(U.dave, { title: `Page ${i}`, body: "paging" });
    const first = await U.bob.req(`${B}?account_id=${U.dave.id}&limit=2`);
    assert.equal(ok(first).length, 2);
    const next = parseLink(first.headers.get("link")).next;
    assert.ok(next, "a next link");
    const second = ok(await U.bob.req(next.replace(ctx.url, "")));
    assert.ok(second.length >= 1);
    assert.ok(!second.some((s) => ids(first.json).includes(s.id)));
  });
});

suite("questions", () => {
  test("ask, answer, accept, change and clear; the answerer is notified", T, async () => {
    const q = await ask(U.alice, { title: "How do I request a new laptop?", body: "Mine is *five* years old. #it", tags: ["hardware"] });
    assert.equal(q.atrium.kind, "question");
    assert.equal(q.atrium.accepted_answer_id, null);
    assert.match(q.atrium.permalink, new RegExp(`/@alice/questions/${q.id}-how-do-i-request-a-new-laptop$`));
    assert.match(q.content, /<strong>How do I request a new laptop\?<\/strong>/);
    assert.match(q.content, /<em>five<\/em>/);
    const noBody = await ask(U.alice, { title: "Is a body optional?" });
    assert.equal(noBody.atrium.title, "Is a body optional?");

    const fromBob = await post(U.bob, "Open a ticket with IT, they answer within a day.", { in_reply_to_id: q.id });
    const fromCarol = await post(U.carol, "Ask your manager first.", { in_reply_to_id: q.id });

    // only the author (or a moderator, or an admin) decides
    err(await U.carol.req(`${Q}/${q.id}/accept`, { method: "POST", json: { status_id: fromCarol.id } }), 403);
    const accepted = ok(await U.alice.req(`${Q}/${q.id}/accept`, { method: "POST", json: { status_id: fromBob.id } }));
    assert.equal(accepted.atrium.accepted_answer_id, fromBob.id);
    assert.equal(ok(await U.carol.req(`${Q}/${q.id}`)).atrium.accepted_answer_id, fromBob.id);
    const bobs = ok(await U.bob.req("/api/v1/notifications?types[]=answer_accepted"));
    assert.equal(bobs.length, 1);
    assert.equal(bobs[0].type, "answer_accepted");
    assert.equal(bobs[0].account.id, U.alice.id);
    assert.equal(bobs[0].status.id, fromBob.id);

    // unanswered lists only the open ones
    const open = ids(ok(await U.dave.req(`${Q}?unanswered=true&limit=40`)));
    assert.ok(open.includes(noBody.id));
    assert.ok(!open.includes(q.id));
    assert.ok(ids(ok(await U.dave.req(`${Q}?limit=40`))).includes(q.id));
    assert.ok(ids(ok(await U.dave.req(`${Q}?tag=hardware`))).includes(q.id));
    assert.ok(ids(ok(await U.dave.req(`${Q}?tag=%23IT`))).includes(q.id));
    assert.ok(!ids(ok(await U.dave.req(`${Q}?tag=hardware&unanswered=true`))).includes(q.id));

    // changing it moves the notification; an admin may decide too
    const changed = ok(await U.erin.req(`${Q}/${q.id}/accept`, { method: "POST", json: { status_id: fromCarol.id } }));
    assert.equal(changed.atrium.accepted_answer_id, fromCarol.id);
    assert.equal(ok(await U.bob.req("/api/v1/notifications?types[]=answer_accepted")).length, 0);
    assert.equal(ok(await U.carol.req("/api/v1/notifications?types[]=answer_accepted")).length, 1);
    err(await U.bob.req(`${Q}/${q.id}/unaccept`, { method: "POST" }), 403);
    const cleared = ok(await U.alice.req(`${Q}/${q.id}/unaccept`, { method: "POST" }));
    assert.equal(cleared.atrium.accepted_answer_id, null);
    assert.ok(ids(ok(await U.dave.req(`${Q}?unanswered=true&limit=40`))).includes(q.id));
    // the thread holds the answers as ordinary replies
    const thread = ok(await U.dave.req(`/api/v1/statuses/${q.id}/context`));
    assert.deepEqual(ids(thread.descendants).sort(), [fromBob.id, fromCarol.id].sort());
  });

  test("only a direct reply to the question can be accepted", T, async () => {
    const q = await ask(U.alice, { title: "Which VPN client?" });
    const other = await ask(U.alice, { title: "Another question" });
    const elsewhere = await post(U.bob, "An answer to the other one", { in_reply_to_id: other.id });
    const plain = await post(U.bob, "not a reply at all");
    const answer = await post(U.bob, "The standard one", { in_reply_to_id: q.id });
    const nested = await post(U.carol, "Agreed", { in_reply_to_id: answer.id });
    const accept = (status_id) => U.alice.req(`${Q}/${q.id}/accept`, { method: "POST", json: { status_id } });
    err(await accept(plain.id), 422);
    err(await accept(elsewhere.id), 422);
    err(await accept(nested.id), 422);
    err(await accept(q.id), 422);
    err(await accept("999999999999"), 422);
    err(await accept("abc"), 422);
    err(await U.alice.req(`${Q}/${q.id}/accept`, { method: "POST", json: {} }), 422);
    err(await U.alice.req(`${Q}/999999999999/accept`, { method: "POST", json: { status_id: answer.id } }), 404);
    err(await U.alice.req(`${Q}/${plain.id}/accept`, { method: "POST", json: { status_id: answer.id } }), 404);
    err(await U.alice.req(`${Q}/999999999999/unaccept`, { method: "POST" }), 404);
    assert.equal(ok(await U.alice.req(`${Q}/${q.id}`)).atrium.accepted_answer_id, null);
    err(await U.alice.req(Q, { method: "POST", json: { body: "no title" } }), 422);
    err(await U.alice.req(Q, { method: "POST", json: { title: "q".repeat(201) } }), 422);
    err(await U.alice.req(`${Q}?unanswered=maybe`), 422);
    err(await U.alice.req(`${Q}/${q.id}`, { method: "PUT", json: { title: "" } }), 422);
    const edited = ok(await U.alice.req(`${Q}/${q.id}`, { method: "PUT", json: { title: "Which VPN client do we use?" } }));
    assert.equal(edited.atrium.title, "Which VPN client do we use?");
    assert.equal(ok(await U.alice.req(`/api/v1/statuses/${q.id}/history`)).length, 2);
    err(await U.alice.req(`${B}/${q.id}`), 404);
  });
});

suite("streams and communities", () => {
  let community, secretBlog, secretQuestion;

  before(async () => {
    // dave owns a restricted community with bob and alice; carol is outside
    community = ok(await U.dave.req(C, { method: "POST", json: { handle: "skunkworks", name: "Skunkworks", type: "restricted" } }));
    for (const who of [U.bob, U.alice]) {
      ok(await U.dave.req(`${C}/${community.id}/invitations`, { method: "POST", json: { account_id: who.id } }));
      ok(await who.req(`${C}/${community.id}/join`, { method: "POST" }));
    }
    secretBlog = await blog(U.bob, { title: "Skunkworks plan", body: "Codename. #secretplan", community_id: community.id });
    secretQuestion = await ask(U.bob, { title: "Skunkworks budget?", body: "#secretplan", community_id: community.id });
    assert.equal(secretBlog.visibility, "private");
    assert.equal(secretBlog.community.id, community.id);
  });

  test("home and organization streams filter by atrium_kind", T, async () => {
    await follow(U.carol, U.erin);
    const s = await post(U.erin, "a plain status update");
    const b = await blog(U.erin, { title: "Erin's blog entry", body: "words" });
    const q = await ask(U.erin, { title: "Erin's question" });
    await settle(ctx);
    const home = (kind) => U.carol.req(`/api/v1/timelines/home?atrium_kind=${kind}&limit=40`);
    const blogs = ok(await home("blog"));
    assert.ok(ids(blogs).includes(b.id));
    assert.ok(blogs.every((x) => (x.reblog || x).atrium?.kind === "blog"), JSON.stringify(blogs.map((x) => x.atrium)));
    const questions = ok(await home("question"));
    assert.ok(ids(questions).includes(q.id));
    assert.ok(questions.every((x) => (x.reblog || x).atrium?.kind === "question"));
    const statuses = ok(await home("status"));
    assert.ok(ids(statuses).includes(s.id));
    assert.ok(statuses.every((x) => (x.reblog || x).atrium === null));
    const everything = ids(ok(await U.carol.req("/api/v1/timelines/home?limit=40")));
    for (const id of [s.id, b.id, q.id]) assert.ok(everything.includes(id));
    err(await home("poll"), 422);

    const org = ok(await U.carol.req("/api/v1/timelines/public?atrium_kind=blog&limit=40"));
    assert.ok(ids(org).includes(b.id));
    assert.ok(org.every((x) => x.atrium?.kind === "blog"));
    assert.ok(ids(ok(await U.carol.req("/api/v1/timelines/public?atrium_kind=question&limit=40"))).includes(q.id));
  });

  test("a community's questions: its owner may accept, a plain member may not", T, async () => {
    const answer = await post(U.alice, "About half of last year's.", { in_reply_to_id: secretQuestion.id });
    assert.equal(answer.community.id, community.id);
    const other = await post(U.dave, "Ask finance.", { in_reply_to_id: secretQuestion.id });
    err(await U.alice.req(`${Q}/${secretQuestion.id}/accept`, { method: "POST", json: { status_id: other.id } }), 403);
    const accepted = ok(await U.dave.req(`${Q}/${secretQuestion.id}/accept`, { method: "POST", json: { status_id: answer.id } }));
    assert.equal(accepted.atrium.accepted_answer_id, answer.id);
    const note = ok(await U.alice.req("/api/v1/notifications?types[]=answer_accepted"));
    assert.ok(note.some((n) => n.status.id === answer.id));
    // carol may not even see it
    err(await U.carol.req(`${Q}/${secretQuestion.id}/accept`, { method: "POST", json: { status_id: answer.id } }), 404);
  });

  test("a restricted community's blog entries and questions never reach a non-member", T, async () => {
    await follow(U.carol, U.bob);
    await settle(ctx);
    // members see them
    assert.ok(ids(ok(await U.alice.req(`${B}?community_id=${community.id}`))).includes(secretBlog.id));
    assert.ok(ids(ok(await U.alice.req(`${Q}?community_id=${community.id}`))).includes(secretQuestion.id));
    assert.ok(ids(ok(await U.alice.req(B + "?limit=40"))).includes(secretBlog.id));
    const slug = secretBlog.atrium.permalink.split("/").pop();
    assert.equal(ok(await U.alice.req(`${B}/lookup?acct=bob&slug=${slug}`)).id, secretBlog.id);
    // carol does not, by any path
    err(await U.carol.req(`${B}/${secretBlog.id}`), 404);
    err(await U.carol.req(`${Q}/${secretQuestion.id}`), 404);
    err(await U.carol.req(`/api/v1/statuses/${secretBlog.id}`), 404);
    err(await U.carol.req(`${B}/lookup?acct=bob&slug=${slug}`), 404);
    err(await U.carol.req(`${B}?community_id=${community.id}`), [403, 404]);
    err(await U.carol.req(`${Q}?community_id=${community.id}`), [403, 404]);
    const lists = [
      `${B}?limit=40`,
      `${B}?account_id=${U.bob.id}`,
      `${B}?tag=secretplan`,
      `${Q}?limit=40`,
      `${Q}?unanswered=true&limit=40`,
      `${Q}?account_id=${U.bob.id}`,
      "/api/v1/timelines/home?limit=40",
      "/api/v1/timelines/home?atrium_kind=blog&limit=40",
      "/api/v1/timelines/home?atrium_kind=question&limit=40",
      "/api/v1/timelines/public?atrium_kind=blog&limit=40",
      "/api/v1/timelines/public?atrium_kind=question&limit=40",
      "/api/v1/timelines/tag/secretplan",
      `/api/v1/accounts/${U.bob.id}/statuses`,
    ];
    for (const path of lists) {
      const seen = ids(ok(await U.carol.req(path)));
      assert.ok(!seen.includes(secretBlog.id) && !seen.includes(secretQuestion.id), path);
    }
    err(await U.carol.req(`${B}/${secretBlog.id}`, { method: "PUT", json: { title: "x" } }), 404);
  });
});
