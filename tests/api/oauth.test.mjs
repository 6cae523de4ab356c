// OAuth provider end to end: app registration, authorization code + PKCE,
// client credentials, password grant, revocation, discovery, scopes.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { request, assertJsonError, assertJsonOk, describe, findSetCookie } from "./lib/http.mjs";
import {
  OOB,
  registerApp,
  tokenRequest,
  passwordToken,
  clientCredentialsToken,
  pkcePair,
  authorizeParams,
  getAuthorizePage,
  postAuthorize,
  authorizeCode,
} from "./lib/oauth.mjs";

const T = { timeout: 30000 };
const REDIRECT = "https://client.example/callback";
const ALICE = { name: "alice", email: "alice@example.com", role: "member", password: "correct horse battery staple" };
const BOB = { name: "bob", email: "bob@example.com", role: "member", password: "hunter2hunter2" };

let srv;
before(async () => {
  srv = await startServer({ users: [ALICE, BOB] });
});

async function exchange(app, code, verifier, { redirectUri = REDIRECT, clientSecret = app.client_secret } = {}) {
  return tokenRequest(srv.url, {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    client_id: app.client_id,
    client_secret: clientSecret,
  });
}

async function whoami(token) {
  return request(srv.url, "/api/v1/accounts/verify_credentials", { token });
}

suite("app registration", () => {
  test("JSON registration returns the Mastodon Application with credentials", T, async () => {
    const res = await request(srv.url, "/api/v1/apps", {
      method: "POST",
      json: { client_name: "My Client", redirect_uris: REDIRECT, scopes: "read write", website: "https://client.example" },
    });
    const app = assertJsonOk(res);
    assert.equal(typeof app.id, "string");
    assert.ok(app.id.length > 0);
    assert.equal(app.name, "My Client");
    assert.equal(app.website, "https://client.example");
    assert.deepEqual(app.scopes, ["read", "write"]);
    assert.equal(app.redirect_uri, REDIRECT);
    assert.deepEqual(app.redirect_uris, [REDIRECT]);
    assert.equal(typeof app.client_id, "string");
    assert.equal(typeof app.client_secret, "string");
    assert.ok(app.client_id.length >= 16, "client_id too short to be unguessable");
    assert.ok(app.client_secret.length >= 16, "client_secret too short");
    assert.notEqual(app.client_id, app.client_secret);
    assert.equal(app.client_secret_expires_at, 0);
    assert.ok("vapid_key" in app, "vapid_key missing");
  });

  test("two registrations get distinct credentials", T, async () => {
    const a = await registerApp(srv.url, { name: "a" });
    const b = await registerApp(srv.url, { name: "b" });
    assert.notEqual(a.client_id, b.client_id);
    assert.notEqual(a.client_secret, b.client_secret);
    assert.notEqual(a.id, b.id);
  });

  test("form-encoded registration; scopes default to read", T, async () => {
    const res = await request(srv.url, "/api/v1/apps", { method: "POST", form: { client_name: "Form App", redirect_uris: OOB } });
    const app = assertJsonOk(res);
    assert.equal(app.name, "Form App");
    assert.deepEqual(app.scopes, ["read"]);
    assert.deepEqual(app.redirect_uris, [OOB]);
    assert.equal(app.redirect_uri, OOB);
  });

  test("an app's own scheme and the out-of-band URI are redirect URIs", T, async () => {
    const uris = ["com.example.atrium-app:/oauth", "myapp://callback", OOB];
    const app = assertJsonOk(await request(srv.url, "/api/v1/apps", { method: "POST", json: { client_name: "Native", redirect_uris: uris } }));
    assert.deepEqual(app.redirect_uris, uris);
  });

  test("redirect_uris as an array of strings", T, async () => {
    const uris = [REDIRECT, "https://client.example/other"];
    const res = await request(srv.url, "/api/v1/apps", { method: "POST", json: { client_name: "Multi", redirect_uris: uris, scopes: "read" } });
    const app = assertJsonOk(res);
    assert.deepEqual(app.redirect_uris, uris);
    assert.match(app.redirect_uri, /client\.example\/callback/);
  });

  for (const [label, body] of [
    ["missing client_name", { redirect_uris: REDIRECT }],
    ["empty client_name", { client_name: "", redirect_uris: REDIRECT }],
    ["missing redirect_uris", { client_name: "x" }],
    ["invalid redirect URI", { client_name: "x", redirect_uris: "not a uri" }],
    ["one invalid URI in the array", { client_name: "x", redirect_uris: [REDIRECT, "not a uri"] }],
    ["unknown scope", { client_name: "x", redirect_uris: REDIRECT, scopes: "read banana" }],
    ["a javascript: redirect URI", { client_name: "x", redirect_uris: "javascript:alert(document.cookie)" }],
    ["a JavaScript: redirect URI in capitals", { client_name: "x", redirect_uris: "JavaScript:alert(1)" }],
    ["a data: redirect URI", { client_name: "x", redirect_uris: "data:text/html,<script>alert(1)</script>" }],
    ["a vbscript: redirect URI", { client_name: "x", redirect_uris: "vbscript:msgbox(1)" }],
    ["a file: redirect URI", { client_name: "x", redirect_uris: "file:///etc/passwd" }],
    ["an unsafe URI among safe ones", { client_name: "x", redirect_uris: [REDIRECT, "javascript:alert(1)"] }],
  ]) {
    test(`registration with ${label} → 422 JSON`, T, async () => {
      const res = await request(srv.url, "/api/v1/apps", { method: "POST", json: body });
      assertJsonError(res, 422);
    });
  }

  test("GET /api/v1/apps/verify_credentials with an app token: no secret", T, async () => {
    const app = await registerApp(srv.url, { name: "Verify Me", scopes: "read write", website: "https://v.example" });
    const token = await clientCredentialsToken(srv.url, app);
    const res = await request(srv.url, "/api/v1/apps/verify_credentials", { token });
    const body = assertJsonOk(res);
    assert.equal(body.name, "Verify Me");
    assert.equal(body.website, "https://v.example");
    assert.equal(body.id, app.id);
    assert.ok(Array.isArray(body.scopes));
    assert.equal(body.redirect_uri, REDIRECT);
    assert.deepEqual(body.redirect_uris, [REDIRECT]);
    assert.ok(!("client_secret" in body), "client_secret must not be disclosed");
  });

  test("GET /api/v1/apps/verify_credentials with a user token", T, async () => {
    const app = await registerApp(srv.url, { name: "User App" });
    const token = await passwordToken(srv.url, app, ALICE.name, ALICE.password);
    const body = assertJsonOk(await request(srv.url, "/api/v1/apps/verify_credentials", { token }));
    assert.equal(body.name, "User App");
    assert.ok(!("client_secret" in body));
  });

  test("GET /api/v1/apps/verify_credentials without or with a bad token → 401", T, async () => {
    assertJsonError(await request(srv.url, "/api/v1/apps/verify_credentials"), 401);
    assertJsonError(await request(srv.url, "/api/v1/apps/verify_credentials", { token: "nope" }), 401);
  });
});

suite("discovery", () => {
  test("/.well-known/oauth-authorization-server", T, async () => {
    const doc = assertJsonOk(await request(srv.url, "/.well-known/oauth-authorization-server"));
    assert.equal(typeof doc.issuer, "string");
    for (const [k, p] of [
      ["authorization_endpoint", "/oauth/authorize"],
      ["token_endpoint", "/oauth/token"],
      ["revocation_endpoint", "/oauth/revoke"],
    ]) {
      assert.equal(typeof doc[k], "string", `${k} missing`);
      assert.equal(new URL(doc[k]).pathname, p, `${k} = ${doc[k]}`);
    }
    assert.ok(Array.isArray(doc.scopes_supported));
    for (const s of ["read", "write", "profile", "read:accounts", "admin:read", "admin:write"]) {
      assert.ok(doc.scopes_supported.includes(s), `scopes_supported lacks ${s}`);
    }
    assert.deepEqual(doc.response_types_supported, ["code"]);
    assert.ok(Array.isArray(doc.grant_types_supported));
    for (const g of ["authorization_code", "client_credentials"]) assert.ok(doc.grant_types_supported.includes(g), `lacks ${g}`);
    assert.deepEqual(doc.code_challenge_methods_supported, ["S256"]);
  });

  test("discovery endpoints are absolute URLs on this server (no port 0)", T, async () => {
    const doc = assertJsonOk(await request(srv.url, "/.well-known/oauth-authorization-server"));
    for (const k of ["issuer", "authorization_endpoint", "token_endpoint", "revocation_endpoint"]) {
      const u = new URL(doc[k]);
      assert.equal(u.origin, srv.url, `${k} = ${doc[k]} is not on ${srv.url}`);
    }
  });
});

suite("authorization code flow", () => {
  let app;
  before(async () => {
    app = await registerApp(srv.url, { name: "Web Client", redirectUris: [REDIRECT, OOB], scopes: "read write" });
  });

  test("authorize page carries the form, hidden fields and CSRF cookie", T, async () => {
    const { challenge } = pkcePair();
    const params = authorizeParams(app, { redirectUri: REDIRECT, challenge, state: "xyz" });
    const page = await getAuthorizePage(srv.url, params);
    assert.equal(page.res.status, 200, describe(page.res));
    assert.match(page.res.headers.get("content-type") || "", /text\/html/i);
    assert.ok(page.form, `no <form method=post action=/oauth/authorize>: ${page.res.text.slice(0, 600)}`);
    for (const k of ["client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "response_type"]) {
      assert.equal(page.fields[k], params[k], `hidden field ${k}`);
    }
    assert.ok(page.fields.authenticity_token, "authenticity_token hidden field missing");
    assert.ok(page.csrfCookie, "atrium_oauth_csrf cookie not set");
    assert.equal(page.csrfCookie, page.fields.authenticity_token, "cookie must equal authenticity_token");
    const visible = page.form.inputs.filter((i) => (i.type || "text").toLowerCase() !== "hidden").map((i) => i.name);
    assert.ok(visible.includes("login"), "login input missing");
    assert.ok(visible.includes("password"), "password input missing");
    const pw = page.form.inputs.find((i) => i.name === "password");
    assert.equal((pw.type || "").toLowerCase(), "password", "password input should be type=password");
    const decisions = [...page.form.buttons, ...page.form.inputs.filter((i) => /submit/i.test(i.type || ""))]
      .filter((b) => b.name === "decision")
      .map((b) => b.value);
    assert.ok(decisions.includes("approve"), `no decision=approve button: ${JSON.stringify(decisions)}`);
    assert.ok(decisions.includes("deny"), `no decision=deny button: ${JSON.stringify(decisions)}`);
  });

  test("each page load gets a fresh CSRF token", T, async () => {
    const params = authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge });
    const a = await getAuthorizePage(srv.url, params);
    const b = await getAuthorizePage(srv.url, params);
    assert.ok(a.csrfCookie && b.csrfCookie);
    assert.notEqual(a.csrfCookie, b.csrfCookie);
  });

  test("state with HTML metacharacters is escaped in the page and round-trips", T, async () => {
    const state = `"><script>alert(1)</script>&x=1`;
    const { code, location } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, state, redirectUri: REDIRECT });
    assert.ok(code);
    assert.equal(location.searchParams.get("state"), state);
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge, state }));
    assert.ok(!page.res.text.includes("<script>alert(1)</script>"), "state is reflected unescaped (XSS)");
  });

  // RFC 6749 §4.1.2.1: until the client and its redirect URI are verified,
  // an error is shown on a page of this server, never sent to the redirect URI.
  const assertErrorPage = (res, message) => {
    assert.equal(res.status, 400, describe(res));
    assert.equal(res.location, null, `${message}: must not redirect to an unverified redirect_uri`);
    assert.match(res.headers.get("content-type") || "", /text\/html/i, describe(res));
    assert.match(res.text, /role="alert"/, "the page shows the error");
    assert.equal(res.headers.get("cache-control"), "no-store", describe(res));
    assert.equal(res.headers.get("x-frame-options"), "DENY", describe(res));
    assert.equal(findSetCookie(res.setCookies, "atrium_session"), null);
  };
  const unverified = () => [
    ["an unknown client_id", authorizeParams({ client_id: "no-such-client" }, { redirectUri: REDIRECT, challenge: pkcePair().challenge })],
    ["no client_id", authorizeParams({ client_id: "" }, { redirectUri: REDIRECT, challenge: pkcePair().challenge })],
    ["a redirect_uri the app did not register", authorizeParams(app, { redirectUri: "https://evil.example/cb", challenge: pkcePair().challenge })],
    ["a registered redirect_uri with a different query", authorizeParams(app, { redirectUri: REDIRECT + "?next=https://evil.example", challenge: pkcePair().challenge })],
    ["no redirect_uri, the app having two", authorizeParams(app, { redirectUri: "", challenge: pkcePair().challenge })],
    // Even with errors that would otherwise be redirected.
    ["an unknown client and a bad scope", authorizeParams({ client_id: "no-such-client" }, { redirectUri: REDIRECT, scope: "banana", responseType: "token" })],
  ];

  test("GET with an unverified client or redirect URI → 400 error page, no redirect", T, async () => {
    for (const [label, params] of unverified()) {
      const page = await getAuthorizePage(srv.url, params);
      assertErrorPage(page.res, label);
      assert.equal(page.form, undefined, `${label}: no sign-in form`);
    }
  });

  test("POST with an unverified client or redirect URI → 400 error page, no redirect, no code", T, async () => {
    const good = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
    assert.equal(good.res.status, 200, describe(good.res));
    for (const [label, params] of unverified()) {
      const fields = { ...params, authenticity_token: good.fields.authenticity_token, login: ALICE.name, password: ALICE.password };
      for (const decision of ["approve", "deny"]) {
        const res = await postAuthorize(srv.url, { ...fields, decision }, { csrfCookie: good.csrfCookie });
        assertErrorPage(res, `${label}, ${decision}`);
        assert.doesNotMatch(res.text, /authorization-code/, `${label}: a code was issued`);
      }
    }
  });

  test("errors once the client and redirect URI are verified redirect back with error= and state", T, async () => {
    for (const [expected, params] of [
      ["invalid_scope", authorizeParams(app, { redirectUri: REDIRECT, scope: "read admin:write", challenge: pkcePair().challenge })],
      ["invalid_scope", authorizeParams(app, { redirectUri: REDIRECT, scope: "banana", challenge: pkcePair().challenge })],
      ["unsupported_response_type", authorizeParams(app, { redirectUri: REDIRECT, responseType: "token", challenge: pkcePair().challenge })],
      ["invalid_request", authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge, method: "plain" })],
    ]) {
      const page = await getAuthorizePage(srv.url, params);
      assert.equal(page.res.status, 302, `${expected}: ${describe(page.res)}`);
      const loc = new URL(page.res.location);
      assert.equal(loc.origin + loc.pathname, REDIRECT);
      assert.equal(loc.searchParams.get("error"), expected);
      assert.equal(loc.searchParams.get("state"), "xyz");
      assert.equal(loc.searchParams.get("code"), null);
    }
  });

  test("approve → 302 with code and state; code exchanged with PKCE for a user token", T, async () => {
    const { code, location, pkce, res } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    assert.equal(location.origin + location.pathname, REDIRECT);
    assert.equal(location.searchParams.get("state"), "xyz");
    const session = findSetCookie(res.setCookies, "atrium_session");
    assert.ok(session && session.value, `sign-in on the authorize page should set atrium_session: ${JSON.stringify(res.setCookies)}`);

    const tok = await exchange(app, code, pkce.verifier);
    const body = assertJsonOk(tok);
    assert.equal(typeof body.access_token, "string");
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.scope, "read");
    assert.equal(typeof body.created_at, "number");
    assert.ok(Number.isInteger(body.created_at));
    assert.ok(Math.abs(body.created_at - Date.now() / 1000) < 300, `created_at ${body.created_at} is not current unix seconds`);

    const me = assertJsonOk(await whoami(body.access_token));
    assert.equal(me.username, "alice");

    // the session cookie from the authorize sign-in works too
    const s = await request(srv.url, "/api/v1/atrium/session", { cookie: `atrium_session=${session.value}` });
    assert.equal(assertJsonOk(s).account.username, "alice");
  });

  test("login by e-mail on the authorize page", T, async () => {
    const { code, pkce } = await authorizeCode(srv.url, app, { login: BOB.email, password: BOB.password, redirectUri: REDIRECT });
    const tok = assertJsonOk(await exchange(app, code, pkce.verifier));
    assert.equal(assertJsonOk(await whoami(tok.access_token)).username, "bob");
  });

  test("signed-in session: page has no password field and approve works without credentials", T, async () => {
    const first = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    const session = findSetCookie(first.res.setCookies, "atrium_session");
    assert.ok(session);
    const cookie = `atrium_session=${session.value}`;
    const pkce = pkcePair();
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkce.challenge }), { cookie });
    assert.equal(page.res.status, 200, describe(page.res));
    assert.ok(page.form);
    assert.ok(!page.form.inputs.some((i) => i.name === "password"), "signed-in page should not ask for a password");
    const res = await postAuthorize(srv.url, { ...page.fields, decision: "approve" }, { csrfCookie: page.csrfCookie, cookie });
    assert.equal(res.status, 302, describe(res));
    const code = new URL(res.location).searchParams.get("code");
    const tok = assertJsonOk(await exchange(app, code, pkce.verifier));
    assert.equal(assertJsonOk(await whoami(tok.access_token)).username, "alice");
  });

  test("deny → 302 error=access_denied with state", T, async () => {
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
    const res = await postAuthorize(srv.url, { ...page.fields, login: ALICE.name, password: ALICE.password, decision: "deny" }, { csrfCookie: page.csrfCookie });
    assert.equal(res.status, 302, describe(res));
    const loc = new URL(res.location);
    assert.equal(loc.origin + loc.pathname, REDIRECT);
    assert.equal(loc.searchParams.get("error"), "access_denied");
    assert.equal(loc.searchParams.get("state"), "xyz");
    assert.equal(loc.searchParams.get("code"), null);
  });

  test("missing authenticity_token → 403", T, async () => {
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
    const fields = { ...page.fields, login: ALICE.name, password: ALICE.password, decision: "approve" };
    delete fields.authenticity_token;
    const res = await postAuthorize(srv.url, fields, { csrfCookie: page.csrfCookie });
    assert.equal(res.status, 403, describe(res));
    assert.equal(res.location, null);
  });

  test("authenticity_token not matching the cookie → 403", T, async () => {
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
    const other = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
    const fields = { ...page.fields, login: ALICE.name, password: ALICE.password, decision: "approve" };
    const res = await postAuthorize(srv.url, fields, { csrfCookie: other.csrfCookie });
    assert.equal(res.status, 403, describe(res));
  });

  test("no CSRF cookie at all → 403", T, async () => {
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
    const res = await postAuthorize(srv.url, { ...page.fields, login: ALICE.name, password: ALICE.password, decision: "approve" }, {});
    assert.equal(res.status, 403, describe(res));
  });

  test("wrong password → 401 with the sign-in page again", T, async () => {
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
    const res = await postAuthorize(srv.url, { ...page.fields, login: ALICE.name, password: "wrong password", decision: "approve" }, { csrfCookie: page.csrfCookie });
    assert.equal(res.status, 401, describe(res));
    assert.equal(res.location, null);
    assert.match(res.headers.get("content-type") || "", /text\/html/i);
    assert.match(res.text, /name=["']?password/i, "page should offer the password field again");
    assert.equal(findSetCookie(res.setCookies, "atrium_session"), null, "no session on a failed sign-in");
  });

  test("unknown login → 401", T, async () => {
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
    const res = await postAuthorize(srv.url, { ...page.fields, login: "nobody-here", password: "whatever", decision: "approve" }, { csrfCookie: page.csrfCookie });
    assert.equal(res.status, 401, describe(res));
  });

  test("oob redirect → 200 HTML showing the code, which can be exchanged", T, async () => {
    const pkce = pkcePair();
    const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: OOB, challenge: pkce.challenge }));
    assert.equal(page.res.status, 200, describe(page.res));
    const res = await postAuthorize(srv.url, { ...page.fields, login: ALICE.name, password: ALICE.password, decision: "approve" }, { csrfCookie: page.csrfCookie });
    assert.equal(res.status, 200, describe(res));
    assert.match(res.headers.get("content-type") || "", /text\/html/i);
    const m = /<code id=["']authorization-code["'][^>]*>([^<]+)<\/code>/.exec(res.text);
    assert.ok(m, `no <code id="authorization-code">: ${res.text.slice(0, 500)}`);
    const tok = assertJsonOk(await exchange(app, m[1].trim(), pkce.verifier, { redirectUri: OOB }));
    assert.equal(assertJsonOk(await whoami(tok.access_token)).username, "alice");
  });

  test("wrong code_verifier → 400 invalid_grant", T, async () => {
    const { code } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    assertJsonError(await exchange(app, code, pkcePair().verifier), 400, "invalid_grant");
  });

  test("missing code_verifier → 400 (invalid_grant or invalid_request)", T, async () => {
    const { code } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    const res = await tokenRequest(srv.url, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, client_id: app.client_id, client_secret: app.client_secret });
    assertJsonError(res, 400);
    assert.ok(["invalid_grant", "invalid_request"].includes(res.json.error), res.text);
  });

  test("bogus code → 400 invalid_grant", T, async () => {
    assertJsonError(await exchange(app, "not-a-code", pkcePair().verifier), 400, "invalid_grant");
  });

  test("code reuse → 400 invalid_grant and the first token is revoked", T, async () => {
    const { code, pkce } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    const first = assertJsonOk(await exchange(app, code, pkce.verifier));
    assert.equal((await whoami(first.access_token)).status, 200);
    assertJsonError(await exchange(app, code, pkce.verifier), 400, "invalid_grant");
    assertJsonError(await whoami(first.access_token), 401);
  });

  test("redirect_uri differing from the authorize request → 400 invalid_grant", T, async () => {
    const { code, pkce } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    assertJsonError(await exchange(app, code, pkce.verifier, { redirectUri: OOB }), 400, "invalid_grant");
  });

  test("wrong client_secret → 401 invalid_client", T, async () => {
    const { code, pkce } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    assertJsonError(await exchange(app, code, pkce.verifier, { clientSecret: "wrong-secret" }), 401, "invalid_client");
  });

  test("code issued to another client → 400 invalid_grant", T, async () => {
    const other = await registerApp(srv.url, { name: "Other", redirectUris: REDIRECT });
    const { code, pkce } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    const res = await tokenRequest(srv.url, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      code_verifier: pkce.verifier,
      client_id: other.client_id,
      client_secret: other.client_secret,
    });
    assertJsonError(res, 400, "invalid_grant");
  });

  test("client credentials via HTTP Basic and a JSON body", T, async () => {
    const { code, pkce } = await authorizeCode(srv.url, app, { login: ALICE.name, password: ALICE.password, redirectUri: REDIRECT });
    const res = await request(srv.url, "/oauth/token", {
      method: "POST",
      json: { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: pkce.verifier },
      basic: [app.client_id, app.client_secret],
    });
    const tok = assertJsonOk(res);
    assert.equal(assertJsonOk(await whoami(tok.access_token)).username, "alice");
  });

  test("HTTP Basic with a wrong secret → 401 invalid_client", T, async () => {
    const res = await request(srv.url, "/oauth/token", {
      method: "POST",
      form: { grant_type: "client_credentials" },
      basic: [app.client_id, "nope"],
    });
    assertJsonError(res, 401, "invalid_client");
  });
});

suite("other grants", () => {
  let app;
  before(async () => {
    app = await registerApp(srv.url, { name: "Grants", redirectUris: OOB, scopes: "read write profile read:accounts" });
  });

  test("client_credentials → app token, not a user token", T, async () => {
    const res = await tokenRequest(srv.url, { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "read" });
    const tok = assertJsonOk(res);
    assert.equal(tok.token_type, "Bearer");
    assert.equal(tok.scope, "read");
    assert.equal(assertJsonOk(await request(srv.url, "/api/v1/apps/verify_credentials", { token: tok.access_token })).name, "Grants");
    assertJsonError(await whoami(tok.access_token), 401);
  });

  test("client_credentials with an unknown client → 401 invalid_client", T, async () => {
    const res = await tokenRequest(srv.url, { grant_type: "client_credentials", client_id: "nobody", client_secret: "nothing" });
    assertJsonError(res, 401, "invalid_client");
  });

  test("client_credentials without any client authentication → 401 invalid_client", T, async () => {
    assertJsonError(await tokenRequest(srv.url, { grant_type: "client_credentials" }), 401, "invalid_client");
  });

  test("password grant by username and by e-mail", T, async () => {
    const res = await tokenRequest(srv.url, {
      grant_type: "password",
      client_id: app.client_id,
      client_secret: app.client_secret,
      username: ALICE.name,
      password: ALICE.password,
      scope: "read write",
    });
    const tok = assertJsonOk(res);
    assert.equal(tok.token_type, "Bearer");
    assert.equal(tok.scope, "read write");
    assert.ok(Math.abs(tok.created_at - Date.now() / 1000) < 300);
    assert.equal(assertJsonOk(await whoami(tok.access_token)).username, "alice");
    const byEmail = await passwordToken(srv.url, app, BOB.email, BOB.password);
    assert.equal(assertJsonOk(await whoami(byEmail)).username, "bob");
  });

  test("password grant with a wrong password → invalid_grant", T, async () => {
    const res = await tokenRequest(srv.url, {
      grant_type: "password",
      client_id: app.client_id,
      client_secret: app.client_secret,
      username: ALICE.name,
      password: "not it",
      scope: "read",
    });
    assertJsonError(res, [400, 401], "invalid_grant");
    assert.ok(!("access_token" in res.json));
  });

  test("password grant for an unknown user → invalid_grant", T, async () => {
    const res = await tokenRequest(srv.url, { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "ghost", password: "x" });
    assertJsonError(res, [400, 401], "invalid_grant");
  });

  test("unknown grant_type → 400 unsupported_grant_type", T, async () => {
    const res = await tokenRequest(srv.url, { grant_type: "magic", client_id: app.client_id, client_secret: app.client_secret });
    assertJsonError(res, 400, "unsupported_grant_type");
  });

  test("missing grant_type → 400", T, async () => {
    const res = await tokenRequest(srv.url, { client_id: app.client_id, client_secret: app.client_secret });
    assertJsonError(res, 400);
  });

  test("scope not registered with the app → 400 invalid_scope", T, async () => {
    const res = await tokenRequest(srv.url, {
      grant_type: "password",
      client_id: app.client_id,
      client_secret: app.client_secret,
      username: ALICE.name,
      password: ALICE.password,
      scope: "read admin:write",
    });
    assertJsonError(res, 400, "invalid_scope");
    const cc = await tokenRequest(srv.url, { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "follow" });
    assertJsonError(cc, 400, "invalid_scope");
  });

  test("token endpoint rejects malformed JSON with 400", T, async () => {
    const res = await request(srv.url, "/oauth/token", { method: "POST", body: "{oops", headers: { "content-type": "application/json" } });
    assertJsonError(res, 400);
  });

  test("revoke → 200 {} and the token stops working", T, async () => {
    const token = await passwordToken(srv.url, app, ALICE.name, ALICE.password);
    assert.equal((await whoami(token)).status, 200);
    const res = await request(srv.url, "/oauth/revoke", { method: "POST", form: { client_id: app.client_id, client_secret: app.client_secret, token } });
    assert.deepEqual(assertJsonOk(res), {});
    assertJsonError(await whoami(token), 401);
  });

  test("revoking one token leaves other tokens working", T, async () => {
    const t1 = await passwordToken(srv.url, app, ALICE.name, ALICE.password);
    const t2 = await passwordToken(srv.url, app, ALICE.name, ALICE.password);
    assert.notEqual(t1, t2);
    const res = await request(srv.url, "/oauth/revoke", { method: "POST", json: { client_id: app.client_id, client_secret: app.client_secret, token: t1 } });
    assert.equal(res.status, 200, describe(res));
    assertJsonError(await whoami(t1), 401);
    assert.equal((await whoami(t2)).status, 200);
  });

  test("revoke by another client does not revoke the token", T, async () => {
    const token = await passwordToken(srv.url, app, ALICE.name, ALICE.password);
    const other = await registerApp(srv.url, { name: "Intruder", redirectUris: OOB });
    await request(srv.url, "/oauth/revoke", { method: "POST", form: { client_id: other.client_id, client_secret: other.client_secret, token } });
    assert.equal((await whoami(token)).status, 200, "another client must not be able to revoke this token");
  });

  test("revoke with a wrong client secret is rejected and does not revoke", T, async () => {
    const token = await passwordToken(srv.url, app, ALICE.name, ALICE.password);
    const res = await request(srv.url, "/oauth/revoke", { method: "POST", form: { client_id: app.client_id, client_secret: "bad", token } });
    assert.ok(res.status === 401 || res.status === 403, describe(res));
    assert.equal((await whoami(token)).status, 200);
  });
});

suite("scope enforcement", () => {
  let app;
  before(async () => {
    app = await registerApp(srv.url, { name: "Scopes", redirectUris: OOB, scopes: "read write profile read:accounts" });
  });

  test("write-only token → 403 on verify_credentials", T, async () => {
    const token = await passwordToken(srv.url, app, ALICE.name, ALICE.password, "write");
    assertJsonError(await whoami(token), 403);
  });

  for (const scope of ["read", "read:accounts", "profile"]) {
    test(`"${scope}" token → 200 on verify_credentials`, T, async () => {
      const token = await passwordToken(srv.url, app, ALICE.name, ALICE.password, scope);
      assert.equal(assertJsonOk(await whoami(token)).username, "alice");
    });
  }

  test("password grant without scope defaults to read", T, async () => {
    const res = await tokenRequest(srv.url, { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: ALICE.name, password: ALICE.password });
    const tok = assertJsonOk(res);
    assert.equal(tok.scope, "read");
  });
});

suite("the authorize page's sign-in shares the sign-in throttle", () => {
  test("failures anywhere make the account and address wait there too: 429 page with Retry-After", T, async () => {
    const s2 = await startServer({ users: [ALICE], args: ["--signin-free-failures", "3", "--signin-delay", "7000"] });
    try {
      const app = await registerApp(s2.url, { redirectUris: REDIRECT });
      const attempt = async (password) => {
        const page = await getAuthorizePage(s2.url, authorizeParams(app, { redirectUri: REDIRECT, challenge: pkcePair().challenge }));
        assert.equal(page.res.status, 200, describe(page.res));
        return postAuthorize(s2.url, { ...page.fields, login: ALICE.name, password, decision: "approve" }, { csrfCookie: page.csrfCookie });
      };
      assert.equal((await attempt("wrong-1")).status, 401);
      assert.equal((await attempt("wrong-2")).status, 401);
      const signIn = await request(s2.url, "/auth/sign_in", { method: "POST", json: { login: ALICE.name, password: "wrong-3" } });
      assertJsonError(signIn, 401);
      assert.equal((await attempt("wrong-4")).status, 401);
      const refused = await attempt(ALICE.password);
      assert.equal(refused.status, 429, describe(refused));
      assert.equal(refused.headers.get("retry-after"), "7");
      assert.equal(refused.location, null);
      assert.match(refused.headers.get("content-type") || "", /text\/html/i);
      assert.match(refused.text, /Too many failed sign-in attempts/);
      assert.equal(findSetCookie(refused.setCookies, "atrium_session"), null);
      assertJsonError(await request(s2.url, "/auth/sign_in", { method: "POST", json: { login: ALICE.name, password: ALICE.password } }), 429);
    } finally {
      await s2.stop();
    }
  });
});

suite("app registration is limited per client address", () => {
  test("past app-registrations-per-address in an hour → 429 JSON with Retry-After; refused input does not count", T, async () => {
    const s2 = await startServer({ args: ["--app-registrations-per-address", "3"] });
    try {
      const register = (body) => request(s2.url, "/api/v1/apps", { method: "POST", json: body });
      assertJsonError(await register({ client_name: "", redirect_uris: OOB }), 422);
      for (let i = 0; i < 3; i++) await registerApp(s2.url, { name: `app ${i}`, redirectUris: OOB });
      for (const body of [{ client_name: "one too many", redirect_uris: OOB }, { client_name: "", redirect_uris: OOB }]) {
        const res = await register(body);
        assertJsonError(res, 429);
        assert.equal(res.json.client_id, undefined);
        const wait = Number(res.headers.get("retry-after"));
        assert.ok(wait > 3500 && wait <= 3600, `Retry-After ${res.headers.get("retry-after")}`);
      }
    } finally {
      await s2.stop();
    }
  });
});

suite("password grant disabled", () => {
  test("--password-grant false → 400 unsupported_grant_type", T, async () => {
    const s2 = await startServer({ args: ["--password-grant", "false"], users: [ALICE] });
    try {
      const app = await registerApp(s2.url, { redirectUris: OOB });
      const res = await tokenRequest(s2.url, { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: ALICE.name, password: ALICE.password });
      assertJsonError(res, 400, "unsupported_grant_type");
      // other grants keep working
      await clientCredentialsToken(s2.url, app);
    } finally {
      await s2.stop();
    }
  });

  test("--password-grant true explicitly allows it", T, async () => {
    const s2 = await startServer({ args: ["--password-grant", "true"], users: [ALICE] });
    try {
      const app = await registerApp(s2.url, { redirectUris: OOB });
      await passwordToken(s2.url, app, ALICE.name, ALICE.password);
    } finally {
      await s2.stop();
    }
  });
});
