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
