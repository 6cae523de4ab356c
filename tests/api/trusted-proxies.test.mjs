// trusted-proxies: X-Forwarded-For names the client only when the TCP peer is
// a trusted proxy. The client address is what sign-in throttles, app
// registration limits, sessions and the access log use.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, stopAll } from "./lib/server.mjs";
import { request, assertJsonError, describe, sleep } from "./lib/http.mjs";

const T = { timeout: 30000 };
const ALICE = { name: "alice", email: "alice@example.com", role: "member", password: "alice-password-1" };
// One free failure, then 20 s: a second failure from an address makes it wait.
const THROTTLE = ["--signin-free-failures", "1", "--signin-delay", "20000", "--signin-failures-per-address", "1000"];

after(stopAll);

function signIn(url, password, forwardedFor) {
  const headers = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  return request(url, "/auth/sign_in", { method: "POST", json: { login: "alice", password }, headers });
}

/** The server's log, once it names `pattern` (the access log is batched). */
async function logMatching(srv, pattern) {
  let log = "";
  for (let i = 0; i < 50; i++) {
    log = srv.output().stdout + srv.output().stderr;
    if (pattern.test(log)) break;
    await sleep(50);
  }
  return log;
}

test("without trusted-proxies a forged X-Forwarded-For changes nothing: the peer is throttled", T, async () => {
  const srv = await startServer({ users: [ALICE], args: THROTTLE });
  assertJsonError(await signIn(srv.url, "wrong-1", "198.51.100.1"), 401);
  assertJsonError(await signIn(srv.url, "wrong-2", "198.51.100.2"), 401);
  // A third "address" of the client's choosing: still the same peer, waiting.
  const res = await signIn(srv.url, ALICE.password, "198.51.100.3");
  assertJsonError(res, 429);
  assert.ok(Number(res.headers.get("retry-after")) > 15, describe(res));
  const log = await logMatching(srv, / 127\.0\.0\.1 POST \/auth\/sign_in 429/);
  assert.match(log, / 127\.0\.0\.1 POST \/auth\/sign_in 429/);
  assert.doesNotMatch(log, /198\.51\.100\./, "the log names the forged address");
});

test("with trusted-proxies=127.0.0.1, each X-Forwarded-For client is throttled on its own", T, async () => {
  const srv = await startServer({ users: [ALICE], args: [...THROTTLE, "--trusted-proxies", "127.0.0.1"] });
  assertJsonError(await signIn(srv.url, "wrong-1", "198.51.100.1"), 401);
  assertJsonError(await signIn(srv.url, "wrong-2", "198.51.100.1"), 401);
  assertJsonError(await signIn(srv.url, ALICE.password, "198.51.100.1"), 429);
  // Another client behind the same proxy is not held back.
  assert.equal((await signIn(srv.url, ALICE.password, "198.51.100.2")).status, 200);
  // The right-most address that is not a trusted proxy is the client: what
  // the client wrote on the left is ignored...
  assertJsonError(await signIn(srv.url, ALICE.password, "203.0.113.50, 198.51.100.1"), 429);
  // ...and trusted hops on the right are skipped.
  assertJsonError(await signIn(srv.url, ALICE.password, "198.51.100.1, 127.0.0.1"), 429);
  // No X-Forwarded-For: the proxy itself, which has not failed.
  assert.equal((await signIn(srv.url, ALICE.password)).status, 200);
  const log = await logMatching(srv, / 198\.51\.100\.2 POST \/auth\/sign_in 200/);
  assert.match(log, / 198\.51\.100\.1 POST \/auth\/sign_in 429/);
  assert.match(log, / 198\.51\.100\.2 POST \/auth\/sign_in 200/);
});

test("with trusted-proxies, app registrations are counted per forwarded client", T, async () => {
  const srv = await startServer({ args: ["--trusted-proxies", "10.0.0.0/8, 127.0.0.1, ::1", "--app-registrations-per-address", "1"] });
  const register = (forwardedFor) =>
    request(srv.url, "/api/v1/apps", {
      method: "POST",
      json: { client_name: "proxied", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" },
      headers: { "x-forwarded-for": forwardedFor },
    });
  assert.equal((await register("2001:db8::1")).status, 200);
  assertJsonError(await register("2001:db8::2"), 429); // the same /64
  assert.equal((await register("2001:db8:0:1::1")).status, 200);
  assert.equal((await register("192.0.2.1")).status, 200);
});

test("a trusted-proxies value that is not a list of addresses stops the start, naming it", T, async () => {
  await assert.rejects(startServer({ args: ["--trusted-proxies", "proxy.internal"] }), (e) => {
    assert.match(e.message, /exited before listening \(code [1-9]/);
    assert.match(e.message, /trusted-proxies/);
    return true;
  });
});
