// The server on PostgreSQL: a database that cannot be reached is a clear
// error at start and a 503 while serving, and the server finds the database
// again by itself when it returns. The second part needs the suite to run on
// PostgreSQL (make api-pg) and is skipped otherwise.
import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, stopAll, runCli, databaseFor, postgresAdmin, usingPostgres } from "./lib/server.mjs";
import { request, sleep } from "./lib/http.mjs";
import { registerApp, passwordToken } from "./lib/oauth.mjs";

after(stopAll);

const T = { timeout: 60000 };

describe("a PostgreSQL database that cannot be reached at start", () => {
  for (const command of [["migrate"], ["serve", "--listen", "127.0.0.1:0"], ["user", "list"]]) {
    test(`atrium ${command[0]} exits with one line saying why`, T, async () => {
      const r = await runCli([...command, "--database", "postgres://atrium@127.0.0.1:1/atrium"]);
      assert.notEqual(r.code, 0);
      const lines = r.stderr.trim().split("\n");
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /Cannot open the database: .*127\.0\.0\.1.*refused/);
    });
  }

  test("a URL that is neither a path nor postgres:// is refused", T, async () => {
    const r = await runCli(["migrate", "--database", "mysql://localhost/atrium"]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /postgres:\/\//);
  });
});

describe("losing the database while serving", { skip: usingPostgres ? false : "needs the suite on PostgreSQL (make api-pg)" }, () => {
  test("requests get 503 while the database is gone, and succeed again when it returns", T, async () => {
    const srv = await startServer({ users: [{ name: "alice", email: "alice@example.com", password: "alice-password-1" }] });
    const app = await registerApp(srv.url, { redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
    const token = await passwordToken(srv.url, app, "alice", "alice-password-1", "read write");
    const me = () => request(srv.url, "/api/v1/accounts/verify_credentials", { token });
    assert.equal((await me()).status, 200);

    // As if the database server went away: existing connections end, new
    // ones are refused.
    const name = new URL(await databaseFor(srv.dataDir)).pathname.slice(1);
    await postgresAdmin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await postgresAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    try {
      const gone = await me();
      assert.equal(gone.status, 503, gone.text);
      assert.equal((await request(srv.url, "/ready")).status, 503);
      const post = await request(srv.url, "/api/v1/statuses", { method: "POST", json: { status: "into the void" }, token });
      assert.equal(post.status, 503, post.text);
    } finally {
      await postgresAdmin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }

    // Back: the pool reconnects on the next request, without a restart.
    let back;
    for (let i = 0; i < 50; i++) {
      back = await me();
      if (back.status === 200) break;
      await sleep(100);
    }
    assert.equal(back.status, 200, back.text);
    const post = await request(srv.url, "/api/v1/statuses", { method: "POST", json: { status: "back again" }, token });
    assert.equal(post.status, 200, post.text);
    assert.equal((await request(srv.url, "/ready")).status, 200);
    assert.equal((await srv.stop()).code, 0);
  });
});
