// Questions and blogs as places of their own: the organization-wide
// question list by state (open, unanswered, answered, all), by tag and in
// the reader's expertise; the blog list by tag and by community; a
// restricted community's entries only for its members on every filter;
// #tags in Markdown bodies linked; bad input refused and changing nothing.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, ids, T } from "./lib/social-helpers.mjs";

let ctx, U;
const B = "/api/v1/atrium/blogs";
const Q = "/api/v1/atrium/questions";
const C = "/api/v1/atrium/communities";

const blog = async (user, fields) => ok(await user.req(B, { method: "POST", json: fields }));
const ask = async (user, fields) => ok(await user.req(Q, { method: "POST", json: fields }));
const list = async (user, path) => ids(ok(await user.req(path + (path.includes("?") ? "&" : "?") + "limit=40")));

let community, open, unanswered, answered, secretQ, publicBlog, secretBlog, otherBlog;

before(async () => {
  ctx = await socialServer(["alice", "bob", "carol", "dave", "erin"], { admins: ["erin"] });
  U = ctx.users;
  // dave owns a restricted community with bob; carol and alice are outside
  community = ok(await U.dave.req(C, { method: "POST", json: { handle: "vault", name: "Vault", type: "restricted" } }));
  ok(await U.dave.req(`${C}/${community.id}/invitations`, { method: "POST", json: { account_id: U.bob.id } }));
  ok(await U.bob.req(`${C}/${community.id}/join`, { method: "POST" }));

  open = await ask(U.alice, { title: "How do we rotate Kafka keys?", tags: ["kafka"] });
  ok(await U.bob.req("/api/v1/statuses", { method: "POST", json: { status: "Maybe with the script?", in_reply_to_id: open.id } }));
  unanswered = await ask(U.alice, { title: "Who owns the Rust build?", tags: ["rust"] });
  answered = await ask(U.alice, { title: "Where is the Kafka runbook?", tags: ["kafka"] });
  const reply = await post(U.bob, "In the wiki", { in_reply_to_id: answered.id });
  ok(await U.alice.req(`${Q}/${answered.id}/accept`, { method: "POST", json: { status_id: reply.id } }));
  secretQ = await ask(U.bob, { title: "Vault: Kafka quota for the launch?", tags: ["kafka"], community_id: community.id });

  publicBlog = await blog(U.alice, { title: "Kafka at scale", body: "We learned a lot. #Kafka and `#notatag`", tags: ["streaming"] });
  secretBlog = await blog(U.bob, { title: "Vault launch notes", body: "Secret. #streaming", community_id: community.id });
  otherBlog = await blog(U.carol, { title: "Gardening", body: "Off topic." });
});

suite("questions", () => {
  test("state: open, unanswered, answered and all", T, async () => {
    const mine = [open.id, unanswered.id, answered.id];
    const only = (got) => got.filter((id) => mine.includes(id)).sort();
    assert.deepEqual(only(await list(U.carol, `${Q}?state=open`)), [open.id, unanswered.id].sort());
    assert.deepEqual(only(await list(U.carol, `${Q}?state=unanswered`)), [unanswered.id]);
    assert.deepEqual(only(await list(U.carol, `${Q}?state=answered`)), [answered.id]);
    assert.deepEqual(only(await list(U.carol, `${Q}?state=all`)), [...mine].sort());
    assert.deepEqual(only(await list(U.carol, Q)), [...mine].sort());
    // the older form stays: unanswered=true is "no accepted answer"
    assert.deepEqual(only(await list(U.carol, `${Q}?unanswered=true`)), [open.id, unanswered.id].sort());
    // every entry of a filtered list is where the filter says
    for (const q of ok(await U.carol.req(`${Q}?state=answered&limit=40`))) assert.ok(q.atrium.accepted_answer_id, JSON.stringify(q.atrium));
    for (const q of ok(await U.carol.req(`${Q}?state=unanswered&limit=40`))) {
      assert.equal(q.atrium.accepted_answer_id ?? null, null);
      assert.equal(q.replies_count, 0);
    }
  });

  test("by tag, with a state", T, async () => {
    assert.deepEqual((await list(U.carol, `${Q}?tag=kafka&state=open`)).filter((id) => id !== secretQ.id), [open.id]);
    assert.deepEqual(await list(U.carol, `${Q}?tag=%23Kafka&state=answered`), [answered.id]);
  });

  test("in my expertise: questions tagged with one of my expertise tags", T, async () => {
    ok(await U.carol.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { expertise: ["Kafka"] } }));
    assert.deepEqual(await list(U.carol, `${Q}?expertise=true`), [answered.id, open.id]);
    assert.deepEqual(await list(U.carol, `${Q}?expertise=true&state=open`), [open.id]);
    ok(await U.carol.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { expertise: ["rust", "kafka"] } }));
    assert.deepEqual(await list(U.carol, `${Q}?expertise=true&state=open`), [unanswered.id, open.id]);
    // someone without expertise has none in it; expertise=false is every question
    assert.deepEqual(await list(U.dave, `${Q}?expertise=true`), []);
    assert.ok((await list(U.dave, `${Q}?expertise=false`)).includes(open.id));
  });

  test("a restricted community's question reaches its members only, on every filter", T, async () => {
    ok(await U.alice.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { expertise: ["kafka"] } }));
    ok(await U.bob.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { expertise: ["kafka"] } }));
    const paths = [Q, `${Q}?state=open`, `${Q}?state=unanswered`, `${Q}?state=all`, `${Q}?tag=kafka`, `${Q}?expertise=true`, `${Q}?expertise=true&state=unanswered&tag=kafka`];
    for (const path of paths) {
      assert.ok((await list(U.bob, path)).includes(secretQ.id), `member, ${path}`);
      assert.ok((await list(U.dave, path.replace("expertise=true", "expertise=false"))).includes(secretQ.id), `owner, ${path}`);
      assert.ok(!(await list(U.alice, path)).includes(secretQ.id), `non-member, ${path}`);
      assert.ok(!(await list(U.carol, path)).includes(secretQ.id), `non-member, ${path}`);
    }
    assert.ok(!(await list(U.bob, `${Q}?state=answered`)).includes(secretQ.id));
    // the community's own list: members yes, others refused
    assert.deepEqual(await list(U.bob, `${Q}?community_id=${community.id}&state=unanswered`), [secretQ.id]);
    err(await U.alice.req(`${Q}?community_id=${community.id}&state=open`), 403);
  });

  test("bad input is a clear 4xx", T, async () => {
    const bad = ["state=closed", "state=", "state=OPEN", "state=open&unanswered=true", "unanswered=maybe", "expertise=maybe", "community_id=abc", "account_id=x1"];
    for (const q of bad) err(await U.carol.req(`${Q}?${q}`), 422);
    err(await U.carol.req(`${Q}?state=open&limit=abc`), 400);
    err(await U.carol.req(`${Q}?community_id=999999999999`), 404);
  });
});

suite("blogs", () => {
  test("recent, by tag and by community, from everyone", T, async () => {
    // carol follows nobody and still sees everyone's entries
    const recent = await list(U.carol, B);
    assert.ok(recent.includes(publicBlog.id) && recent.includes(otherBlog.id));
    assert.ok(recent.indexOf(otherBlog.id) < recent.indexOf(publicBlog.id), "newest first");
    assert.deepEqual(await list(U.carol, `${B}?tag=streaming`), [publicBlog.id]);
    assert.deepEqual(await list(U.bob, `${B}?tag=streaming`), [secretBlog.id, publicBlog.id]);
    assert.deepEqual(await list(U.bob, `${B}?community_id=${community.id}`), [secretBlog.id]);
    assert.deepEqual(await list(U.bob, `${B}?community_id=${community.id}&tag=kafka`), []);
  });

  test("a restricted community's entries reach its members only", T, async () => {
    for (const path of [B, `${B}?tag=streaming`, `${B}?account_id=${U.bob.id}`]) {
      assert.ok((await list(U.bob, path)).includes(secretBlog.id), `member, ${path}`);
      assert.ok((await list(U.dave, path)).includes(secretBlog.id), `owner, ${path}`);
      assert.ok(!(await list(U.carol, path)).includes(secretBlog.id), `non-member, ${path}`);
      assert.ok(!(await list(U.alice, path)).includes(secretBlog.id), `non-member, ${path}`);
    }
    err(await U.carol.req(`${B}?community_id=${community.id}`), 403);
  });

  test("#tags in the Markdown body link to their tag page; code stays code", T, async () => {
    assert.match(publicBlog.content, /<a href="[^"]*\/tags\/kafka" class="mention hashtag" rel="tag">#<span>Kafka<\/span><\/a>/);
    assert.match(publicBlog.content, /<code>#notatag<\/code>/);
    assert.ok(!/\/tags\/notatag/.test(publicBlog.content));
    // edited bodies are linked too
    const edited = ok(await U.alice.req(`${B}/${publicBlog.id}`, { method: "PUT", json: { body: "Now about #Streaming." } }));
    assert.match(edited.content, /\/tags\/streaming" class="mention hashtag"/);
    ok(await U.alice.req(`${B}/${publicBlog.id}`, { method: "PUT", json: { body: "We learned a lot. #Kafka and `#notatag`" } }));
  });

  test("the question filters are refused on blogs", T, async () => {
    for (const q of ["state=open", "unanswered=true", "expertise=true"]) err(await U.carol.req(`${B}?${q}`), 422);
    err(await U.carol.req(`${B}?community_id=abc`), 422);
    err(await U.carol.req(`${B}?community_id=999999999999`), 404);
  });
});
