// Moving an installation: `atrium export` from the embedded store, `atrium
// import` into PostgreSQL (into another embedded store when the suite runs
// on SQLite), and back again. The demo organization, plus activity that
// touches every kind of record, is read through the API as each member
// before the move and after each step: every account, post, relationship,
// community, notification and avatar must arrive unchanged — and the
// members' existing access tokens keep working, since they travel too.
// Bad exports and non-empty targets are refused and change nothing.
import { test, describe, after, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { startServer, stopAll, runCli, makeDataDir, usingPostgres } from "./lib/server.mjs";
import { request, describe as describeRes } from "./lib/http.mjs";
import { registerApp, passwordToken } from "./lib/oauth.mjs";

after(stopAll);

const T = { timeout: 180000 };
const DEMO_PASSWORD = "atrium-demo";
const MEMBERS = ["admin", "maria", "jonas", "priya", "tomas", "mei", "samuel", "lena"];
const SCOPES = "read write follow push admin:read admin:write";
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6338" +
    "71e6d27f00082c0366669" +
    "74ab60000000049454e44ae426082",
  "hex",
);

async function api(url, token, pathName, opts = {}) {
  const res = await request(url, pathName, { token, ...opts });
  assert.ok(res.status >= 200 && res.status < 300, `${opts.method || "GET"} ${pathName}: ${describeRes(res)}`);
  return res.json;
}

// Activity beyond the demo organization, so that every table holds rows:
// bookmarks, pins, an edit, mutes, blocks, lists, markers, an idempotent
// post, a follow request, a community moderation record, an avatar, SCIM
// tokens and groups.
async function addActivity(url, dataDir, tokens) {
  const [maria, jonas, mei, admin] = [tokens.maria, tokens.jonas, tokens.mei, tokens.admin];
  const ids = {};
  for (const name of MEMBERS) ids[name] = (await api(url, tokens[name], `/api/v1/accounts/lookup?acct=${name}`)).id;
  const post = await api(url, maria, "/api/v1/statuses", {
    method: "POST",
    json: { status: "Tabs\tand\nnew lines, a back\\slash, quotes \"'\" and ünïcödé 🎉 for @jonas #Export" },
    headers: { "Idempotency-Key": "export-test-1" },
  });
  await api(url, maria, `/api/v1/statuses/${post.id}`, { method: "PUT", json: { status: "Edited once #Export" } });
  await api(url, maria, `/api/v1/statuses/${post.id}/pin`, { method: "POST" });
  await api(url, jonas, `/api/v1/statuses/${post.id}/bookmark`, { method: "POST" });
  await api(url, jonas, `/api/v1/statuses/${post.id}/favourite`, { method: "POST" });
  await api(url, mei, `/api/v1/statuses`, { method: "POST", json: { status: "A reply", in_reply_to_id: post.id } });
  await api(url, maria, `/api/v1/accounts/${ids.samuel}/mute`, { method: "POST", json: { notifications: false } });
  await api(url, jonas, `/api/v1/accounts/${ids.tomas}/block`, { method: "POST" });
  const list = await api(url, maria, "/api/v1/lists", { method: "POST", json: { title: "Platform team" } });
  await api(url, maria, `/api/v1/lists/${list.id}/accounts`, { method: "POST", json: { account_ids: [ids.jonas] } });
  await api(url, maria, "/api/v1/markers", { method: "POST", json: { home: { last_read_id: post.id } } });
  await api(url, mei, `/api/v1/accounts/${ids.lena}/follow`, { method: "POST" }); // lena approves followers
  const form = new FormData();
  form.append("avatar", new Blob([PNG], { type: "image/png" }), "mei.png");
  const up = await fetch(`${url}/api/v1/accounts/update_credentials`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${mei}` },
    body: form,
  });
  assert.equal(up.status, 200, await up.text());
  // A moderator removes a post in a community: a moderation record.
  const communities = await api(url, admin, "/api/v1/atrium/communities?limit=40");
  const coffee = communities.find((c) => c.handle === "coffee");
  assert.ok(coffee, "the demo has the coffee community");
  const members = await api(url, admin, `/api/v1/atrium/communities/${coffee.id}/members?limit=80`);
  const owner = members.find((m) => m.role === "owner");
  const poster = members.find((m) => m.role === "member");
  const ownerName = MEMBERS.find((n) => ids[n] === owner.account.id);
  const posterName = MEMBERS.find((n) => ids[n] === poster.account.id);
  assert.ok(ownerName && posterName, "the coffee community has an owner and a member among the demo members");
  const doomed = await api(url, tokens[posterName], "/api/v1/statuses", {
    method: "POST",
    json: { status: "Off topic", community_id: coffee.id },
  });
  await api(url, tokens[ownerName], `/api/v1/atrium/communities/${coffee.id}/statuses/${doomed.id}`, {
    method: "DELETE",
    json: { reason: "off topic" },
  });
  return ids;
}

// Everything the members can read that the move must keep, as text with the
// server's address taken out.
async function snapshot(url, tokens, ids) {
  const out = {};
  const get = async (token, p) => {
    const res = await request(url, p, { token });
    assert.equal(res.status, 200, `GET ${p}: ${describeRes(res)}`);
    return JSON.parse(res.text.replaceAll(url, "ORIGIN"));
  };
  const all = MEMBERS.map((n) => ids[n]);
  const relQuery = all.map((id) => `id[]=${id}`).join("&");
  for (const name of MEMBERS) {
    const t = tokens[name];
    const mine = {};
    mine.me = await get(t, "/api/v1/accounts/verify_credentials");
    mine.home = await get(t, "/api/v1/timelines/home?limit=40");
    mine.organization = await get(t, "/api/v1/timelines/public?limit=40");
    mine.notifications = await get(t, "/api/v1/notifications?limit=80");
    mine.grouped = await get(t, "/api/v2/notifications?limit=80");
    mine.bookmarks = await get(t, "/api/v1/bookmarks");
    mine.favourites = await get(t, "/api/v1/favourites");
    mine.follow_requests = await get(t, "/api/v1/follow_requests");
    mine.blocks = await get(t, "/api/v1/blocks");
    mine.mutes = await get(t, "/api/v1/mutes");
    mine.lists = await get(t, "/api/v1/lists");
    for (const l of mine.lists) mine[`list ${l.id}`] = await get(t, `/api/v1/lists/${l.id}/accounts`);
    mine.markers = await get(t, "/api/v1/markers?timeline[]=home&timeline[]=notifications");
    mine.relationships = await get(t, `/api/v1/accounts/relationships?${relQuery}`);
    mine.connections = await get(t, "/api/v1/atrium/connections");
    mine.invitations = await get(t, "/api/v1/atrium/connections/invitations");
    mine.communities = await get(t, "/api/v1/atrium/communities?mine=true&limit=40");
    mine.profile = await get(t, `/api/v1/atrium/profiles/${ids[name]}`);
    mine.posts = await get(t, `/api/v1/accounts/${ids[name]}/statuses?limit=40`);
    mine.following = await get(t, `/api/v1/accounts/${ids[name]}/following`);
    mine.followers = await get(t, `/api/v1/accounts/${ids[name]}/followers`);
    // Each post and its thread as this member sees them.
    for (const id of new Set([...mine.home, ...mine.posts].map((s) => s.id))) {
      mine[`status ${id}`] = await get(t, `/api/v1/statuses/${id}`);
      mine[`context ${id}`] = await get(t, `/api/v1/statuses/${id}/context`);
    }
    out[name] = mine;
  }
  const admin = tokens.admin;
  out.accounts = await get(admin, "/api/v2/admin/accounts?limit=200");
  out.directory = await get(admin, "/api/v1/atrium/communities?limit=40");
  for (const c of out.directory) {
    out[`community ${c.handle}`] = await get(admin, `/api/v1/atrium/communities/${c.id}`);
    out[`members ${c.handle}`] = await get(admin, `/api/v1/atrium/communities/${c.id}/members?limit=80`);
  }
  const avatar = out.mei.me.avatar.replace("ORIGIN", url);
  const img = await fetch(avatar, { headers: { Authorization: `Bearer ${tokens.mei}` } });
  assert.equal(img.status, 200, `the avatar ${avatar} is served`);
  out.avatarBytes = Buffer.from(await img.arrayBuffer()).toString("hex");
  return out;
}

function assertSame(actual, expected, step) {
  for (const key of Object.keys(expected)) assert.deepEqual(actual[key], expected[key], `${step}: ${key} differs`);
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${step}: the same things were read`);
}

async function cli(args) {
  const r = await runCli(args, { timeoutMs: 120000 });
  return r;
}

async function cliOk(args) {
  const r = await cli(args);
  assert.equal(r.code, 0, `atrium ${args.join(" ")}: ${r.stderr}${r.stdout}`);
  return r;
}

// The store arguments for a target: a new PostgreSQL database when the suite
// runs on it (through runCli's dataDir), else the data folder's SQLite file.
async function importInto(dataDir, exportDir, { postgres }) {
  if (postgres) return runCli(["import", "--from", exportDir], { dataDir, timeoutMs: 120000 });
  return cli(["import", "--from", exportDir, "--data", dataDir]);
}

describe("export from the embedded store, import elsewhere, and back", () => {
  let tokens, ids, expected, exportDir, sourceDir;

  before(async () => {
    sourceDir = await makeDataDir();
    let srv = await startServer({ dataDir: sourceDir, embedded: true, args: ["--demo"] });
    const app = await registerApp(srv.url, { redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: SCOPES });
    tokens = {};
    for (const name of MEMBERS) tokens[name] = await passwordToken(srv.url, app, `${name}@example.com`, DEMO_PASSWORD, SCOPES);
    ids = await addActivity(srv.url, sourceDir, tokens);
    await cliOk(["scim-token", "create", "--description", "identity provider", "--data", sourceDir]);
    // SCIM groups: one with two members.
    const created = await cliOk(["scim-token", "create", "--description", "groups", "--data", sourceDir]);
    // The token is the output's last line. It may begin or end with "-",
    // which a \b…\b pattern would cut off.
    const scimToken = created.stdout.trim().split("\n").pop().trim();
    assert.match(scimToken, /^[A-Za-z0-9_-]{32,}$/, `a SCIM token in: ${created.stdout}`);
    const group = await request(srv.url, "/scim/v2/Groups", {
      method: "POST",
      token: scimToken,
      headers: { "content-type": "application/scim+json" },
      json: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Platform", members: [{ value: ids.maria }, { value: ids.jonas }] },
    });
    assert.equal(group.status, 201, describeRes(group));
    // What members see once the server has restarted (home streams rebuilt
    // from the store, as they will be on the target).
    await srv.stop();
    srv = await startServer({ dataDir: sourceDir, embedded: true });
    expected = await snapshot(srv.url, tokens, ids);
    await srv.stop();
    // The snapshot is worth comparing: it holds what the activity made.
    assert.equal(expected.jonas.bookmarks.length, 1);
    assert.equal(expected.maria.lists.length, 1);
    assert.equal(expected.maria.mutes.length, 1);
    assert.equal(expected.jonas.blocks.length, 1);
    assert.ok(expected.lena.follow_requests.length > 0);
    assert.match(expected.mei.me.avatar, /\/media\/avatars\//);
    for (const name of MEMBERS) assert.ok(expected[name].home.length > 0 && expected[name].notifications.length > 0, name);
    assert.ok(expected.directory.length >= 4);
    exportDir = path.join(await makeDataDir(), "export");
    const out = await cliOk(["export", "--data", sourceDir, "--out", exportDir]);
    assert.match(out.stdout, /exported \d+ tables, \d+ rows, 1 media files/); // each table is checked below
  });

  test("the export holds every table with its row count, and the avatar", T, async () => {
    const manifest = JSON.parse(await fsp.readFile(path.join(exportDir, "manifest.json"), "utf8"));
    assert.equal(manifest.format, "atrium-export");
    const rows = Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]));
    for (const table of ["accounts", "statuses", "follows", "follow_requests", "connections", "connection_invitations",
      "notifications", "communities", "community_members", "community_pins", "community_moderation", "favourites",
      "bookmarks", "pins", "mutes", "blocks", "lists", "list_accounts", "markers", "status_edits", "idempotency_keys",
      "expertise", "endorsements", "scim_tokens", "groups", "group_members", "oauth_apps", "oauth_tokens", "tags",
      "status_tags", "status_mentions", "audit_entries", "audit_head"]) {
      assert.ok(rows[table] > 0, `table ${table} has rows to move (${rows[table]})`);
      const lines = (await fsp.readFile(path.join(exportDir, "tables", `${table}.jsonl`), "utf8")).split("\n").filter(Boolean);
      assert.equal(lines.length, rows[table], `tables/${table}.jsonl has one line a row`);
    }
    const media = await fsp.readdir(path.join(exportDir, "media", "avatars"));
    assert.equal(media.length, 1);
  });

  test(`import into ${usingPostgres ? "PostgreSQL" : "another embedded store"} and back: everything arrives, tokens keep working`, T, async () => {
    const targetDir = await makeDataDir();
    const r = await importInto(targetDir, exportDir, { postgres: usingPostgres });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /every table's row count and contents match the export/);
    // The audit log arrives as one unbroken chain.
    const verified = usingPostgres
      ? await runCli(["audit", "verify"], { dataDir: targetDir })
      : await cli(["audit", "verify", "--data", targetDir]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /the audit log verifies: [1-9]\d* entries/);
    let srv = await startServer({ dataDir: targetDir, embedded: !usingPostgres });
    assertSame(await snapshot(srv.url, tokens, ids), expected, "after the import");
    await srv.stop();

    // And back: from there into a new embedded store.
    const backExport = path.join(await makeDataDir(), "export");
    const exported = usingPostgres
      ? await runCli(["export", "--out", backExport], { dataDir: targetDir, timeoutMs: 120000 })
      : await cli(["export", "--out", backExport, "--data", targetDir]);
    assert.equal(exported.code, 0, exported.stderr);
    const backDir = await makeDataDir();
    await cliOk(["import", "--from", backExport, "--data", backDir]);
    srv = await startServer({ dataDir: backDir, embedded: true });
    assertSame(await snapshot(srv.url, tokens, ids), expected, "after the way back");
    await srv.stop();

    // The moved store takes new writes whose rows are numbered by the
    // database (tags, edits): numbering continues after what was imported.
    srv = await startServer({ dataDir: targetDir, embedded: !usingPostgres });
    const fresh = await api(srv.url, tokens.maria, "/api/v1/statuses", { method: "POST", json: { status: "After the move #brandnewtag" } });
    assert.ok(BigInt(fresh.id) > BigInt(expected.maria.posts[0].id));
    const edited = await api(srv.url, tokens.maria, `/api/v1/statuses/${fresh.id}`, { method: "PUT", json: { status: "After the move, edited #anothernewtag" } });
    assert.match(edited.content, /edited/);
    const history = await api(srv.url, tokens.maria, `/api/v1/statuses/${fresh.id}/history`);
    assert.equal(history.length, 2);
    const tagged = await api(srv.url, tokens.jonas, "/api/v1/timelines/tag/anothernewtag");
    assert.deepEqual(tagged.map((s) => s.id), [fresh.id]);
    await srv.stop();
  });

  test("a target that already holds data is refused and keeps what it had", T, async () => {
    const r = await cli(["import", "--from", exportDir, "--data", sourceDir]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /already holds rows; import into a new, empty database/);
    const users = await cliOk(["user", "list", "--data", sourceDir]);
    assert.equal(users.stdout.trim().split("\n").length, MEMBERS.length);
  });

  test("a changed or cut-short export is refused, and nothing is loaded", T, async () => {
    const bad = path.join(await makeDataDir(), "export");
    await fsp.cp(exportDir, bad, { recursive: true });
    const file = path.join(bad, "tables", "statuses.jsonl");
    const lines = (await fsp.readFile(file, "utf8")).split("\n").filter(Boolean);
    // One post's text changed: the counts agree, the digest does not.
    await fsp.writeFile(file, [lines[0].replace(/"[^"]*Tabs[^"]*"|"([^"\\]|\\.)*"/, '"changed"'), ...lines.slice(1)].join("\n") + "\n");
    const targetDir = await makeDataDir();
    let r = await importInto(targetDir, bad, { postgres: usingPostgres });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /statuses\.jsonl holds \d+ rows .* the file was changed or cut short/);
    // Cut short: a row lost.
    await fsp.writeFile(file, lines.slice(1).join("\n") + "\n");
    r = await importInto(targetDir, bad, { postgres: usingPostgres });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`holds ${lines.length - 1} rows .* the manifest says ${lines.length}`));
    // Not JSON.
    await fsp.writeFile(file, "{oops\n");
    r = await importInto(targetDir, bad, { postgres: usingPostgres });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /statuses\.jsonl line 1: not a JSON array/);
    // Nothing was loaded: the same target takes the good export.
    r = await importInto(targetDir, exportDir, { postgres: usingPostgres });
    assert.equal(r.code, 0, r.stderr);
  });

  test("an unfinished export, and an export into a folder with files, are refused", T, async () => {
    const partial = path.join(await makeDataDir(), "export");
    await fsp.cp(exportDir, partial, { recursive: true });
    await fsp.rm(path.join(partial, "manifest.json"));
    const r = await cli(["import", "--from", partial, "--data", await makeDataDir()]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no manifest\.json/);
    const again = await cli(["export", "--data", sourceDir, "--out", exportDir]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /already holds files/);
    assert.ok(fs.existsSync(path.join(exportDir, "manifest.json")));
  });
});
