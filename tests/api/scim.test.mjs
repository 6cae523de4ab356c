// SCIM 2.0 at /scim/v2 (RFC 7643/7644) as Microsoft Entra ID and Okta use
// it: provisioning tokens (CLI and admin API), discovery, Users and Groups,
// every PATCH form those identity providers send, deactivation cutting off
// access at once, the org chart through the enterprise extension, paging,
// and SCIM errors for bad input.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { startServer, runCli } from "./lib/server.mjs";
import { request, describe, assertJsonError, assertJsonOk } from "./lib/http.mjs";
import { OOB, registerApp, passwordToken } from "./lib/oauth.mjs";

const T = { timeout: 30000 };
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const EXT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

const ROOT = { name: "root", email: "root@example.com", role: "admin", password: "root-password-1" };
const CAROL = { name: "carol", email: "carol@example.com", role: "member", password: "carol-password-1" };
const MIKE = { name: "mike", email: "mike@example.com", role: "member", password: "mike-password-1" };

/** `atrium scim-token create` against a data directory; returns {id, token}. */
async function createScimToken(dataDir, description = "Entra ID") {
  const r = await runCli(["scim-token", "create", "--description", description], { dataDir });
  assert.equal(r.code, 0, `scim-token create failed: ${r.stderr}${r.stdout}`);
  const lines = r.stdout.trim().split("\n");
  const id = /token (\d+)/.exec(lines[0])?.[1];
  assert.ok(id, `no id in: ${r.stdout}`);
  const token = lines[lines.length - 1].trim();
  assert.match(token, /^[A-Za-z0-9_-]{32,}$/, `no token in: ${r.stdout}`);
  return { id, token };
}

function assertScimContentType(res) {
  assert.match(res.headers.get("content-type") || "", /^application\/scim\+json\b/, `not SCIM JSON: ${describe(res)}`);
}

/** Asserts a SCIM error: status, content type, Error schema, status string, scimType. */
function assertScimError(res, status, scimType) {
  assert.equal(res.status, status, `expected ${status}: ${describe(res)}`);
  assertScimContentType(res);
  assert.deepEqual(res.json?.schemas, [ERROR], describe(res));
  assert.equal(res.json.status, String(status), describe(res));
  if (scimType !== undefined) assert.equal(res.json.scimType, scimType, describe(res));
  if ("detail" in res.json) assert.equal(typeof res.json.detail, "string");
  return res.json;
}

function assertScimOk(res, status = 200) {
  assert.equal(res.status, status, `expected ${status}: ${describe(res)}`);
  assertScimContentType(res);
  return res.json;
}

function signIn(url, login, password) {
  return request(url, "/auth/sign_in", { method: "POST", json: { login, password } });
}

const patchOp = (...operations) => ({ schemas: [PATCH_OP], Operations: operations });

suite("SCIM", () => {
  let srv, token, app, rootToken;

  /** A SCIM request with the provisioning token and a SCIM body. */
  // (token: null sends none)
  const scim = (path, { method = "GET", json, body, token: t = token, contentType = "application/scim+json" } = {}) =>
    request(srv.url, "/scim/v2" + path, {
      method,
      token: t,
      headers: json !== undefined || body !== undefined ? { "content-type": contentType } : {},
      body: json !== undefined ? JSON.stringify(json) : body,
    });
  const getUser = async (id) => assertScimOk(await scim(`/Users/${id}`));
  const patchUser = (id, ...ops) => scim(`/Users/${id}`, { method: "PATCH", json: patchOp(...ops) });
  const patchUserOk = async (id, ...ops) => assertScimOk(await patchUser(id, ...ops));
  const createUser = async (user) => assertScimOk(await scim("/Users", { method: "POST", json: { schemas: [USER], ...user } }), 201);
  const filterUsers = async (filter, extra = "") =>
    assertScimOk(await scim(`/Users?filter=${encodeURIComponent(filter)}${extra}`));

  before(async () => {
    srv = await startServer({
      users: [ROOT, CAROL, MIKE],
      args: ["--signin-free-failures", "100", "--signin-failures-per-address", "1000"],
    });
    // made while the server runs, as an administrator would
    ({ token } = await createScimToken(srv.dataDir));
    app = await registerApp(srv.url, { redirectUris: OOB, scopes: "read write admin:read admin:write" });
    rootToken = await passwordToken(srv.url, app, ROOT.name, ROOT.password, "read write admin:read admin:write");
  });

  suite("authentication", () => {
    test("no token, a wrong token, an OAuth token, a revoked token → 401 SCIM error", T, async () => {
      for (const t of [null, "not-a-token", rootToken]) {
        const res = await scim("/Users", { token: t });
        assertScimError(res, 401);
        assert.ok(res.headers.get("www-authenticate"), "WWW-Authenticate missing");
      }
      const revoked = await createScimToken(srv.dataDir, "to revoke");
      assertScimOk(await scim("/ServiceProviderConfig", { token: revoked.token }));
      const r = await srv.cli(["scim-token", "revoke", revoked.id]);
      assert.equal(r.code, 0, r.stderr);
      assertScimError(await scim("/ServiceProviderConfig", { token: revoked.token }), 401);
      // a lower-case scheme works too
      const lower = await request(srv.url, "/scim/v2/ServiceProviderConfig", { headers: { authorization: `bearer ${token}` } });
      assertScimOk(lower);
    });

    test("CLI: list shows tokens without their secrets; revoking an unknown id fails", T, async () => {
      const r = await srv.cli(["scim-token", "list"]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Entra ID/);
      assert.match(r.stdout, /revoked/);
      assert.ok(!r.stdout.includes(token), "list must not print secrets");
      const bad = await srv.cli(["scim-token", "revoke", "12345"]);
      assert.notEqual(bad.code, 0);
    });

    test("admin API: create (token shown once), list (no secrets), revoke; admins only", T, async () => {
      const made = await request(srv.url, "/api/v1/admin/scim_tokens", { method: "POST", token: rootToken, json: { description: "Okta" } });
      const body = assertJsonOk(made);
      assert.equal(typeof body.id, "string");
      assert.equal(typeof body.token, "string");
      assert.equal(body.description, "Okta");
      assert.ok(!Number.isNaN(Date.parse(body.created_at)));
      assertScimOk(await scim("/Users?count=1", { token: body.token }));

      const list = assertJsonOk(await request(srv.url, "/api/v1/admin/scim_tokens", { token: rootToken }));
      const mine = list.find((t) => t.id === body.id);
      assert.ok(mine, "the new token is listed");
      assert.equal(mine.description, "Okta");
      assert.equal(mine.revoked_at, null);
      assert.ok(!JSON.stringify(list).includes(body.token), "secrets must not be listed");

      const del = await request(srv.url, `/api/v1/admin/scim_tokens/${body.id}`, { method: "DELETE", token: rootToken });
      assert.ok(assertJsonOk(del).revoked_at, describe(del));
      assertScimError(await scim("/Users?count=1", { token: body.token }), 401);
      assertJsonError(await request(srv.url, "/api/v1/admin/scim_tokens/999999", { method: "DELETE", token: rootToken }), 404);

      const mikeToken = await passwordToken(srv.url, app, MIKE.name, MIKE.password, "read admin:read admin:write");
      assertJsonError(await request(srv.url, "/api/v1/admin/scim_tokens", { token: mikeToken }), 403);
      assertJsonError(await request(srv.url, "/api/v1/admin/scim_tokens", { method: "POST", token: mikeToken, json: {} }), 403);
      const readOnly = await passwordToken(srv.url, app, ROOT.name, ROOT.password, "read admin:read");
      assertJsonOk(await request(srv.url, "/api/v1/admin/scim_tokens", { token: readOnly }));
      assertJsonError(await request(srv.url, "/api/v1/admin/scim_tokens", { method: "POST", token: readOnly, json: {} }), 403);
      assertJsonError(await request(srv.url, "/api/v1/admin/scim_tokens"), 401);
    });
  });

  suite("discovery", () => {
    test("ServiceProviderConfig says what is supported", T, async () => {
      const c = assertScimOk(await scim("/ServiceProviderConfig"));
      assert.deepEqual(c.schemas, ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]);
      assert.equal(c.patch.supported, true);
      assert.equal(c.filter.supported, true);
      assert.equal(c.filter.maxResults, 200);
      assert.equal(c.bulk.supported, false);
      assert.equal(c.sort.supported, false);
      assert.equal(c.etag.supported, false);
      assert.equal(c.changePassword.supported, false);
      assert.equal(c.authenticationSchemes[0].type, "oauthbearertoken");
    });

    test("Schemas: User, Group, EnterpriseUser; one by id; unknown → 404", T, async () => {
      const list = assertScimOk(await scim("/Schemas"));
      assert.deepEqual(list.schemas, [LIST]);
      assert.deepEqual(list.Resources.map((s) => s.id).sort(), [EXT, USER, GROUP].sort());
      assert.equal(list.totalResults, 3);
      const user = list.Resources.find((s) => s.id === USER);
      const userName = user.attributes.find((a) => a.name === "userName");
      assert.equal(userName.required, true);
      assert.equal(userName.uniqueness, "server");
      const emails = user.attributes.find((a) => a.name === "emails");
      assert.equal(emails.multiValued, true);
      assert.ok(emails.subAttributes.some((a) => a.name === "value"));
      const ext = assertScimOk(await scim(`/Schemas/${EXT}`));
      assert.ok(ext.attributes.some((a) => a.name === "manager"));
      assertScimError(await scim("/Schemas/urn:nothing"), 404);
    });

    test("ResourceTypes: User (with the enterprise extension) and Group", T, async () => {
      const list = assertScimOk(await scim("/ResourceTypes"));
      const user = list.Resources.find((r) => r.name === "User");
      assert.equal(user.endpoint, "/Users");
      assert.equal(user.schema, USER);
      assert.equal(user.schemaExtensions[0].schema, EXT);
      assert.equal(list.Resources.find((r) => r.name === "Group").endpoint, "/Groups");
      assert.equal(assertScimOk(await scim("/ResourceTypes/Group")).schema, GROUP);
    });
  });

  suite("users", () => {
    let jane;

    before(async () => {
      jane = await createUser({
        externalId: "e-jane",
        userName: "jane.doe@example.com",
        active: true,
        displayName: "Jane Doe",
        title: "Engineer",
        name: { givenName: "Jane", familyName: "Doe" },
        emails: [{ primary: true, type: "work", value: "jane.doe@example.com" }],
        phoneNumbers: [{ type: "work", value: "+1 555 0100" }],
        addresses: [{ type: "work", formatted: "Building 7" }],
        [EXT]: { employeeNumber: "1001", department: "Research", costCenter: "CC-7" },
      });
    });

    test("Entra ID's connection test: a random userName → 200 with no results", T, async () => {
      const body = await filterUsers(`userName eq "${crypto.randomUUID()}"`);
      assert.deepEqual(body.schemas, [LIST]);
      assert.equal(body.totalResults, 0);
      assert.equal(body.itemsPerPage, 0);
      assert.equal(body.startIndex, 1);
      assert.deepEqual(body.Resources ?? [], []);
    });

    test("create → 201 with Location; the e-mail userName becomes the username", T, async () => {
      assert.equal(typeof jane.id, "string");
      assert.equal(jane.userName, "jane.doe");
      assert.equal(jane.externalId, "e-jane");
      assert.equal(jane.displayName, "Jane Doe");
      assert.equal(jane.title, "Engineer");
      assert.equal(jane.active, true);
      assert.deepEqual(jane.emails, [{ value: "jane.doe@example.com", type: "work", primary: true }]);
      assert.equal(jane.phoneNumbers[0].value, "+1 555 0100");
      assert.equal(jane.addresses[0].formatted, "Building 7");
      assert.deepEqual(jane.schemas, [USER, EXT]);
      assert.equal(jane[EXT].employeeNumber, "1001");
      assert.equal(jane[EXT].department, "Research");
      assert.equal(jane.meta.resourceType, "User");
      assert.ok(jane.meta.location.endsWith(`/scim/v2/Users/${jane.id}`));
      assert.ok(!Number.isNaN(Date.parse(jane.meta.created)));
      const again = await scim("/Users", { method: "POST", json: { schemas: [USER], userName: "located" } });
      assert.equal(again.location, assertScimOk(again, 201).meta.location);
      // and she is an Atrium member: the account API knows her
      const acct = assertJsonOk(await request(srv.url, `/api/v1/accounts/${jane.id}`, { token: rootToken }));
      assert.equal(acct.username, "jane.doe");
      assert.deepEqual(await getUser(jane.id), jane);
    });

    test("filters find her by userName (either form), externalId, e-mail value path", T, async () => {
      for (const f of [
        'userName eq "jane.doe"',
        'userName eq "Jane.Doe@example.com"',
        'externalId eq "e-jane"',
        'emails[type eq "work"].value eq "jane.doe@example.com"',
        'emails.value eq "JANE.DOE@example.com"',
        `id eq "${jane.id}"`,
        'userName sw "jane." and title pr',
        `${EXT}:department eq "research"`,
        'displayName co "ne do" or userName eq "nobody"',
      ]) {
        const body = await filterUsers(f);
        assert.equal(body.totalResults, 1, `${f}: ${JSON.stringify(body)}`);
        assert.equal(body.Resources[0].id, jane.id, f);
      }
      assert.equal((await filterUsers('externalId eq "E-JANE"')).totalResults, 0, "externalId is case-exact");
    });

    test("duplicate userName or externalId → 409 uniqueness", T, async () => {
      for (const user of [
        { userName: "jane.doe@example.com" },
        { userName: "jane.doe" },
        { userName: "JANE.DOE" },
        { userName: "someone.else", externalId: "e-jane" },
        { userName: "someone.else", emails: [{ value: "jane.doe@example.com", primary: true }] },
      ]) {
        const res = await scim("/Users", { method: "POST", json: { schemas: [USER], ...user } });
        assertScimError(res, 409, "uniqueness");
      }
      // an e-mail userName whose local part another person holds is a different person
      const clash = await scim("/Users", { method: "POST", json: { schemas: [USER], userName: "jane.doe@other.example" } });
      const err = assertScimError(clash, 400, "invalidValue");
      assert.match(err.detail, /userName/);
    });

    test("invalid values → 400 invalidValue naming the attribute; wrong types → invalidSyntax", T, async () => {
      for (const [user, type, what] of [
        [{ userName: "has space" }, "invalidValue", /userName/],
        [{ userName: "a+b@example.com" }, "invalidValue", /userName/],
        [{ displayName: "No userName" }, "invalidValue", /userName/],
        [{ userName: "x".repeat(31) }, "invalidValue", /userName/],
        [{ userName: "okname", emails: [{ value: "not-an-email", primary: true }] }, "invalidValue", /mail/i],
        [{ userName: 7 }, "invalidSyntax", /userName/],
        [{ userName: "okname", active: "perhaps" }, "invalidSyntax", /active/],
        [{ userName: "okname", emails: "a@example.com" }, "invalidSyntax", /emails/],
        [{ userName: "okname", [EXT]: { manager: true } }, "invalidSyntax", /manager/],
        [{ userName: "okname", [EXT]: { manager: { value: "424242" } } }, "invalidValue", /manager/],
      ]) {
        const res = await scim("/Users", { method: "POST", json: { schemas: [USER], ...user } });
        const err = assertScimError(res, 400, type);
        assert.match(err.detail, what, JSON.stringify(user));
      }
      assert.equal((await filterUsers('userName eq "okname"')).totalResults, 0, "nothing was created");
    });

    test("malformed JSON, a non-object body, another media type → 400 invalidSyntax", T, async () => {
      assertScimError(await scim("/Users", { method: "POST", body: '{"userName": "x",' }), 400, "invalidSyntax");
      assertScimError(await scim("/Users", { method: "POST", body: "[1,2]" }), 400, "invalidSyntax");
      assertScimError(await scim("/Users", { method: "POST", body: "userName=x", contentType: "text/plain" }), 400, "invalidSyntax");
      assertScimError(await scim(`/Users/${jane.id}`, { method: "PATCH", body: "{nope" }), 400, "invalidSyntax");
      assertScimError(await patchUser(jane.id, { op: "explode", path: "title", value: "x" }), 400, "invalidSyntax");
      assertScimError(await scim(`/Users/${jane.id}`, { method: "PATCH", json: { schemas: [PATCH_OP] } }), 400, "invalidSyntax");
      assertScimError(await patchUser(jane.id, { op: "add", path: "emails[type eq", value: "x" }), 400, "invalidPath");
      // application/json is accepted too
      const plain = await scim("/Users", { method: "POST", json: { userName: "plain.json" }, contentType: "application/json" });
      assertScimOk(plain, 201);
    });

    test("bad filters → 400 invalidFilter", T, async () => {
      for (const f of ['userName eq', 'userName eq "a', 'userName xx "a"', '(userName eq "a"', 'emails[type eq "work"', "userName eq 'a'"]) {
        assertScimError(await scim(`/Users?filter=${encodeURIComponent(f)}`), 400, "invalidFilter");
      }
      assertScimError(await scim("/Users?count=abc"), 400, "invalidValue");
    });

    test("PATCH: replace by path, op names in any case", T, async () => {
      const u = await patchUserOk(jane.id, { op: "Replace", path: "title", value: "Staff Engineer" });
      assert.equal(u.title, "Staff Engineer");
      assert.equal((await getUser(jane.id)).title, "Staff Engineer");
      const v = await patchUserOk(jane.id, { op: "replace", path: "displayName", value: "Jane Q. Doe" });
      assert.equal(v.displayName, "Jane Q. Doe");
      assert.equal(v.name.formatted, "Jane Q. Doe");
    });

    test("PATCH: path-less value objects, including dotted names", T, async () => {
      let u = await patchUserOk(jane.id, { op: "Replace", value: { displayName: "Jane Doe", "name.givenName": "Jane" } });
      assert.equal(u.displayName, "Jane Doe");
      u = await patchUserOk(jane.id, { op: "Add", value: { title: "Principal Engineer", [`${EXT}:division`]: "Labs" } });
      assert.equal(u.title, "Principal Engineer");
      assert.equal(u[EXT].division, "Labs");
      assert.equal(u[EXT].department, "Research", "other extension fields stay");
      u = await patchUserOk(jane.id, { op: "replace", value: { [EXT]: { organization: "Atrium Inc" } } });
      assert.equal(u[EXT].organization, "Atrium Inc");
      assert.equal(u[EXT].division, "Labs");
    });

    test("PATCH: emails[type eq \"work\"].value, name.givenName, extension by URN path, remove", T, async () => {
      let u = await patchUserOk(jane.id, { op: "replace", path: 'emails[type eq "work"].value', value: "jane@example.org" });
      assert.equal(u.emails[0].value, "jane@example.org");
      assert.equal((await filterUsers('emails.value eq "jane@example.org"')).totalResults, 1);
      u = await patchUserOk(jane.id, { op: "replace", path: "name.givenName", value: "Janet" });
      assert.equal(u.displayName, "Jane Doe", "the display name stays when only a name part changes");
      u = await patchUserOk(jane.id, { op: "replace", path: `${EXT}:department`, value: "Platform" });
      assert.equal(u[EXT].department, "Platform");
      u = await patchUserOk(jane.id, { op: "remove", path: "title" }, { op: "remove", path: `${EXT}:costCenter` });
      assert.ok(!("title" in u));
      assert.ok(!("costCenter" in u[EXT]));
      u = await patchUserOk(jane.id, { op: "Add", path: "phoneNumbers[type eq \"work\"].value", value: "+1 555 0111" });
      assert.equal(u.phoneNumbers[0].value, "+1 555 0111");
      u = await patchUserOk(jane.id, { op: "replace", path: 'addresses[type eq "work"].formatted', value: "Building 9" });
      assert.equal(u.addresses[0].formatted, "Building 9");
      u = await patchUserOk(jane.id, { op: "add", path: "externalId", value: "e-jane-2" });
      assert.equal(u.externalId, "e-jane-2");
    });

    test("PATCH or PUT of id → 400 mutability", T, async () => {
      assertScimError(await patchUser(jane.id, { op: "replace", path: "id", value: "1" }), 400, "mutability");
      assertScimError(await patchUser(jane.id, { op: "replace", value: { id: "1" } }), 400, "mutability");
      const put = await scim(`/Users/${jane.id}`, { method: "PUT", json: { schemas: [USER], id: "1", userName: "jane.doe" } });
      assertScimError(put, 400, "mutability");
      // the same id is fine
      assertScimOk(await patchUser(jane.id, { op: "replace", value: { id: jane.id, title: "Engineer" } }));
    });

    test("PUT replaces: absent attributes are cleared", T, async () => {
      const u = await createUser({ userName: "put.me", title: "Temp", displayName: "Put Me", [EXT]: { department: "Ops" } });
      const put = await scim(`/Users/${u.id}`, {
        method: "PUT",
        json: { schemas: [USER], id: u.id, userName: "put.me", displayName: "Put Me Too", emails: [{ value: "put@example.com", type: "work" }] },
      });
      const v = assertScimOk(put);
      assert.equal(v.displayName, "Put Me Too");
      assert.ok(!("title" in v), "title cleared");
      assert.ok(!(EXT in v), "extension cleared");
      assert.equal(v.emails[0].value, "put@example.com");
      assert.equal(v.active, true, "active is left alone when absent");
      // renaming to a taken userName
      assertScimError(await scim(`/Users/${u.id}`, { method: "PUT", json: { schemas: [USER], userName: "jane.doe" } }), 409, "uniqueness");
    });

    test("deactivate (active false, Entra's \"False\" too) ends access at once; reactivate lets them sign in", T, async () => {
      // carol was created with the CLI; the IdP finds and links her
      const found = await filterUsers('userName eq "carol@example.com"');
      assert.equal(found.totalResults, 1);
      const carol = found.Resources[0];
      assert.equal(carol.userName, "carol");
      const linked = await patchUserOk(carol.id, { op: "add", path: "externalId", value: "e-carol" });
      assert.equal(linked.externalId, "e-carol");

      const oauth = await passwordToken(srv.url, app, CAROL.name, CAROL.password);
      assert.equal((await request(srv.url, "/api/v1/accounts/verify_credentials", { token: oauth })).status, 200);
      const signedIn = await signIn(srv.url, "carol", CAROL.password);
      const cookie = signedIn.setCookies.map((c) => c.split(";")[0]).find((c) => c.startsWith("atrium_session="));
      assert.ok(cookie, describe(signedIn));
      assert.equal((await request(srv.url, "/api/v1/atrium/session", { cookie })).status, 200);
      const off = await patchUserOk(carol.id, { op: "replace", value: { active: false } });
      assert.equal(off.active, false);
      assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { token: oauth }), 401);
      assertJsonError(await request(srv.url, "/api/v1/atrium/session", { cookie }), 401);
      assertJsonError(await signIn(srv.url, "carol", CAROL.password), 403);
      // still visible to provisioning, as inactive
      assert.equal((await filterUsers('externalId eq "e-carol"')).Resources[0].active, false);

      const on = await patchUserOk(carol.id, { op: "Replace", path: "active", value: "True" });
      assert.equal(on.active, true);
      assertJsonOk(await signIn(srv.url, "carol", CAROL.password));
      assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { token: oauth }), 401);

      // Entra's string form switches off too
      const oauth2 = await passwordToken(srv.url, app, CAROL.name, CAROL.password);
      assert.equal((await patchUserOk(carol.id, { op: "Replace", path: "active", value: "False" })).active, false);
      assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { token: oauth2 }), 401);
      assert.equal((await patchUserOk(carol.id, { op: "replace", path: "active", value: true })).active, true);
    });

    test("manager: set, change by bare id (Entra), remove; a cycle or oneself → 400", T, async () => {
      const boss = await createUser({ userName: "the.boss", displayName: "The Boss" });
      const boss2 = await createUser({ userName: "other.boss", displayName: "Other Boss" });
      const worker = await createUser({ userName: "worker", displayName: "Worker", [EXT]: { manager: { value: boss.id } } });
      assert.equal(worker[EXT].manager.value, boss.id);
      assert.equal(worker[EXT].manager.displayName, "The Boss");
      assert.ok(worker[EXT].manager.$ref.endsWith(`/Users/${boss.id}`));

      let u = await patchUserOk(worker.id, { op: "Add", path: `${EXT}:manager`, value: boss2.id });
      assert.equal(u[EXT].manager.value, boss2.id);
      assert.equal(u[EXT].manager.displayName, "Other Boss");
      u = await patchUserOk(worker.id, { op: "replace", path: `${EXT}:manager`, value: { value: boss.id } });
      assert.equal(u[EXT].manager.value, boss.id);
      // Atrium's org chart follows
      const chain = assertJsonOk(await request(srv.url, `/api/v1/atrium/profiles/${worker.id}/management_chain`, { token: rootToken }));
      assert.deepEqual(chain.map((a) => a.id), [boss.id]);

      // boss reports to worker, who reports to boss: refused
      assertScimError(await patchUser(boss.id, { op: "add", path: `${EXT}:manager`, value: worker.id }), 400, "invalidValue");
      assertScimError(await patchUser(boss.id, { op: "add", path: `${EXT}:manager`, value: { value: boss.id } }), 400, "invalidValue");
      assertScimError(await patchUser(boss.id, { op: "add", path: `${EXT}:manager`, value: "999999999" }), 400, "invalidValue");
      assert.ok(!(EXT in (await getUser(boss.id))), "nothing changed");

      u = await patchUserOk(worker.id, { op: "remove", path: `${EXT}:manager` });
      assert.ok(!u[EXT] || !("manager" in u[EXT]));
      // and set again, then removed by an empty value as some IdPs send
      await patchUserOk(worker.id, { op: "replace", path: `${EXT}:manager`, value: boss.id });
      u = await patchUserOk(worker.id, { op: "replace", path: `${EXT}:manager`, value: { value: "" } });
      assert.ok(!u[EXT] || !("manager" in u[EXT]));
    });

    test("manager: a deactivated person → 400 invalidValue and nothing changes; a manager who leaves stays until changed", T, async () => {
      const left = await createUser({ userName: "left.boss", displayName: "Left Boss" });
      assert.equal((await patchUserOk(left.id, { op: "replace", path: "active", value: false })).active, false);
      const lead = await createUser({ userName: "team.lead", displayName: "Team Lead" });
      const member = await createUser({ userName: "team.member", displayName: "Team Member", [EXT]: { manager: { value: lead.id } } });

      // creating someone under a deactivated manager
      const made = await scim("/Users", { method: "POST", json: { schemas: [USER], userName: "new.hire", [EXT]: { manager: { value: left.id } } } });
      assert.match(assertScimError(made, 400, "invalidValue").detail, /left\.boss|deactivated/);
      assert.equal((await filterUsers('userName eq "new.hire"')).totalResults, 0);
      // moving someone under them, by PATCH and by PUT
      const moved = await patchUser(member.id, { op: "replace", path: `${EXT}:manager`, value: left.id }, { op: "replace", path: "displayName", value: "Renamed" });
      assert.match(assertScimError(moved, 400, "invalidValue").detail, /deactivated/);
      const put = await scim(`/Users/${member.id}`, { method: "PUT", json: { schemas: [USER], userName: "team.member", displayName: "Renamed", [EXT]: { manager: { value: left.id } } } });
      assertScimError(put, 400, "invalidValue");
      let now = await getUser(member.id);
      assert.equal(now[EXT].manager.value, lead.id, "nothing changed");
      assert.equal(now.displayName, "Team Member", "nothing changed");

      // The lead leaves: the IdP may still send the member whole, manager included.
      await patchUserOk(lead.id, { op: "replace", path: "active", value: false });
      const kept = await scim(`/Users/${member.id}`, { method: "PUT", json: { schemas: [USER], userName: "team.member", displayName: "Team Member II", [EXT]: { manager: { value: lead.id } } } });
      now = assertScimOk(kept);
      assert.equal(now[EXT].manager.value, lead.id);
      assert.equal(now.displayName, "Team Member II");
      // Reactivated, the one who left may manage again.
      await patchUserOk(left.id, { op: "replace", path: "active", value: true });
      assert.equal((await patchUserOk(member.id, { op: "replace", path: `${EXT}:manager`, value: left.id }))[EXT].manager.value, left.id);
    });

    test("pagination: startIndex (1-based), count (default 100, max 200), totalResults", T, async () => {
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await createUser({ userName: `page.${i}`, displayName: `Page ${i}` }));
      const ids = made.map((u) => u.id);
      const page = await filterUsers('userName sw "page."', "&startIndex=2&count=2");
      assert.equal(page.totalResults, 5);
      assert.equal(page.startIndex, 2);
      assert.equal(page.itemsPerPage, 2);
      assert.deepEqual(page.Resources.map((u) => u.id), ids.slice(1, 3));
      const last = await filterUsers('userName sw "page."', "&startIndex=5&count=10");
      assert.deepEqual(last.Resources.map((u) => u.id), ids.slice(4));
      const beyond = await filterUsers('userName sw "page."', "&startIndex=9");
      assert.equal(beyond.totalResults, 5);
      assert.equal(beyond.itemsPerPage, 0);
      const none = await filterUsers('userName sw "page."', "&count=0");
      assert.equal(none.totalResults, 5);
      assert.equal(none.itemsPerPage, 0);
      const low = await filterUsers('userName sw "page."', "&startIndex=0&count=1");
      assert.equal(low.startIndex, 1);
      assert.equal(low.Resources[0].id, ids[0]);

      const all = assertScimOk(await scim("/Users"));
      assert.ok(all.totalResults >= 10, JSON.stringify(all.totalResults));
      assert.equal(all.itemsPerPage, Math.min(all.totalResults, 100));
      const capped = assertScimOk(await scim("/Users?count=5000"));
      assert.ok(capped.itemsPerPage <= 200);
      // walking the pages gives everyone once
      const seen = new Set();
      for (let start = 1; start <= all.totalResults; start += 3) {
        const p = assertScimOk(await scim(`/Users?startIndex=${start}&count=3`));
        for (const u of p.Resources) seen.add(u.id);
      }
      assert.equal(seen.size, all.totalResults);
      // attributes and excludedAttributes
      const slim = await filterUsers('userName eq "page.0"', "&attributes=userName");
      assert.deepEqual(Object.keys(slim.Resources[0]).sort(), ["id", "schemas", "userName"]);
      const noEmails = await filterUsers('userName eq "jane.doe"', "&excludedAttributes=emails,meta");
      assert.ok(!("emails" in noEmails.Resources[0]) && !("meta" in noEmails.Resources[0]));
    });

    test("odd bodies get a 4xx SCIM error or succeed, never a 500", T, async () => {
      const u = await createUser({ userName: "odd.one" });
      const bodies = [
        patchOp({ op: "add", path: "emails", value: "x" }),
        patchOp({ op: "replace", path: "name", value: "plain" }, { op: "remove", path: "displayName" }),
        patchOp({ op: "add", path: EXT, value: 5 }),
        patchOp({ op: "replace", path: 'emails[type eq "work"]', value: 5 }),
        patchOp({ op: "replace", path: "meta.created", value: "yesterday" }, { op: "replace", path: "schemas", value: 1 }),
        patchOp({ op: "add", path: `${EXT}:manager.value`, value: "12" }),
        patchOp({ op: "add", path: "active", value: null }),
        patchOp({ op: "replace", path: "userName", value: "" }),
        patchOp({ op: "replace", path: "userName", value: "x".repeat(5000) }),
        patchOp({ op: "replace", path: "title", value: "t".repeat(600) }),
        patchOp({ op: "add", path: "members[value eq 1]", value: {} }),
        patchOp(...Array.from({ length: 1001 }, () => ({ op: "add", path: "title", value: "x" }))),
        { Operations: "no" },
        { Operations: [null] },
        [],
      ];
      for (const body of bodies) {
        const res = await scim(`/Users/${u.id}`, { method: "PATCH", json: body });
        assert.ok(res.status < 500, `${JSON.stringify(body).slice(0, 200)}: ${describe(res)}`);
        if (res.status >= 400) assertScimError(res, res.status);
      }
      const deep = "[".repeat(5000) + "]".repeat(5000);
      assertScimError(await scim(`/Users/${u.id}`, { method: "PATCH", body: deep }), 400, "invalidSyntax");
      assertScimError(await scim("/Users", { method: "POST", body: "" }), 400, "invalidSyntax");
      assertScimError(await scim("/Users", { method: "POST", body: '{"userName":"\ud800"}' }), 400);
    });

    test("unknown or malformed ids → 404 SCIM error", T, async () => {
      assertScimError(await scim("/Users/999999999999"), 404);
      assertScimError(await scim("/Users/not-an-id"), 404);
      assertScimError(await patchUser("999999999999", { op: "replace", path: "title", value: "x" }), 404);
      assertScimError(await scim("/Users/999999999999", { method: "PUT", json: { userName: "x" } }), 404);
      assertScimError(await scim("/Users/999999999999", { method: "DELETE" }), 404);
    });

    test("DELETE → 204; then 404 everywhere, gone from lists, access ended", T, async () => {
      const u = await createUser({ userName: "leaver", externalId: "e-leaver", displayName: "Leaver" });
      const del = await scim(`/Users/${u.id}`, { method: "DELETE" });
      assert.equal(del.status, 204, describe(del));
      assert.equal(del.text, "");
      assertScimError(await scim(`/Users/${u.id}`), 404);
      assertScimError(await patchUser(u.id, { op: "replace", path: "active", value: true }), 404);
      assertScimError(await scim(`/Users/${u.id}`, { method: "DELETE" }), 404);
      assert.equal((await filterUsers('externalId eq "e-leaver"')).totalResults, 0);
      assert.equal((await filterUsers(`id eq "${u.id}"`)).totalResults, 0);
      const all = assertScimOk(await scim("/Users?count=200"));
      assert.ok(!all.Resources.some((r) => r.id === u.id));
    });
  });

  suite("groups", () => {
    let a, b, c;
    before(async () => {
      a = await createUser({ userName: "group.a", displayName: "Group A" });
      b = await createUser({ userName: "group.b", displayName: "Group B" });
      c = await createUser({ userName: "group.c", displayName: "Group C" });
    });
    const patchGroup = (id, ...ops) => scim(`/Groups/${id}`, { method: "PATCH", json: patchOp(...ops) });
    const members = async (id) => (assertScimOk(await scim(`/Groups/${id}`)).members || []).map((m) => m.value).sort();

    test("create, read, filter, duplicate name → 409, PUT, DELETE", T, async () => {
      const res = await scim("/Groups", { method: "POST", json: { schemas: [GROUP], displayName: "Engineering", externalId: "g-eng", members: [{ value: a.id }, { value: b.id }] } });
      const g = assertScimOk(res, 201);
      assert.equal(res.location, g.meta.location);
      assert.deepEqual(g.schemas, [GROUP]);
      assert.equal(g.displayName, "Engineering");
      assert.equal(g.externalId, "g-eng");
      assert.equal(g.meta.resourceType, "Group");
      assert.deepEqual(g.members.map((m) => m.value).sort(), [a.id, b.id].sort());
      assert.equal(g.members.find((m) => m.value === a.id).display, "Group A");

      const found = assertScimOk(await scim(`/Groups?filter=${encodeURIComponent('displayName eq "engineering"')}`));
      assert.equal(found.totalResults, 1);
      assert.equal(found.Resources[0].id, g.id);
      const slim = assertScimOk(await scim(`/Groups?filter=${encodeURIComponent('displayName eq "Engineering"')}&excludedAttributes=members`));
      assert.ok(!("members" in slim.Resources[0]));
      const byExt = assertScimOk(await scim(`/Groups?filter=${encodeURIComponent('externalId eq "g-eng"')}`));
      assert.equal(byExt.Resources[0].id, g.id);
      const byMember = assertScimOk(await scim(`/Groups?filter=${encodeURIComponent(`members.value eq "${b.id}"`)}`));
      assert.equal(byMember.totalResults, 1);
      assertScimError(await scim(`/Groups?filter=${encodeURIComponent("displayName eq")}`), 400, "invalidFilter");

      assertScimError(await scim("/Groups", { method: "POST", json: { schemas: [GROUP], displayName: "ENGINEERING" } }), 409, "uniqueness");
      assertScimError(await scim("/Groups", { method: "POST", json: { schemas: [GROUP], displayName: "X", members: [{ value: "999999999" }] } }), 400, "invalidValue");
      assertScimError(await scim("/Groups", { method: "POST", json: { schemas: [GROUP] } }), 400, "invalidValue");
      assertScimError(await scim("/Groups", { method: "POST", body: "{" }), 400, "invalidSyntax");

      const put = assertScimOk(await scim(`/Groups/${g.id}`, { method: "PUT", json: { schemas: [GROUP], displayName: "Eng", members: [{ value: c.id }] } }));
      assert.equal(put.displayName, "Eng");
      assert.deepEqual(put.members.map((m) => m.value), [c.id]);
      assert.ok(!("externalId" in put));

      const del = await scim(`/Groups/${g.id}`, { method: "DELETE" });
      assert.equal(del.status, 204, describe(del));
      assertScimError(await scim(`/Groups/${g.id}`), 404);
      assertScimError(await scim(`/Groups/${g.id}`, { method: "DELETE" }), 404);
      assertScimError(await scim("/Groups/nope"), 404);
    });

    test("PATCH members the ways Entra ID and Okta send them; rename", T, async () => {
      const g = assertScimOk(await scim("/Groups", { method: "POST", json: { schemas: [GROUP], displayName: "Design" } }), 201);
      assert.deepEqual(g.members, []);
      // Entra: Add members with a list
      let res = await patchGroup(g.id, { op: "Add", path: "members", value: [{ value: a.id }, { value: b.id }] });
      assert.equal(res.status, 204, describe(res));
      assert.deepEqual(await members(g.id), [a.id, b.id].sort());
      // adding someone already there changes nothing
      assert.equal((await patchGroup(g.id, { op: "add", path: "members", value: [{ value: a.id }] })).status, 204);
      assert.deepEqual(await members(g.id), [a.id, b.id].sort());
      // Okta: remove by value filter
      assert.equal((await patchGroup(g.id, { op: "remove", path: `members[value eq "${a.id}"]` })).status, 204);
      assert.deepEqual(await members(g.id), [b.id]);
      // Entra: Remove with a value list
      await patchGroup(g.id, { op: "Add", path: "members", value: [{ value: c.id }] });
      assert.equal((await patchGroup(g.id, { op: "Remove", path: "members", value: [{ value: b.id }] })).status, 204);
      assert.deepEqual(await members(g.id), [c.id]);
      // Okta: rename with the id in the value; replace the member list
      res = await patchGroup(g.id, { op: "replace", value: { id: g.id, displayName: "Product Design" } }, { op: "replace", path: "members", value: [{ value: a.id }] });
      assert.equal(res.status, 204, describe(res));
      const after = assertScimOk(await scim(`/Groups/${g.id}`));
      assert.equal(after.displayName, "Product Design");
      assert.deepEqual(after.members.map((m) => m.value), [a.id]);
      // errors
      assertScimError(await patchGroup(g.id, { op: "add", path: "members", value: [{ value: "999999999" }] }), 400, "invalidValue");
      assertScimError(await patchGroup(g.id, { op: "replace", path: "id", value: "1" }), 400, "mutability");
      assertScimError(await patchGroup(g.id, { op: "replace", path: "displayName", value: "" }), 400, "invalidValue");
      assertScimError(await patchGroup("999999999", { op: "replace", path: "displayName", value: "x" }), 404);
      assertScimError(await scim(`/Groups/${g.id}`, { method: "PATCH", body: "[" }), 400, "invalidSyntax");
      assert.deepEqual(await members(g.id), [a.id]);
    });

    test("group lists page like user lists", T, async () => {
      for (let i = 0; i < 3; i++) assertScimOk(await scim("/Groups", { method: "POST", json: { schemas: [GROUP], displayName: `Team ${i}` } }), 201);
      const all = assertScimOk(await scim("/Groups"));
      assert.ok(all.totalResults >= 3);
      const page = assertScimOk(await scim(`/Groups?filter=${encodeURIComponent('displayName sw "Team "')}&startIndex=2&count=1`));
      assert.equal(page.totalResults, 3);
      assert.equal(page.itemsPerPage, 1);
      assert.equal(page.Resources[0].displayName, "Team 1");
    });
  });
});
