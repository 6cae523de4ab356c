// The `atrium user ...` administration CLI, checked through its exit codes,
// its output and the effect on a running server.
import { describe as suite, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, makeDataDir, createUser, runCli } from "./lib/server.mjs";
import { request, assertJsonError, assertJsonOk } from "./lib/http.mjs";
import { OOB, registerApp, passwordToken } from "./lib/oauth.mjs";

const T = { timeout: 30000 };

function signIn(url, login, password) {
  return request(url, "/auth/sign_in", { method: "POST", json: { login, password } });
}

async function listUsers(dataDir) {
  const r = await runCli(["user", "list"], { dataDir });
  assert.equal(r.code, 0, `user list failed: ${r.stderr}`);
  return r.stdout
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0]);
}

suite("user add / list", () => {
  test("add succeeds with exit 0 and prints something; list shows one line per account", T, async () => {
    const dataDir = await makeDataDir();
    const a = await createUser(dataDir, "alice", { email: "alice@example.com", role: "member", password: "alice-password-1" });
    assert.equal(a.code, 0, a.stderr);
    assert.ok((a.stdout + a.stderr).trim().length > 0, "user add should print something");
    const b = await createUser(dataDir, "bob", { email: "bob@example.com", role: "admin", password: "bob-password-1" });
    assert.equal(b.code, 0, b.stderr);
    const names = await listUsers(dataDir);
    assert.deepEqual([...names].sort(), ["alice", "bob"]);
  });

  test("list on an empty data dir prints no accounts", T, async () => {
    const dataDir = await makeDataDir();
    const r = await runCli(["user", "list"], { dataDir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!/alice|bob/.test(r.stdout));
  });

  test("duplicate username → non-zero exit with a message on stderr; list unchanged", T, async () => {
    const dataDir = await makeDataDir();
    assert.equal((await createUser(dataDir, "alice", { email: "alice@example.com", password: "alice-password-1" })).code, 0);
    const dup = await createUser(dataDir, "alice", { email: "other@example.com", password: "another-password" });
    assert.notEqual(dup.code, 0, "duplicate username must fail");
    assert.ok(dup.stderr.trim().length > 0, "duplicate should explain itself on stderr");
    assert.deepEqual(await listUsers(dataDir), ["alice"]);
  });

  test("duplicate e-mail → non-zero exit", T, async () => {
    const dataDir = await makeDataDir();
    assert.equal((await createUser(dataDir, "alice", { email: "alice@example.com", password: "alice-password-1" })).code, 0);
    const dup = await createUser(dataDir, "alice2", { email: "alice@example.com", password: "another-password" });
    assert.notEqual(dup.code, 0, "duplicate e-mail must fail");
    assert.deepEqual(await listUsers(dataDir), ["alice"]);
  });

  for (const [label, name, opts] of [
    ["an unknown role", "carol", { email: "carol@example.com", role: "emperor", password: "carol-password-1" }],
    ["an invalid username", "bad name!", { email: "bad@example.com", password: "bad-password-1" }],
    ["an invalid e-mail", "dave", { email: "not-an-email", password: "dave-password-1" }],
    ["an empty password", "erin", { email: "erin@example.com", password: "" }],
  ]) {
    test(`add with ${label} → non-zero exit, no account created`, T, async () => {
      const dataDir = await makeDataDir();
      const r = await createUser(dataDir, name, opts);
      assert.notEqual(r.code, 0, `should fail; stdout: ${r.stdout}`);
      assert.ok(r.stderr.trim().length > 0, "should print a message on stderr");
      const listed = await runCli(["user", "list"], { dataDir });
      assert.ok(!listed.stdout.includes(name.split(" ")[0]), `account was created anyway: ${listed.stdout}`);
    });
  }

  test("commands on an unknown user → non-zero exit", T, async () => {
    const dataDir = await makeDataDir();
    for (const args of [
      ["user", "deactivate", "ghost"],
      ["user", "reactivate", "ghost"],
      ["user", "set-role", "ghost", "admin"],
    ]) {
      const r = await runCli(args, { dataDir });
      assert.notEqual(r.code, 0, `${args.join(" ")} should fail`);
      assert.ok(r.stderr.trim().length > 0);
    }
    const r = await runCli(["user", "reset-password", "ghost", "--password-stdin"], { dataDir, stdin: "x-password-123\n" });
    assert.notEqual(r.code, 0);
  });
});

suite("user changes seen by the server", () => {
  test("reset-password: old password stops working, new one works", T, async () => {
    const srv = await startServer({ users: [{ name: "alice", email: "alice@example.com", role: "member", password: "old-password-1" }] });
    try {
      assert.equal((await signIn(srv.url, "alice", "old-password-1")).status, 200);
      const r = await srv.cli(["user", "reset-password", "alice", "--password-stdin"], "new-password-2\n");
      assert.equal(r.code, 0, r.stderr);
      assertJsonError(await signIn(srv.url, "alice", "old-password-1"), 401);
      assert.equal((await signIn(srv.url, "alice", "new-password-2")).status, 200);
    } finally {
      await srv.stop();
    }
  });

  test("set-role changes the account's role", T, async () => {
    const srv = await startServer({ users: [{ name: "alice", email: "alice@example.com", role: "member", password: "alice-password-1" }] });
    try {
      const before = assertJsonOk(await signIn(srv.url, "alice", "alice-password-1")).account.role;
      assert.doesNotMatch(String(before.name), /admin|moderator/i, `member has role ${JSON.stringify(before)}`);
      const r = await srv.cli(["user", "set-role", "alice", "moderator"]);
      assert.equal(r.code, 0, r.stderr);
      const mod = assertJsonOk(await signIn(srv.url, "alice", "alice-password-1")).account.role;
      assert.match(String(mod.name), /moderator/i);
      const r2 = await srv.cli(["user", "set-role", "alice", "admin"]);
      assert.equal(r2.code, 0, r2.stderr);
      const adm = assertJsonOk(await signIn(srv.url, "alice", "alice-password-1")).account.role;
      assert.match(String(adm.name), /admin/i);
      assert.notEqual(adm.permissions, before.permissions);
      const bad = await srv.cli(["user", "set-role", "alice", "emperor"]);
      assert.notEqual(bad.code, 0, "unknown role must be refused");
    } finally {
      await srv.stop();
    }
  });

  test("deactivate / reactivate control sign-in", T, async () => {
    const srv = await startServer({ users: [{ name: "alice", email: "alice@example.com", role: "member", password: "alice-password-1" }] });
    try {
      const app = await registerApp(srv.url, { redirectUris: OOB });
      const token = await passwordToken(srv.url, app, "alice", "alice-password-1");
      const me = () => request(srv.url, "/api/v1/accounts/verify_credentials", { token });
      assert.equal((await me()).status, 200); // the server knows (and remembers) the token
      assert.equal((await srv.cli(["user", "deactivate", "alice"])).code, 0);
      assert.equal((await me()).status, 401, "a deactivation by the command ends access on the running server at once");
      assertJsonError(await signIn(srv.url, "alice", "alice-password-1"), 403);
      assert.equal((await srv.cli(["user", "reactivate", "alice"])).code, 0);
      assert.equal((await signIn(srv.url, "alice", "alice-password-1")).status, 200);
    } finally {
      await srv.stop();
    }
  });

  test("accounts survive a server restart on the same data dir", T, async () => {
    const srv = await startServer({ users: [{ name: "alice", email: "alice@example.com", role: "member", password: "alice-password-1" }] });
    const s = assertJsonOk(await signIn(srv.url, "alice", "alice-password-1"));
    assert.equal((await srv.stop()).code, 0);
    const srv2 = await startServer({ dataDir: srv.dataDir });
    try {
      const again = assertJsonOk(await signIn(srv2.url, "alice", "alice-password-1"));
      assert.equal(again.account.id, s.account.id);
    } finally {
      await srv2.stop();
    }
  });
});
