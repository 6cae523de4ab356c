// The history of profile changes in the eDiscovery export: every change to
// a person's profile — by the person (update_credentials, a new avatar), by
// the directory (a CSV import) and by an administrator (a new role) — lands
// in the person's profile_changes.json with its actor, before and after,
// listed in the manifest with its SHA-256; the admin export job writes the
// same file; members read nobody's history through any route.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { socialServer, ok, err, eventually, T } from "./lib/social-helpers.mjs";
import { makeDataDir } from "./lib/server.mjs";
import { untar, verifyManifest, readFolder } from "./lib/ediscovery.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const IMAGE = fs.readFileSync(path.join(__dirname, "fixtures", "media", "image.png"));
const X = "/api/v1/atrium/admin/exports";

let ctx, U;
before(async () => {
  ctx = await socialServer(["root", "ana", "bo", "cy"], { admins: ["root"] });
  U = ctx.users;
});

async function importCsv(name, text) {
  const file = path.join(ctx.srv.dataDir, name);
  fs.writeFileSync(file, text);
  const r = await ctx.srv.cli(["import-directory", file]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
}

async function exportOf(username) {
  const dir = path.join(await makeDataDir(), username);
  const r = await ctx.srv.cli(["ediscovery", "export", "--person", username, "--out", dir]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const files = await readFolder(dir);
  const manifest = verifyManifest(files, "");
  return { files, manifest, changes: JSON.parse(files["profile_changes.json"].toString("utf8")) };
}

const only = (changes, field) => changes.filter((c) => c.field === field);

test("a profile edit, a directory import and an admin's change each appear with before and after", T, async () => {
  // by the person
  ok(await U.ana.req("/api/v1/accounts/update_credentials", {
    method: "PATCH",
    json: { display_name: "Ana Ahn", note: "Payments, mostly", pronouns: "she/her", fields_attributes: [{ name: "Team", value: "Payments" }] },
  }));
  const form = new FormData();
  form.append("avatar", new Blob([IMAGE], { type: "image/png" }), "me.png");
  const res = await fetch(`${ctx.url}/api/v1/accounts/update_credentials`, { method: "PATCH", headers: { Authorization: `Bearer ${U.ana.token}` }, body: form });
  assert.equal(res.status, 200, await res.text());
  // by the directory, twice
  await importCsv("first.csv", "username,title,department,manager\nana,Engineer,Payments,root\n");
  await importCsv("second.csv", "username,title,department,manager\nana,Senior Engineer,Payments,root\n");
  // by an administrator
  ok(await U.root.req(`/api/v1/atrium/admin/accounts/${U.ana.id}/role`, { method: "POST", json: { role: "moderator" } }));

  const { manifest, changes } = await exportOf("ana");
  const listed = manifest.files.find((f) => f.path === "profile_changes.json");
  assert.ok(listed, "the manifest lists profile_changes.json (its checksum verified above)");
  assert.equal(manifest.counts.profile_changes, changes.length);

  const [name] = only(changes, "display_name");
  assert.equal(name.before, "ana");
  assert.equal(name.after, "Ana Ahn");
  assert.deepEqual(name.actor, { kind: "self", account: { id: U.ana.id, username: "ana", display_name: "Ana Ahn" }, source: null });
  assert.deepEqual(only(changes, "note").map((c) => [c.before, c.after]), [["", "Payments, mostly"]]);
  assert.deepEqual(only(changes, "pronouns").map((c) => [c.before, c.after]), [["", "she/her"]]);
  assert.deepEqual(only(changes, "fields").map((c) => [JSON.parse(c.before), JSON.parse(c.after)]), [[[], [{ name: "Team", value: "Payments" }]]]);
  const [avatar] = only(changes, "avatar");
  assert.equal(avatar.before, null);
  assert.match(avatar.after, /^media\/avatars\/[^/]+$/, "the picture's file, not its bytes");
  assert.equal(avatar.actor.kind, "self");

  const titles = only(changes, "title");
  assert.deepEqual(titles.map((c) => [c.before, c.after]), [["", "Engineer"], ["Engineer", "Senior Engineer"]]);
  titles.forEach((c, i) => {
    assert.equal(c.actor.kind, "directory");
    assert.equal(c.actor.account, null);
    const file = path.join(ctx.srv.dataDir, i === 0 ? "first.csv" : "second.csv");
    assert.match(c.actor.source, new RegExp(`^atrium import-directory ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} run \\d{4}-\\d\\d-\\d\\dT`), "the command, the file and the run");
  });
  assert.deepEqual(only(changes, "department").map((c) => [c.before, c.after]), [["", "Payments"]], "what did not change is not repeated");
  assert.deepEqual(only(changes, "manager_id").map((c) => [c.before, c.after]), [[null, U.root.id]]);

  const [role] = only(changes, "role");
  assert.deepEqual([role.before, role.after], ["member", "moderator"]);
  assert.equal(role.actor.kind, "admin");
  assert.equal(role.actor.account.username, "root");

  // oldest first, and only ana's
  const times = changes.map((c) => Date.parse(c.changed_at));
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  const bo = await exportOf("bo");
  assert.deepEqual(bo.changes, [], "another person's export holds none of hers");
});

test("the admin export job writes the same profile_changes.json, checked by its manifest", T, async () => {
  ok(await U.bo.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { note: "Bo's note" } }));
  const started = ok(await U.root.req(X, { method: "POST", json: { account_id: U.bo.id } }));
  const done = await eventually(async () => {
    const j = ok(await U.root.req(`${X}/${started.id}`));
    assert.equal(j.state, "done", JSON.stringify(j));
    return j;
  }, 30000);
  const body = await fetch(`${ctx.url}${done.file.download_url}`, { headers: { Authorization: `Bearer ${U.root.token}` } });
  assert.equal(body.status, 200);
  const files = untar(Buffer.from(await body.arrayBuffer()));
  const prefix = `ediscovery-${started.id}/`;
  const manifest = verifyManifest(files, prefix);
  assert.ok(manifest.files.some((f) => f.path === "profile_changes.json"));
  const changes = JSON.parse(files[`${prefix}profile_changes.json`].toString("utf8"));
  assert.deepEqual(changes.map((c) => [c.field, c.before, c.after, c.actor.kind]), [["note", "", "Bo's note", "self"]]);
});

test("SCIM: a change and a removal appear with the request as the directory's run", T, async () => {
  const made = ok(await U.root.req("/api/v1/admin/scim_tokens", { method: "POST", json: { description: "IdP" } }));
  const scim = (p, method, json) =>
    fetch(`${ctx.url}/scim/v2${p}`, { method, headers: { Authorization: `Bearer ${made.token}`, "Content-Type": "application/scim+json" }, body: json ? JSON.stringify(json) : undefined });
  const patched = await scim(`/Users/${U.cy.id}`, "PATCH", {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "replace", path: "title", value: "Analyst" }],
  });
  assert.equal(patched.status, 200, await patched.text());
  const removed = await scim(`/Users/${U.cy.id}`, "DELETE");
  assert.equal(removed.status, 204, await removed.text());
  const { changes } = await exportOf("cy");
  const [title] = only(changes, "title");
  assert.deepEqual([title.before, title.after, title.actor.kind, title.actor.account], ["", "Analyst", "directory", null]);
  assert.match(title.actor.source, /^scim request \S+/);
  assert.deepEqual(only(changes, "active").map((c) => [c.before, c.after, c.actor.source]), [["true", "false", "scim"]]);
  assert.deepEqual(only(changes, "removed").map((c) => [c.before, c.after, c.actor.kind]), [["false", "true", "directory"]]);
});

test("members read nobody's profile history, their own included, through any route", T, async () => {
  for (const u of [U.bo, U.ana]) {
    err(await u.req(X, { method: "POST", json: { account_id: U.ana.id } }), 403);
    err(await u.req(X), 403);
    for (const p of [`/api/v1/accounts/${U.ana.id}`, "/api/v1/accounts/verify_credentials", `/api/v1/atrium/profiles/${U.ana.id}`]) {
      const r = await u.req(p);
      assert.ok(r.status === 200 || r.status === 404, `${p}: ${r.status}`);
      assert.doesNotMatch(r.text ?? JSON.stringify(r.json), /profile_changes|Senior Engineer","after|"before"/, p);
    }
  }
});
