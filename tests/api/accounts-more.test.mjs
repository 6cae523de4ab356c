// The rest of Mastodon's accounts API, on an organization imported with
// `atrium import-directory`: private notes, endorsements (pin/unpin), the
// endorsements lists, familiar followers, the profile directory, follow
// suggestions (v1, v2, dismissed for good) and a person's featured tags —
// through the masto client where it has a method, raw HTTP for bad input,
// and every list as blocks and deactivation say.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fsp from "node:fs/promises";
import path from "node:path";
import { makeDataDir, startServer, runCli } from "./lib/server.mjs";
import { registerApp, passwordToken, OOB } from "./lib/oauth.mjs";
import { ok, err, makeUser, SCOPES, MastoHttpError } from "./lib/social-helpers.mjs";

const T = { timeout: 60000 };

// ceo ← vpeng ← {alice, bob, erin, frank (deactivated), xena}; ivan reports
// to alice; zed and yan have no manager.
const ORG = [
  "username,email,display_name,manager,active",
  "ceo,ceo@example.com,Cora Chief,,true",
  "vpeng,vpeng@example.com,Victor Vance,ceo,true",
  "alice,alice@example.com,Alice Archer,vpeng,true",
  "bob,bob@example.com,Bob Builder,vpeng,true",
  "erin,erin@example.com,Erin Engineer,vpeng,true",
  "frank,frank@example.com,Frank Former,vpeng,false",
  "xena,xena@example.com,Xena Warrior,vpeng,true",
  "ivan,ivan@example.com,Ivan Intern,alice,true",
  "zed,zed@example.com,Zed Zebra,,true",
  "yan,yan@example.com,Yan Yellow,,true",
];
const MEMBERS = ["ceo", "vpeng", "alice", "bob", "erin", "xena", "ivan", "zed", "yan"];

let dataDir, srv, url, app;
const u = {}; // username -> User (lib/social-helpers makeUser) with id
const ids = {}; // username -> account id (frank too)

async function signIn(name) {
  const token = await passwordToken(url, app, name, `${name}-password-1`, SCOPES);
  const user = makeUser(url, name, token);
  user.id = ids[name];
  u[name] = user;
}

async function boot() {
  srv = await startServer({ dataDir });
  url = srv.url;
  app = await registerApp(url, { name: "accounts-more", redirectUris: OOB, scopes: SCOPES });
  for (const name of MEMBERS) await signIn(name);
}

before(async () => {
  dataDir = await makeDataDir();
  const file = path.join(dataDir, "org.csv");
  await fsp.writeFile(file, ORG.join("\n") + "\n");
  const r = await runCli(["import-directory", file], { dataDir });
  assert.equal(r.code, 0, `import failed: ${r.stderr}`);
  for (const name of MEMBERS) {
    const reset = await runCli(["user", "reset-password", name, "--password-stdin"], { dataDir, stdin: `${name}-password-1\n` });
    assert.equal(reset.code, 0, reset.stderr);
  }
  srv = await startServer({ dataDir });
  url = srv.url;
  app = await registerApp(url, { name: "accounts-more", redirectUris: OOB, scopes: SCOPES });
  const lookupToken = await passwordToken(url, app, "yan", "yan-password-1", SCOPES);
  for (const name of [...MEMBERS, "frank"]) {
    const a = ok(await makeUser(url, "yan", lookupToken).req(`/api/v1/accounts/lookup?acct=${name}`));
    ids[name] = a.id;
  }
  for (const name of MEMBERS) await signIn(name);
  // xena blocks bob: neither sees the other in any list of people.
  ok(await u.xena.req(`/api/v1/accounts/${ids.bob}/block`, { method: "POST" }));
});

after(async () => {
  await srv?.stop();
});

const usernames = (accounts) => accounts.map((a) => a.username ?? a.account?.username);
const follow = async (who, whom) => ok(await u[who].req(`/api/v1/accounts/${ids[whom]}/follow`, { method: "POST" }));
const unfollow = async (who, whom) => ok(await u[who].req(`/api/v1/accounts/${ids[whom]}/unfollow`, { method: "POST" }));
const relationship = async (who, whom) => ok(await u[who].req(`/api/v1/accounts/relationships?id[]=${ids[whom]}`))[0];

async function mastoStatus(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof MastoHttpError, `expected an HTTP error, got ${e}`);
    return e.statusCode;
  }
  return 200;
}

suite("private notes", () => {
  test("a note is the writer's alone, shown as the relationship's note; empty clears it", T, async () => {
    const rel = await u.alice.client.v1.accounts.$select(ids.zed).note.create({ comment: "Met at the offsite; knows the billing code" });
    assert.equal(rel.id, ids.zed);
    assert.equal(rel.note, "Met at the offsite; knows the billing code");
    assert.equal((await relationship("alice", "zed")).note, "Met at the offsite; knows the billing code");
    assert.equal((await relationship("bob", "zed")).note, "", "nobody else sees it");
    assert.equal((await relationship("zed", "alice")).note, "", "not even the person it is about");
    // Replaced, then cleared (form data too).
    const replaced = ok(await u.alice.req(`/api/v1/accounts/${ids.zed}/note`, { method: "POST", form: { comment: "Ask about invoices" } }));
    assert.equal(replaced.note, "Ask about invoices");
    const cleared = await u.alice.client.v1.accounts.$select(ids.zed).note.create({ comment: "" });
    assert.equal(cleared.note, "");
    assert.equal((await relationship("alice", "zed")).note, "");
  });

  test("bad input: unknown parameter, too long, yourself, unknown person — refused, nothing changes", T, async () => {
    ok(await u.alice.req(`/api/v1/accounts/${ids.yan}/note`, { method: "POST", json: { comment: "keep me" } }));
    err(await u.alice.req(`/api/v1/accounts/${ids.yan}/note`, { method: "POST", json: { comment: "x", text: "y" } }), 422);
    err(await u.alice.req(`/api/v1/accounts/${ids.yan}/note`, { method: "POST", json: { comment: "é".repeat(2001) } }), 422);
    assert.equal((await relationship("alice", "yan")).note, "keep me");
    ok(await u.alice.req(`/api/v1/accounts/${ids.yan}/note`, { method: "POST", json: { comment: "é".repeat(2000) } }));
    err(await u.alice.req(`/api/v1/accounts/${ids.alice}/note`, { method: "POST", json: { comment: "me" } }), 422);
    err(await u.alice.req(`/api/v1/accounts/999999999/note`, { method: "POST", json: { comment: "who" } }), 404);
    const noScope = await passwordToken(url, app, "alice", "alice-password-1", "read");
    err(await makeUser(url, "alice", noScope).req(`/api/v1/accounts/${ids.yan}/note`, { method: "POST", json: { comment: "no" } }), 403);
    assert.equal((await relationship("alice", "yan")).note.length, 2000);
  });
});

suite("endorsements", () => {
  test("only someone you follow; pin is idempotent; the lists show them; unfollowing takes it away", T, async () => {
    const refused = await u.erin.req(`/api/v1/accounts/${ids.zed}/pin`, { method: "POST" });
    err(refused, 422);
    assert.match(refused.json.error, /follow/);
    assert.equal((await relationship("erin", "zed")).endorsed, false);

    await follow("erin", "zed");
    await follow("erin", "yan");
    const pinned = await u.erin.client.v1.accounts.$select(ids.zed).pin();
    assert.equal(pinned.endorsed, true);
    assert.equal((await u.erin.client.v1.accounts.$select(ids.zed).pin()).endorsed, true, "twice is no error");
    // The newer name does the same.
    assert.equal(ok(await u.erin.req(`/api/v1/accounts/${ids.yan}/endorse`, { method: "POST" })).endorsed, true);

    assert.deepEqual(usernames(await u.erin.client.v1.endorsements.list()), ["yan", "zed"], "newest first");
    assert.deepEqual(usernames(await u.ivan.client.v1.accounts.$select(ids.erin).endorsements.list()), ["yan", "zed"]);
    const page = ok(await u.erin.req("/api/v1/endorsements?limit=1"));
    assert.deepEqual(usernames(page), ["yan"]);
    const next = /<([^>]+)>; rel="next"/.exec((await u.erin.req("/api/v1/endorsements?limit=1")).headers.get("link") ?? "");
    assert.ok(next, "a Link header pages on");
    assert.deepEqual(usernames(ok(await u.erin.req(new URL(next[1]).pathname + new URL(next[1]).search))), ["zed"]);

    assert.equal((await u.erin.client.v1.accounts.$select(ids.yan).unpin()).endorsed, false);
    assert.equal((await u.erin.client.v1.accounts.$select(ids.yan).unpin()).endorsed, false, "unpinning twice is no error");
    await unfollow("erin", "zed");
    assert.equal((await relationship("erin", "zed")).endorsed, false, "unfollowing ends the endorsement");
    assert.deepEqual(usernames(await u.erin.client.v1.endorsements.list()), []);
  });

  test("blocks: endorsing across one is refused; a blocked person is left out of the lists; a block ends it", T, async () => {
    err(await u.bob.req(`/api/v1/accounts/${ids.xena}/pin`, { method: "POST" }), 403);
    // ivan features bob and xena; bob does not see xena (she blocks him) in ivan's list.
    await follow("ivan", "bob");
    await follow("ivan", "xena");
    ok(await u.ivan.req(`/api/v1/accounts/${ids.bob}/pin`, { method: "POST" }));
    ok(await u.ivan.req(`/api/v1/accounts/${ids.xena}/pin`, { method: "POST" }));
    assert.deepEqual(usernames(ok(await u.alice.req(`/api/v1/accounts/${ids.ivan}/endorsements`))), ["xena", "bob"]);
    assert.deepEqual(usernames(ok(await u.bob.req(`/api/v1/accounts/${ids.ivan}/endorsements`))), ["bob"]);
    // xena features ivan; bob sees nothing of what xena features.
    await follow("xena", "ivan");
    ok(await u.xena.req(`/api/v1/accounts/${ids.ivan}/pin`, { method: "POST" }));
    assert.deepEqual(usernames(ok(await u.alice.req(`/api/v1/accounts/${ids.xena}/endorsements`))), ["ivan"]);
    assert.deepEqual(ok(await u.bob.req(`/api/v1/accounts/${ids.xena}/endorsements`)), []);
    // A block (either way) removes the follow, and the endorsement with it.
    ok(await u.bob.req(`/api/v1/accounts/${ids.ivan}/block`, { method: "POST" }));
    assert.deepEqual(usernames(ok(await u.alice.req(`/api/v1/accounts/${ids.ivan}/endorsements`))), ["xena"]);
    ok(await u.bob.req(`/api/v1/accounts/${ids.ivan}/unblock`, { method: "POST" }));
  });

  test("bad input: unknown parameters, unknown people, deactivated people", T, async () => {
    await follow("alice", "yan");
    err(await u.alice.req(`/api/v1/accounts/${ids.yan}/pin`, { method: "POST", json: { featured: true } }), 422);
    assert.equal((await relationship("alice", "yan")).endorsed, false);
    err(await u.alice.req(`/api/v1/accounts/${ids.yan}/unpin`, { method: "POST", json: { all: true } }), 422);
    err(await u.alice.req(`/api/v1/endorsements?order=name`), 422);
    err(await u.alice.req(`/api/v1/endorsements?limit=abc`), [400, 422]);
    err(await u.alice.req(`/api/v1/accounts/${ids.erin}/endorsements?sort=1`), 422);
    err(await u.alice.req(`/api/v1/accounts/999999999/endorsements`), 404);
    err(await u.alice.req(`/api/v1/accounts/999999999/pin`, { method: "POST" }), 404);
    err(await u.alice.req(`/api/v1/accounts/${ids.frank}/pin`, { method: "POST" }), 422);
    err(await u.alice.req(`/api/v1/accounts/${ids.alice}/pin`, { method: "POST" }), 422);
  });
});

suite("familiar followers", () => {
  test("people you follow who follow each account, routed before /:id", T, async () => {
    // yan follows ceo and vpeng; yan follows zed, who follows ceo too.
    await follow("yan", "ceo");
    await follow("yan", "vpeng");
    await follow("zed", "ceo");
    await follow("vpeng", "ceo");
    await follow("ivan", "ceo"); // yan does not follow ivan
    const res = await u.yan.client.v1.accounts.familiarFollowers.fetch({ id: [ids.ceo, ids.ivan] });
    assert.deepEqual(
      res.map((f) => [f.id, usernames(f.accounts).sort()]),
      [
        [ids.ceo, ["vpeng"]],
        [ids.ivan, []],
      ],
    );
    await follow("yan", "zed");
    const again = ok(await u.yan.req(`/api/v1/accounts/familiar_followers?id[]=${ids.ceo}`));
    assert.deepEqual(usernames(again[0].accounts).sort(), ["vpeng", "zed"]);
    // Each account once, in the order asked; nobody for a person on the
    // other side of a block.
    const bobView = ok(await u.bob.req(`/api/v1/accounts/familiar_followers?id[]=${ids.xena}&id[]=${ids.yan}&id[]=${ids.xena}`));
    assert.deepEqual(bobView.map((f) => f.id), [ids.xena, ids.yan]);
    assert.deepEqual(bobView[0].accounts, [], "nobody for a person who blocks the viewer");
  });

  test("bad input is refused", T, async () => {
    err(await u.yan.req(`/api/v1/accounts/familiar_followers?id[]=abc`), 422);
    err(await u.yan.req(`/api/v1/accounts/familiar_followers?id[]=${ids.ceo}&with_suspended=true`), 422);
    // masto's fetch(ids) form sends ?0=…&1=…, which names no account: refused, not ignored.
    assert.equal(await mastoStatus(u.yan.client.v1.accounts.familiarFollowers.fetch([ids.ceo])), 422);
    const many = Array.from({ length: 101 }, (_, i) => `id[]=${i + 1}`).join("&");
    err(await u.yan.req(`/api/v1/accounts/familiar_followers?${many}`), 422);
    assert.deepEqual(ok(await u.yan.req(`/api/v1/accounts/familiar_followers`)), []);
  });
});

suite("several accounts at once (GET /api/v1/accounts?id[]=)", () => {
  test("each as GET /api/v1/accounts/:id shows it to the viewer, in the order asked, through masto", T, async () => {
    const asked = [ids.xena, ids.ceo, ids.frank, ids.xena];
    const many = await u.bob.client.v1.accounts.fetch({ id: asked });
    const one = [];
    for (const id of [ids.xena, ids.ceo, ids.frank]) one.push(ok(await u.bob.req(`/api/v1/accounts/${id}`)));
    assert.deepEqual(many.map((a) => a.id), [ids.xena, ids.ceo, ids.frank], "each once, in the order asked");
    const raw = ok(await u.bob.req(`/api/v1/accounts?${asked.map((id) => `id[]=${id}`).join("&")}`));
    assert.deepEqual(raw, one, "the same as one by one (xena blocks bob; frank is deactivated)");
    // an id naming nobody is left out; none at all: an empty list
    assert.deepEqual(ok(await u.bob.req(`/api/v1/accounts?id[]=${ids.ceo}&id[]=999999999`)).map((a) => a.id), [ids.ceo]);
    assert.deepEqual(ok(await u.bob.req(`/api/v1/accounts`)), []);
  });

  test("bad input is refused", T, async () => {
    err(await u.bob.req(`/api/v1/accounts?id[]=abc`), 422);
    err(await u.bob.req(`/api/v1/accounts?id[]=${ids.ceo}&with_relationships=true`), 422);
    const many = Array.from({ length: 41 }, (_, i) => `id[]=${i + 1}`).join("&");
    err(await u.bob.req(`/api/v1/accounts?${many}`), 422);
    assert.equal((await u.bob.req(`/api/v1/accounts?id[]=${ids.ceo}`, { token: "" })).status, 401);
  });
});

suite("profile directory", () => {
  test("active members in Mastodon's Account shape, ordered by activity or by arrival, paged by offset", T, async () => {
    ok(await u.zed.req("/api/v1/statuses", { method: "POST", json: { status: "first post of the quarter" } }));
    ok(await u.ivan.req("/api/v1/statuses", { method: "POST", json: { status: "intern update" } }));
    const active = await u.alice.client.v1.directory.list({ limit: 80 });
    const names = usernames(active);
    assert.deepEqual(names.slice(0, 2), ["ivan", "zed"], "most recently posted first");
    assert.ok(!names.includes("frank"), "deactivated people are not listed");
    for (const name of MEMBERS) assert.ok(names.includes(name), `${name} is listed`);
    assert.equal(active[0].acct, "ivan");
    assert.ok(active[0].lastStatusAt, "Account shape, with last_status_at");

    const newest = await u.alice.client.v1.directory.list({ order: "new", local: true, limit: 80 });
    const created = newest.map((a) => Date.parse(a.createdAt));
    assert.deepEqual(created, [...created].sort((a, b) => b - a), "newest accounts first");
    assert.equal(newest.length, active.length);

    const two = ok(await u.alice.req("/api/v1/directory?order=new&limit=2"));
    assert.deepEqual(usernames(two), usernames(newest).slice(0, 2));
    const skipped = ok(await u.alice.req("/api/v1/directory?order=new&limit=2&offset=2&local=false"));
    assert.deepEqual(usernames(skipped), usernames(newest).slice(2, 4));
  });

  test("blocks either way leave people out; bad input is refused", T, async () => {
    const bobSees = usernames(ok(await u.bob.req("/api/v1/directory?limit=80")));
    assert.ok(!bobSees.includes("xena"), "xena blocks bob");
    assert.ok(usernames(ok(await u.alice.req("/api/v1/directory?limit=80"))).includes("xena"));
    err(await u.alice.req("/api/v1/directory?order=name"), 422);
    err(await u.alice.req("/api/v1/directory?local=maybe"), 422);
    err(await u.alice.req("/api/v1/directory?q=ann"), 422);
    err(await u.alice.req("/api/v1/directory?limit=abc"), [400, 422]);
    err(await u.alice.req("/api/v1/directory?offset=-1"), [400, 422]);
  });
});

suite("follow suggestions", () => {
  test("the management chain, the team, people your follows follow — not the followed, blocked or deactivated", T, async () => {
    // bob: chain vpeng → ceo; team alice, erin (frank is deactivated, xena blocks him).
    await follow("bob", "alice");
    // alice follows yan (earlier) and, here, zed: both followed by someone bob follows.
    await follow("alice", "zed");
    const v2 = await u.bob.client.v2.suggestions.list({ limit: 40 });
    const got = v2.map((s) => [s.account.username, s.sources, s.source]);
    assert.deepEqual(got.slice(0, 3), [
      ["vpeng", ["featured"], "staff"],
      ["ceo", ["featured"], "staff"],
      ["erin", ["featured"], "staff"],
    ]);
    const rest = v2.slice(3).map((s) => s.account.username).sort();
    assert.deepEqual(rest, ["yan", "zed"]);
    for (const s of v2.slice(3)) assert.deepEqual(s.sources, ["friends_of_friends"]);
    const raw = ok(await u.bob.req("/api/v2/suggestions"));
    assert.deepEqual(raw[0].reasons, ["management_chain"]);
    assert.deepEqual(raw[2].reasons, ["team"]);
    for (const name of ["bob", "alice", "frank", "xena"]) assert.ok(!usernames(v2).includes(name), `${name} is not suggested`);

    const v1 = await u.bob.client.v1.suggestions.list({ limit: 2 });
    assert.deepEqual(usernames(v1), ["vpeng", "ceo"]);

    // ivan: his manager alice, her manager vpeng (ceo he follows already).
    const ivan = usernames(ok(await u.ivan.req("/api/v2/suggestions")).map((s) => s.account));
    assert.deepEqual(ivan.slice(0, 2), ["alice", "vpeng"]);
    assert.ok(!ivan.includes("ceo"), ivan.join());
    // Following someone takes them out; a mute too.
    await follow("bob", "vpeng");
    ok(await u.bob.req(`/api/v1/accounts/${ids.ceo}/mute`, { method: "POST" }));
    const after = usernames(await u.bob.client.v1.suggestions.list());
    assert.ok(!after.includes("vpeng") && !after.includes("ceo"), after.join());
    ok(await u.bob.req(`/api/v1/accounts/${ids.ceo}/unmute`, { method: "POST" }));
  });

  test("a dismissed suggestion never comes back, across a restart", T, async () => {
    assert.ok(usernames(await u.bob.client.v1.suggestions.list()).includes("erin"));
    await u.bob.client.v1.suggestions.$select(ids.erin).remove();
    assert.ok(!usernames(await u.bob.client.v1.suggestions.list()).includes("erin"));
    assert.ok(!usernames((await u.bob.client.v2.suggestions.list()).map((s) => s.account)).includes("erin"));
    assert.ok(usernames((await u.alice.client.v2.suggestions.list()).map((s) => s.account)).includes("erin"), "only for bob");
    // Dismissing someone unknown or twice is no error, as Mastodon.
    assert.deepEqual(ok(await u.bob.req("/api/v1/suggestions/999999999", { method: "DELETE" })), {});
    assert.deepEqual(ok(await u.bob.req(`/api/v1/suggestions/${ids.erin}`, { method: "DELETE" })), {});
    await srv.stop();
    await boot();
    assert.ok(!usernames(await u.bob.client.v1.suggestions.list()).includes("erin"), "still dismissed after a restart");
  });

  test("bad input is refused", T, async () => {
    err(await u.bob.req("/api/v2/suggestions?source=staff"), 422);
    err(await u.bob.req("/api/v1/suggestions?limit=abc"), [400, 422]);
    err(await u.bob.req("/api/v1/suggestions?limit=0"), [400, 422]);
    err(await u.bob.req(`/api/v1/suggestions/${ids.ceo}`, { method: "DELETE", json: { forever: true } }), 422);
    assert.ok(usernames(await u.bob.client.v1.suggestions.list()).includes("ceo"), "the refused dismissal changed nothing");
    err(await u.bob.req("/api/v1/suggestions/abc", { method: "DELETE" }), 404);
  });
});

suite("a person's featured tags", () => {
  test("the tags someone features, with their public use; nothing across a block", T, async () => {
    ok(await u.xena.req("/api/v1/featured_tags", { method: "POST", json: { name: "roadmap" } }));
    ok(await u.xena.req("/api/v1/statuses", { method: "POST", json: { status: "Q3 #roadmap is out" } }));
    ok(await u.xena.req("/api/v1/statuses", { method: "POST", json: { status: "followers only #roadmap", visibility: "private" } }));
    const tags = await u.alice.client.v1.accounts.$select(ids.xena).featuredTags.list();
    assert.deepEqual(
      tags.map((t) => [t.name, t.statusesCount]),
      [["roadmap", 1]],
    );
    assert.ok(tags[0].url.endsWith("/@xena/tagged/roadmap"));
    assert.deepEqual(ok(await u.bob.req(`/api/v1/accounts/${ids.xena}/featured_tags`)), [], "xena blocks bob");
    assert.deepEqual(ok(await u.alice.req(`/api/v1/accounts/${ids.zed}/featured_tags`)), []);
    err(await u.alice.req(`/api/v1/accounts/999999999/featured_tags`), 404);
    err(await u.alice.req(`/api/v1/accounts/${ids.xena}/featured_tags?limit=5`), 422);
  });
});
