// Bounds on live streams: a member may have `max-streams-per-member` streams
// open at once (WebSocket and SSE together; one more gets 429), and one
// WebSocket `max-stream-subscriptions` subscriptions (one more gets
// Mastodon's error message with status 429 and is not added). Closing a
// stream frees its place.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import WebSocket from "ws";
import { socialServer, post, openWs, openSse, sleep, T } from "./lib/social-helpers.mjs";

const closers = [];
after(() => closers.forEach((c) => c()));

/**
 * Tries a WebSocket upgrade to /api/v1/streaming as `user`. Resolves to
 * {status: 101, ws} when accepted, or {status, json} with the refusal.
 */
function tryWs(ctx, user) {
  const u = new URL("/api/v1/streaming?stream=user", ctx.url.replace(/^http/, "ws"));
  u.searchParams.set("access_token", user.token);
  const ws = new WebSocket(u);
  return new Promise((resolve, reject) => {
    ws.once("open", () => {
      closers.push(() => ws.terminate());
      resolve({ status: 101, ws });
    });
    ws.once("unexpected-response", (req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        let json;
        try {
          json = JSON.parse(body);
        } catch {}
        resolve({ status: res.statusCode, json, headers: res.headers });
      });
    });
    ws.once("error", reject);
  });
}

/** GET an SSE stream as `user`: {status, json} if refused, else {status: 200, close}. */
function trySse(ctx, user) {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL("/api/v1/streaming/user", ctx.url), { headers: { authorization: `Bearer ${user.token}` } }, (res) => {
      if (res.statusCode === 200) {
        const close = () => req.destroy();
        closers.push(close);
        res.on("error", () => {});
        return resolve({ status: 200, close, ended: new Promise((r) => res.on("close", r)) });
      }
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, json: JSON.parse(body) }));
    });
    req.on("error", (e) => {
      if (e.code !== "ECONNRESET") reject(e);
    });
  });
}

function assertRefused(r, what) {
  assert.equal(r.status, 429, `${what}: ${JSON.stringify(r.json)}`);
  assert.equal(typeof r.json?.error, "string", `${what}: a JSON error`);
}

/** Opens streams until one is accepted (a closed stream's place is freed once the server sees it go). */
async function eventuallyOpens(open, what) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const r = await open();
    if (r.status !== 429) return r;
    if (Date.now() > deadline) assert.fail(`${what}: still refused after a stream closed`);
    await sleep(20);
  }
}

suite("streams per member (max-streams-per-member 3)", () => {
  let ctx, U;
  before(async () => {
    ctx = await socialServer(["amy", "ben"], { args: ["--max-streams-per-member", "3", "--max-stream-subscriptions", "4"] });
    U = ctx.users;
  });

  test("WebSocket and SSE count together; one more is refused with 429; others are not affected", T, async () => {
    const a = await tryWs(ctx, U.amy);
    const b = await tryWs(ctx, U.amy);
    const c = await trySse(ctx, U.amy);
    assert.deepEqual([a.status, b.status, c.status], [101, 101, 200]);
    assertRefused(await tryWs(ctx, U.amy), "a fourth stream over WebSocket");
    assertRefused(await trySse(ctx, U.amy), "a fourth stream over SSE");
    const other = await tryWs(ctx, U.ben);
    assert.equal(other.status, 101, "another member's streams are counted apart");

    // Closing one frees its place, and only one.
    a.ws.close();
    const again = await eventuallyOpens(() => tryWs(ctx, U.amy), "after closing a WebSocket");
    assert.equal(again.status, 101);
    assertRefused(await tryWs(ctx, U.amy), "the place was taken again");
    c.close();
    const sse = await eventuallyOpens(() => trySse(ctx, U.amy), "after closing the SSE stream");
    assert.equal(sse.status, 200);
    assertRefused(await trySse(ctx, U.amy), "the place was taken again");

    for (const s of [b.ws, again.ws, other.ws]) s.terminate();
    sse.close();
  });

  test("subscriptions per WebSocket: one more gets an error message and is not added", T, async () => {
    const ws = await openWs(ctx.url, { token: U.amy.token, query: { stream: "user" } });
    closers.push(ws.close);
    for (const tag of ["lim_a", "lim_b", "lim_c"]) ws.subscribe("hashtag", { tag });
    ws.subscribe("hashtag", { tag: "lim_a" }); // again: not one more
    ws.subscribe("hashtag", { tag: "lim_d" });
    const refusal = await ws.waitFor((e) => e.error !== undefined, 5000, "the error message");
    assert.equal(refusal.status, 429);
    assert.match(refusal.error, /at most 4 subscriptions/);
    assert.equal(ws.events.filter((e) => e.error !== undefined).length, 1, "subscribing again to #lim_a is no error");

    // #lim_d was not added: its post does not come, the later #lim_a one does.
    const d = await post(U.ben, "#lim_d not subscribed");
    const a = await post(U.ben, "#lim_a subscribed");
    await ws.waitFor((e) => e.event === "update" && e.payload.id === a.id, 5000, "the #lim_a post");
    assert.ok(!ws.events.some((e) => e.payload?.id === d.id), "the #lim_d post arrived");

    // Unsubscribing frees a place.
    ws.send({ type: "unsubscribe", stream: "hashtag", tag: "lim_b" });
    ws.subscribe("hashtag", { tag: "lim_d" });
    const d2 = await post(U.ben, "#lim_d now subscribed");
    await ws.waitFor((e) => e.event === "update" && e.payload.id === d2.id, 5000, "the #lim_d post");
    assert.equal(ws.events.filter((e) => e.error !== undefined).length, 1, "no second error");
  });
});

suite("the default bound", () => {
  test("32 streams per member, the 33rd refused", T, async () => {
    const ctx = await socialServer(["cleo"]);
    const open = [];
    for (let i = 0; i < 32; i++) {
      const r = i % 2 ? await trySse(ctx, ctx.users.cleo) : await tryWs(ctx, ctx.users.cleo);
      assert.ok(r.status === 101 || r.status === 200, `stream ${i + 1}: ${r.status}`);
      open.push(r);
    }
    assertRefused(await tryWs(ctx, ctx.users.cleo), "the 33rd stream");
    for (const r of open) (r.ws ? r.ws.terminate() : r.close());
  });
});
