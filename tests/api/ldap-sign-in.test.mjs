// ldap-sign-in against a real OpenLDAP slapd started by the test: people
// provisioned by `atrium sync-ldap` sign in with their directory password on
// every password path (/auth/sign_in, the OAuth authorize page, the password
// grant); a wrong, empty or injected login or password, a person Atrium does
// not know and a deactivated one are refused; nothing of the password is
// kept; local-sign-in still decides who may use a password Atrium keeps; the
// sign-in throttle counts directory failures; every attempt is in the log;
// with ldap-sign-in off the directory is not asked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { startServer, runCli, makeDataDir, stopAll } from "./lib/server.mjs";
import { request, assertJsonError, describe, findSetCookie } from "./lib/http.mjs";
import { OOB, registerApp, tokenRequest, authorizeCode, getAuthorizePage, authorizeParams, postAuthorize, pkcePair } from "./lib/oauth.mjs";
import { eventually } from "./lib/social-helpers.mjs";
import { slapdAvailable, startSlapd, SUFFIX, ROOT_DN, ROOT_PASSWORD, SLAPD_BIN } from "./lib/slapd.mjs";

const T = { timeout: 60000 };
const skip = slapdAvailable() ? false : `${SLAPD_BIN} is missing (scripts/install-deps.sh --test installs slapd)`;
const PEOPLE = `ou=people,${SUFFIX}`;
const dn = (uid) => `uid=${uid},${PEOPLE}`;
const PASSWORD = { alice: "alice-directory-1", bob: "bob-directory-1", dave: "dave-directory-1", zed: "zed-directory-1", erin: "erin-directory-1" };
const ROOT = { name: "root", email: "root@example.com", role: "admin", password: "root-local-password-1" };
const BOB_LOCAL = "bob-local-password-1";

function person(uid, cn) {
  return [
    `dn: ${dn(uid)}`,
    "objectClass: inetOrgPerson",
    `uid: ${uid}`,
    `cn: ${cn}`,
    `sn: ${cn.split(" ").pop()}`,
    `mail: ${uid}@example.com`,
    `userPassword: ${PASSWORD[uid]}`,
    "",
  ].join("\n");
}

const ORG = [
  `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n`,
  `dn: ${PEOPLE}\nobjectClass: organizationalUnit\nou: people\n`,
  person("alice", "Alice Archer"),
  person("bob", "Bob Builder"),
  person("dave", "Dave Departed"),
  person("erin", "Erin Early"),
].join("\n");
// In the directory, never provisioned in Atrium.
const ZED = person("zed", "Zed Outsider");

let slapd, dataDir, srv;

const LENIENT = ["--signin-free-failures", "1000", "--signin-failures-per-address", "1000"];
const ldapArgs = () => ["--ldap-url", slapd.url, "--ldap-bind-dn", ROOT_DN, "--ldap-bind-password", ROOT_PASSWORD, "--ldap-base", PEOPLE];
const signIn = (url, login, password) => request(url, "/auth/sign_in", { method: "POST", json: { login, password } });

async function passwordGrant(url, username, password) {
  const app = await registerApp(url, { redirectUris: OOB, scopes: "read" });
  return tokenRequest(url, { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username, password, scope: "read" });
}

/** Signs in and checks the session works: the account it names. */
async function signedInAs(url, login, password) {
  const res = await signIn(url, login, password);
  assert.equal(res.status, 200, describe(res));
  const cookie = findSetCookie(res.setCookies, "atrium_session");
  assert.ok(cookie, "a session cookie");
  const me = await request(url, "/api/v1/accounts/verify_credentials", { cookie: `atrium_session=${cookie.value}` });
  assert.equal(me.status, 200, describe(me));
  return me.json.username;
}

function assertRefused(res, status = 401) {
  assert.equal(res.status, status, describe(res));
  assert.equal(findSetCookie(res.setCookies, "atrium_session"), null, "no session");
}

before(async () => {
  if (skip) return;
  // With bind_anon_dn, slapd takes a DN with an empty password as an
  // unauthenticated bind and answers success: only Atrium's own refusal
  // keeps an empty password out.
  slapd = await startSlapd({ global: ["allow bind_anon_dn"] });
  await slapd.ldif("ldapadd", ORG);
  dataDir = await makeDataDir();
  const sync = await runCli(["sync-ldap", ...ldapArgs()], { dataDir });
  assert.equal(sync.code, 0, `sync failed: ${sync.stderr}${sync.stdout}`);
  await slapd.ldif("ldapadd", ZED);
  const root = await runCli(["user", "add", ROOT.name, "--email", ROOT.email, "--role", "admin", "--password-stdin"], { dataDir, stdin: ROOT.password + "\n" });
  assert.equal(root.code, 0, root.stderr);
  const bob = await runCli(["user", "reset-password", "bob", "--password-stdin"], { dataDir, stdin: BOB_LOCAL + "\n" });
  assert.equal(bob.code, 0, bob.stderr);
  const dave = await runCli(["user", "deactivate", "dave"], { dataDir });
  assert.equal(dave.code, 0, dave.stderr);
  // The refusals below come from one address: the throttle has its own test.
  srv = await startServer({ dataDir, args: [...LENIENT, "--ldap-sign-in", "on", "--local-sign-in", "admins", ...ldapArgs()] });
});

// The audit log as `atrium audit export` writes it (beside the server).
async function auditEntries() {
  const r = await runCli(["audit", "export"], { dataDir });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

after(async () => {
  await stopAll();
  if (slapd) await slapd.stop();
});

test("the directory password signs in by username or e-mail, on /auth/sign_in, the authorize page and the password grant", { ...T, skip }, async () => {
  assert.equal(await signedInAs(srv.url, "alice", PASSWORD.alice), "alice");
  assert.equal(await signedInAs(srv.url, "Alice@Example.com", PASSWORD.alice), "alice");

  const grant = await passwordGrant(srv.url, "alice", PASSWORD.alice);
  assert.equal(grant.status, 200, describe(grant));
  const me = await request(srv.url, "/api/v1/accounts/verify_credentials", { token: grant.json.access_token });
  assert.equal(me.json.username, "alice");

  const app = await registerApp(srv.url, { scopes: "read" });
  const { code, res } = await authorizeCode(srv.url, app, { login: "alice", password: PASSWORD.alice });
  assert.ok(code);
  assert.ok(findSetCookie(res.setCookies, "atrium_session"), "the authorize page's sign-in starts a session");
});

test("a wrong password, an unknown person and a deactivated person are refused", { ...T, skip }, async () => {
  assertRefused(await signIn(srv.url, "alice", "not-her-password"));
  assertRefused(await signIn(srv.url, "alice", PASSWORD.bob));
  // Nobody of that name in the directory; in the directory but not in Atrium.
  assertRefused(await signIn(srv.url, "nobody", PASSWORD.alice));
  assertRefused(await signIn(srv.url, "zed", PASSWORD.zed));
  const deactivated = await signIn(srv.url, "dave", PASSWORD.dave);
  assertRefused(deactivated, 403);
  assert.match(deactivated.json.error, /deactivated/);
  const grant = await passwordGrant(srv.url, "dave", PASSWORD.dave);
  assert.equal(grant.status, 403, describe(grant));
  assert.equal((await passwordGrant(srv.url, "alice", "not-her-password")).status, 400);
});

test("an empty password is refused without binding, on every path", { ...T, skip }, async () => {
  assert.equal((await signIn(srv.url, "alice", "")).status, 422);
  const grant = await passwordGrant(srv.url, "alice", "");
  assert.equal(grant.status, 400, describe(grant));
  assert.equal(grant.json.error, "invalid_grant");
  const app = await registerApp(srv.url, { redirectUris: OOB, scopes: "read" });
  const page = await getAuthorizePage(srv.url, authorizeParams(app, { redirectUri: OOB, challenge: pkcePair().challenge }));
  const done = await postAuthorize(srv.url, { ...page.fields, login: "alice", password: "", decision: "approve" }, { csrfCookie: page.csrfCookie });
  assertRefused(done);
});

test("a login is a value in the directory's filter, never part of the filter (RFC 4515)", { ...T, skip }, async () => {
  // Unescaped, each would find alice's entry alone and bind with her password.
  for (const login of ["*)(uid=alice", "ali*", "alice)(objectClass=*", "*)(|(uid=alice)", "al\\2a"]) {
    assertRefused(await signIn(srv.url, login, PASSWORD.alice));
    const grant = await passwordGrant(srv.url, login, PASSWORD.alice);
    assert.equal(grant.status, 400, `${login}: ${describe(grant)}`);
  }
});

test("local-sign-in admins: the administrator's local password still works, a member's does not", { ...T, skip }, async () => {
  const breakGlass = async () => (await auditEntries()).filter((e) => e.action === "auth.break_glass_sign_in");
  const before = (await breakGlass()).length;
  assert.equal(await signedInAs(srv.url, "root", ROOT.password), "root");
  assertRefused(await signIn(srv.url, "bob", BOB_LOCAL));
  assert.equal(await signedInAs(srv.url, "bob", PASSWORD.bob), "bob");
  // The break-glass sign-in is audited (the directory's sign-ins are not).
  const audited = await breakGlass();
  assert.equal(audited.length, before + 1);
  assert.equal(audited.at(-1).actor, "root");
  assert.equal(JSON.parse(audited.at(-1).after).client_addr, "127.0.0.1");
});

test("the sync and the commands run before serving are audited, one entry per sync", { ...T, skip }, async () => {
  const entries = await auditEntries();
  const syncs = entries.filter((e) => e.action === "directory.import");
  assert.equal(syncs.length, 1);
  assert.equal(syncs[0].actor, "atrium sync-ldap");
  assert.equal(syncs[0].target_id, "the LDAP directory");
  assert.ok(JSON.parse(syncs[0].after).created > 0);
  const dave = entries.find((e) => e.action === "account.deactivate");
  assert.equal(dave.actor, "atrium user deactivate");
  assert.equal(dave.actor_id, 0);
});

test("every sign-in is in the log with method, who, address and reason, never the password", { ...T, skip }, async () => {
  await signIn(srv.url, "alice", PASSWORD.alice);
  await signIn(srv.url, "zed", PASSWORD.zed);
  await signIn(srv.url, "root", ROOT.password);
  await eventually(() => {
    const { stdout, stderr } = srv.output();
    const log = stdout + stderr;
    assert.match(log, /sign-in succeeded: method=ldap who="@alice" address=127\.0\.0\.1/);
    assert.match(log, /sign-in succeeded: method=password who="@root" address=127\.0\.0\.1/);
    assert.match(log, /sign-in failed: method=ldap who="zed" address=127\.0\.0\.1 reason="[^"]*@zed is not a member of Atrium/);
    assert.match(log, /sign-in failed: method=ldap who="alice" address=127\.0\.0\.1 reason="[^"]*refused the password/);
    assert.match(log, /sign-in failed: method=ldap who="dave" address=127\.0\.0\.1 reason="the account is deactivated"/);
    for (const secret of [...Object.values(PASSWORD), ROOT.password, BOB_LOCAL, ROOT_PASSWORD])
      assert.ok(!log.includes(secret), `the log holds a password: ${secret}`);
  });
});

test("the store keeps no password of a person who signed in through the directory", { ...T, skip }, async () => {
  assert.equal(await signedInAs(srv.url, "alice", PASSWORD.alice), "alice");
  await srv.stop();
  // Atrium's own passwords only, for everyone: alice has none.
  const local = await startServer({ dataDir, args: [...LENIENT, "--local-sign-in", "on", ...ldapArgs()] });
  try {
    assertRefused(await signIn(local.url, "alice", PASSWORD.alice));
    assert.equal(await signedInAs(local.url, "bob", BOB_LOCAL), "bob", "the same server signs in a local password");
  } finally {
    await local.stop();
  }
});

test("directory failures go through the sign-in throttle", { ...T, skip }, async () => {
  // Counting on its own (in a cluster run, not in the Redis where the lenient
  // server above counted this address's failures).
  const throttled = await startServer({ dataDir, redis: false, args: ["--ldap-sign-in", "on", "--local-sign-in", "off", ...ldapArgs()] });
  try {
    // Three free failures, then the pair waits: even the right password is refused unchecked.
    for (let i = 0; i < 4; i++) assertRefused(await signIn(throttled.url, "erin", `wrong-${i}`));
    const held = await signIn(throttled.url, "erin", PASSWORD.erin);
    assertRefused(held, 429);
    assert.ok(Number(held.headers.get("retry-after")) >= 1, describe(held));
    // Another person from the same address is not held back.
    assert.equal(await signedInAs(throttled.url, "alice", PASSWORD.alice), "alice");
  } finally {
    await throttled.stop();
  }
});

/** A TCP listener that counts connections and closes each at once. */
async function countingListener() {
  const server = net.createServer((socket) => {
    server.connections += 1;
    socket.destroy();
  });
  server.connections = 0;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

test("with ldap-sign-in off the directory is not asked", { ...T, skip }, async () => {
  const listener = await countingListener();
  const url = `ldap://127.0.0.1:${listener.address().port}`;
  const args = ["--ldap-url", url, "--ldap-base", PEOPLE];
  const dir = await makeDataDir();
  try {
    const off = await startServer({ dataDir: dir, users: [{ name: "alice", email: "alice@example.com", password: "alice-local-1" }], args });
    try {
      assertRefused(await signIn(off.url, "alice", PASSWORD.alice));
      assert.equal((await passwordGrant(off.url, "alice", PASSWORD.alice)).status, 400);
      assert.equal(listener.connections, 0);
    } finally {
      await off.stop();
    }
    // The same settings with ldap-sign-in on (and no local passwords): the
    // directory is asked, and not answering, gives a 503 rather than a
    // wrong-password answer.
    const on = await startServer({ dataDir: dir, args: [...args, "--ldap-sign-in", "on", "--local-sign-in", "off"] });
    try {
      const res = await signIn(on.url, "alice", PASSWORD.alice);
      assertRefused(res, 503);
      assert.ok(listener.connections > 0);
    } finally {
      await on.stop();
    }
  } finally {
    listener.close();
  }
});

test("ldap-sign-in without ldap-url or ldap-base refuses to start", { ...T, skip }, async () => {
  await assert.rejects(startServer({ args: ["--ldap-sign-in", "on"] }), /ldap-sign-in: .*ldap-url is not set/);
});
