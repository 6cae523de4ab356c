// Compatibility with the real masto.js client (v7), plus the instance and
// nodeinfo documents checked as raw JSON.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { createRestAPIClient, createOAuthAPIClient, MastoHttpError } from "masto";
import { startServer } from "./lib/server.mjs";
import { request, assertJsonOk, describe } from "./lib/http.mjs";
import { registerApp, passwordToken } from "./lib/oauth.mjs";

const T = { timeout: 30000 };
const OOB = "urn:ietf:wg:oauth:2.0:oob"; // also exported by lib/oauth.mjs
const ERIN = { name: "erin", email: "erin@example.com", role: "admin", password: "erin-password-1" };
const FRANK = { name: "frank", email: "frank@example.com", role: "member", password: "frank-password-1" };

let srv;
before(async () => {
  srv = await startServer({ users: [ERIN, FRANK] });
});

suite("masto.js client", () => {
  let app, token;

  before(async () => {
    const anon = createRestAPIClient({ url: srv.url });
    app = await anon.v1.apps.create({ clientName: "masto-test", redirectUris: OOB, scopes: "read write" });
    const oauth = createOAuthAPIClient({ url: srv.url });
    const tok = await oauth.token.create({
      grantType: "password",
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      redirectUri: OOB,
      scope: "read write",
      username: FRANK.name,
      password: FRANK.password,
    });
    token = tok;
  });

  test("apps.create returns credentials", T, () => {
    assert.equal(app.name, "masto-test");
    assert.equal(typeof app.clientId, "string");
    assert.equal(typeof app.clientSecret, "string");
    assert.deepEqual(app.scopes, ["read", "write"]);
    assert.deepEqual(app.redirectUris, [OOB]);
  });

  test("password grant through masto's OAuth client", T, () => {
    assert.equal(typeof token.accessToken, "string");
    assert.equal(token.tokenType, "Bearer");
    assert.equal(token.scope, "read write");
    assert.equal(typeof token.createdAt, "number");
  });

  test("v1.accounts.verifyCredentials", T, async () => {
    const masto = createRestAPIClient({ url: srv.url, accessToken: token.accessToken });
    const me = await masto.v1.accounts.verifyCredentials();
    assert.equal(me.username, "frank");
    assert.equal(me.acct, "frank");
    assert.equal(typeof me.id, "string");
    assert.equal(me.bot, false);
    assert.ok(!Number.isNaN(Date.parse(me.createdAt)));
    assert.deepEqual(me.emojis, []);
    assert.deepEqual(me.fields, []);
    assert.equal(typeof me.source.privacy, "string");
    assert.equal(typeof me.role.name, "string");
    assert.equal(me.followersCount, 0);
    assert.equal(me.followingCount, 0);
    assert.equal(me.statusesCount, 0);
  });

  test("v1.apps.verifyCredentials with the user token", T, async () => {
    const masto = createRestAPIClient({ url: srv.url, accessToken: token.accessToken });
    const a = await masto.v1.apps.verifyCredentials();
    assert.equal(a.name, "masto-test");
    assert.equal(a.clientSecret, undefined);
  });

  test("v1.instance.fetch", T, async () => {
    const masto = createRestAPIClient({ url: srv.url, accessToken: token.accessToken });
    const inst = await masto.v1.instance.fetch();
    assert.equal(typeof inst.uri, "string");
    assert.ok(inst.uri.length > 0);
    assert.equal(typeof inst.title, "string");
    assert.equal(typeof inst.shortDescription, "string");
    assert.equal(typeof inst.description, "string");
    assert.equal(typeof inst.email, "string");
    assert.equal(typeof inst.version, "string");
    assert.ok(inst.version.length > 0);
    assert.equal(typeof inst.urls.streamingApi, "string");
    assert.equal(inst.stats.userCount, 2);
    assert.ok(Number.isInteger(inst.stats.statusCount));
    assert.ok(Number.isInteger(inst.stats.domainCount));
    assert.ok(Array.isArray(inst.languages));
    assert.equal(inst.registrations, false);
    assert.equal(typeof inst.approvalRequired, "boolean");
    assert.equal(typeof inst.invitesEnabled, "boolean");
    assert.equal(typeof inst.configuration, "object");
    assert.ok("contactAccount" in inst);
  });

  test("v2.instance.fetch", T, async () => {
    const masto = createRestAPIClient({ url: srv.url, accessToken: token.accessToken });
    const inst = await masto.v2.instance.fetch();
    assert.equal(typeof inst.domain, "string");
    assert.ok(inst.domain.length > 0);
    assert.equal(typeof inst.title, "string");
    assert.equal(typeof inst.version, "string");
    assert.equal(typeof inst.sourceUrl, "string");
    assert.equal(typeof inst.description, "string");
    assert.ok(Number.isInteger(inst.usage.users.activeMonth));
    assert.equal(typeof inst.thumbnail.url, "string");
    assert.ok(Array.isArray(inst.languages));
    const c = inst.configuration;
    assert.equal(typeof c.urls, "object");
    assert.equal(typeof c.accounts, "object");
    assert.equal(c.statuses.maxCharacters, 5000);
    assert.equal(typeof c.mediaAttachments, "object");
    assert.equal(typeof c.polls, "object");
    assert.equal(typeof c.translation, "object");
    assert.equal(inst.registrations.enabled, false);
    assert.equal(typeof inst.registrations.approvalRequired, "boolean");
    assert.ok("message" in inst.registrations);
    assert.equal(typeof inst.contact.email, "string");
    assert.ok("account" in inst.contact);
    // A member reads the organization's rules (tests/api/reports.test.mjs).
    assert.ok(inst.rules.length > 0);
    for (const r of inst.rules) assert.deepEqual(Object.keys(r).sort(), ["hint", "id", "text"]);
  });

  test("a bad token is reported by masto as a 401 MastoHttpError", T, async () => {
    const masto = createRestAPIClient({ url: srv.url, accessToken: "definitely-not-valid" });
    await assert.rejects(masto.v1.accounts.verifyCredentials(), (e) => {
      assert.ok(e instanceof MastoHttpError, `expected MastoHttpError, got ${e}`);
      assert.equal(e.statusCode, 401);
      assert.equal(typeof e.message, "string");
      return true;
    });
  });

  test("apps.create with an unknown scope is a 422 MastoHttpError", T, async () => {
    const anon = createRestAPIClient({ url: srv.url });
    await assert.rejects(anon.v1.apps.create({ clientName: "bad", redirectUris: OOB, scopes: "read banana" }), (e) => {
      assert.ok(e instanceof MastoHttpError, `expected MastoHttpError, got ${e}`);
      assert.equal(e.statusCode, 422);
      return true;
    });
  });

  test("wrong password through masto's OAuth client → invalid_grant", T, async () => {
    const oauth = createOAuthAPIClient({ url: srv.url });
    await assert.rejects(
      oauth.token.create({ grantType: "password", clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: OOB, username: FRANK.name, password: "nope" }),
      (e) => {
        assert.ok(e instanceof MastoHttpError, `expected MastoHttpError, got ${e}`);
        assert.ok([400, 401].includes(e.statusCode), `status ${e.statusCode}`);
        assert.equal(e.message, "invalid_grant");
        return true;
      },
    );
  });

  test("client_credentials through masto, then revoke through masto", T, async () => {
    const oauth = createOAuthAPIClient({ url: srv.url });
    const t = await oauth.token.create({ grantType: "client_credentials", clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: OOB, scope: "read" });
    const masto = createRestAPIClient({ url: srv.url, accessToken: t.accessToken });
    assert.equal((await masto.v1.apps.verifyCredentials()).name, "masto-test");
    await oauth.revoke({ clientId: app.clientId, clientSecret: app.clientSecret, token: t.accessToken });
    await assert.rejects(masto.v1.apps.verifyCredentials(), (e) => e instanceof MastoHttpError && e.statusCode === 401);
  });
});

suite("instance documents (raw JSON)", () => {
  let token;
  before(async () => {
    const app = await registerApp(srv.url, { name: "raw", redirectUris: OOB });
    token = await passwordToken(srv.url, app, ERIN.name, ERIN.password);
  });

  test("GET /api/v1/instance with a token uses snake_case Mastodon fields", T, async () => {
    const inst = assertJsonOk(await request(srv.url, "/api/v1/instance", { token }));
    for (const k of ["uri", "title", "short_description", "description", "email", "version", "urls", "stats", "languages", "registrations", "approval_required", "invites_enabled", "configuration", "contact_account"]) {
      assert.ok(k in inst, `v1 instance lacks ${k}`);
    }
    assert.equal(typeof inst.urls.streaming_api, "string");
    assert.deepEqual(Object.keys(inst.stats).sort(), ["domain_count", "status_count", "user_count"]);
    assert.equal(inst.stats.user_count, 2);
    assert.equal(inst.registrations, false);
  });

  test("GET /api/v1/instance needs no token", T, async () => {
    const inst = assertJsonOk(await request(srv.url, "/api/v1/instance"));
    assert.equal(typeof inst.uri, "string");
    assert.equal(typeof inst.version, "string");
    assert.ok(Number.isInteger(inst.stats.user_count));
    assert.equal(inst.registrations, false);
  });

  test("GET /api/v2/instance without a token", T, async () => {
    const inst = assertJsonOk(await request(srv.url, "/api/v2/instance"));
    assert.equal(inst.configuration.statuses.max_characters, 5000);
    assert.equal(inst.registrations.enabled, false);
    assert.ok(Number.isInteger(inst.usage.users.active_month));
    assert.deepEqual(inst.rules, []);
    assert.equal(typeof inst.source_url, "string");
  });

  test("instance documents reject other methods with 405", T, async () => {
    const res = await request(srv.url, "/api/v2/instance", { method: "DELETE" });
    assert.equal(res.status, 405, describe(res));
  });

  test("GET /.well-known/nodeinfo links to nodeinfo 2.0", T, async () => {
    const doc = assertJsonOk(await request(srv.url, "/.well-known/nodeinfo"));
    assert.ok(Array.isArray(doc.links));
    const link = doc.links.find((l) => l.rel === "http://nodeinfo.diaspora.software/ns/schema/2.0");
    assert.ok(link, `no 2.0 link: ${JSON.stringify(doc)}`);
    assert.match(link.href, /\/nodeinfo\/2\.0$/);
    assert.doesNotThrow(() => new URL(link.href));
    // the link resolves on this server
    const res = await request(srv.url, new URL(link.href).pathname);
    assert.equal(res.status, 200, describe(res));
  });

  test("nodeinfo link and instance domain name this server (no port 0)", T, async () => {
    const doc = assertJsonOk(await request(srv.url, "/.well-known/nodeinfo"));
    const href = new URL(doc.links[0].href);
    assert.equal(href.origin, srv.url, `nodeinfo href ${href} is not on ${srv.url}`);
    const v2 = assertJsonOk(await request(srv.url, "/api/v2/instance"));
    assert.doesNotMatch(v2.domain, /:0$/, `domain is ${v2.domain}`);
    const v1 = assertJsonOk(await request(srv.url, "/api/v1/instance"));
    assert.doesNotMatch(v1.uri, /:0$/, `uri is ${v1.uri}`);
  });

  test("GET /nodeinfo/2.0", T, async () => {
    const doc = assertJsonOk(await request(srv.url, "/nodeinfo/2.0"));
    assert.equal(doc.version, "2.0");
    assert.equal(doc.software.name, "atrium");
    assert.equal(typeof doc.software.version, "string");
    assert.ok(doc.software.version.length > 0);
    assert.deepEqual(doc.protocols, []);
    assert.deepEqual(doc.services, { inbound: [], outbound: [] });
    assert.equal(doc.openRegistrations, false);
    assert.equal(typeof doc.usage.users, "object");
    assert.ok(doc.usage.users !== null);
    assert.equal(typeof doc.metadata, "object");
    assert.ok(doc.metadata !== null && !Array.isArray(doc.metadata), "metadata must be an object");
  });
});
