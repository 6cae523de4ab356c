// The follow-approval setting (everyone, management_chain, off): whose
// follows wait for the member's approval as follow requests, set through
// update_credentials and shown in CredentialAccount.source, with `locked`
// kept consistent for Mastodon apps. The org chart comes from
// `atrium import-directory`: ceo > vp > mia, and mia's peer pat under vp.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fsp from "node:fs/promises";
import path from "node:path";
import { makeDataDir, startServer, runCli, stopAll } from "./lib/server.mjs";
import { request } from "./lib/http.mjs";
import { registerApp, passwordToken, OOB } from "./lib/oauth.mjs";
import { ok, err, SCOPES } from "./lib/social-helpers.mjs";

const T = { timeout: 60000 };
const ORG = [
  "username,email,display_name,manager",
  "ceo,ceo@example.com,Cora Chief,",
  "vp,vp@example.com,Victor Vance,ceo",
  "mia,mia@example.com,Mia Maker,vp",
  "pat,pat@example.com,Pat Peer,vp",
  "oli,oli@example.com,Oli Other,",
];
const NAMES = ["ceo", "vp", "mia", "pat", "oli"];

let url;
const U = {}; // name -> {id, token}
const as = (name) => (p, opts = {}) => request(url, p, { token: U[name].token, ...opts });

async function setApproval(fields) {
  return as("mia")("/api/v1/accounts/update_credentials", { method: "PATCH", json: fields });
}
async function relationship(from, to) {
  const rels = ok(await as(from)(`/api/v1/accounts/relationships?id[]=${U[to].id}`));
  return rels[0];
}
async function requesters() {
  return ok(await as("mia")("/api/v1/follow_requests")).map((a) => a.username).sort();
}
async function followersOfMia() {
  return ok(await as("mia")(`/api/v1/accounts/${U.mia.id}/followers`)).map((a) => a.username).sort();
}

before(async () => {
  const dataDir = await makeDataDir();
  const file = path.join(dataDir, "org.csv");
  await fsp.writeFile(file, ORG.join("\n") + "\n");
  const r = await runCli(["import-directory", file], { dataDir });
  assert.equal(r.code, 0, `import failed: ${r.stderr}`);
  for (const name of NAMES) {
    const reset = await runCli(["user", "reset-password", name, "--password-stdin"], { dataDir, stdin: `${name}-password-1\n` });
    assert.equal(reset.code, 0, reset.stderr);
  }
  const srv = await startServer({ dataDir });
  url = srv.url;
  const app = await registerApp(url, { name: "follow-approval-tests", redirectUris: OOB, scopes: SCOPES });
  for (const name of NAMES) U[name] = { token: await passwordToken(url, app, name, `${name}-password-1`, SCOPES) };
  for (const name of NAMES) U[name].id = ok(await as(name)("/api/v1/accounts/verify_credentials")).id;
});

after(stopAll);

suite("follow approval from the management chain", () => {
  test("the setting is off by default and shown in source", T, async () => {
    const me = ok(await as("mia")("/api/v1/accounts/verify_credentials"));
    assert.equal(me.source.follow_approval, "off");
    assert.equal(me.locked, false);
  });

  test("bad values are refused and change nothing", T, async () => {
    err(await setApproval({ follow_approval: "managers" }), 422);
    err(await setApproval({ follow_approval: "" }), 422);
    // locked must agree with follow_approval when both are sent
    err(await setApproval({ follow_approval: "off", locked: true }), 422);
    err(await setApproval({ follow_approval: "management_chain", locked: true }), 422);
    const me = ok(await as("mia")("/api/v1/accounts/verify_credentials"));
    assert.equal(me.source.follow_approval, "off");
    assert.equal(me.locked, false);
  });

  test("management_chain: the manager's and their manager's follows become requests, a peer's goes through", T, async () => {
    const me = ok(await setApproval({ follow_approval: "management_chain" }));
    assert.equal(me.source.follow_approval, "management_chain");
    assert.equal(me.locked, false, "most people's follows go through: Mastodon apps see an open account");
    assert.equal(ok(await as("pat")(`/api/v1/accounts/${U.mia.id}`)).locked, false);

    const byVp = ok(await as("vp")(`/api/v1/accounts/${U.mia.id}/follow`, { method: "POST" }));
    assert.equal(byVp.following, false);
    assert.equal(byVp.requested, true);
    const byCeo = ok(await as("ceo")(`/api/v1/accounts/${U.mia.id}/follow`, { method: "POST" }));
    assert.equal(byCeo.following, false);
    assert.equal(byCeo.requested, true);
    const byPeer = ok(await as("pat")(`/api/v1/accounts/${U.mia.id}/follow`, { method: "POST" }));
    assert.equal(byPeer.following, true);
    assert.equal(byPeer.requested, false);

    assert.deepEqual(await requesters(), ["ceo", "vp"]);
    assert.deepEqual(await followersOfMia(), ["pat"]);
    const credential = ok(await as("mia")("/api/v1/accounts/verify_credentials"));
    assert.equal(credential.source.follow_requests_count, 2);
    const notes = ok(await as("mia")("/api/v1/notifications?types[]=follow_request"));
    assert.deepEqual(notes.map((n) => n.account.username).sort(), ["ceo", "vp"]);

    // Mia's own follow of her manager is not hers to approve: it goes through.
    assert.equal(ok(await as("mia")(`/api/v1/accounts/${U.vp.id}/follow`, { method: "POST" })).following, true);

    // She approves her manager; the request is answered with a follow.
    ok(await as("mia")(`/api/v1/follow_requests/${U.vp.id}/authorize`, { method: "POST" }));
    assert.equal((await relationship("vp", "mia")).following, true);
    assert.deepEqual(await requesters(), ["ceo"]);
  });

  test("switching the setting settles pending requests sensibly", T, async () => {
    // everyone (Mastodon's locked): ceo still waits, and now oli waits too
    let me = ok(await setApproval({ follow_approval: "everyone" }));
    assert.equal(me.locked, true);
    assert.equal(me.source.follow_approval, "everyone");
    assert.equal(ok(await as("oli")(`/api/v1/accounts/${U.mia.id}/follow`, { method: "POST" })).requested, true);
    assert.deepEqual(await requesters(), ["ceo", "oli"]);

    // back to management_chain: oli is no longer asked about and goes through; ceo still waits
    me = ok(await setApproval({ follow_approval: "management_chain" }));
    assert.equal(me.locked, false);
    assert.deepEqual(await requesters(), ["ceo"]);
    assert.equal((await relationship("oli", "mia")).following, true);
    assert.equal((await relationship("ceo", "mia")).following, false);

    // Mastodon apps: locked=false leaves management_chain as it is (it is not locked)...
    me = ok(await setApproval({ locked: false, note: "edited in a Mastodon app" }));
    assert.equal(me.source.follow_approval, "management_chain");
    assert.deepEqual(await requesters(), ["ceo"]);
    // ...locked=true is everyone, and locked=false then turns approval off
    me = ok(await setApproval({ locked: true }));
    assert.equal(me.source.follow_approval, "everyone");
    me = ok(await setApproval({ locked: "false" }));
    assert.equal(me.source.follow_approval, "off");

    // off: every pending request goes through
    assert.deepEqual(await requesters(), []);
    assert.equal((await relationship("ceo", "mia")).following, true);
    assert.deepEqual(await followersOfMia(), ["ceo", "oli", "pat", "vp"]);
  });

  test("off: the manager's follow goes through at once", T, async () => {
    ok(await as("vp")(`/api/v1/accounts/${U.mia.id}/unfollow`, { method: "POST" }));
    const again = ok(await as("vp")(`/api/v1/accounts/${U.mia.id}/follow`, { method: "POST" }));
    assert.equal(again.following, true);
    assert.equal(again.requested, false);
  });
});
