// Streaming: WebSocket (masto's streaming client and a raw `ws` socket) and
// server-sent events. Event order for one post (update → status.update →
// delete), notifications, hashtag and public streams, blocks, and a
// deactivated member's stream closing.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  socialServer, post, ok, err, follow, openWs, openSse, mastoStream, collect, sleep, request, T, describe,
} from "./lib/social-helpers.mjs";

let ctx, U;
const closers = [];
before(async () => {
  ctx = await socialServer(["alice", "bob", "carol", "dave", "erin", "frank", "root"], { admins: ["root"] });
  U = ctx.users;
  await follow(U.bob, U.alice);
});
after(() => {
  for (const c of closers) {
    try {
      c();
    } catch {}
  }
});

const idOf = (ev) => (typeof ev.payload === "object" && ev.payload ? ev.payload.id : ev.payload);

/** A WebSocket with these options is refused at the upgrade or closed at once. */
async function assertRefused(opts, what) {
  let conn;
  try {
    conn = await openWs(ctx.url, opts);
  } catch (e) {
    assert.match(String(e.message), /401|403/, `${what}: refused, but how? ${e.message}`);
    return;
  }
  closers.push(conn.close);
  const closed = await Promise.race([conn.closed, sleep(2000).then(() => null)]);
  assert.ok(closed, `${what}: the WebSocket was accepted and stayed open`);
}

/**
 * Waits until a stream is live: posts a probe (again every 700 ms — masto's
 * client connects after a back-off delay) until one arrives.
 */
async function probe(log, author, text, what) {
  const deadline = Date.now() + 8000;
  for (;;) {
    const p = await post(author, `${text} ${Math.random()}`);
    try {
      await log.waitFor((e) => e.event === "update" && idOf(e) === p.id, 700, what);
      return p;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
  }
}
const probeUser = (log, user) => probe(log, user, "probe", `probe on ${user.name}'s user stream`);
const probeTag = (log, tag) => probe(log, U.frank, `probe #${tag}`, `probe on #${tag}`);

suite("one post's life over WebSocket (masto client)", () => {
  test("update, then status.update after an edit, then delete — in order", T, async () => {
    const client = mastoStream(ctx.url, U.bob.token);
    closers.push(() => client.close());
    const log = collect(client.user.subscribe());
    await probeUser(log, U.bob);

    const s = await post(U.alice, "streamed post");
    ok(await U.alice.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "streamed post, edited" } }));
    // delivery is asynchronous: a post deleted before its fan-out may never be announced,
    // so the delete waits for the edit's event; the order is what is checked
    await log.waitFor((e) => e.event === "status.update" && idOf(e) === s.id, 5000, "status.update");
    ok(await U.alice.req(`/api/v1/statuses/${s.id}`, { method: "DELETE" }));

    await log.waitFor((e) => e.event === "delete" && idOf(e) === s.id, 5000, "delete");
    const mine = log.events.filter((e) => idOf(e) === s.id);
    assert.deepEqual(mine.map((e) => e.event), ["update", "status.update", "delete"]);
    assert.ok(mine[0].stream.includes("user"), `stream: ${JSON.stringify(mine[0].stream)}`);
    // rendered when delivered: the first version, or already the edited one
    assert.ok(["<p>streamed post</p>", "<p>streamed post, edited</p>"].includes(mine[0].payload.content), mine[0].payload.content);
    assert.equal(mine[0].payload.account.id, U.alice.id);
    assert.equal(mine[1].payload.content, "<p>streamed post, edited</p>");
    assert.ok(mine[1].payload.editedAt ?? mine[1].payload.edited_at, "status.update carries edited_at");
    assert.equal(typeof mine[2].payload, "string", "delete payload is the bare id");
    client.close();
  });

  test("a direct post not addressed to the follower never reaches their stream", T, async () => {
    const client = mastoStream(ctx.url, U.bob.token);
    closers.push(() => client.close());
    const log = collect(client.user.subscribe());
    await probeUser(log, U.bob);
    const dm = await post(U.alice, "@carol only for carol", { visibility: "direct" });
    const sentinel = await post(U.alice, "sentinel after the dm");
    await log.waitFor((e) => e.event === "update" && idOf(e) === sentinel.id, 5000, "sentinel");
    await sleep(100);
    assert.ok(!log.events.some((e) => idOf(e) === dm.id), "the direct post leaked to a non-mentioned follower");
    client.close();
  });
});

suite("one post's life over SSE", () => {
  test("GET /api/v1/streaming/user: update, status.update, delete in order", T, async () => {
    const sse = await openSse(ctx.url, "/api/v1/streaming/user", { token: U.bob.token });
    closers.push(sse.close);
    assert.equal(sse.status, 200);
    assert.match(sse.headers["content-type"] || "", /^text\/event-stream/);
    await probeUser(sse.log, U.bob);

    const s = await post(U.alice, "sse post");
    await sse.log.waitFor((e) => e.event === "update" && idOf(e) === s.id, 5000, "update over SSE");
    ok(await U.alice.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "sse post v2" } }));
    await sse.log.waitFor((e) => e.event === "status.update" && idOf(e) === s.id, 5000, "status.update over SSE");
    ok(await U.alice.req(`/api/v1/statuses/${s.id}`, { method: "DELETE" }));
    await sse.log.waitFor((e) => e.event === "delete" && idOf(e) === s.id, 5000, "delete over SSE");
    const mine = sse.log.events.filter((e) => idOf(e) === s.id);
    assert.deepEqual(mine.map((e) => e.event), ["update", "status.update", "delete"]);
    assert.equal(mine[0].payload.content, "<p>sse post</p>");
    assert.equal(mine[1].payload.content, "<p>sse post v2</p>");
    assert.equal(mine[2].payload, s.id);
    sse.close();
  });

  test("SSE without a valid token → 401", T, async () => {
    const sse = await openSse(ctx.url, "/api/v1/streaming/user", { token: "not-a-token" });
    closers.push(sse.close);
    assert.equal(sse.status, 401);
    sse.close();
  });

  test("SSE hashtag and public streams", T, async () => {
    const tag = await openSse(ctx.url, "/api/v1/streaming/hashtag", { token: U.carol.token, query: { tag: "ssetag" } });
    const pub = await openSse(ctx.url, "/api/v1/streaming/public", { token: U.carol.token });
    closers.push(tag.close, pub.close);
    assert.equal(tag.status, 200);
    assert.equal(pub.status, 200);
    await probeTag(tag.log, "ssetag");
    const p = await post(U.erin, "hello #ssetag");
    await tag.log.waitFor((e) => e.event === "update" && idOf(e) === p.id, 5000, "hashtag SSE");
    await pub.log.waitFor((e) => e.event === "update" && idOf(e) === p.id, 5000, "public SSE");
    tag.close();
    pub.close();
  });
});

suite("notifications and hashtags over WebSocket", () => {
  test("a favourite arrives as a notification event", T, async () => {
    const client = mastoStream(ctx.url, U.alice.token);
    closers.push(() => client.close());
    const log = collect(client.user.notification.subscribe());
    // both subscriptions share one socket: once the user stream is live, so is user:notification
    await probeUser(collect(client.user.subscribe()), U.alice);
    const s = await post(U.alice, "fav me, streamed");
    ok(await U.carol.req(`/api/v1/statuses/${s.id}/favourite`, { method: "POST" }));
    const ev = await log.waitFor((e) => e.event === "notification", 5000, "notification");
    assert.equal(ev.payload.type, "favourite");
    assert.equal(ev.payload.account.id, U.carol.id);
    assert.equal(ev.payload.status.id, s.id);
    assert.ok(ev.stream.includes("user:notification") || ev.stream.includes("user"), JSON.stringify(ev.stream));
    const n = ok(await U.alice.req("/api/v1/notifications?types[]=favourite"));
    assert.equal(n[0].id, ev.payload.id, "the streamed notification is the stored one");
    client.close();
  });

  test("hashtag stream: public posts with the tag (any case) arrive; others don't", T, async () => {
    const client = mastoStream(ctx.url, U.carol.token);
    closers.push(() => client.close());
    const log = collect(client.hashtag.subscribe({ tag: "wstag" }));
    await probeTag(log, "wstag");
    const yes = await post(U.erin, "shouting #WsTag");
    const unlisted = await post(U.erin, "quiet #wstag", { visibility: "unlisted" });
    const other = await post(U.erin, "another #othertag");
    const sentinel = await post(U.erin, "sentinel #wstag");
    await log.waitFor((e) => idOf(e) === sentinel.id, 5000, "sentinel");
    await sleep(100);
    const got = log.events.map(idOf);
    assert.ok(got.includes(yes.id), "tag in another case");
    assert.ok(!got.includes(unlisted.id), "unlisted posts are not on hashtag streams");
    assert.ok(!got.includes(other.id), "another tag");
    client.close();
  });

  test("a blocked author's posts don't arrive (public, hashtag and user streams)", T, async () => {
    const { carol, dave, erin } = U;
    ok(await carol.req(`/api/v1/accounts/${dave.id}/follow`, { method: "POST" }));
    ok(await carol.req(`/api/v1/accounts/${dave.id}/block`, { method: "POST" }));
    const ws = await openWs(ctx.url, { header: carol.token });
    closers.push(ws.close);
    ws.subscribe("public");
    ws.subscribe("hashtag", { tag: "blocktag" });
    ws.subscribe("user");
    await probeTag(ws, "blocktag");
    const blocked = await post(dave, "from the blocked author #blocktag");
    const sentinel = await post(erin, "sentinel #blocktag");
    await ws.waitFor((e) => e.event === "update" && idOf(e) === sentinel.id && e.stream?.[0] === "hashtag", 5000, "hashtag sentinel");
    await ws.waitFor((e) => e.event === "update" && idOf(e) === sentinel.id && e.stream?.[0] === "public", 5000, "public sentinel");
    await sleep(150);
    const leaked = ws.events.filter((e) => idOf(e) === blocked.id);
    assert.deepEqual(leaked.map((e) => e.stream), [], "events about the blocked author's post");
    // the other way round: dave doesn't receive carol's posts either
    const wsD = await openWs(ctx.url, { header: dave.token });
    closers.push(wsD.close);
    wsD.subscribe("hashtag", { tag: "blocktag" });
    await probeTag(wsD, "blocktag");
    const fromCarol = await post(carol, "carol speaks #blocktag");
    const s2 = await post(erin, "sentinel 2 #blocktag");
    await wsD.waitFor((e) => idOf(e) === s2.id, 5000, "sentinel 2");
    await sleep(100);
    assert.ok(!wsD.events.some((e) => idOf(e) === fromCarol.id), "the blocker's post reached the blocked member");
    ws.close();
    wsD.close();
  });

  test("events carry the stream name; unsubscribe stops them", T, async () => {
    const ws = await openWs(ctx.url, { token: U.carol.token });
    closers.push(ws.close);
    ws.subscribe("hashtag", { tag: "unsubtag" });
    const p = await probeTag(ws, "unsubtag");
    const ev = ws.events.find((e) => idOf(e) === p.id);
    assert.deepEqual(ev.stream, ["hashtag", "unsubtag"]);
    ws.send({ type: "unsubscribe", stream: "hashtag", tag: "unsubtag" });
    ws.subscribe("public");
    await sleep(200);
    const after = await post(U.erin, "after unsubscribe #unsubtag");
    await ws.waitFor((e) => idOf(e) === after.id && e.stream?.[0] === "public", 5000, "the public copy");
    await sleep(100);
    assert.ok(!ws.events.some((e) => idOf(e) === after.id && e.stream?.[0] === "hashtag"), "hashtag event after unsubscribe");
    ws.close();
  });

  test("an unknown stream gets an error message", T, async () => {
    const ws = await openWs(ctx.url, { token: U.carol.token });
    closers.push(ws.close);
    ws.subscribe("nonsense");
    const e = await ws.waitFor((m) => typeof m.error === "string", 3000, "an error message");
    assert.equal(e.status, 400);
    ws.close();
  });
});

suite("WebSocket authentication", () => {
  test("access_token query parameter", T, async () => {
    const ws = await openWs(ctx.url, { token: U.erin.token });
    closers.push(ws.close);
    ws.subscribe("user");
    await probeUser(ws, U.erin);
    ws.close();
  });

  test("Authorization header", T, async () => {
    const ws = await openWs(ctx.url, { header: U.erin.token });
    closers.push(ws.close);
    ws.subscribe("user");
    await probeUser(ws, U.erin);
    ws.close();
  });

  test("Sec-WebSocket-Protocol is accepted and echoed", T, async () => {
    const ws = await openWs(ctx.url, { protocol: U.erin.token });
    closers.push(ws.close);
    assert.equal(ws.ws.protocol, U.erin.token);
    ws.subscribe("user");
    await probeUser(ws, U.erin);
    ws.close();
  });

  test("stream=user in the query subscribes at once", T, async () => {
    const ws = await openWs(ctx.url, { token: U.erin.token, query: { stream: "user" } });
    closers.push(ws.close);
    await probeUser(ws, U.erin);
    ws.close();
  });

  test("a bad or missing token is refused", T, async () => {
    await assertRefused({ token: "bogus" }, "bad token");
    await assertRefused({}, "no token");
  });

  test("GET /api/v1/streaming/health → 200 OK", T, async () => {
    const res = await request(ctx.url, "/api/v1/streaming/health");
    assert.equal(res.status, 200);
    assert.equal(res.text.trim(), "OK");
  });
});

suite("deactivation", () => {
  let ws, sse;
  before(async () => {
    const { frank, root } = U;
    ws = await openWs(ctx.url, { token: frank.token });
    closers.push(ws.close);
    ws.subscribe("user");
    await probeUser(ws, frank);
    sse = await openSse(ctx.url, "/api/v1/streaming/user", { token: frank.token });
    closers.push(sse.close);
    assert.equal(sse.status, 200);
    const res = await root.req(`/api/v1/admin/accounts/${frank.id}/action`, { method: "POST", json: { type: "disable" } });
    assert.equal(res.status, 200, describe(res));
  });

  test("the deactivated member's open WebSocket closes", T, async () => {
    const closed = await Promise.race([ws.closed, sleep(5000).then(() => null)]);
    assert.ok(closed, "the WebSocket is still open 5 s after deactivation");
  });

  test("the deactivated member's open SSE stream ends", T, async () => {
    const ended = await Promise.race([sse.ended.then(() => true), sleep(5000).then(() => false)]);
    assert.ok(ended, "the SSE stream is still open 5 s after deactivation");
  });

  test("nothing more is delivered to the deactivated member's open streams", T, async () => {
    const before = ws.events.length + sse.log.events.length;
    const p = await post(U.alice, "@frank are you there?");
    await sleep(500);
    const leaked = [...ws.events, ...sse.log.events].slice(0).filter((e) => idOf(e) === p.id || e.payload?.status?.id === p.id);
    assert.deepEqual(leaked.map((e) => e.event), [], `events delivered after deactivation (had ${before} before)`);
  });

  test("new streams with the deactivated member's token are refused", T, async () => {
    await assertRefused({ token: U.frank.token }, "deactivated member's token");
    const s2 = await openSse(ctx.url, "/api/v1/streaming/user", { token: U.frank.token });
    closers.push(s2.close);
    assert.equal(s2.status, 401);
    err(await U.frank.req("/api/v1/accounts/verify_credentials"), 401);
  });
});
