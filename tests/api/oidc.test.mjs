// Sign-in through an OpenID Connect provider (issue #16): the whole redirect
// flow against the real `oidc-provider`; every way an ID token can be wrong,
// refused, against a small provider whose tokens the test shapes; key
// rotation without a restart; back-channel logout; members made from the
// claims (oidc-create-members); a Mastodon app authorized through the
// provider; the settings refused at start.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { startServer, stopAll, runCli, makeDataDir } from "./lib/server.mjs";
import { request, describe, assertJsonError, assertJsonOk } from "./lib/http.mjs";
import { registerApp, pkcePair, tokenRequest } from "./lib/oauth.mjs";
import { Browser, CLIENT_SECRET, atriumArgs, firstForm, makeKey, startOidcProvider, startTestIdp } from "./lib/oidc.mjs";

const T = { timeout: 60000 };
const PASSWORD = "dora-password-1";

after(stopAll);

/** Provisions a person by SCIM (no password in Atrium). */
async function provision(server, user) {
  const r = await server.cli(["scim-token", "create", "--description", "IdP"]);
  assert.equal(r.code, 0, r.stderr);
  const token = r.stdout.trim().split("\n").pop().trim();
  const res = await request(server.url, "/scim/v2/Users", {
    method: "POST",
    token,
    headers: { "content-type": "application/scim+json" },
    body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], active: true, ...user }),
  });
  assert.equal(res.status, 201, describe(res));
  return res.json;
}

/** The session behind a browser's cookies: the account, or null when signed out. */
async function sessionOf(browser, url) {
  const res = await browser.fetch(`${url}/api/v1/atrium/session`);
  if (res.status === 401) return null;
  assert.equal(res.status, 200, `${res.status} ${res.text}`);
  return JSON.parse(res.text).account;
}

/** The text of an HTML page's alert, its entities decoded. */
function alertOf(html) {
  const m = /role="alert">([^<]*)</.exec(html);
  return (m?.[1] ?? "").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function assertRefusedPage(res, status, reason) {
  assert.equal(res.status, status, `${res.status} ${res.text.slice(0, 300)}`);
  assert.match(res.headers.get("content-type") || "", /^text\/html/);
  assert.match(alertOf(res.text), reason, res.text);
  assert.ok(!res.headers.getSetCookie().some((c) => /^atrium_session=[^;]+/.test(c)), "no session cookie on a refusal");
}

suite("against the real oidc-provider", () => {
  let op, atrium;
  before(async () => {
    op = await startOidcProvider({
      "alice-sub": { email: "alice@example.com", email_verified: true, name: "Alice Provider" },
    });
    atrium = await startServer({ args: atriumArgs(op.issuer, ["--oidc-button", "Sign in with Contoso"]) });
    op.configure({ redirectUri: `${atrium.url}/auth/oidc/callback` });
    await provision(atrium, { userName: "alice@example.com", externalId: "alice-sub", name: { formatted: "Alice Example" }, emails: [{ value: "alice@example.com", primary: true }] });
  });
  after(() => op?.close());

  test("the whole redirect flow ends signed in, then a member-only call works", T, async () => {
    const browser = new Browser();
    // Atrium → the provider's login page.
    let res = await browser.follow(`${atrium.url}/auth/oidc?return_to=${encodeURIComponent("/home?x=1")}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.ok(res.url.startsWith(op.issuer), res.url);
    const login = firstForm(res.text, res.url);
    assert.equal(login.fields.prompt, "login");
    // Log in at the provider; its redirects end at Atrium's callback, which redirects to return_to.
    res = await browser.fetch(login.action, { method: "POST", form: { ...login.fields, login: "alice-sub", password: "anything" } });
    res = await browser.follow(res.location, { stop: (u) => u.startsWith(`${atrium.url}/home`) });
    assert.equal(res.status, 302, res.text.slice(0, 300));
    assert.equal(res.location, `${atrium.url}/home?x=1`);
    assert.ok(res.url.startsWith(`${atrium.url}/auth/oidc/callback?`), res.url);
    const account = await sessionOf(browser, atrium.url);
    assert.equal(account?.username, "alice");
    // A member-only call with the cookie.
    const me = await browser.fetch(`${atrium.url}/api/v1/accounts/verify_credentials`);
    assert.equal(me.status, 200, me.text);
    assert.equal(JSON.parse(me.text).username, "alice");
    // The one-time state is gone: the same callback again is refused.
    const again = await browser.fetch(res.url);
    assertRefusedPage(again, 400, /already used|start again/);
  });

  test("GET /auth/providers names the provider's button", T, async () => {
    const res = await request(atrium.url, "/auth/providers");
    assert.deepEqual(assertJsonOk(res), {
      local: "on",
      providers: [{ id: "oidc", label: "Sign in with Contoso", url: "/auth/oidc" }],
    });
  });
});

suite("against a provider that issues the tokens the test shapes", () => {
  let idp, atrium;
  const ALICE = { sub: "alice-sub", email: "alice@example.com", email_verified: true, name: "Alice" };

  before(async () => {
    idp = await startTestIdp();
    atrium = await startServer({
      args: atriumArgs(idp.issuer),
      users: [
        { name: "alice", email: "alice@example.com", role: "member", password: "alice-password-1" },
        { name: "dora", email: "dora@example.com", role: "member", password: PASSWORD },
      ],
    });
  });
  after(() => idp?.close());

  /** Starts at Atrium, signs `person` in at the provider, comes back. */
  async function signIn(person, { shape = null, signer = idp.keys[0], browser = new Browser(), returnTo } = {}) {
    idp.person = person;
    idp.shape = shape;
    idp.signer = signer;
    const start = await browser.fetch(`${atrium.url}/auth/oidc${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ""}`);
    assert.equal(start.status, 302, start.text);
    const authorize = new URL(start.location);
    const back = await browser.fetch(start.location);
    const callback = await browser.fetch(back.location);
    return { res: callback, browser, authorize, callbackUrl: back.location };
  }

  test("a sign-in: code flow with PKCE S256, state and nonce, client_secret_basic; a session as /auth/sign_in makes", T, async () => {
    const { res, browser, authorize } = await signIn(ALICE, { returnTo: "/people/alice" });
    assert.equal(res.status, 302, res.text);
    assert.equal(res.location, `${atrium.url}/people/alice`);
    const p = authorize.searchParams;
    assert.equal(p.get("response_type"), "code");
    assert.equal(p.get("client_id"), "atrium");
    assert.equal(p.get("redirect_uri"), `${atrium.url}/auth/oidc/callback`);
    assert.equal(p.get("scope"), "openid profile email");
    assert.equal(p.get("code_challenge_method"), "S256");
    assert.match(p.get("state"), /^[A-Za-z0-9_-]{40,}$/);
    assert.match(p.get("nonce"), /^[A-Za-z0-9_-]{40,}$/);
    const sent = idp.tokenRequests.at(-1);
    assert.equal(sent.auth, "Basic " + Buffer.from(`atrium:${CLIENT_SECRET}`).toString("base64"));
    assert.equal(sent.form.grant_type, "authorization_code");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("atrium_session="));
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    // The session and its CSRF token work for a change, as a password sign-in's do.
    const session = await browser.fetch(`${atrium.url}/api/v1/atrium/session`);
    const { csrf_token, account } = JSON.parse(session.text);
    assert.equal(account.username, "alice");
    const posted = await browser.fetch(`${atrium.url}/api/v1/statuses`, {
      method: "POST",
      form: { status: "signed in through the provider" },
      headers: { "x-csrf-token": csrf_token },
    });
    assert.equal(posted.status, 200, posted.text);
  });

  test("return_to must be a local path; other parameters are refused", T, async () => {
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "evil", "/a\r\nb"]) {
      const res = await request(atrium.url, `/auth/oidc?return_to=${encodeURIComponent(bad)}`);
      assertRefusedPage(res, 400, /return_to/);
    }
    const res = await request(atrium.url, "/auth/oidc?prompt=none");
    assertRefusedPage(res, 400, /Unsupported parameter: prompt/);
  });

  const refusals = [
    ["a token meant for another client", { shape: (c) => (c.aud = "another-client") }, 401, /another client/],
    ["several audiences without azp", { shape: (c) => (c.aud = ["atrium", "another-client"]) }, 401, /azp/],
    ["an expired token", { shape: (c) => ((c.iat -= 7200), (c.exp -= 7200)) }, 401, /expired/],
    ["a token from another issuer", { shape: (c) => (c.iss = "https://evil.example") }, 401, /iss/],
    ["a token signed by another key under the published kid", { signer: makeKey("key-1") }, 401, /signature/],
    ["alg none", { signer: null }, 401, /'none' is refused/],
    ["an unverified e-mail address", { person: { ...ALICE, email_verified: false } }, 403, /not verified/],
    ["an unknown person", { person: { sub: "x", email: "nobody@example.com" } }, 403, /Nobody here is known as nobody@example.com/],
  ];
  for (const [what, how, status, reason] of refusals) {
    test(`refused: ${what}; no session`, T, async () => {
      const { res, browser } = await signIn(how.person ?? ALICE, how);
      assertRefusedPage(res, status, reason);
      assert.equal(await sessionOf(browser, atrium.url), null);
    });
  }

  test("refused: HS256 keyed with the provider's public key", T, async () => {
    // The classic confusion: an HMAC whose secret is the RSA public key's PEM.
    const secret = crypto.createPublicKey(idp.keys[0].privateKey).export({ type: "spki", format: "pem" });
    idp.override = (claims) => {
      const input = [{ alg: "HS256", kid: idp.keys[0].kid }, claims].map((x) => Buffer.from(JSON.stringify(x)).toString("base64url")).join(".");
      return `${input}.${crypto.createHmac("sha256", secret).update(input).digest("base64url")}`;
    };
    try {
      const { res, browser } = await signIn(ALICE);
      assertRefusedPage(res, 401, /'HS256' is refused/);
      assert.equal(await sessionOf(browser, atrium.url), null);
    } finally {
      idp.override = null;
    }
  });

  test("refused: a replayed nonce (a token of an earlier sign-in) and a replayed state", T, async () => {
    const first = await signIn(ALICE);
    assert.equal(first.res.status, 302);
    const oldNonce = first.authorize.searchParams.get("nonce");
    const { res, browser } = await signIn(ALICE, { shape: (c) => (c.nonce = oldNonce) });
    assertRefusedPage(res, 401, /nonce/);
    assert.equal(await sessionOf(browser, atrium.url), null);
    // The first sign-in's callback, replayed in its own browser.
    const replay = await first.browser.fetch(first.callbackUrl);
    assertRefusedPage(replay, 400, /already used/);
  });

  test("refused: a callback in another browser than the one that began", T, async () => {
    const victim = new Browser();
    idp.person = ALICE;
    idp.shape = null;
    idp.signer = idp.keys[0];
    const start = await victim.fetch(`${atrium.url}/auth/oidc`);
    const back = await victim.fetch(start.location);
    const attacker = new Browser();
    const res = await attacker.fetch(back.location);
    assertRefusedPage(res, 400, /another browser/);
    assert.equal(await sessionOf(attacker, atrium.url), null);
  });

  test("refused: a deactivated person", T, async () => {
    const r = await atrium.cli(["user", "deactivate", "dora"]);
    assert.equal(r.code, 0, r.stderr);
    const { res, browser } = await signIn({ sub: "dora-sub", email: "dora@example.com", email_verified: true });
    assertRefusedPage(res, 403, /deactivated/);
    assert.equal(await sessionOf(browser, atrium.url), null);
  });

  test("the provider's refusal is shown", T, async () => {
    const browser = new Browser();
    const start = await browser.fetch(`${atrium.url}/auth/oidc`);
    const state = new URL(start.location).searchParams.get("state");
    const res = await browser.fetch(`${atrium.url}/auth/oidc/callback?error=access_denied&state=${state}`);
    assertRefusedPage(res, 401, /refused the sign-in: access_denied/);
  });

  test("key rotation: a new kid is fetched once, without a restart; made-up kids do not hammer the provider", T, async () => {
    const ok = await signIn(ALICE);
    assert.equal(ok.res.status, 302, ok.res.text);
    const fetches = idp.jwksFetches;
    const rotated = makeKey("key-2", "ES256");
    idp.keys = [rotated];
    const after = await signIn(ALICE, { signer: rotated });
    assert.equal(after.res.status, 302, after.res.text);
    assert.equal(idp.jwksFetches, fetches + 1);
    // Right after a fetch, an unknown kid does not fetch again.
    const stranger = makeKey("key-3");
    const refused = await signIn(ALICE, { signer: stranger });
    assertRefusedPage(refused.res, 401, /no kid 'key-3'/);
    assert.equal(idp.jwksFetches, fetches + 1);
  });

  test("back-channel logout ends the person's sessions and tokens", T, async () => {
    const signer = idp.keys[0];
    const one = await signIn({ ...ALICE, sid: "idp-session-1" }, { signer });
    const two = await signIn(ALICE, { signer });
    assert.ok(await sessionOf(one.browser, atrium.url));
    assert.ok(await sessionOf(two.browser, atrium.url));
    const app = await registerApp(atrium.url, { scopes: "read" });
    const token = await request(atrium.url, "/oauth/token", { method: "POST", form: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "alice", password: "alice-password-1", scope: "read" } });
    const bearer = assertJsonOk(token).access_token;
    // Bad logout tokens change nothing.
    const logout = (form) => request(atrium.url, "/auth/oidc/backchannel-logout", { method: "POST", form });
    assertJsonError(await logout({}), 400);
    assertJsonError(await logout({ logout_token: idp.logoutToken({ sub: "alice-sub", nonce: "x" }, signer) }), 400);
    assertJsonError(await logout({ logout_token: idp.logoutToken({ sub: "alice-sub", aud: "another" }, signer) }), 400);
    assertJsonError(await logout({ logout_token: idp.logoutToken({ sub: "alice-sub" }, makeKey(signer.kid, signer.alg)) }), 400);
    assertJsonError(await logout({ logout_token: idp.logoutToken({ sub: "alice-sub", events: {} }, signer) }), 400);
    assert.ok(await sessionOf(one.browser, atrium.url));
    // By sid: the person who signed in in that session is signed out everywhere.
    const done = await logout({ logout_token: idp.logoutToken({ sid: "idp-session-1" }, signer) });
    assert.equal(done.status, 200, describe(done));
    assert.equal(await sessionOf(one.browser, atrium.url), null);
    assert.equal(await sessionOf(two.browser, atrium.url), null);
    const me = await request(atrium.url, "/api/v1/accounts/verify_credentials", { token: bearer });
    assert.equal(me.status, 401, describe(me));
    // By sub, for a new session.
    const three = await signIn(ALICE, { signer });
    assert.ok(await sessionOf(three.browser, atrium.url));
    assert.equal((await logout({ logout_token: idp.logoutToken({ sub: "alice-sub" }, signer) })).status, 200);
    assert.equal(await sessionOf(three.browser, atrium.url), null);
  });

  test("a Mastodon app is authorized through the provider", T, async () => {
    const redirectUri = "https://app.example/callback";
    const app = await registerApp(atrium.url, { redirectUris: redirectUri, scopes: "read write" });
    const pkce = pkcePair();
    const query = new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: redirectUri, scope: "read write", state: "app-state", code_challenge: pkce.challenge, code_challenge_method: "S256" });
    const browser = new Browser();
    let page = await browser.fetch(`${atrium.url}/oauth/authorize?${query}`);
    assert.equal(page.status, 200);
    const link = /<a class="provider" href="([^"]+)">([^<]+)<\/a>/.exec(page.text);
    assert.ok(link, page.text);
    assert.equal(link[2], "Sign in with your organization");
    const href = link[1].replace(/&amp;/g, "&");
    assert.equal(new URL(href, atrium.url).pathname, "/auth/oidc");
    assert.match(new URL(href, atrium.url).searchParams.get("return_to"), /^\/oauth\/authorize\?response_type=code&client_id=/);
    // Through the provider and back to the authorization.
    idp.person = ALICE;
    idp.shape = null;
    idp.signer = idp.keys[0];
    const back = await browser.follow(new URL(href, atrium.url).toString(), { stop: (u) => u.startsWith(`${atrium.url}/oauth/authorize`) });
    assert.equal(back.status, 302, back.text);
    const returned = new URL(back.location);
    for (const [k, v] of query) assert.equal(returned.searchParams.get(k), v, k);
    page = await browser.fetch(back.location);
    assert.match(page.text, /Signed in as <strong>[^<]*\(@alice\)<\/strong>/);
    const form = firstForm(page.text, page.url);
    const approved = await browser.fetch(form.action, { method: "POST", form: { ...form.fields, decision: "approve" } });
    assert.equal(approved.status, 302, approved.text);
    const code = new URL(approved.location).searchParams.get("code");
    assert.ok(code, approved.location);
    const token = await tokenRequest(atrium.url, { grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: app.client_id, client_secret: app.client_secret, code_verifier: pkce.verifier });
    const bearer = assertJsonOk(token).access_token;
    const me = await request(atrium.url, "/api/v1/accounts/verify_credentials", { token: bearer });
    assert.equal(assertJsonOk(me).username, "alice");
  });
});

suite("oidc-create-members", () => {
  test("on: a person unknown here becomes a member from the claims; off refuses them", T, async () => {
    const idp = await startTestIdp();
    try {
      const on = await startServer({ args: atriumArgs(idp.issuer, ["--oidc-create-members", "on"]) });
      const off = await startServer({ args: atriumArgs(idp.issuer) });
      const person = { sub: "n-1", email: "new.bie@example.com", email_verified: true, name: "New Bie", preferred_username: "new.bie@example.com" };
      for (const [server, expected] of [[on, 302], [off, 403]]) {
        idp.person = person;
        const browser = new Browser();
        const start = await browser.fetch(`${server.url}/auth/oidc`);
        const back = await browser.fetch(start.location);
        const res = await browser.fetch(back.location);
        assert.equal(res.status, expected, res.text);
        const account = await sessionOf(browser, server.url);
        if (expected === 302) {
          assert.equal(account.username, "new.bie");
          assert.equal(account.display_name, "New Bie");
          // The second time finds the same member.
          const again = new Browser();
          const s = await again.fetch(`${server.url}/auth/oidc`);
          const b = await again.fetch(s.location);
          assert.equal((await again.fetch(b.location)).status, 302);
          assert.equal((await sessionOf(again, server.url)).id, account.id);
        } else {
          assert.equal(account, null);
          assert.match(alertOf(res.text), /Nobody here is known as new\.bie@example\.com/);
        }
      }
    } finally {
      await idp.close();
    }
  });
});

suite("settings", () => {
  test("without a provider: no button, and /auth/oidc says it is off", T, async () => {
    const server = await startServer({ args: ["--local-sign-in", "admins"] });
    assert.deepEqual(assertJsonOk(await request(server.url, "/auth/providers")), { local: "admins", providers: [] });
    assertRefusedPage(await request(server.url, "/auth/oidc"), 404, /OpenID Connect sign-in is off/);
  });

  test("one address may begin 60 sign-ins a minute; then 429 with Retry-After", T, async () => {
    const idp = await startTestIdp();
    try {
      const server = await startServer({ args: atriumArgs(idp.issuer) });
      for (let i = 0; i < 60; i++) assert.equal((await request(server.url, "/auth/oidc")).status, 302, `start ${i}`);
      const held = await request(server.url, "/auth/oidc");
      assertRefusedPage(held, 429, /too many sign-ins/i);
      assert.match(held.headers.get("retry-after") || "", /^\d+$/);
    } finally {
      await idp.close();
    }
  });

  test("bad values are refused at start, naming the setting", T, async () => {
    const cases = [
      [["--oidc-issuer", "http://idp.example.com"], /oidc-issuer/],
      [["--oidc-claim", "name"], /oidc-claim/],
      [["--oidc-scopes", "email"], /oidc-scopes/],
      [["--oidc-issuer", "https://idp.example.com"], /oidc-client-id/],
      [["--oidc-issuer", "https://idp.example.com", "--oidc-client-id", "a"], /oidc-client-secret/],
      [["--oidc-issuer", "https://idp.example.com", "--oidc-client-id", "a", "--oidc-client-secret-file", "/nonexistent/secret"], /cannot read oidc-client-secret-file/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(["serve", "--listen", "127.0.0.1:0", ...args], { dataDir: await makeDataDir(), timeoutMs: 10000 });
      assert.notEqual(r.code, 0, args.join(" "));
      assert.match(r.stderr + r.stdout, message, args.join(" "));
    }
  });
});
