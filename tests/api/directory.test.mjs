// The directory and profiles: an org imported with `atrium import-directory`,
// the profile and org-chart endpoints, what people may change about
// themselves (update_credentials), the people directory, expertise and
// endorsements, and the CSV import's all-or-nothing rules.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import fsp from "node:fs/promises";
import path from "node:path";
import { makeDataDir, startServer, runCli, createUser } from "./lib/server.mjs";
import { request } from "./lib/http.mjs";
import { registerApp, passwordToken, OOB } from "./lib/oauth.mjs";
import { ok, err, SCOPES } from "./lib/social-helpers.mjs";

const T = { timeout: 60000 };

const HEADER = "username,email,display_name,title,department,manager,location,external_id,active";
// Managers named before and after their reports, by username and by external id.
const ORG = [
  "alice,alice@example.com,Alice Archer,Staff Engineer,Engineering,vpeng,Berlin,E201,true",
  "bob,bob@example.com,Bob Builder,Engineer,Engineering,E200,Lisbon,E202,true",
  "vpeng,vpeng@example.com,Victor Vance,VP Engineering,Engineering,ceo,Berlin,E200,true",
  "vpsales,vpsales@example.com,Sally Seller,VP Sales,Sales,E100,Paris,E300,true",
  "carol,carol@example.com,Carol Closer,Account Executive,Sales,vpsales,Paris,E301,true",
  "dave,dave@example.com,Dave Dealer,Account Executive,Sales,vpsales,New York,E302,true",
  "frank,frank@example.com,Frank Former,Account Executive,Sales,vpsales,Paris,E303,false",
  'ceo,ceo@example.com,"Cora Chief, Jr.",Chief Executive Officer,Leadership,,Paris,E100,true',
];
const csv = (rows) => [HEADER, ...rows].join("\r\n") + "\r\n";
const PASSWORDS = ["alice", "bob", "carol", "dave", "vpeng", "nora"];

let dataDir, srv, url, app;
const people = {}; // username -> {id, token?}

async function writeCsv(name, text) {
  const file = path.join(dataDir, name);
  await fsp.writeFile(file, text);
  return file;
}

async function importCsv(file, extra = []) {
  return runCli(["import-directory", file, ...extra], { dataDir });
}

async function userList() {
  const r = await runCli(["user", "list"], { dataDir });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

const as = (name) => (p, opts = {}) => request(url, p, { token: people[name].token, ...opts });
const names = (accounts) => accounts.map((a) => a.username);
const profile = async (viewer, name) => ok(await as(viewer)(`/api/v1/atrium/profiles/${people[name].id}`));

before(async () => {
  dataDir = await makeDataDir();
  const file = await writeCsv("org.csv", "\uFEFF" + csv(ORG));
  const r = await importCsv(file);
  assert.equal(r.code, 0, `import failed: ${r.stderr}`);
  assert.match(r.stdout, /created 8, updated 0, unchanged 0, deactivated 0/);
  assert.ok(!r.stdout.includes("\r"), "no progress noise when stdout is not a terminal");
  // A directory that sends no external ids still owns the names it sends.
  const noIds = await importCsv(await writeCsv("no-ids.csv", "username,display_name\nnora,Nora North\n"));
  assert.equal(noIds.code, 0, `import failed: ${noIds.stderr}`);
  for (const name of PASSWORDS) {
    const reset = await runCli(["user", "reset-password", name, "--password-stdin"], { dataDir, stdin: `${name}-password-1\n` });
    assert.equal(reset.code, 0, reset.stderr);
  }
  const lou = await createUser(dataDir, "lou", { email: "lou@example.com", password: "lou-password-1" });
  assert.equal(lou.code, 0, lou.stderr);
  srv = await startServer({ dataDir });
  url = srv.url;
  app = await registerApp(url, { name: "directory-tests", redirectUris: OOB, scopes: SCOPES });
  for (const name of [...PASSWORDS, "lou"]) {
    const token = await passwordToken(url, app, name, `${name}-password-1`, SCOPES);
    people[name] = { token };
  }
  for (const name of ["alice", "bob", "vpeng", "vpsales", "carol", "dave", "frank", "ceo", "lou", "nora"]) {
    const a = ok(await request(url, `/api/v1/accounts/lookup?acct=${name}`, { token: people.lou.token }));
    people[name] = { ...people[name], id: a.id };
  }
});

suite("profiles and the org chart", () => {
  test("a profile has the directory block, the manager and expertise", T, async () => {
    const p = await profile("bob", "alice");
    assert.equal(p.account.id, people.alice.id);
    assert.equal(p.account.display_name, "Alice Archer");
    assert.equal(p.directory.title, "Staff Engineer");
    assert.equal(p.directory.department, "Engineering");
    assert.equal(p.directory.location, "Berlin");
    assert.equal(p.directory.email, "alice@example.com");
    assert.equal(p.directory.manager?.username, "vpeng");
    assert.ok(Array.isArray(p.expertise));
    const ceo = await profile("bob", "ceo");
    assert.equal(ceo.account.display_name, "Cora Chief, Jr.");
    assert.equal(ceo.directory.manager, null);
  });

  test("management chain: nearest first, up to the CEO", T, async () => {
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.alice.id}/management_chain`))), ["vpeng", "ceo"]);
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.carol.id}/management_chain`))), ["vpsales", "ceo"]);
    assert.deepEqual(ok(await as("bob")(`/api/v1/atrium/profiles/${people.ceo.id}/management_chain`)), []);
  });

  test("manager: the one above; 404 at the top", T, async () => {
    assert.equal(ok(await as("bob")(`/api/v1/atrium/profiles/${people.alice.id}/manager`)).username, "vpeng");
    assert.equal(ok(await as("bob")(`/api/v1/atrium/profiles/${people.vpsales.id}/manager`)).username, "ceo");
    err(await as("bob")(`/api/v1/atrium/profiles/${people.ceo.id}/manager`), 404);
  });

  test("reports and peers (active people only, by display name)", T, async () => {
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.ceo.id}/reports`))), ["vpsales", "vpeng"]);
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.vpeng.id}/reports`))), ["alice", "bob"]);
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.vpsales.id}/reports`))), ["carol", "dave"]);
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.alice.id}/peers`))), ["bob"]);
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.carol.id}/peers`))), ["dave"]);
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.vpeng.id}/peers`))), ["vpsales"]);
    assert.deepEqual(ok(await as("bob")(`/api/v1/atrium/profiles/${people.ceo.id}/peers`)), []);
  });

  test("an unknown id → 404 everywhere", T, async () => {
    for (const id of ["123456789", "nope"])
      for (const tail of ["", "/manager", "/management_chain", "/reports", "/peers"])
        err(await as("bob")(`/api/v1/atrium/profiles/${id}${tail}`), 404);
  });

  test("without a token → 401", T, async () => {
    err(await request(url, `/api/v1/atrium/profiles/${people.alice.id}`), 401);
  });

  test("Mastodon fields: Title, Department, Location first; source.fields only the person's own", T, async () => {
    const set = await as("alice")("/api/v1/accounts/update_credentials", {
      method: "PATCH",
      json: { fields_attributes: [{ name: "Blog", value: "https://alice.example" }] },
    });
    const me = ok(set);
    assert.deepEqual(me.source.fields.map((f) => [f.name, f.value]), [["Blog", "https://alice.example"]]);
    const a = ok(await as("bob")(`/api/v1/accounts/${people.alice.id}`));
    assert.deepEqual(a.fields.slice(0, 3).map((f) => [f.name, f.value]), [
      ["Title", "Staff Engineer"],
      ["Department", "Engineering"],
      ["Location", "Berlin"],
    ]);
    assert.equal(a.fields.length, 4);
    assert.equal(a.fields[3].name, "Blog");
    assert.match(a.fields[3].value, /href="https:\/\/alice\.example"/);
    const verify = ok(await as("alice")("/api/v1/accounts/verify_credentials"));
    assert.deepEqual(verify.source.fields.map((f) => f.name), ["Blog"]);
    assert.equal(verify.fields[0].name, "Title");
  });
});

suite("update_credentials", () => {
  const patch = (name, opts) => as(name)("/api/v1/accounts/update_credentials", { method: "PATCH", ...opts });

  test("each directory field → 422 naming it, and nothing changes", T, async () => {
    const before = await profile("alice", "alice");
    for (const field of ["title", "department", "location", "phone", "email", "employee_number", "manager"]) {
      for (const body of [{ form: { [field]: "x" } }, { json: { [field]: "x", note: "sneaky" } }]) {
        const e = err(await patch("alice", body), 422);
        assert.ok(`${e.error} ${e.error_description ?? ""}`.includes(field), `422 should name ${field}: ${JSON.stringify(e)}`);
      }
    }
    const after = await profile("alice", "alice");
    assert.deepEqual(after.directory, before.directory);
    assert.equal(after.about, before.about);
  });

  test("note is Markdown, rendered to HTML in `note`; source.note keeps the Markdown", T, async () => {
    const me = ok(await patch("alice", { json: { note: "I build **databases**. See [my blog](https://alice.example)." } }));
    assert.match(me.note, /<strong>databases<\/strong>/);
    assert.match(me.note, /<a [^>]*href="https:\/\/alice\.example"/);
    assert.equal(me.source.note, "I build **databases**. See [my blog](https://alice.example).");
    const p = await profile("bob", "alice");
    assert.equal(p.about, "I build **databases**. See [my blog](https://alice.example).");
    assert.match(p.about_html, /<strong>databases<\/strong>/);
    const script = ok(await patch("alice", { form: { note: "<script>alert(1)</script> hi" } }));
    assert.ok(!script.note.includes("<script>"), `raw HTML must not pass through: ${script.note}`);
  });

  test("pronouns", T, async () => {
    ok(await patch("alice", { form: { pronouns: "she/her" } }));
    assert.equal((await profile("bob", "alice")).pronouns, "she/her");
    err(await patch("alice", { form: { pronouns: "x".repeat(41) } }), 422);
    assert.equal((await profile("bob", "alice")).pronouns, "she/her");
  });

  test("fields_attributes: the indexed form and a JSON array", T, async () => {
    const indexed = ok(
      await patch("alice", {
        form: [
          ["fields_attributes[0][name]", "Blog"],
          ["fields_attributes[0][value]", "https://alice.example"],
          ["fields_attributes[1][name]", "Team"],
          ["fields_attributes[1][value]", "Storage"],
        ],
      }),
    );
    assert.deepEqual(indexed.source.fields.map((f) => [f.name, f.value]), [
      ["Blog", "https://alice.example"],
      ["Team", "Storage"],
    ]);
    const array = ok(
      await patch("alice", {
        json: { fields_attributes: [{ name: "GitHub", value: "https://github.com/alice" }, { name: "Pets", value: "a cat" }] },
      }),
    );
    assert.deepEqual(array.source.fields.map((f) => [f.name, f.value]), [
      ["GitHub", "https://github.com/alice"],
      ["Pets", "a cat"],
    ]);
    const object = ok(
      await patch("alice", { json: { fields_attributes: { 0: { name: "Blog", value: "https://alice.example" } } } }),
    );
    assert.deepEqual(object.source.fields.map((f) => f.name), ["Blog"]);
  });

  test("expertise[] (form and JSON)", T, async () => {
    ok(await patch("bob", { form: [["expertise[]", "rust"], ["expertise[]", "#Go"]] }));
    assert.deepEqual((await profile("alice", "bob")).expertise.map((e) => e.tag), ["rust", "go"]);
    ok(await patch("alice", { json: { expertise: ["rust", "databases", "#rust"] } }));
    assert.deepEqual((await profile("bob", "alice")).expertise.map((e) => e.tag), ["rust", "databases"]);
    err(await patch("alice", { json: { expertise: ["not a tag!"] } }), 422);
    assert.deepEqual((await profile("bob", "alice")).expertise.map((e) => e.tag), ["rust", "databases"]);
  });

  test("display_name: refused for a directory person, allowed for others", T, async () => {
    err(await patch("alice", { form: { display_name: "Ally" } }), 422);
    assert.equal((await profile("bob", "alice")).account.display_name, "Alice Archer");
    // Clients send the whole form back: the current name is not a change.
    ok(await patch("alice", { form: { display_name: "Alice Archer", pronouns: "she/her" } }));
    const lou = ok(await patch("lou", { form: { display_name: "Lou Local" } }));
    assert.equal(lou.display_name, "Lou Local");
  });

  test("display_name: a directory person without an external id cannot become someone else", T, async () => {
    const before = await profile("nora", "nora");
    assert.equal(before.directory.managed, true);
    for (const body of [{ form: { display_name: "Ada Admin" } }, { json: { display_name: "Ada Admin", note: "hi" } }]) {
      const e = err(await patch("nora", body), 422);
      assert.match(`${e.error} ${e.error_description ?? ""}`, /display_name comes from the organization's directory/);
    }
    const after = await profile("bob", "nora");
    assert.equal(after.account.display_name, "Nora North");
    assert.equal(after.about, before.about, "the refused request changed nothing else");
    assert.equal(ok(await as("nora")("/api/v1/accounts/verify_credentials")).display_name, "Nora North");
    // A local account has no directory source and names itself.
    assert.equal((await profile("lou", "lou")).directory.managed, false);
    assert.equal(ok(await patch("lou", { form: { display_name: "Lou Again" } })).display_name, "Lou Again");
  });

  test("too many fields or expertise tags → 422, nothing changes", T, async () => {
    const form = [];
    for (let i = 0; i < 9; i++) form.push([`fields_attributes[${i}][name]`, `n${i}`], [`fields_attributes[${i}][value]`, `v${i}`]);
    err(await patch("alice", { form }), 422);
    const tags = Array.from({ length: 31 }, (_, i) => `tag${i}`);
    err(await patch("alice", { json: { expertise: tags } }), 422);
    const me = ok(await as("alice")("/api/v1/accounts/verify_credentials"));
    assert.deepEqual(me.source.fields.map((f) => f.name), ["Blog"]);
    assert.deepEqual((await profile("bob", "alice")).expertise.map((e) => e.tag), ["rust", "databases"]);
  });
});

suite("people directory", () => {
  const find = async (query) => names(ok(await as("bob")(`/api/v1/atrium/directory?${new URLSearchParams(query)}`))).sort();

  test("q: a prefix of the username, the name or a word of it", T, async () => {
    assert.deepEqual(await find({ q: "ali" }), ["alice"]);
    assert.deepEqual(await find({ q: "Arch" }), ["alice"]);
    assert.deepEqual(await find({ q: "chief" }), ["ceo"]);
    assert.deepEqual(await find({ q: "zzz" }), []);
  });

  test("title, department, location, expertise, combined", T, async () => {
    assert.deepEqual(await find({ title: "account" }), ["carol", "dave"]);
    assert.deepEqual(await find({ title: "engineer" }), ["alice", "bob", "vpeng"]);
    assert.deepEqual(await find({ department: "Sales" }), ["carol", "dave", "vpsales"]);
    assert.deepEqual(await find({ location: "york" }), ["dave"]);
    assert.deepEqual(await find({ expertise: "rust" }), ["alice", "bob"]);
    assert.deepEqual(await find({ expertise: "#data" }), ["alice"]);
    assert.deepEqual(await find({ department: "Engineering", location: "Berlin" }), ["alice", "vpeng"]);
    assert.deepEqual(await find({ title: "account", location: "paris" }), ["carol"]);
    assert.deepEqual(await find({ q: "bob", department: "Sales" }), []);
  });

  test("deactivated people are absent", T, async () => {
    // frank was imported with active=false
    assert.ok(!(await find({ department: "Sales" })).includes("frank"));
    const off = await runCli(["user", "deactivate", "dave"], { dataDir });
    assert.equal(off.code, 0, off.stderr);
    assert.deepEqual(await find({ location: "york" }), []);
    assert.deepEqual(names(ok(await as("bob")(`/api/v1/atrium/profiles/${people.vpsales.id}/reports`))), ["carol"]);
    err(await as("dave")("/api/v1/accounts/verify_credentials"), 401);
    const on = await runCli(["user", "reactivate", "dave"], { dataDir });
    assert.equal(on.code, 0, on.stderr);
    assert.deepEqual(await find({ location: "york" }), ["dave"]);
    // deactivation revoked dave's tokens; he signs in again
    people.dave.token = await passwordToken(url, app, "dave", "dave-password-1", SCOPES);
  });
});

suite("expertise and endorsements", () => {
  const endorse = (who, whom, tag, method = "POST") =>
    as(who)(`/api/v1/atrium/profiles/${people[whom].id}/expertise/${tag}/endorse`, { method });
  const rust = (p) => p.expertise.find((e) => e.tag === "rust");

  test("endorse a listed tag: the count goes up once, endorsed is the viewer's", T, async () => {
    const first = ok(await endorse("bob", "alice", "rust"));
    assert.equal(rust(first).endorsements, 1);
    assert.equal(rust(first).endorsed, true);
    const again = ok(await endorse("bob", "alice", "rust"));
    assert.equal(rust(again).endorsements, 1);
    const seenByAlice = await profile("alice", "alice");
    assert.equal(rust(seenByAlice).endorsements, 1);
    assert.equal(rust(seenByAlice).endorsed, false);
    assert.equal(rust(ok(await endorse("carol", "alice", "rust"))).endorsements, 2);
    assert.equal(rust(ok(await endorse("alice", "bob", "rust"))).endorsements, 1);
  });

  test("yourself, a tag they do not list → 422; an unknown person → 404", T, async () => {
    err(await endorse("alice", "alice", "rust"), 422);
    err(await endorse("bob", "alice", "cooking"), 422);
    err(await as("bob")("/api/v1/atrium/profiles/123456789/expertise/rust/endorse", { method: "POST" }), 404);
  });

  test("endorsers, and who knows about a tag ranked by endorsements", T, async () => {
    const endorsers = ok(await as("dave")(`/api/v1/atrium/profiles/${people.alice.id}/expertise/rust/endorsers`));
    assert.deepEqual(names(endorsers).sort(), ["bob", "carol"]);
    const experts = ok(await as("dave")("/api/v1/atrium/expertise/rust"));
    assert.deepEqual(experts.map((e) => [e.account.username, e.endorsements]), [["alice", 2], ["bob", 1]]);
    assert.deepEqual(ok(await as("dave")("/api/v1/atrium/expertise/%23RUST")).map((e) => e.account.username), ["alice", "bob"]);
  });

  test("unendorse", T, async () => {
    assert.equal(rust(ok(await endorse("carol", "alice", "rust", "DELETE"))).endorsements, 1);
    const endorsers = ok(await as("dave")(`/api/v1/atrium/profiles/${people.alice.id}/expertise/rust/endorsers`));
    assert.deepEqual(names(endorsers), ["bob"]);
    assert.equal(rust(ok(await endorse("carol", "alice", "rust", "DELETE"))).endorsements, 1);
  });
});

suite("what a block means", () => {
  const byId = (viewer, name) => as(viewer)(`/api/v1/accounts/${people[name].id}`);
  // What bob may always see of vpeng: the org chart's part.
  const assertOrgChartOnly = (a, why) => {
    assert.equal(a.username, "vpeng", why);
    assert.equal(a.display_name, "Victor Vance", why);
    assert.equal(a.note, "", why);
    assert.deepEqual(a.fields.map((f) => f.name), ["Title", "Department"], why);
    assert.equal(a.fields[0].value, "VP Engineering", why);
    assert.equal(a.statuses_count, 0, why);
    assert.equal(a.followers_count, 0, why);
    assert.equal(a.last_status_at, null, why);
  };
  const assertWhole = (a, why) => {
    assert.match(a.note, /hiring/, why);
    assert.deepEqual(a.fields.map((f) => f.name), ["Title", "Department", "Location", "Site"], why);
    assert.ok(a.statuses_count >= 1, why);
  };

  test("vpeng blocks bob, his report: the org chart stays, nothing personal on any path, either way", T, async () => {
    ok(await as("vpeng")("/api/v1/accounts/update_credentials", {
      method: "PATCH",
      json: { note: "Ask me about **hiring**", pronouns: "he/him", expertise: ["leadership"], fields_attributes: [{ name: "Site", value: "https://victor.example" }] },
    }));
    ok(await as("vpeng")("/api/v1/statuses", { method: "POST", json: { status: "Quarterly planning today" } }));
    assertWhole(ok(await byId("bob", "vpeng")), "before the block");
    ok(await as("vpeng")(`/api/v1/accounts/${people.bob.id}/block`, { method: "POST" }));
    try {
      assertOrgChartOnly(ok(await byId("bob", "vpeng")), "GET /api/v1/accounts/:id");
      assertOrgChartOnly(ok(await as("bob")("/api/v1/accounts/lookup?acct=vpeng")), "lookup");
      assertOrgChartOnly(ok(await as("bob")(`/api/v1/atrium/profiles/${people.bob.id}/manager`)), "/manager");
      const chain = ok(await as("bob")(`/api/v1/atrium/profiles/${people.bob.id}/management_chain`));
      assert.deepEqual(names(chain), ["vpeng", "ceo"], "the chain keeps the manager");
      assertOrgChartOnly(chain[0], "management_chain");
      const reports = ok(await as("bob")(`/api/v1/atrium/profiles/${people.ceo.id}/reports`));
      assertOrgChartOnly(reports.find((a) => a.username === "vpeng"), "reports");

      const card = await profile("bob", "vpeng");
      assert.equal(card.limited, true);
      assertOrgChartOnly(card.account, "the profile card's account");
      assert.equal(card.about, "");
      assert.equal(card.about_html, "");
      assert.equal(card.pronouns, "");
      assert.deepEqual(card.expertise, []);
      assert.equal(card.directory.title, "VP Engineering");
      assert.equal(card.directory.department, "Engineering");
      assert.equal(card.directory.manager?.username, "ceo", "his own manager is the org chart too");
      for (const field of ["location", "email", "phone", "employee_number", "cost_center"])
        assert.equal(card.directory[field], "", `directory.${field}`);
      const own = await profile("bob", "bob");
      assert.equal(own.limited, false);
      assert.equal(own.directory.manager?.username, "vpeng", "bob still sees who his manager is");
      assertOrgChartOnly(own.directory.manager, "directory.manager");

      // Finding people: someone either side of a block is not found.
      assert.deepEqual(ok(await as("bob")("/api/v1/accounts/search?q=victor")), []);
      assert.deepEqual(ok(await as("bob")("/api/v1/atrium/directory?q=victor")), []);
      assert.deepEqual(ok(await as("bob")("/api/v1/atrium/expertise/leadership")), []);

      // The other way: vpeng sees bob, whom he blocked, only as the org chart does.
      const bobCard = await profile("vpeng", "bob");
      assert.equal(bobCard.limited, true);
      assert.equal(bobCard.account.username, "bob");
      assert.equal(bobCard.directory.location, "");
      assert.equal(bobCard.directory.email, "");
      const team = ok(await as("vpeng")(`/api/v1/atrium/profiles/${people.vpeng.id}/reports`));
      assert.deepEqual(names(team), ["alice", "bob"], "a blocked report is still a report");
      assert.deepEqual(team[1].fields.map((f) => f.name), ["Title", "Department"]);
      const blocked = ok(await as("vpeng")("/api/v1/blocks"));
      assert.deepEqual(names(blocked), ["bob"]);

      // Anyone else still sees vpeng whole.
      assertWhole(ok(await byId("alice", "vpeng")), "alice is not part of the block");
      assert.equal((await profile("alice", "vpeng")).directory.location, "Berlin");
      assert.deepEqual((await profile("alice", "vpeng")).expertise.map((e) => e.tag), ["leadership"]);
    } finally {
      ok(await as("vpeng")(`/api/v1/accounts/${people.bob.id}/unblock`, { method: "POST" }));
    }
    assertWhole(ok(await byId("bob", "vpeng")), "after the unblock");
    assert.equal((await profile("bob", "vpeng")).limited, false);
    assert.equal((await profile("bob", "vpeng")).about, "Ask me about **hiring**");
  });
});

suite("atrium import-directory", () => {
  test("a second run with the same file changes nothing", T, async () => {
    const r = await importCsv(await writeCsv("org.csv", csv(ORG)));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created 0, updated 0, unchanged 8, deactivated 0/);
  });

  test("a bad row rejects the whole file with its line numbers; nothing changes", T, async () => {
    const before = await userList();
    const file = await writeCsv(
      "bad.csv",
      csv([
        "alice,alice@example.com,Alice Archer,Principal Engineer,Engineering,vpeng,Berlin,E201,true", // 2
        "gina,gina@example.com,Gina New,Engineer,Engineering,vpeng,Berlin,E204,true", // 3
        "hank,not-an-email,Hank New,Engineer,Engineering,vpeng,Berlin,E205,true", // 4
        "ivan,ivan@example.com,Ivan New,Engineer,Engineering,gina,Berlin,E206,true", // 5
        "jill,jill@example.com,Jill New,Engineer,Engineering,nobody,Berlin,E207,true", // 6
      ]),
    );
    const r = await importCsv(file);
    assert.equal(r.code, 1, `expected exit 1: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /line 4\b.*e-mail/i);
    assert.match(r.stderr, /line 6\b.*nobody/);
    assert.doesNotMatch(r.stderr, /line [235]\b/);
    assert.equal(await userList(), before);
    assert.equal((await profile("bob", "alice")).directory.title, "Staff Engineer");
  });

  test("a manager cycle in the file → rejected", T, async () => {
    const before = await userList();
    const file = await writeCsv(
      "cycle.csv",
      "username,manager\nvpeng,alice\nnewbie,vpeng\n", // alice reports to vpeng already
    );
    const r = await importCsv(file);
    assert.equal(r.code, 1, `expected exit 1: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /line 2\b.*cycle/);
    const inFile = await importCsv(await writeCsv("cycle2.csv", "username,manager\nxa,xb\nxb,xc\nxc,xa\n"));
    assert.equal(inFile.code, 1);
    for (const line of [2, 3, 4]) assert.match(inFile.stderr, new RegExp(`line ${line}\\b.*cycle`));
    assert.equal(await userList(), before);
  });

  test("unknown columns and unreadable files → exit 1", T, async () => {
    const r = await importCsv(await writeCsv("cols.csv", "username,shoe_size\nzed,42\n"));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /shoe_size/);
    const missing = await importCsv(path.join(dataDir, "no-such-file.csv"));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read/);
  });

  test("--deactivate-missing deactivates an imported person absent from the file", T, async () => {
    ok(await as("carol")("/api/v1/accounts/verify_credentials"));
    const file = await writeCsv("without-carol.csv", csv(ORG.filter((l) => !l.startsWith("carol,"))));
    const plain = await importCsv(file);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /deactivated 0/);
    ok(await as("carol")("/api/v1/accounts/verify_credentials"));
    const r = await importCsv(file, ["--deactivate-missing"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created 0, updated 0, unchanged 7, deactivated 1/);
    err(await as("carol")("/api/v1/accounts/verify_credentials"), 401);
    assert.match(await userList(), /^carol\t.*\tdeactivated\t/m);
    ok(await as("lou")("/api/v1/accounts/verify_credentials")); // not from the directory: untouched
    ok(await as("alice")("/api/v1/accounts/verify_credentials"));
  });
});
