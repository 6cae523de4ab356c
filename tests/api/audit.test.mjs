// The audit log: privileged actions are appended (actor, target, action,
// time, request id, before/after), only administrators read it through
// GET /api/v1/atrium/admin/audit, no route changes it, an entry survives the
// server being killed right after it answered, and `atrium audit verify`
// names an entry edited or removed in the database.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { socialServer, ok, err, post, parseLink, request, T } from "./lib/social-helpers.mjs";
import { runCli, runSql } from "./lib/server.mjs";

let ctx, U;
before(async () => {
  ctx = await socialServer(["boss", "amy", "ben", "cara"], { admins: ["boss"] });
  U = ctx.users;
});

const audit = async (query = "") => ok(await U.boss.req(`/api/v1/atrium/admin/audit${query}`));

test("privileged actions are audited, with actor, target, request id and before/after", T, async () => {
  ok(await U.boss.req(`/api/v1/atrium/admin/accounts/${U.amy.id}/role`, { method: "POST", json: { role: "moderator" } }));
  await U.boss.client.v1.admin.accounts.$select(U.ben.id).action.create({ type: "disable" });
  ok(await U.boss.req(`/api/v1/admin/accounts/${U.ben.id}/enable`, { method: "POST" }));
  const cara = await post(U.cara, "something a moderator removes");
  ok(await U.amy.req(`/api/v1/statuses/${cara.id}`, { method: "DELETE" }));
  const own = await post(U.amy, "my own post");
  ok(await U.amy.req(`/api/v1/statuses/${own.id}`, { method: "DELETE" })); // not audited: her own
  const token = ok(await U.boss.req("/api/v1/admin/scim_tokens", { method: "POST", json: { description: "Entra ID" } }));

  const entries = await audit();
  const actions = entries.map((e) => e.action);
  // The account action itself (type, warning, report) beside the deactivation it made.
  assert.deepEqual(actions.slice(0, 6), ["scim_token.issue", "status.delete", "account.reactivate", "account.action", "account.deactivate", "account.role"]);
  const [issue, deletion, reactivate, action, deactivate, role] = entries;
  assert.deepEqual([action.target_id, action.after.type, action.request_id], [U.ben.id, "disable", deactivate.request_id]);
  assert.equal(role.actor_id, U.boss.id);
  assert.equal(role.actor, "boss");
  assert.equal(role.target_type, "account");
  assert.equal(role.target_id, U.amy.id);
  assert.deepEqual(role.before, { role: "member" });
  assert.deepEqual(role.after, { role: "moderator" });
  assert.ok(role.request_id.length > 0, "the request id is kept");
  assert.notEqual(role.request_id, deactivate.request_id);
  assert.deepEqual([deactivate.target_id, deactivate.after], [U.ben.id, { active: false }]);
  assert.deepEqual([reactivate.target_id, reactivate.after], [U.ben.id, { active: true }]);
  assert.equal(deletion.actor, "amy");
  assert.equal(deletion.target_id, cara.id);
  assert.equal(deletion.before.account_id, U.cara.id);
  assert.equal(deletion.before.text, "something a moderator removes");
  assert.equal(issue.target_id, token.id);
  assert.ok(!JSON.stringify(issue).includes(token.token), "the token's secret is not in the log");
  assert.ok(!entries.some((e) => e.target_id === own.id), "deleting one's own post is not audited");
  // Each entry names its predecessor's hash.
  for (let i = 0; i + 1 < entries.length; i++) {
    assert.equal(BigInt(entries[i].id), BigInt(entries[i + 1].id) + 1n);
    assert.equal(entries[i].prev_hash, entries[i + 1].hash);
  }
});

test("the log filters by actor, target, action and time, and pages", T, async () => {
  const all = await audit();
  assert.ok(all.length >= 5);
  const byAction = await audit("?action=account.deactivate");
  assert.ok(byAction.length >= 1 && byAction.every((e) => e.action === "account.deactivate"));
  const byTarget = await audit(`?target_type=account&target=${U.ben.id}`);
  assert.deepEqual(byTarget.map((e) => e.action), ["account.reactivate", "account.action", "account.deactivate"]);
  const byActor = await audit(`?actor=${U.amy.id}`);
  assert.ok(byActor.length >= 1 && byActor.every((e) => e.actor === "amy"));
  assert.deepEqual(await audit(`?actor=${U.cara.id}`), []);
  const newest = all[0].created_at;
  assert.deepEqual(await audit(`?from=${encodeURIComponent(new Date(Date.parse(newest) + 1).toISOString())}`), []);
  assert.equal((await audit(`?to=${encodeURIComponent(all.at(-1).created_at)}`)).length, 0, "to is exclusive");
  assert.equal((await audit(`?from=${encodeURIComponent(all.at(-1).created_at)}`)).length, all.length);
  const res = await U.boss.req("/api/v1/atrium/admin/audit?limit=2");
  const page1 = ok(res);
  assert.deepEqual(page1.map((e) => e.id), all.slice(0, 2).map((e) => e.id));
  const next = parseLink(res.headers.get("link")).next;
  const page2 = ok(await U.boss.req(next.replace(ctx.url, "")));
  assert.deepEqual(page2.map((e) => e.id), all.slice(2, 4).map((e) => e.id));
  err(await U.boss.req("/api/v1/atrium/admin/audit?from=yesterday"), 400);
  err(await U.boss.req("/api/v1/atrium/admin/audit?actor=boss"), 400);
  err(await U.boss.req("/api/v1/atrium/admin/audit?colour=red"), 422);
});

test("only administrators read the log, and no route changes it", T, async () => {
  err(await U.cara.req("/api/v1/atrium/admin/audit"), 403);
  err(await U.amy.req("/api/v1/atrium/admin/audit"), 403); // a site moderator is not an admin
  const before = await audit();
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    const res = await U.boss.req("/api/v1/atrium/admin/audit", { method, json: {} });
    assert.equal(res.status, 405, `${method} answered ${res.status}`);
    const one = await U.boss.req(`/api/v1/atrium/admin/audit/${before[0].id}`, { method, json: {} });
    assert.equal(one.status, 404, `${method} of one entry answered ${one.status}`);
  }
  assert.deepEqual(await audit(), before);
});

test("every SCIM request that changes something is audited, its token the actor; reads and refusals are not", T, async () => {
  const made = ok(await U.boss.req("/api/v1/admin/scim_tokens", { method: "POST", json: { description: "Okta" } }));
  const scim = (p, opts = {}) => request(ctx.url, `/scim/v2${p}`, { ...opts, token: made.token });
  const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  const last = (await audit())[0].id;
  const since = async () => (await audit()).filter((e) => BigInt(e.id) > BigInt(last)).reverse();

  const dora = await scim("/Users", { method: "POST", json: { schemas: [USER], userName: "dora", displayName: "Dora", emails: [{ primary: true, value: "dora@example.com" }], password: "dora-secret-password-1" } });
  assert.equal(dora.status, 201, dora.text);
  assert.equal((await scim(`/Users/${dora.json.id}`)).status, 200);
  assert.equal((await scim("/Users")).status, 200);
  assert.equal((await scim("/Users", { method: "POST", json: { schemas: [USER] } })).status, 400); // no userName: refused
  assert.equal((await scim(`/Users/${dora.json.id}`, { method: "PATCH", json: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "title", value: "Counsel" }] } })).status, 200);
  assert.equal((await scim(`/Users/${dora.json.id}`, { method: "PUT", json: { schemas: [USER], userName: "dora", displayName: "Dora D." } })).status, 200);
  const group = await scim("/Groups", { method: "POST", json: { schemas: [GROUP], displayName: "Legal", members: [{ value: dora.json.id }] } });
  assert.equal(group.status, 201, group.text);
  assert.equal((await scim(`/Groups/${group.json.id}`, { method: "DELETE" })).status, 204);
  assert.equal((await scim(`/Users/${dora.json.id}`, { method: "DELETE" })).status, 204);
  assert.equal((await scim("/Users/999999", { method: "DELETE" })).status, 404);

  const entries = await since();
  assert.deepEqual(
    entries.map((e) => [e.action, e.target_type, e.target_id]),
    [
      ["scim.user.create", "account", dora.json.id],
      ["scim.user.update", "account", dora.json.id],
      ["scim.user.replace", "account", dora.json.id],
      ["scim.group.create", "group", group.json.id],
      ["scim.group.delete", "group", group.json.id],
      ["scim.user.delete", "account", dora.json.id],
    ],
  );
  for (const e of entries) {
    assert.equal(e.actor_id, null);
    assert.equal(e.actor, `scim-token ${made.id} (Okta)`);
    assert.ok(e.request_id.length > 0);
  }
  assert.ok(!JSON.stringify(entries).includes("dora-secret-password-1"), "a password sent over SCIM is not kept");
  assert.ok(!JSON.stringify(entries).includes(made.token), "nor the token");
});

test("atrium user reset-password and atrium issue-tokens are audited (never a password or a token)", T, async () => {
  const reset = await ctx.srv.cli(["user", "reset-password", "cara", "--password-stdin"], "cara-new-password-9\n");
  assert.equal(reset.code, 0, reset.stderr);
  const out = path.join(ctx.srv.dataDir, "tokens.tsv");
  const issued = await ctx.srv.cli(["issue-tokens", "--count", "2", "--out", out]);
  assert.equal(issued.code, 0, issued.stderr);
  const [tokens, password] = await audit("?action=oauth_token.issue").then(async (t) => [t, await audit("?action=account.reset_password")]);
  assert.equal(password.length, 1);
  assert.deepEqual([password[0].actor_id, password[0].actor, password[0].target_type, password[0].target_id], [null, "atrium user reset-password", "account", U.cara.id]);
  assert.ok(!JSON.stringify(password).includes("cara-new-password-9"));
  assert.equal(tokens.length, 1, "one entry per run");
  assert.equal(tokens[0].actor, "atrium issue-tokens");
  assert.equal(tokens[0].target_type, "application");
  assert.equal(tokens[0].after.tokens, 2);
  const secrets = (await fs.promises.readFile(out, "utf8")).trim().split("\n").map((l) => l.split("\t")[2]);
  assert.equal(secrets.length, 2);
  for (const secret of secrets) assert.ok(!JSON.stringify(tokens).includes(secret));
});

test("an acknowledged action's entry survives a kill; verify and export read the chain; an edit or removal is named", { timeout: 120000 }, async () => {
  ok(await U.boss.req(`/api/v1/atrium/admin/accounts/${U.cara.id}/role`, { method: "POST", json: { role: "moderator" } }));
  await ctx.srv.stop("SIGKILL");
  const dataDir = ctx.srv.dataDir;

  const exported = await runCli(["audit", "export"], { dataDir });
  assert.equal(exported.code, 0, exported.stderr);
  const lines = exported.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const last = lines.at(-1);
  assert.equal(last.action, "account.role");
  assert.equal(last.target_id, U.cara.id);
  assert.equal(last.after, JSON.stringify({ role: "moderator" }));
  assert.deepEqual(lines.map((l) => l.seq), lines.map((_, i) => i + 1));
  const n = lines.length;
  assert.ok(n >= 6);

  const verified = await runCli(["audit", "verify"], { dataDir });
  assert.equal(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, new RegExp(`verifies: ${n} entries`));

  // --from/--to: a date as --to takes in that whole day; a day before has nothing.
  const today = new Date().toISOString().slice(0, 10);
  const ranged = await runCli(["audit", "export", "--from", today, "--to", today], { dataDir });
  assert.equal(ranged.stdout.trim().split("\n").length, n);
  const none = await runCli(["audit", "export", "--to", "2001-01-01"], { dataDir });
  assert.equal(none.code, 0, none.stderr);
  assert.equal(none.stdout, "");
  const bad = await runCli(["audit", "export", "--from", "last week"], { dataDir });
  assert.notEqual(bad.code, 0);

  await runSql(dataDir, "UPDATE audit_entries SET actor = 'nobody' WHERE seq = 2");
  const edited = await runCli(["audit", "verify"], { dataDir });
  assert.notEqual(edited.code, 0, "an edited entry fails verification");
  assert.match(edited.stderr, /entry 2 was altered/);
  await runSql(dataDir, `UPDATE audit_entries SET actor = '${lines[1].actor}' WHERE seq = 2`);
  assert.equal((await runCli(["audit", "verify"], { dataDir })).code, 0, "restored, it verifies again");

  await runSql(dataDir, "DELETE FROM audit_entries WHERE seq = 3");
  const removed = await runCli(["audit", "verify"], { dataDir });
  assert.notEqual(removed.code, 0, "a removed entry fails verification");
  assert.match(removed.stderr, /entry 3 is missing/);
});
