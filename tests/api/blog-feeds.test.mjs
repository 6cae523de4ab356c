// Blogs out as feeds: the Atom feeds (RFC 4287) of a member's and of a
// community's blog entries, opened by a personal feed token in the URL
// (issued once, revocable, ended by deactivation) and showing what the
// visibility policy lets the token's owner see.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import { socialServer, ok, err, follow, request, describe, T } from "./lib/social-helpers.mjs";
import { stopAll } from "./lib/server.mjs";

const ATOM = "http://www.w3.org/2005/Atom";
const B = "/api/v1/atrium/blogs";
const C = "/api/v1/atrium/communities";
const TOKEN = "/api/v1/atrium/feed_token";

let ctx, U, community;
const entries = {}; // name -> blog entry (Status)

async function blog(user, json) {
  return ok(await user.req(B, { method: "POST", json }));
}

async function issue(user) {
  return ok(await user.req(TOKEN, { method: "POST" }));
}

/** The feed at `path` (relative to the server), without any other credential. */
async function fetchFeed(path) {
  return request(ctx.url, path);
}

/** Parses an Atom document and checks the elements RFC 4287 requires; returns {feed, entries}. */
function parseAtom(res) {
  assert.equal(res.status, 200, describe(res));
  assert.match(res.headers.get("content-type"), /^application\/atom\+xml/);
  const errors = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(res.text, "application/xml");
  assert.deepEqual(errors, [], "the feed is well-formed XML");
  const feed = doc.documentElement;
  assert.equal(feed.localName, "feed");
  assert.equal(feed.namespaceURI, ATOM);
  const child = (el, name) => Array.from(el.childNodes).filter((n) => n.nodeType === 1 && n.localName === name && n.namespaceURI === ATOM);
  const one = (el, name) => {
    const found = child(el, name);
    assert.equal(found.length, 1, `exactly one atom:${name} in atom:${el.localName}`);
    return found[0];
  };
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const text = (el, name) => one(el, name).textContent;
  assert.ok(text(feed, "id").length > 0);
  assert.ok(text(feed, "title").length > 0);
  assert.match(text(feed, "updated"), rfc3339);
  const out = [];
  for (const e of child(feed, "entry")) {
    const id = text(e, "id");
    assert.match(id, /^https?:\/\//, "an entry's id is an IRI");
    assert.match(text(e, "updated"), rfc3339);
    const links = child(e, "link").filter((l) => (l.getAttribute("rel") || "alternate") === "alternate");
    assert.equal(links.length, 1, "an entry has its alternate link");
    const authors = child(e, "author");
    assert.ok(authors.length >= 1, "an entry has an author (or the feed has one)");
    assert.ok(text(authors[0], "name").length > 0);
    const content = one(e, "content");
    out.push({ id, title: text(e, "title"), link: links[0].getAttribute("href"), author: text(authors[0], "name"), content: content.textContent, type: content.getAttribute("type") });
  }
  const ids = out.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, "entry ids are unique");
  return { title: text(feed, "title"), entries: out };
}

const titles = (parsed) => parsed.entries.map((e) => e.title).sort();

before(async () => {
  ctx = await socialServer(["alice", "bob", "carol", "dana", "root"], { admins: ["root"] });
  U = ctx.users;
  // alice owns a restricted community with bob; carol and dana are outside
  community = ok(await U.alice.req(C, { method: "POST", json: { handle: "skunkworks", name: "Skunkworks", type: "restricted" } }));
  ok(await U.alice.req(`${C}/${community.id}/invitations`, { method: "POST", json: { account_id: U.bob.id } }));
  ok(await U.bob.req(`${C}/${community.id}/join`, { method: "POST" }));
  await follow(U.bob, U.alice);
  entries.open = await blog(U.alice, { title: "Quarterly <review> & plans", body: "Everyone may read this. #planning" });
  entries.followers = await blog(U.alice, { title: "For my followers", body: "Only followers.", visibility: "private" });
  entries.secret = await blog(U.alice, { title: "Skunkworks plan", body: "Codename.", community_id: community.id });
  entries.bobs = await blog(U.bob, { title: "Bob in Skunkworks", body: "Inside.", community_id: community.id });
  assert.equal(entries.secret.visibility, "private");
});

after(stopAll);

suite("feed tokens", () => {
  test("none until issued; issued once, then shown without its secret", T, async () => {
    err(await U.dana.req(TOKEN), 404);
    const issued = await issue(U.dana);
    assert.match(issued.token, /^[A-Za-z0-9_-]{40,}$/);
    assert.ok(issued.account_feed_url.endsWith(`/api/v1/atrium/feeds/${issued.token}/accounts/${U.dana.id}`));
    assert.ok(issued.community_feed_url_template.endsWith(`/api/v1/atrium/feeds/${issued.token}/communities/{id}`));
    const shown = ok(await U.dana.req(TOKEN));
    assert.equal(shown.created_at, issued.created_at);
    assert.equal(shown.token, undefined, "the secret is shown once");
    assert.ok(!JSON.stringify(shown).includes(issued.token));
  });

  test("a missing, unknown or revoked token gets 401, a session or bearer token does not open a feed", T, async () => {
    const issued = await issue(U.carol);
    const path = `/api/v1/atrium/feeds/${issued.token}/accounts/${U.alice.id}`;
    parseAtom(await fetchFeed(path));
    err(await fetchFeed(`/api/v1/atrium/feeds/not-a-token/accounts/${U.alice.id}`), 401);
    err(await fetchFeed(`/api/v1/atrium/feeds//accounts/${U.alice.id}`), [401, 404]);
    // the member's own OAuth token is not a feed token
    err(await U.carol.req(`/api/v1/atrium/feeds/not-a-token/accounts/${U.alice.id}`), 401);
    err(await U.carol.req(`/api/v1/atrium/feeds/${U.carol.token}/accounts/${U.alice.id}`), 401);
    // nothing is said about the rest of the URL without a valid token
    err(await fetchFeed(`/api/v1/atrium/feeds/not-a-token/accounts/999999999`), 401);
    err(await fetchFeed(`/api/v1/atrium/feeds/not-a-token/communities/${community.id}`), 401);

    ok(await U.carol.req(TOKEN, { method: "DELETE" }));
    err(await fetchFeed(path), 401);
    err(await U.carol.req(TOKEN), 404);
    err(await U.carol.req(TOKEN, { method: "DELETE" }), 404);
  });

  test("issuing again replaces the token: the old one stops working", T, async () => {
    const first = await issue(U.bob);
    const second = await issue(U.bob);
    assert.notEqual(first.token, second.token);
    err(await fetchFeed(`/api/v1/atrium/feeds/${first.token}/accounts/${U.alice.id}`), 401);
    parseAtom(await fetchFeed(`/api/v1/atrium/feeds/${second.token}/accounts/${U.alice.id}`));
  });

  test("bad input: unknown ids and parameters are refused with a JSON error", T, async () => {
    const { token } = await issue(U.bob);
    err(await fetchFeed(`/api/v1/atrium/feeds/${token}/accounts/999999999`), 404);
    err(await fetchFeed(`/api/v1/atrium/feeds/${token}/accounts/abc`), 404);
    err(await fetchFeed(`/api/v1/atrium/feeds/${token}/communities/999999999`), 404);
    err(await fetchFeed(`/api/v1/atrium/feeds/${token}/accounts/${U.alice.id}?limit=5`), 422);
    err(await U.bob.req(TOKEN, { method: "POST", json: { name: "reader" } }), 422);
  });
});

suite("what a feed shows", () => {
  let bobToken, carolToken;
  before(async () => {
    bobToken = (await issue(U.bob)).token;
    carolToken = (await issue(U.carol)).token;
  });

  test("a member's blog: valid Atom with every entry the token's owner may see", T, async () => {
    const feed = parseAtom(await fetchFeed(`/api/v1/atrium/feeds/${bobToken}/accounts/${U.alice.id}`));
    assert.match(feed.title, /alice/i);
    assert.deepEqual(titles(feed), ["For my followers", "Quarterly <review> & plans", "Skunkworks plan"]);
    const open = feed.entries.find((e) => e.title === "Quarterly <review> & plans");
    assert.ok(open.link.endsWith(entries.open.atrium.permalink), `${open.link} is the entry's permalink`);
    assert.equal(open.author, "alice");
    assert.equal(open.type, "html");
    assert.match(open.content, /Everyone may read this/);
    assert.ok(feed.entries.every((e) => e.author === "alice"));
  });

  test("restricted and followers-only entries are hidden from a non-member who does not follow", T, async () => {
    const feed = parseAtom(await fetchFeed(`/api/v1/atrium/feeds/${carolToken}/accounts/${U.alice.id}`));
    assert.deepEqual(titles(feed), ["Quarterly <review> & plans"]);
    assert.ok(!/Skunkworks|Codename|Only followers/.test((await fetchFeed(`/api/v1/atrium/feeds/${carolToken}/accounts/${U.alice.id}`)).text));
    // bob's blog has only a restricted entry: carol's feed of it is empty, and valid
    const bobs = parseAtom(await fetchFeed(`/api/v1/atrium/feeds/${carolToken}/accounts/${U.bob.id}`));
    assert.deepEqual(bobs.entries, []);
  });

  test("a community's blog: its members read it, a non-member gets nothing", T, async () => {
    const feed = parseAtom(await fetchFeed(`/api/v1/atrium/feeds/${bobToken}/communities/${community.id}`));
    assert.match(feed.title, /Skunkworks/);
    assert.deepEqual(titles(feed), ["Bob in Skunkworks", "Skunkworks plan"]);
    assert.deepEqual(feed.entries.map((e) => e.author).sort(), ["alice", "bob"]);
    const res = await fetchFeed(`/api/v1/atrium/feeds/${carolToken}/communities/${community.id}`);
    err(res, [403, 404]);
    assert.ok(!res.text.includes("Skunkworks plan"));
  });

  test("a new entry appears, a deleted one goes", T, async () => {
    const path = `/api/v1/atrium/feeds/${carolToken}/accounts/${U.alice.id}`;
    const fresh = await blog(U.alice, { title: "Fresh news", body: "New." });
    assert.ok(titles(parseAtom(await fetchFeed(path))).includes("Fresh news"));
    ok(await U.alice.req(`/api/v1/statuses/${fresh.id}`, { method: "DELETE" }));
    assert.ok(!titles(parseAtom(await fetchFeed(path))).includes("Fresh news"));
  });

  test("a deactivated member's token stops working, and stays ended after reactivation", T, async () => {
    const { token } = await issue(U.dana);
    const path = `/api/v1/atrium/feeds/${token}/accounts/${U.alice.id}`;
    parseAtom(await fetchFeed(path));
    ok(await U.root.req(`/api/v1/admin/accounts/${U.dana.id}/action`, { method: "POST", json: { type: "disable" } }));
    err(await fetchFeed(path), 401);
    ok(await U.root.req(`/api/v1/admin/accounts/${U.dana.id}/enable`, { method: "POST" }));
    err(await fetchFeed(path), 401);
  });
});
