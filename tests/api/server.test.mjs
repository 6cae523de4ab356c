// Transport, error format, limits, timeouts, settings precedence, shutdown.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import fsp from "node:fs/promises";
import path from "node:path";
import { startServer, makeDataDir, runCli } from "./lib/server.mjs";
import { request, assertJsonError, assertJsonOk, RawClient, rawRequest, tryConnect, sleep, describe } from "./lib/http.mjs";

const T = { timeout: 30000 };

/** A valid-ish JSON body of exactly `size` bytes for POST /api/v1/apps. */
function paddedJson(size) {
  const head = '{"client_name":"pad","pad":"';
  const tail = '"}';
  return head + "a".repeat(size - head.length - tail.length) + tail;
}

/** Sends POST /api/v1/apps with a body of `size` bytes; returns the status. */
async function postSized(url, size) {
  const body = paddedJson(size);
  assert.equal(Buffer.byteLength(body), size);
  const res = await request(url, "/api/v1/apps", { method: "POST", body, headers: { "content-type": "application/json" } });
  return res;
}

suite("transport", () => {
  let srv;
  before(async () => {
    srv = await startServer({ args: ["--max-body", "2048", "--max-header", "2048"] });
  });

  test("GET /health → 200 {status: ok} with X-Request-Id", T, async () => {
    const res = await request(srv.url, "/health");
    assert.deepEqual(assertJsonOk(res), { status: "ok" });
    assert.ok(res.headers.get("x-request-id"), "X-Request-Id header missing");
  });

  test("GET /ready → 200 {status: ready}", T, async () => {
    const res = await request(srv.url, "/ready");
    assert.deepEqual(assertJsonOk(res), { status: "ready" });
    assert.ok(res.headers.get("x-request-id"), "X-Request-Id header missing");
  });

  test("X-Request-Id differs between requests", T, async () => {
    const a = await request(srv.url, "/health");
    const b = await request(srv.url, "/health");
    assert.ok(a.headers.get("x-request-id"));
    assert.notEqual(a.headers.get("x-request-id"), b.headers.get("x-request-id"));
  });

  test("unknown path → 404 JSON error with X-Request-Id", T, async () => {
    const res = await request(srv.url, "/definitely/not/here");
    assertJsonError(res, 404);
    assert.ok(res.headers.get("x-request-id"), "X-Request-Id header missing on error");
  });

  test("unknown API path → 404 JSON", T, async () => {
    const res = await request(srv.url, "/api/v1/nope-nothing");
    assertJsonError(res, 404);
  });

  test("wrong method on known path → 405 JSON with Allow", T, async () => {
    const res = await request(srv.url, "/health", { method: "DELETE" });
    assertJsonError(res, 405);
    const allow = res.headers.get("allow");
    assert.ok(allow, "405 must carry an Allow header");
    assert.match(allow, /\bGET\b/, `Allow should list GET: ${allow}`);
    assert.doesNotMatch(allow, /\bDELETE\b/, `Allow must not list DELETE: ${allow}`);
  });

  test("POST to a GET-only path → 405", T, async () => {
    const res = await request(srv.url, "/ready", { method: "POST", json: {} });
    assertJsonError(res, 405);
    assert.match(res.headers.get("allow") || "", /\bGET\b/);
  });

  test("protected route without credentials → 401 JSON", T, async () => {
    const res = await request(srv.url, "/api/v1/accounts/verify_credentials");
    assertJsonError(res, 401);
    assert.ok(res.headers.get("x-request-id"));
  });

  test("protected route with a bogus bearer token → 401 JSON", T, async () => {
    const res = await request(srv.url, "/api/v1/accounts/verify_credentials", { token: "not-a-real-token" });
    assertJsonError(res, 401);
  });

  for (const [label, raw] of [
    ["garbage request line", "GARBAGE\r\n\r\n"],
    ["unsupported HTTP version", "GET / HTTP/9\r\n\r\n"],
    ["header line without colon", "GET /health HTTP/1.1\r\nHost: x\r\nFoo bar\r\n\r\n"],
    ["missing request target", "GET HTTP/1.1\r\nHost: x\r\n\r\n"],
  ]) {
    test(`malformed request (${label}) → 400 JSON and close`, T, async () => {
      const { res, closed } = await rawRequest(srv.port, raw);
      assertJsonError(res, 400);
      assert.ok(closed, "connection should be closed after a 400 for a malformed request");
      // server keeps serving
      const ok = await request(srv.url, "/health");
      assert.equal(ok.status, 200);
    });
  }

  test("keep-alive: two requests over one socket are both answered", T, async () => {
    const c = await RawClient.connect(srv.port);
    try {
      await c.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      const r1 = await c.readResponse();
      assert.equal(r1.status, 200);
      assert.deepEqual(r1.json, { status: "ok" });
      assert.equal(c.closed, false, "server closed a keep-alive connection");
      await c.write("GET /ready HTTP/1.1\r\nHost: localhost\r\n\r\n");
      const r2 = await c.readResponse();
      assert.equal(r2.status, 200);
      assert.deepEqual(r2.json, { status: "ready" });
      assert.ok(r1.headers.get("x-request-id") && r2.headers.get("x-request-id"));
    } finally {
      c.destroy();
    }
  });

  test("pipelined requests are answered in order", T, async () => {
    const c = await RawClient.connect(srv.port);
    try {
      await c.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\nGET /nope HTTP/1.1\r\nHost: localhost\r\n\r\nGET /ready HTTP/1.1\r\nHost: localhost\r\n\r\n");
      const r1 = await c.readResponse();
      const r2 = await c.readResponse();
      const r3 = await c.readResponse();
      assert.deepEqual([r1.status, r2.status, r3.status], [200, 404, 200]);
      assert.deepEqual(r3.json, { status: "ready" });
    } finally {
      c.destroy();
    }
  });

  test("Connection: close is honoured", T, async () => {
    const { res, closed } = await rawRequest(srv.port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert.equal(res.status, 200);
    assert.ok(closed, "connection should close after Connection: close");
  });

  test("Content-Length above --max-body → 413 JSON", T, async () => {
    const c = await RawClient.connect(srv.port);
    try {
      await c.write("POST /api/v1/apps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n");
      const res = await c.readResponse(5000);
      assertJsonError(res, 413);
    } finally {
      c.destroy();
    }
  });

  test("body just under --max-body is not rejected as too large", T, async () => {
    const res = await postSized(srv.url, 2000);
    assert.notEqual(res.status, 413, describe(res));
    // the body lacks redirect_uris, so the app is not valid
    assertJsonError(res, 422);
  });

  test("chunked body exceeding --max-body → 413 JSON", T, async () => {
    const c = await RawClient.connect(srv.port);
    try {
      await c.write("POST /api/v1/apps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      const chunk = "a".repeat(1000);
      for (let i = 0; i < 4 && !c.closed && c.buf.length === 0; i++) {
        await c.write(`${(1000).toString(16)}\r\n${chunk}\r\n`);
        await sleep(50);
      }
      const res = await c.readResponse(5000);
      assertJsonError(res, 413);
    } finally {
      c.destroy();
    }
  });

  test("small chunked body is accepted (decoded as JSON)", T, async () => {
    const c = await RawClient.connect(srv.port);
    try {
      const body = JSON.stringify({ client_name: "chunky" }); // no redirect_uris → 422
      const a = body.slice(0, 10);
      const b = body.slice(10);
      await c.write(
        "POST /api/v1/apps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
          `${a.length.toString(16)}\r\n${a}\r\n${b.length.toString(16)}\r\n${b}\r\n0\r\n\r\n`,
      );
      const res = await c.readResponse(5000);
      assertJsonError(res, 422);
    } finally {
      c.destroy();
    }
  });

  test("headers larger than --max-header → 431 JSON", T, async () => {
    const { res } = await rawRequest(srv.port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(3000)}\r\n\r\n`);
    assertJsonError(res, 431);
  });

  test("many small headers summing above --max-header → 431 JSON", T, async () => {
    let headers = "";
    for (let i = 0; i < 60; i++) headers += `X-H${i}: ${"v".repeat(50)}\r\n`;
    const { res } = await rawRequest(srv.port, `GET /health HTTP/1.1\r\nHost: x\r\n${headers}\r\n`);
    assertJsonError(res, 431);
  });

  test("headers just under --max-header are accepted", T, async () => {
    const res = await request(srv.url, "/health", { headers: { "x-medium": "m".repeat(1200) } });
    assert.equal(res.status, 200, describe(res));
  });

  test("malformed JSON body → 400 JSON mentioning JSON", T, async () => {
    const res = await request(srv.url, "/api/v1/apps", { method: "POST", body: "{bad", headers: { "content-type": "application/json" } });
    assertJsonError(res, 400);
    assert.match(`${res.json.error} ${res.json.error_description ?? ""}`, /json/i, `error should mention JSON: ${res.text}`);
  });

  test("JSON body that is not an object → 400 or 422", T, async () => {
    const res = await request(srv.url, "/api/v1/apps", { method: "POST", body: "[1,2,3]", headers: { "content-type": "application/json" } });
    assertJsonError(res, [400, 422]);
  });

  test("unsupported Content-Type → 415 JSON", T, async () => {
    const res = await request(srv.url, "/api/v1/apps", {
      method: "POST",
      body: "client_name=x&redirect_uris=https://a.example/cb",
      headers: { "content-type": "text/plain" },
    });
    assertJsonError(res, 415);
  });

  test("server still healthy after all of the above", T, async () => {
    const res = await request(srv.url, "/health");
    assert.equal(res.status, 200);
    assert.equal(srv.exitInfo(), null, "server process exited");
  });
});

suite("timeouts", () => {
  test("stalled request past --request-timeout → 408 JSON then close", T, async () => {
    const srv = await startServer({ args: ["--request-timeout", "800", "--idle-timeout", "20000"] });
    const c = await RawClient.connect(srv.port);
    try {
      const t0 = Date.now();
      await c.write("GET /health HTTP/1.1\r\nHost: x\r\n"); // headers never finished
      const res = await c.readResponse(6000);
      const elapsed = Date.now() - t0;
      assertJsonError(res, 408);
      assert.ok(elapsed >= 600, `408 came too early (${elapsed} ms)`);
      assert.ok(await c.waitClose(3000), "connection should close after 408");
    } finally {
      c.destroy();
      await srv.stop();
    }
  });

  test("stalled body past --request-timeout → 408 JSON", T, async () => {
    const srv = await startServer({ args: ["--request-timeout", "800", "--idle-timeout", "20000"] });
    const c = await RawClient.connect(srv.port);
    try {
      await c.write("POST /api/v1/apps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"client");
      const res = await c.readResponse(6000);
      assertJsonError(res, 408);
      assert.ok(await c.waitClose(3000), "connection should close after 408");
    } finally {
      c.destroy();
      await srv.stop();
    }
  });

  test("silent connection past --idle-timeout → closed without a response", T, async () => {
    const srv = await startServer({ args: ["--idle-timeout", "800", "--request-timeout", "20000"] });
    const c = await RawClient.connect(srv.port);
    try {
      const t0 = Date.now();
      const closed = await c.waitClose(6000);
      const elapsed = Date.now() - t0;
      assert.ok(closed, "idle connection was not closed");
      assert.ok(elapsed >= 600, `closed too early (${elapsed} ms)`);
      assert.equal(c.buf.length, 0, `idle close must send nothing, got ${JSON.stringify(c.buf.toString())}`);
    } finally {
      c.destroy();
      await srv.stop();
    }
  });

  test("idle keep-alive connection closes after --idle-timeout following a response", T, async () => {
    const srv = await startServer({ args: ["--idle-timeout", "800", "--request-timeout", "20000"] });
    const c = await RawClient.connect(srv.port);
    try {
      await c.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
      const res = await c.readResponse();
      assert.equal(res.status, 200);
      assert.ok(await c.waitClose(6000), "idle keep-alive connection was not closed");
      assert.equal(c.buf.length, 0, "nothing should follow the response");
    } finally {
      c.destroy();
      await srv.stop();
    }
  });
});

suite("connection limit", () => {
  test("connection beyond --max-connections → 503 JSON and close", T, async () => {
    const srv = await startServer({ args: ["--max-connections", "2", "--idle-timeout", "20000", "--request-timeout", "20000"] });
    const held = [];
    try {
      for (let i = 0; i < 2; i++) {
        const c = await RawClient.connect(srv.port);
        await c.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        const r = await c.readResponse();
        assert.equal(r.status, 200, "held connection should be served");
        held.push(c);
      }
      const extra = await RawClient.connect(srv.port);
      try {
        await extra.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        const res = await extra.readResponse(5000);
        assertJsonError(res, 503);
        assert.ok(await extra.waitClose(3000), "extra connection should be closed");
      } finally {
        extra.destroy();
      }
      // the held connections are still usable
      await held[0].write("GET /ready HTTP/1.1\r\nHost: x\r\n\r\n");
      assert.equal((await held[0].readResponse()).status, 200);
      // once a slot frees up, new connections are served again
      for (const c of held) c.destroy();
      held.length = 0;
      let ok = false;
      for (let i = 0; i < 20 && !ok; i++) {
        await sleep(100);
        const { res } = await rawRequest(srv.port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        ok = res.status === 200;
      }
      assert.ok(ok, "server did not accept connections again after slots freed");
    } finally {
      for (const c of held) c.destroy();
      await srv.stop();
    }
  });
});

suite("graceful shutdown", () => {
  test("SIGTERM lets an in-flight request finish, exits 0, then refuses connections", T, async () => {
    const srv = await startServer({ args: ["--request-timeout", "8000", "--shutdown-grace", "8000"] });
    const c = await RawClient.connect(srv.port);
    try {
      const body = "grant_type=client_credentials&client_id=nobody&x=";
      const padded = body + "z".repeat(50 - body.length);
      assert.equal(padded.length, 50);
      await c.write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\n");
      await sleep(300);
      const stopped = srv.stop("SIGTERM");
      await sleep(500);
      assert.equal(srv.exitInfo(), null, "server exited while a request was in flight");
      await c.write(padded);
      const res = await c.readResponse(8000);
      assert.ok(res.status >= 200 && res.status < 600, `got status ${res.status}`);
      assert.ok(res.headers.get("content-type"), "response should be complete with headers");
      const info = await stopped;
      assert.equal(info.code, 0, `exit code ${info.code} signal ${info.signal}; stderr: ${srv.output().stderr}`);
      assert.equal(await tryConnect(srv.port), "ECONNREFUSED");
    } finally {
      c.destroy();
    }
  });

  test("SIGINT → graceful exit 0", T, async () => {
    const srv = await startServer();
    assert.equal((await request(srv.url, "/health")).status, 200);
    const info = await srv.stop("SIGINT");
    assert.equal(info.code, 0, `exit code ${info.code} signal ${info.signal}`);
    assert.equal(await tryConnect(srv.port), "ECONNREFUSED");
  });

  test("the access log cannot be forged: a percent-encoded newline in the path stays on its line", T, async () => {
    const srv = await startServer();
    const forged = "2026-01-01T00:00:00.000 info req=forged 127.0.0.1 GET /admin 200";
    const res = await request(srv.url, `/api/v1/nothing%0A${encodeURIComponent(forged)}%0D%1B`);
    assert.ok(res.status >= 400 && res.status < 500, describe(res));
    const info = await srv.stop("SIGTERM");
    assert.equal(info.code, 0);
    const lines = srv.output().stderr.split("\n");
    assert.ok(!lines.some((l) => l.startsWith(forged)), `a forged line reached the log: ${srv.output().stderr}`);
    const logged = lines.find((l) => l.includes("/api/v1/nothing"));
    assert.ok(logged, `the request is logged: ${srv.output().stderr}`);
    assert.ok(logged.includes(`/api/v1/nothing\\n${forged}\\r\\x1b`), logged);
  });

  test("SIGTERM with an idle server exits promptly with 0", T, async () => {
    const srv = await startServer();
    const t0 = Date.now();
    const info = await srv.stop("SIGTERM");
    assert.equal(info.code, 0, `exit code ${info.code} signal ${info.signal}; stderr: ${srv.output().stderr}`);
    assert.ok(Date.now() - t0 < 5000, "idle shutdown took too long");
  });

  test("--shutdown-grace bounds the wait for a stuck request", T, async () => {
    const srv = await startServer({ args: ["--request-timeout", "60000", "--shutdown-grace", "500"] });
    const c = await RawClient.connect(srv.port);
    try {
      await c.write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\n");
      await sleep(300);
      const t0 = Date.now();
      await srv.stop("SIGTERM", 10000);
      const elapsed = Date.now() - t0;
      assert.ok(elapsed < 5000, `server waited ${elapsed} ms despite --shutdown-grace 500`);
    } finally {
      c.destroy();
    }
  });
});

suite("settings", () => {
  const probe = async (srv, size) => (await postSized(srv.url, size)).status;

  test("config file sets max-body", T, async () => {
    const dir = await makeDataDir();
    const cfg = path.join(dir, "atrium.conf");
    await fsp.writeFile(cfg, "# comment\nmax-body = 4096\n");
    const srv = await startServer({ args: ["--config", cfg] });
    try {
      assert.equal(await probe(srv, 5000), 413, "file max-body 4096 should reject 5000 bytes");
      assert.notEqual(await probe(srv, 3000), 413, "file max-body 4096 should accept 3000 bytes");
    } finally {
      await srv.stop();
    }
  });

  test("env overrides the config file", T, async () => {
    const dir = await makeDataDir();
    const cfg = path.join(dir, "atrium.conf");
    await fsp.writeFile(cfg, "max-body = 4096\n");
    const srv = await startServer({ args: ["--config", cfg], env: { ATRIUM_MAX_BODY: "8192" } });
    try {
      assert.notEqual(await probe(srv, 5000), 413, "env 8192 should win over file 4096");
      assert.equal(await probe(srv, 9000), 413, "env max-body 8192 should reject 9000 bytes");
    } finally {
      await srv.stop();
    }
  });

  test("flag overrides env and the config file", T, async () => {
    const dir = await makeDataDir();
    const cfg = path.join(dir, "atrium.conf");
    await fsp.writeFile(cfg, "max-body = 4096\n");
    const srv = await startServer({ args: ["--config", cfg, "--max-body", "2048"], env: { ATRIUM_MAX_BODY: "8192" } });
    try {
      assert.equal(await probe(srv, 3000), 413, "flag 2048 should win over env 8192 and file 4096");
      assert.notEqual(await probe(srv, 1500), 413);
    } finally {
      await srv.stop();
    }
  });

  test("env sets a boolean setting (ATRIUM_PASSWORD_GRANT=false)", T, async () => {
    const srv = await startServer({ env: { ATRIUM_PASSWORD_GRANT: "false" } });
    try {
      const app = await request(srv.url, "/api/v1/apps", { method: "POST", json: { client_name: "x", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" } });
      assert.equal(app.status, 200, describe(app));
      const res = await request(srv.url, "/oauth/token", {
        method: "POST",
        form: { grant_type: "password", client_id: app.json.client_id, client_secret: app.json.client_secret, username: "x", password: "y" },
      });
      assertJsonError(res, 400, "unsupported_grant_type");
    } finally {
      await srv.stop();
    }
  });

  const L = ["--listen", "127.0.0.1:0"];
  for (const [label, args, env] of [
    ["--max-body below the 1024 minimum", [...L, "--max-body", "100"], {}],
    ["--max-header below the 1024 minimum", [...L, "--max-header", "10"], {}],
    ["non-numeric --max-body", [...L, "--max-body", "lots"], {}],
    ["non-numeric ATRIUM_MAX_BODY", [...L], { ATRIUM_MAX_BODY: "lots" }],
    ["bad --password-grant value", [...L, "--password-grant", "maybe"], {}],
    ["bad --listen address", ["--listen", "not-an-address"], {}],
  ]) {
    test(`serve refuses to start with ${label}`, T, async () => {
      const dataDir = await makeDataDir();
      const r = await runCli(["serve", ...args], { dataDir, env, timeoutMs: 5000 }).catch((e) => ({ code: "timeout", error: e }));
      assert.notEqual(r.code, 0, `serve should exit non-zero; stdout: ${r.stdout}`);
      assert.notEqual(r.code, "timeout", "serve started (kept running) despite an invalid setting");
      assert.ok((r.stderr || "").trim().length > 0, "a message should be printed on stderr");
    });
  }

  test("missing config file → refuses to start", T, async () => {
    const dataDir = await makeDataDir();
    const r = await runCli(["serve", "--listen", "127.0.0.1:0", "--config", path.join(dataDir, "nope.conf")], { dataDir, timeoutMs: 5000 }).catch(() => ({ code: "timeout" }));
    assert.notEqual(r.code, 0);
    assert.notEqual(r.code, "timeout", "serve kept running with a missing config file");
  });
});
