// Browser sessions: sign-in/out, CSRF, CredentialAccount shape, rate limits,
// deactivation through the admin API and through the CLI.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startServer, stopAll } from "./lib/server.mjs";
import { request, assertJsonError, assertJsonOk, describe, findSetCookie } from "./lib/http.mjs";
import { OOB, registerApp, passwordToken, tokenRequest } from "./lib/oauth.mjs";

const T = { timeout: 30000 };
const ALICE = { name: "alice", email: "alice@example.com", role: "member", password: "alice-password-1" };
const BOB = { name: "bob", email: "bob@example.com", role: "member", password: "bob-password-1" };
const ROOT = { name: "root", email: "root@example.com", role: "admin", password: "root-password-1" };

after(stopAll);

function signIn(url, login, password) {
  return request(url, "/auth/sign_in", { method: "POST", json: { login, password } });
}

/**
 * Signs in over a connection from `localAddress` (127.0.0.2, 127.0.0.3 …:
 * the whole 127/8 reaches the server on Linux), as a client at another
 * address would. Resolves to {status, json, headers}.
 */
function signInFrom(url, localAddress, login, password) {
  const body = JSON.stringify({ login, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL("/auth/sign_in", url),
      { method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, json: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Signs in and returns {cookie, csrf, account}. */
async function session(url, login, password) {
  const res = await signIn(url, login, password);
  const body = assertJsonOk(res);
  const c = findSetCookie(res.setCookies, "atrium_session");
  assert.ok(c && c.value, `no atrium_session cookie: ${JSON.stringify(res.setCookies)}`);
  return { cookie: `atrium_session=${c.value}`, csrf: body.csrf_token, account: body.account };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function assertCredentialAccount(a, username) {
  assert.equal(typeof a, "object");
  assert.equal(typeof a.id, "string", "id must be a string");
  assert.ok(a.id.length > 0);
  assert.equal(a.username, username);
  assert.equal(a.acct, username, "local account acct is the bare username");
  assert.equal(typeof a.display_name, "string");
  assert.equal(typeof a.locked, "boolean");
  assert.equal(a.bot, false);
  assert.match(a.created_at, ISO, `created_at not ISO 8601: ${a.created_at}`);
  assert.ok(!Number.isNaN(Date.parse(a.created_at)));
  assert.equal(typeof a.note, "string");
  for (const k of ["url", "avatar", "avatar_static", "header", "header_static"]) {
    assert.equal(typeof a[k], "string", `${k} must be a string`);
  }
  assert.doesNotThrow(() => new URL(a.url), `url is not absolute: ${a.url}`);
  for (const k of ["followers_count", "following_count", "statuses_count"]) {
    assert.ok(Number.isInteger(a[k]) && a[k] >= 0, `${k} must be a non-negative integer`);
  }
  assert.ok("last_status_at" in a, "last_status_at missing");
  assert.deepEqual(a.emojis, []);
  assert.deepEqual(a.fields, []);
  assert.equal(typeof a.source, "object");
  for (const k of ["privacy", "sensitive", "language", "note", "fields", "follow_requests_count"]) {
    assert.ok(k in a.source, `source.${k} missing`);
  }
  assert.equal(typeof a.source.privacy, "string");
  assert.equal(typeof a.source.sensitive, "boolean");
  assert.ok(Array.isArray(a.source.fields));
  assert.ok(Number.isInteger(a.source.follow_requests_count));
  assert.equal(typeof a.role, "object");
  for (const k of ["id", "name", "permissions", "color", "highlighted"]) {
    assert.ok(k in a.role, `role.${k} missing`);
  }
  assert.ok(!("password" in a) && !("password_hash" in a), "credentials leaked");
}

suite("sign in / out", () => {
  let srv;
  before(async () => {
    srv = await startServer({ users: [ALICE, BOB], args: ["--signin-free-failures", "100", "--signin-failures-per-address", "100"] });
  });

  test("sign in by username → 200, csrf_token, account, session cookie attributes", T, async () => {
    const res = await signIn(srv.url, "alice", ALICE.password);
    const body = assertJsonOk(res);
    assert.equal(typeof body.csrf_token, "string");
    assert.ok(body.csrf_token.length >= 16);
    assertCredentialAccount(body.account, "alice");
    const c = findSetCookie(res.setCookies, "atrium_session");
    assert.ok(c && c.value.length >= 16, `atrium_session cookie: ${JSON.stringify(res.setCookies)}`);
    const attrs = c.attrs.map((a) => a.toLowerCase());
    assert.ok(attrs.includes("path=/"), `Path=/ missing: ${c.raw}`);
    assert.ok(attrs.includes("httponly"), `HttpOnly missing: ${c.raw}`);
    assert.ok(attrs.includes("samesite=lax"), `SameSite=Lax missing: ${c.raw}`);
  });

  test("sign in by e-mail", T, async () => {
    const s = await session(srv.url, "alice@example.com", ALICE.password);
    assert.equal(s.account.username, "alice");
  });

  test("each sign-in creates a distinct session", T, async () => {
    const a = await session(srv.url, "alice", ALICE.password);
    const b = await session(srv.url, "alice", ALICE.password);
    assert.notEqual(a.cookie, b.cookie);
    assert.notEqual(a.csrf, b.csrf);
  });

  test("wrong password → 401 JSON, no cookie", T, async () => {
    const res = await signIn(srv.url, "alice", "wrong");
    assertJsonError(res, 401);
    assert.equal(findSetCookie(res.setCookies, "atrium_session"), null);
  });

  test("unknown login → 401 JSON", T, async () => {
    assertJsonError(await signIn(srv.url, "nobody", "whatever"), 401);
  });

  test("another user's password → 401", T, async () => {
    assertJsonError(await signIn(srv.url, "alice", BOB.password), 401);
  });

  test("missing fields → 4xx JSON", T, async () => {
    const res = await request(srv.url, "/auth/sign_in", { method: "POST", json: { login: "alice" } });
    assertJsonError(res, [400, 401, 422]);
  });

  test("non-JSON body → 415", T, async () => {
    const res = await request(srv.url, "/auth/sign_in", { method: "POST", form: { login: "alice", password: ALICE.password } });
    assertJsonError(res, 415);
    assert.equal(findSetCookie(res.setCookies, "atrium_session"), null);
  });

  test("malformed JSON → 400", T, async () => {
    const res = await request(srv.url, "/auth/sign_in", { method: "POST", body: '{"login": "alice", ', headers: { "content-type": "application/json" } });
    assertJsonError(res, 400);
  });

  test("GET /api/v1/atrium/session with the cookie → csrf_token and account", T, async () => {
    const s = await session(srv.url, "alice", ALICE.password);
    const body = assertJsonOk(await request(srv.url, "/api/v1/atrium/session", { cookie: s.cookie }));
    assert.equal(body.csrf_token, s.csrf);
    assertCredentialAccount(body.account, "alice");
  });

  test("GET /api/v1/atrium/session without or with a forged cookie → 401", T, async () => {
    assertJsonError(await request(srv.url, "/api/v1/atrium/session"), 401);
    assertJsonError(await request(srv.url, "/api/v1/atrium/session", { cookie: "atrium_session=forged-value-123" }), 401);
  });

  test("verify_credentials with the session cookie → full CredentialAccount", T, async () => {
    const s = await session(srv.url, "bob", BOB.password);
    const res = await request(srv.url, "/api/v1/accounts/verify_credentials", { cookie: s.cookie });
    const a = assertJsonOk(res);
    assertCredentialAccount(a, "bob");
    assert.equal(a.id, s.account.id);
  });

  test("account URLs point at this server (no port 0)", T, async () => {
    const s = await session(srv.url, "alice", ALICE.password);
    for (const k of ["url", "avatar", "avatar_static", "header", "header_static"]) {
      const u = new URL(s.account[k]);
      assert.notEqual(u.port, "0", `${k} has port 0: ${s.account[k]}`);
      assert.equal(u.origin, srv.url, `${k} = ${s.account[k]} is not on ${srv.url}`);
    }
  });

  test("verify_credentials with no credentials → 401 JSON", T, async () => {
    assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials"), 401);
  });

  test("sign out without X-CSRF-Token → 403 and the session survives", T, async () => {
    const s = await session(srv.url, "alice", ALICE.password);
    assertJsonError(await request(srv.url, "/auth/sign_out", { method: "POST", cookie: s.cookie }), 403);
    assert.equal((await request(srv.url, "/api/v1/atrium/session", { cookie: s.cookie })).status, 200);
  });

  test("sign out with a wrong X-CSRF-Token → 403 and the session survives", T, async () => {
    const s = await session(srv.url, "alice", ALICE.password);
    const other = await session(srv.url, "alice", ALICE.password);
    for (const bad of ["nope", other.csrf]) {
      const res = await request(srv.url, "/auth/sign_out", { method: "POST", cookie: s.cookie, headers: { "x-csrf-token": bad } });
      assertJsonError(res, 403);
    }
    assert.equal((await request(srv.url, "/api/v1/atrium/session", { cookie: s.cookie })).status, 200);
  });

  test("sign out with the cookie and CSRF header → 200, cookie stops working", T, async () => {
    const s = await session(srv.url, "alice", ALICE.password);
    const keep = await session(srv.url, "alice", ALICE.password);
    const res = await request(srv.url, "/auth/sign_out", { method: "POST", cookie: s.cookie, headers: { "x-csrf-token": s.csrf } });
    assert.equal(res.status, 200, describe(res));
    assertJsonError(await request(srv.url, "/api/v1/atrium/session", { cookie: s.cookie }), 401);
    assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { cookie: s.cookie }), 401);
    // only that session ended
    assert.equal((await request(srv.url, "/api/v1/atrium/session", { cookie: keep.cookie })).status, 200);
  });

  test("sign out without a session → 401 or 403", T, async () => {
    const res = await request(srv.url, "/auth/sign_out", { method: "POST", headers: { "x-csrf-token": "x" } });
    assertJsonError(res, [401, 403]);
  });
});

suite("sign-in throttle: a wait per account and address, doubling after the free failures", () => {
  // Three free failures, then 5 s (doubling: shown with a clock in
  // src/social/auth_service_test.cc); the per-address limit out of the way.
  const THROTTLE = ["--signin-free-failures", "3", "--signin-delay", "5000", "--signin-failures-per-address", "1000"];

  test("3 free failures; the 4th is answered; then even the right password gets 429 + Retry-After, unchecked", T, async () => {
    const srv = await startServer({ users: [ALICE, BOB], args: THROTTLE });
    try {
      for (let i = 0; i < 4; i++) assertJsonError(await signIn(srv.url, "alice", `wrong-${i}`), 401);
      for (const password of [ALICE.password, "wrong-again"]) {
        const res = await signIn(srv.url, "alice", password);
        assertJsonError(res, 429);
        assert.match(res.json.error, /Too many failed sign-in attempts/);
        assert.equal(res.headers.get("retry-after"), "5", describe(res));
        assert.equal(findSetCookie(res.setCookies, "atrium_session"), null);
      }
      // other accounts from the same address are unaffected
      assert.equal((await signIn(srv.url, "bob", BOB.password)).status, 200);
    } finally {
      await srv.stop();
    }
  });

  test("the wait follows the account, whether named by username or e-mail", T, async () => {
    const srv = await startServer({ users: [ALICE], args: THROTTLE });
    try {
      assertJsonError(await signIn(srv.url, "alice@example.com", "wrong-a"), 401);
      assertJsonError(await signIn(srv.url, "alice", "wrong-b"), 401);
      assertJsonError(await signIn(srv.url, "ALICE@example.com", "wrong-c"), 401);
      assertJsonError(await signIn(srv.url, "alice", "wrong-d"), 401);
      const byEmail = await signIn(srv.url, "alice@example.com", ALICE.password);
      assertJsonError(byEmail, 429);
      assert.equal(findSetCookie(byEmail.setCookies, "atrium_session"), null, "a waiting account got a session via its e-mail");
      assertJsonError(await signIn(srv.url, "alice", ALICE.password), 429);
    } finally {
      await srv.stop();
    }
  });

  test("a success resets the count: the free failures are free again", T, async () => {
    const srv = await startServer({ users: [ALICE], args: THROTTLE });
    try {
      for (let i = 0; i < 3; i++) assertJsonError(await signIn(srv.url, "alice", `wrong-${i}`), 401);
      assert.equal((await signIn(srv.url, "alice", ALICE.password)).status, 200);
      for (let i = 0; i < 4; i++) assertJsonError(await signIn(srv.url, "alice", `wrong-again-${i}`), 401);
      assertJsonError(await signIn(srv.url, "alice", ALICE.password), 429);
    } finally {
      await srv.stop();
    }
  });

  test("per address: failures on many accounts from one address → 429 for every account from it", T, async () => {
    const users = [1, 2, 3, 4, 5, 6].map((i) => ({ name: `user${i}`, email: `user${i}@example.com`, role: "member", password: `pw-user-${i}` }));
    const srv = await startServer({ users, args: ["--signin-failures-per-address", "5", "--signin-window", "60000"] });
    try {
      for (let i = 0; i < 5; i++) assertJsonError(await signIn(srv.url, users[i].name, "wrong"), 401);
      const res = await signIn(srv.url, users[5].name, users[5].password);
      assertJsonError(res, 429);
      const wait = Number(res.headers.get("retry-after"));
      assert.ok(wait > 50 && wait <= 60, `Retry-After until the window of the first failure ends: ${describe(res)}`);
    } finally {
      await srv.stop();
    }
  });

  test("the administrator made by the command line, hammered from one address, signs in at once from another", T, async () => {
    // The default settings, as installed.
    const srv = await startServer({ users: [ROOT] });
    try {
      for (let i = 0; i < 20; i++) {
        const res = await signInFrom(srv.url, "127.0.0.2", "root", `guess-${i}`);
        assert.ok([401, 429].includes(res.status), `attempt ${i}: ${res.status} ${JSON.stringify(res.json)}`);
      }
      const refused = await signInFrom(srv.url, "127.0.0.2", "root", ROOT.password);
      assert.equal(refused.status, 429, JSON.stringify(refused.json));
      assert.ok(Number(refused.headers["retry-after"]) >= 1);
      const elsewhere = await signInFrom(srv.url, "127.0.0.3", "root", ROOT.password);
      assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.json));
      assert.equal(elsewhere.json.account.username, "root");
      const byEmail = await signInFrom(srv.url, "127.0.0.4", "root@example.com", ROOT.password);
      assert.equal(byEmail.status, 200, JSON.stringify(byEmail.json));
    } finally {
      await srv.stop();
    }
  });

  test("the password grant shares the throttle, and answers 429 slow_down with Retry-After", T, async () => {
    const srv = await startServer({ users: [ALICE], args: THROTTLE });
    try {
      const app = await registerApp(srv.url, { redirectUris: OOB });
      const grant = (password) =>
        tokenRequest(srv.url, { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "alice", password });
      assertJsonError(await grant("wrong-0"), 400, "invalid_grant");
      for (let i = 1; i < 4; i++) assertJsonError(await signIn(srv.url, "alice", `wrong-${i}`), 401);
      const res = await grant(ALICE.password);
      assertJsonError(res, 429, "slow_down");
      assert.equal(res.headers.get("retry-after"), "5", describe(res));
      assert.equal(res.json.access_token, undefined);
    } finally {
      await srv.stop();
    }
  });
});

suite("deactivation", () => {
  let srv, app, rootToken;
  const CAROL = { name: "carol", email: "carol@example.com", role: "member", password: "carol-password-1" };
  const DAVE = { name: "dave", email: "dave@example.com", role: "member", password: "dave-password-1" };
  before(async () => {
    srv = await startServer({
      users: [ALICE, BOB, ROOT, CAROL, DAVE],
      args: ["--signin-free-failures", "100", "--signin-failures-per-address", "1000"],
    });
    app = await registerApp(srv.url, { redirectUris: OOB, scopes: "read write admin:read admin:write" });
    rootToken = await passwordToken(srv.url, app, ROOT.name, ROOT.password, "read admin:read admin:write");
  });

  const action = (token, id, body = { type: "disable" }) =>
    request(srv.url, `/api/v1/admin/accounts/${id}/action`, { method: "POST", token, json: body });
  const enable = (token, id) => request(srv.url, `/api/v1/admin/accounts/${id}/enable`, { method: "POST", token });

  test("a member cannot use the admin API (403)", T, async () => {
    const bobToken = await passwordToken(srv.url, app, BOB.name, BOB.password, "read admin:write");
    const alice = await session(srv.url, "alice", ALICE.password);
    assertJsonError(await action(bobToken, alice.account.id), 403);
    // alice unaffected
    assert.equal((await request(srv.url, "/api/v1/atrium/session", { cookie: alice.cookie })).status, 200);
  });

  test("an admin token without admin:write → 403", T, async () => {
    const readOnly = await passwordToken(srv.url, app, ROOT.name, ROOT.password, "read admin:read");
    const alice = await session(srv.url, "alice", ALICE.password);
    assertJsonError(await action(readOnly, alice.account.id), 403);
    assert.equal((await request(srv.url, "/api/v1/atrium/session", { cookie: alice.cookie })).status, 200);
  });

  test("admin API without a token → 401", T, async () => {
    const alice = await session(srv.url, "alice", ALICE.password);
    assertJsonError(await action(undefined, alice.account.id), 401);
  });

  test("admin action on an unknown account → 404", T, async () => {
    assertJsonError(await action(rootToken, "999999999999"), 404);
  });

  test("admin action with an unknown type → 4xx", T, async () => {
    const alice = await session(srv.url, "alice", ALICE.password);
    assertJsonError(await action(rootToken, alice.account.id, { type: "banana" }), [400, 422]);
    assert.equal((await request(srv.url, "/api/v1/atrium/session", { cookie: alice.cookie })).status, 200);
  });

  test("admin disable: session and token die at once; sign-in 403; enable restores sign-in only", T, async () => {
    const s = await session(srv.url, "carol", CAROL.password);
    const token = await passwordToken(srv.url, app, CAROL.name, CAROL.password);
    assert.equal((await request(srv.url, "/api/v1/accounts/verify_credentials", { token })).status, 200);

    const res = await action(rootToken, s.account.id);
    assert.equal(res.status, 200, describe(res));

    assertJsonError(await request(srv.url, "/api/v1/atrium/session", { cookie: s.cookie }), 401);
    assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { cookie: s.cookie }), 401);
    assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { token }), 401);
    assertJsonError(await signIn(srv.url, "carol", CAROL.password), 403);
    const pg = await tokenRequest(srv.url, { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "carol", password: CAROL.password });
    assert.notEqual(pg.status, 200, `deactivated user got a token: ${describe(pg)}`);

    const en = await enable(rootToken, s.account.id);
    assert.equal(en.status, 200, describe(en));
    const again = await session(srv.url, "carol", CAROL.password);
    assert.equal(again.account.username, "carol");
    assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { token }), 401, undefined);
    assertJsonError(await request(srv.url, "/api/v1/atrium/session", { cookie: s.cookie }), 401);
    assert.equal((await request(srv.url, "/api/v1/accounts/verify_credentials", { cookie: again.cookie })).status, 200);
  });

  test("CLI deactivate while serving: session and token die at once; reactivate restores sign-in", T, async () => {
    const s = await session(srv.url, "dave", DAVE.password);
    const token = await passwordToken(srv.url, app, DAVE.name, DAVE.password);
    assert.equal((await request(srv.url, "/api/v1/accounts/verify_credentials", { token })).status, 200);

    const r = await srv.cli(["user", "deactivate", "dave"]);
    assert.equal(r.code, 0, `deactivate failed: ${r.stderr}`);

    assertJsonError(await request(srv.url, "/api/v1/atrium/session", { cookie: s.cookie }), 401);
    assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { token }), 401);
    assertJsonError(await signIn(srv.url, "dave", DAVE.password), 403);

    const r2 = await srv.cli(["user", "reactivate", "dave"]);
    assert.equal(r2.code, 0, `reactivate failed: ${r2.stderr}`);
    const again = await session(srv.url, "dave", DAVE.password);
    assert.equal(again.account.username, "dave");
    assertJsonError(await request(srv.url, "/api/v1/accounts/verify_credentials", { token }), 401);
    assertJsonError(await request(srv.url, "/api/v1/atrium/session", { cookie: s.cookie }), 401);
  });
});

suite("changing a password ends the sessions and tokens that knew the old one", () => {
  const ERIN = { name: "erin", email: "erin@example.com", role: "member", password: "erin-password-1" };
  const FRED = { name: "fred", email: "fred@example.com", role: "member", password: "fred-password-1" };
  let srv, app;
  before(async () => {
    srv = await startServer({ users: [ERIN, FRED], args: ["--signin-free-failures", "100", "--signin-failures-per-address", "100"] });
    app = await registerApp(srv.url, { redirectUris: OOB, scopes: "read write" });
  });
  const alive = async (cred) =>
    (await request(srv.url, "/api/v1/accounts/verify_credentials", cred)).status;

  test("an administrator's reset (atrium user reset-password) ends every session and revokes every token", T, async () => {
    const s = await session(srv.url, "fred", FRED.password);
    const token = await passwordToken(srv.url, app, FRED.name, FRED.password);
    assert.equal(await alive({ cookie: s.cookie }), 200);
    assert.equal(await alive({ token }), 200);
    const r = await srv.cli(["user", "reset-password", "fred", "--password-stdin"], "fred-password-2\n");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await alive({ cookie: s.cookie }), 401);
    assert.equal(await alive({ token }), 401);
    assert.equal((await signIn(srv.url, "fred", "fred-password-2")).status, 200);
  });

  test("a person's own change keeps the request's session and ends the others; bad input changes nothing", T, async () => {
    const mine = await session(srv.url, "erin", ERIN.password);
    const other = await session(srv.url, "erin", ERIN.password);
    const token = await passwordToken(srv.url, app, ERIN.name, ERIN.password, "read write");
    const change = (json, cred = { cookie: mine.cookie, headers: { "x-csrf-token": mine.csrf } }) =>
      request(srv.url, "/api/v1/atrium/password", { method: "POST", json, ...cred });

    assertJsonError(await change({ current_password: "wrong-password", password: "erin-password-2" }), 422);
    assertJsonError(await change({ current_password: ERIN.password, password: "short" }), 422);
    assertJsonError(await change({ password: "erin-password-2" }), 422);
    assertJsonError(await change({ current_password: ERIN.password, password: "erin-password-2" }, { cookie: mine.cookie }), 403);
    for (const cred of [{ cookie: mine.cookie }, { cookie: other.cookie }, { token }]) assert.equal(await alive(cred), 200);
    assert.equal((await signIn(srv.url, "erin", ERIN.password)).status, 200);

    assertJsonOk(await change({ current_password: ERIN.password, password: "erin-password-2" }));
    assert.equal(await alive({ cookie: mine.cookie }), 200);
    assert.equal(await alive({ cookie: other.cookie }), 401);
    assert.equal(await alive({ token }), 401);
    assertJsonError(await signIn(srv.url, "erin", ERIN.password), 401);
    assert.equal((await signIn(srv.url, "erin", "erin-password-2")).status, 200);

    // With a token: the token goes on, the sessions end.
    const again = await session(srv.url, "erin", "erin-password-2");
    const token2 = await passwordToken(srv.url, app, ERIN.name, "erin-password-2", "read write");
    assertJsonOk(await change({ current_password: "erin-password-2", password: "erin-password-3" }, { token: token2 }));
    assert.equal(await alive({ token: token2 }), 200);
    assert.equal(await alive({ cookie: again.cookie }), 401);
    assert.equal(await alive({ cookie: mine.cookie }), 401);
  });
});

suite("local-sign-in: who may sign in with a password Atrium keeps", () => {
  test("admins: members are refused before their password is looked at, on every path; an administrator signs in", T, async () => {
    const srv = await startServer({ users: [ALICE, ROOT], args: ["--local-sign-in", "admins"] });
    try {
      for (const password of [ALICE.password, "wrong-password"]) {
        const res = await signIn(srv.url, "alice", password);
        assertJsonError(res, 403, "Signing in with a password is for administrators only");
        assert.equal(findSetCookie(res.setCookies, "atrium_session"), null);
      }
      assertJsonError(await signIn(srv.url, "nobody", "x"), 403, "Signing in with a password is for administrators only");
      const app = await registerApp(srv.url, { redirectUris: OOB });
      const grant = await tokenRequest(srv.url, {
        grant_type: "password", client_id: app.client_id, client_secret: app.client_secret,
        username: "alice", password: ALICE.password, scope: "read",
      });
      assert.equal(grant.status, 403, describe(grant));
      assert.match(grant.json.error_description, /administrators only/);
      const root = await signIn(srv.url, "root", ROOT.password);
      assert.equal(root.status, 200, describe(root));
      assert.equal(root.json.account.username, "root");
      assert.ok(await passwordToken(srv.url, app, "root", ROOT.password));
    } finally {
      await srv.stop();
    }
  });

  test("off: nobody signs in with a password, administrators neither", T, async () => {
    const srv = await startServer({ users: [ROOT], args: ["--local-sign-in", "off"] });
    try {
      assertJsonError(await signIn(srv.url, "root", ROOT.password), 403, "Signing in with a password is turned off");
    } finally {
      await srv.stop();
    }
  });
});
