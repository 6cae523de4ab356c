// A live stream signed in with the session cookie must come from a page of
// this site: the browser sends the cookie to any page's WebSocket, so a
// foreign Origin is refused (bearer tokens are not affected).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import WebSocket from "ws";
import { socialServer, request, T } from "./lib/social-helpers.mjs";
import { findSetCookie } from "./lib/http.mjs";

let ctx, cookie;
before(async () => {
  ctx = await socialServer(["amira"]);
  const res = await request(ctx.url, "/auth/sign_in", { method: "POST", json: { login: "amira", password: ctx.users.amira.password } });
  assert.equal(res.status, 200);
  const c = findSetCookie(res.setCookies, "atrium_session");
  assert.ok(c, "a session cookie");
  cookie = `atrium_session=${c.value}`;
});

function open(origin) {
  const u = new URL("/api/v1/streaming?stream=user", ctx.url.replace(/^http/, "ws"));
  const headers = { cookie };
  if (origin) headers.origin = origin;
  const ws = new WebSocket(u, [], { headers });
  return new Promise((resolve) => {
    ws.once("open", () => {
      ws.terminate();
      resolve(101);
    });
    ws.once("unexpected-response", (req, res) => resolve(res.statusCode));
    ws.once("error", () => resolve(0));
  });
}

test("same origin (and no Origin, as non-browser clients) is accepted", T, async () => {
  const host = new URL(ctx.url).host;
  assert.equal(await open(`http://${host}`), 101);
  assert.equal(await open(undefined), 101);
});

test("another site's page is refused", T, async () => {
  assert.equal(await open("https://evil.example"), 403);
  assert.equal(await open("http://127.0.0.1:1"), 403);
});
