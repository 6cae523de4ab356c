// A member's own settings kept on the account: the interface language of
// the web client (/api/v1/atrium/preferences/interface, echoed by
// /api/v1/preferences as atrium:interface:language) and Mastodon's posting
// defaults (update_credentials' source[privacy|sensitive|language], used by
// POST /api/v1/statuses when a post does not say).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, ok, err, post, describe } from "./lib/social-helpers.mjs";

const I = "/api/v1/atrium/preferences/interface";
let S, U;

before(async () => {
  S = await socialServer(["ana", "bo"]);
  U = S.users;
});

test("interface language: null until chosen, a BCP 47 tag in canonical case, \"\" follows the browser again", async () => {
  assert.deepEqual(ok(await U.ana.req(I)), { language: null });
  assert.equal(ok(await U.ana.req("/api/v1/preferences"))["atrium:interface:language"], null);
  for (const [sent, kept] of [["de", "de"], ["ja", "ja"], ["pt-BR", "pt-BR"], ["ar-XB", "ar-XB"],
    ["pt-br", "pt-BR"], ["zh-hant-tw", "zh-Hant-TW"], ["es-419", "es-419"], ["fil", "fil"]]) {
    assert.deepEqual(ok(await U.ana.req(I, { method: "PATCH", json: { language: sent } })), { language: kept }, sent);
    assert.deepEqual(ok(await U.ana.req(I)), { language: kept }, sent);
  }
  ok(await U.ana.req(I, { method: "PATCH", json: { language: "de" } }));
  assert.equal(ok(await U.ana.req("/api/v1/preferences"))["atrium:interface:language"], "de");
  // another member's choice is their own
  assert.deepEqual(ok(await U.bo.req(I)), { language: null });
  // a form body works as JSON does
  const form = await U.ana.req(I, { method: "PATCH", body: "language=ja", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  assert.deepEqual(ok(form), { language: "ja" });
  assert.deepEqual(ok(await U.ana.req(I, { method: "PATCH", json: { language: "" } })), { language: null });
  assert.deepEqual(ok(await U.ana.req(I)), { language: null });
  assert.equal(ok(await U.ana.req("/api/v1/preferences"))["atrium:interface:language"], null);
});

test("interface language: anything else is 422 naming the field and changes nothing", async () => {
  ok(await U.bo.req(I, { method: "PATCH", json: { language: "ja" } }));
  const bad = ["d", "deutsch", "de_DE", "de-", "-de", "de--DE", "de-DEU", "de-1", "12", "de-Latn-DE-x",
    "en-US-POSIX", "x".repeat(36), "de DE", "ü", 5, true, ["de"]];
  for (const language of bad) {
    const res = await U.bo.req(I, { method: "PATCH", json: { language } });
    const e = err(res, 422);
    assert.match(`${e.error} ${e.error_description ?? ""}`, /language/, `${JSON.stringify(language)}: ${describe(res)}`);
  }
  const missing = err(await U.bo.req(I, { method: "PATCH", json: {} }), 422);
  assert.match(`${missing.error} ${missing.error_description ?? ""}`, /language/);
  err(await U.bo.req(I, { method: "PATCH", json: { language: "de", theme: "dark" } }), 422);
  err(await U.bo.req(`${I}?locale=de`), 422);
  assert.deepEqual(ok(await U.bo.req(I)), { language: "ja" }, "refusals changed nothing");
});

test("interface language: members only, with the accounts scopes", async () => {
  const anon = await fetch(S.url + I);
  assert.equal(anon.status, 401);
  const anonPatch = await fetch(S.url + I, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: '{"language":"de"}' });
  assert.equal(anonPatch.status, 401);
});

test("posting defaults: update_credentials' source[…] through masto, answered in source and /api/v1/preferences", async () => {
  const me = await U.ana.client.v1.accounts.verifyCredentials();
  assert.deepEqual([me.source.privacy, me.source.sensitive, me.source.language], ["public", false, ""]);
  const updated = await U.ana.client.v1.accounts.updateCredentials({ source: { privacy: "private", sensitive: true, language: "en" } });
  assert.deepEqual([updated.source.privacy, updated.source.sensitive, updated.source.language], ["private", true, "en"]);
  const again = await U.ana.client.v1.accounts.verifyCredentials();
  assert.deepEqual([again.source.privacy, again.source.sensitive, again.source.language], ["private", true, "en"]);
  const prefs = ok(await U.ana.req("/api/v1/preferences"));
  assert.equal(prefs["posting:default:visibility"], "private");
  assert.equal(prefs["posting:default:sensitive"], true);
  assert.equal(prefs["posting:default:language"], "en");
  // another member keeps the defaults
  const bo = ok(await U.bo.req("/api/v1/preferences"));
  assert.deepEqual([bo["posting:default:visibility"], bo["posting:default:sensitive"], bo["posting:default:language"]], ["public", false, null]);

  // a post that does not say takes them; one that says keeps its own
  const plain = await U.ana.client.v1.statuses.create({ status: "defaults apply" });
  assert.deepEqual([plain.visibility, plain.sensitive, plain.language], ["private", true, "en"]);
  const own = await U.ana.client.v1.statuses.create({ status: "said otherwise", visibility: "public", sensitive: false, language: "de" });
  assert.deepEqual([own.visibility, own.sensitive, own.language], ["public", false, "de"]);
  // a reply takes its thread's audience rather than the default
  const reply = await U.ana.client.v1.statuses.create({ status: "a reply", inReplyToId: own.id });
  assert.equal(reply.visibility, "public");
  // a follower-only default does not widen: bo, not following, does not see it
  const seen = await U.bo.req(`/api/v1/statuses/${plain.id}`);
  assert.equal(seen.status, 404, describe(seen));

  // "" clears the language, false the sensitive flag, public the visibility
  const cleared = await U.ana.client.v1.accounts.updateCredentials({ source: { privacy: "public", sensitive: false, language: "" } });
  assert.deepEqual([cleared.source.privacy, cleared.source.sensitive, cleared.source.language], ["public", false, ""]);
  const after = ok(await U.ana.req("/api/v1/preferences"));
  assert.deepEqual([after["posting:default:visibility"], after["posting:default:sensitive"], after["posting:default:language"]], ["public", false, null]);
  const back = await post(U.ana, "back to the defaults' defaults");
  assert.deepEqual([back.visibility, back.sensitive], ["public", false]);
});

test("posting defaults: what Atrium does not take is 422 and changes nothing, the profile included", async () => {
  await U.bo.client.v1.accounts.updateCredentials({ source: { privacy: "unlisted" } });
  const before = ok(await U.bo.req("/api/v1/accounts/verify_credentials"));
  for (const json of [
    { source: { privacy: "direct" } }, { source: { privacy: "friends" } }, { source: { privacy: "" } },
    { source: { sensitive: "maybe" } }, { source: { language: "klingon" } }, { source: { language: "xx" } },
    { source: { quote_policy: "nobody" } }, { note: "changed?", source: { privacy: "everyone" } },
  ]) {
    const res = await U.bo.req("/api/v1/accounts/update_credentials", { method: "PATCH", json });
    const e = err(res, 422);
    assert.match(`${e.error} ${e.error_description ?? ""}`, /source\[/, `${JSON.stringify(json)}: ${describe(res)}`);
  }
  const now = ok(await U.bo.req("/api/v1/accounts/verify_credentials"));
  assert.equal(now.source.privacy, "unlisted");
  assert.equal(now.note, before.note, "the profile did not change either");
  // a form body works too
  const form = await U.bo.req("/api/v1/accounts/update_credentials", { method: "PATCH", body: "source%5Bprivacy%5D=private", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  assert.equal(ok(form).source.privacy, "private");
});
