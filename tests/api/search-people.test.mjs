// Search of people, communities and hashtags from the index: GET
// /api/v2/search (type=accounts, hashtags), GET /api/v1/atrium/search
// (type=people, communities, experts; the first page of type=all) and the
// typeahead GET /api/v1/atrium/search/typeahead. People are found by name,
// title, department, location, expertise and about, as the rule for people
// allows (deactivated people and people on either side of a block never);
// communities by name, handle, description and tags — an unlisted
// restricted community only by those who may know of it; the index follows
// profile, expertise and community changes at once; folding agrees on both
// backends.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import fsp from "node:fs/promises";
import { socialServer, T, ok, err, post, follow } from "./lib/social-helpers.mjs";
import { stopAll, runCli } from "./lib/server.mjs";

after(stopAll);

let ctx, U;
before(async () => {
  ctx = await socialServer(["alma", "bjorn", "cleo", "dario", "esme", "fritz"]);
  U = ctx.users;
  // Work details come from the directory (the CSV import beside the server).
  const file = path.join(ctx.srv.dataDir, "people.csv");
  await fsp.writeFile(
    file,
    [
      "username,email,display_name,title,department,location",
      "alma,alma@example.com,Alma Østergård,Staff Geologist,Earth Sciences,Reykjavik",
      "bjorn,bjorn@example.com,Bjørn Straße,Payroll Officer,Finance,Lisbon",
      "cleo,cleo@example.com,Cleo Ærø,Data Engineer,Platform,Osaka",
      "dario,dario@example.com,Dario Quill,Account Executive,Sales,Paris",
      "esme,esme@example.com,Esme Vantablack,Intern,Platform,Osaka",
      "fritz,fritz@example.com,Fritz Nobody,Designer,Brand,Berlin",
    ].join("\n") + "\n",
  );
  const r = await runCli(["import-directory", file], { dataDir: ctx.srv.dataDir });
  assert.equal(r.code, 0, r.stderr + r.stdout);
});

const v2 = (user, params) => user.req(`/api/v2/search?${new URLSearchParams(params)}`);
const atrium = (user, params) => user.req(`/api/v1/atrium/search?${new URLSearchParams(params)}`);
const typeahead = (user, params) => user.req(`/api/v1/atrium/search/typeahead?${new URLSearchParams(params)}`);
const people = async (user, q, type = "people") => ok(await atrium(user, { q, type })).accounts.map((a) => a.username);
const names = (list) => list.map((a) => a.username);
const patch = (user, json) => user.req("/api/v1/accounts/update_credentials", { method: "PATCH", json });

describe("people", () => {
  test("by name, title, department, location, expertise and about", T, async () => {
    ok(await patch(U.cleo, { note: "I look after the quarzite pipelines", expertise: ["kubernetes", "postgres"] }));
    assert.deepEqual(await people(U.fritz, "geologist"), ["alma"]);
    assert.deepEqual(await people(U.fritz, "finance"), ["bjorn"]);
    assert.deepEqual((await people(U.fritz, "osaka")).sort(), ["cleo", "esme"]);
    assert.deepEqual(await people(U.fritz, "kubernetes"), ["cleo"]);
    assert.deepEqual(await people(U.fritz, "quarzite"), ["cleo"]);
    assert.deepEqual(await people(U.fritz, "quill"), ["dario"]);
    assert.deepEqual(await people(U.fritz, "platform engineer"), ["cleo"]);
    // Mastodon's account search answers from the same index, by the start of words.
    const r = await U.fritz.client.v2.search.list({ q: "vanta", type: "accounts" });
    assert.deepEqual(names(r.accounts), ["esme"]);
    assert.deepEqual(r.statuses, []);
    assert.deepEqual(r.hashtags, []);
  });

  test("the index follows profile and expertise changes at once", T, async () => {
    assert.deepEqual(await people(U.fritz, "zymurgy"), []);
    ok(await patch(U.dario, { note: "Amateur zymurgy on weekends" }));
    assert.deepEqual(await people(U.fritz, "zymurgy"), ["dario"]);
    ok(await patch(U.dario, { note: "Nothing to say" }));
    assert.deepEqual(await people(U.fritz, "zymurgy"), []);
    ok(await patch(U.dario, { expertise: ["fermentation"] }));
    assert.deepEqual(await people(U.fritz, "fermentation"), ["dario"]);
    ok(await patch(U.dario, { expertise: ["brewing"] }));
    assert.deepEqual(await people(U.fritz, "fermentation"), []);
    assert.deepEqual(await people(U.fritz, "brewing"), ["dario"]);
  });

  test("diacritics and ø, æ, ß fold the same on both backends", T, async () => {
    assert.deepEqual(await people(U.fritz, "ostergard"), ["alma"]);
    assert.deepEqual(await people(U.fritz, "Østergård"), ["alma"]);
    assert.deepEqual(await people(U.fritz, "bjorn strasse"), ["bjorn"]);
    assert.deepEqual(await people(U.fritz, "straße"), ["bjorn"]);
    assert.deepEqual(await people(U.fritz, "aro"), ["cleo"]);
    const t = ok(await typeahead(U.fritz, { q: "sterga" }));
    assert.deepEqual(names(t.accounts), ["alma"]);
  });

  test("blocked either way, and deactivated, never found by any query or path", T, async () => {
    const fresh = await import("./lib/social-helpers.mjs").then((m) => m.addUser(ctx, "gwen"));
    ok(await patch(fresh, { display_name: "Gwen Hollowmere", note: "hollowmere notes", expertise: ["hollowmere"] }));
    assert.deepEqual(await people(U.fritz, "hollowmere"), ["gwen"]);
    ok(await fresh.req(`/api/v1/accounts/${U.fritz.id}/block`, { method: "POST" }));
    assert.deepEqual(await people(U.fritz, "hollowmere"), []);
    assert.deepEqual(names(ok(await typeahead(U.fritz, { q: "hollow" })).accounts), []);
    assert.deepEqual(names(ok(await v2(U.fritz, { q: "gwen", type: "accounts" })).accounts), []);
    ok(await fresh.req(`/api/v1/accounts/${U.fritz.id}/unblock`, { method: "POST" }));
    assert.deepEqual(await people(U.fritz, "hollowmere"), ["gwen"]);
    const r = await runCli(["user", "deactivate", "gwen"], { dataDir: ctx.srv.dataDir });
    assert.equal(r.code, 0, r.stderr);
    for (const q of ["hollowmere", "gwen", "Gwen Hollowmere", "hollow*"]) {
      assert.deepEqual(await people(U.fritz, q), [], q);
      assert.deepEqual(await people(U.fritz, q, "experts"), [], q);
      assert.deepEqual(names(ok(await v2(U.fritz, { q, type: "accounts" })).accounts), [], q);
      assert.deepEqual(names(ok(await atrium(U.fritz, { q })).accounts), [], q);
    }
    for (const q of ["gw", "gwe", "hollowm", "llowme", "ho"])
      assert.deepEqual(names(ok(await typeahead(U.fritz, { q })).accounts), [], q);
  });

  test("following=true keeps the people one follows", T, async () => {
    await follow(U.esme, U.cleo);
    const r = ok(await v2(U.esme, { q: "osaka", type: "accounts", following: "true" }));
    assert.deepEqual(names(r.accounts), ["cleo"]);
    const all = ok(await v2(U.esme, { q: "osaka", type: "accounts" }));
    assert.deepEqual(names(all.accounts).sort(), ["cleo", "esme"]);
  });
});

describe("who knows it", () => {
  test("type=experts: people by expertise, the most endorsed first; not by the other fields", T, async () => {
    ok(await patch(U.alma, { expertise: ["volcanology", "basalt"] }));
    ok(await patch(U.bjorn, { expertise: ["volcanology"] }));
    ok(await patch(U.esme, { expertise: ["volcanology"], note: "basalt fan" }));
    const endorse = async (who, whom, tag) => ok(await who.req(`/api/v1/atrium/profiles/${whom.id}/expertise/${tag}/endorse`, { method: "POST" }));
    // Endorsements, not relevance or id, order the experts.
    for (const who of [U.cleo, U.dario]) await endorse(who, U.bjorn, "volcanology");
    await endorse(U.cleo, U.esme, "volcanology");
    assert.deepEqual(await people(U.fritz, "volcanology", "experts"), ["bjorn", "esme", "alma"]);
    await endorse(U.dario, U.alma, "volcanology");
    await endorse(U.fritz, U.alma, "volcanology");
    await endorse(U.esme, U.alma, "volcanology");
    assert.deepEqual(await people(U.fritz, "volcanology", "experts"), ["alma", "bjorn", "esme"]);
    // Only the expertise counts: esme's about says basalt, alma knows it.
    assert.deepEqual(await people(U.fritz, "basalt", "experts"), ["alma"]);
    assert.deepEqual((await people(U.fritz, "basalt")).sort(), ["alma", "esme"]);
  });
});

describe("communities", () => {
  let open, hidden, listed;
  before(async () => {
    const make = async (json) => ok(await U.alma.req("/api/v1/atrium/communities", { method: "POST", json }));
    open = await make({ handle: "glaciers", name: "Glacier Watch", description: "Ice and moraines", tags: ["cryosphere"], type: "public" });
    listed = await make({ handle: "tundra_club", name: "Tundra Club", description: "Permafrost moraines", type: "restricted" });
    hidden = await make({ handle: "moraine_x", name: "Project Moraine", description: "secret moraines", tags: ["cryosphere"], type: "restricted", listed: false });
  });
  const communities = async (user, q) => ok(await atrium(user, { q, type: "communities" })).communities.map((c) => c.handle);

  test("by name, handle, description and tags; an unlisted restricted one only for its members and invitees", T, async () => {
    assert.deepEqual(await communities(U.fritz, "glacier"), ["glaciers"]);
    assert.deepEqual(await communities(U.fritz, "cryosphere"), ["glaciers"]);
    assert.deepEqual((await communities(U.fritz, "moraines")).sort(), ["glaciers", "tundra_club"]);
    assert.deepEqual((await communities(U.alma, "moraines")).sort(), ["glaciers", "moraine_x", "tundra_club"]);
    for (const q of ["moraine", "Project Moraine", "moraine_x", "secret", "cryosphere", "project"]) {
      assert.ok(!(await communities(U.fritz, q)).includes("moraine_x"), q);
      const all = ok(await atrium(U.fritz, { q }));
      assert.ok(!all.communities.some((c) => c.handle === "moraine_x"), q);
    }
    for (const q of ["mo", "mor", "morai", "project moraine", "ject mo"]) {
      const t = ok(await typeahead(U.fritz, { q }));
      assert.ok(!t.communities.some((c) => c.handle === "moraine_x"), q);
    }
    assert.ok(ok(await typeahead(U.alma, { q: "ject mo" })).communities.some((c) => c.handle === "moraine_x"));
    // An invitation makes it known, as the community directory says.
    ok(await U.alma.req(`/api/v1/atrium/communities/${hidden.id}/invitations`, { method: "POST", json: { account_id: U.fritz.id } }));
    assert.ok((await communities(U.fritz, "moraine")).includes("moraine_x"));
  });

  test("the index follows a community's changes and its deletion", T, async () => {
    assert.deepEqual(await communities(U.fritz, "watch"), ["glaciers"]);
    ok(await U.alma.req(`/api/v1/atrium/communities/${open.id}`, { method: "PATCH", json: { name: "Serac Patrol" } }));
    assert.deepEqual(await communities(U.fritz, "serac"), ["glaciers"]);
    assert.deepEqual(await communities(U.fritz, "watch"), []);
    ok(await U.alma.req(`/api/v1/atrium/communities/${listed.id}`, { method: "DELETE" }));
    assert.deepEqual(await communities(U.fritz, "tundra"), []);
    assert.deepEqual(ok(await typeahead(U.fritz, { q: "tundr" })).communities, []);
  });
});

describe("typeahead", () => {
  test("people, communities and hashtags whose names hold what is typed, a few of each", T, async () => {
    await post(U.dario, "Notes on #quillwork and #quillpens");
    await post(U.dario, "Private #quillsecret", { visibility: "private" });
    const t = ok(await typeahead(U.fritz, { q: "quill" }));
    assert.deepEqual(names(t.accounts), ["dario"]);
    assert.deepEqual(t.hashtags.sort(), ["quillpens", "quillwork"]);
    // The middle of a name, any case; two letters: the start of a word.
    assert.deepEqual(names(ok(await typeahead(U.fritz, { q: "UILL" })).accounts), ["dario"]);
    assert.deepEqual(names(ok(await typeahead(U.fritz, { q: "Qu" })).accounts), ["dario"]);
    assert.deepEqual(ok(await typeahead(U.fritz, { q: "#illwo" })).hashtags, ["quillwork"]);
    const one = ok(await typeahead(U.fritz, { q: "quill", limit: "1" }));
    assert.equal(one.hashtags.length, 1);
  });

  test("bad input: 400 or 422, unknown parameters refused", T, async () => {
    err(await typeahead(U.fritz, {}), 400);
    err(await typeahead(U.fritz, { q: " " }), 400);
    err(await typeahead(U.fritz, { q: "quill", offset: "5" }), 422);
    err(await typeahead(U.fritz, { q: "quill", limit: "x" }), 400);
    err(await typeahead(U.fritz, { q: "x".repeat(101) }), 422);
    err(await atrium(U.fritz, { q: "quill", type: "nobody" }), 422);
    err(await atrium(U.fritz, { q: "quill", type: "people", sort: "recent" }), 422);
  });
});
