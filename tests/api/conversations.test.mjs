// Direct conversations: GET /api/v1/conversations, POST …/:id/read and
// …/:id/unread, DELETE …/:id, and the `conversation` event of the direct
// stream — through the masto client where it has the method, raw HTTP for
// bad input. A conversation is one member's entry for the direct posts of
// one thread among the same people, with an unread flag of their own; what
// it shows goes through the visibility policy (blocks either way,
// deactivated members). On PostgreSQL and Redis the events also cross nodes.
//
// Absence on a stream is shown by order: events of one stream go out in the
// order the server's fan-out made them, so once a later probe (the member's
// own direct note) has arrived, an earlier event would have arrived before it.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, usingRedis } from "./lib/server.mjs";
import { passwordToken } from "./lib/oauth.mjs";
import {
  socialServer, makeUser, post, ok, err, parseLink, openWs, openSse, mastoStream, collect, rejectsWith, SCOPES, T,
} from "./lib/social-helpers.mjs";

let ctx, U;
const closers = [];
before(async () => {
  ctx = await socialServer(["ana", "ben", "cat", "dan", "eve", "fay", "gil", "hal", "ivy", "jon", "root"], { admins: ["root"] });
  U = ctx.users;
});
after(() => closers.forEach((c) => c()));

const dm = (user, text, extra = {}) => post(user, text, { visibility: "direct", ...extra });
const list = async (user, query = "") => ok(await user.req(`/api/v1/conversations${query}`));
/** The conversation of `user` whose last post is `statusId`, or undefined. */
const withLast = (convs, statusId) => convs.find((c) => (c.last_status ?? c.lastStatus)?.id === statusId);
const lastId = (c) => (c.last_status ?? c.lastStatus)?.id;
const ids = (accounts) => accounts.map((a) => a.id).sort();

/** A member's direct stream (WebSocket), live once their own direct note has come through it. */
async function directWs(user) {
  const ws = await openWs(ctx.url, { token: user.token, query: { stream: "direct" } });
  closers.push(ws.close);
  await probe(ws, user);
  return ws;
}
/**
 * Waits until a direct stream is live: posts a direct note to oneself (again
 * every 700 ms — masto's client connects after a back-off delay) until its
 * conversation event arrives on `log`.
 */
async function probe(log, user) {
  const deadline = Date.now() + 8000;
  for (;;) {
    const p = await dm(user, `probe ${Math.random()}`);
    try {
      return await log.waitFor((e) => e.event === "conversation" && lastId(e.payload) === p.id, 700, `${user.name}'s probe`);
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
  }
}

suite("a conversation per member", () => {
  test("a direct post makes one for its author (read) and each person mentioned (unread); masto lists them", T, async () => {
    const s = await dm(U.ana, "@ben @cat lunch on Friday?");
    const anas = await U.ana.client.v1.conversations.list({ limit: 40 });
    const mine = anas.find((c) => c.lastStatus?.id === s.id);
    assert.ok(mine, "the author's conversation");
    assert.equal(mine.unread, false);
    assert.deepEqual(ids(mine.accounts), [U.ben.id, U.cat.id].sort(), "the others, not the author");
    assert.equal(mine.lastStatus.visibility, "direct");

    for (const who of [U.ben, U.cat]) {
      const theirs = (await who.client.v1.conversations.list()).find((c) => c.lastStatus?.id === s.id);
      assert.ok(theirs, `${who.name}'s conversation`);
      assert.equal(theirs.unread, true);
      assert.notEqual(theirs.id, mine.id, "each member has an entry of their own");
      assert.deepEqual(ids(theirs.accounts), [U.ana.id, who === U.ben ? U.cat.id : U.ben.id].sort());
    }
    assert.equal(withLast(await list(U.dan), s.id), undefined, "nobody else has it");
  });

  test("a new post of the thread moves it to the top and marks it unread; read and unread", T, async () => {
    const a = await dm(U.ben, "@cat thread A");
    const b = await dm(U.ben, "@cat thread B");
    let cats = await list(U.cat);
    assert.deepEqual([lastId(cats[0]), lastId(cats[1])], [b.id, a.id], "the newest last post first");
    const convA = cats[1].id;
    const convB = cats[0].id;

    const read = await U.cat.client.v1.conversations.$select(convB).read();
    assert.equal(read.unread, false);
    assert.equal(read.id, convB);
    assert.equal(read.lastStatus.id, b.id);
    const reply = await dm(U.cat, "@ben answer in A", { in_reply_to_id: a.id });
    cats = await list(U.cat);
    assert.deepEqual(cats.slice(0, 2).map((c) => [c.id, lastId(c), c.unread]), [
      [convA, reply.id, false], // their own post: read, at the top
      [convB, b.id, false],
    ]);
    const bens = await list(U.ben);
    assert.deepEqual([lastId(bens[0]), bens[0].unread], [reply.id, true], "the reply is unread for ben");

    const again = await U.cat.client.v1.conversations.$select(convB).unread();
    assert.equal(again.unread, true);
    assert.equal((await list(U.cat)).find((c) => c.id === convB).unread, true);
    assert.equal(ok(await U.cat.req(`/api/v1/conversations/${convB}/read`, { method: "POST" })).unread, false);
  });

  test("a reply to other people in the same thread is another conversation", T, async () => {
    const first = await dm(U.dan, "@eve plan");
    const wider = await dm(U.dan, "@eve @fay widening the plan", { in_reply_to_id: first.id });
    const evs = await list(U.eve);
    const narrow = withLast(evs, first.id);
    const wide = withLast(evs, wider.id);
    assert.ok(narrow && wide, "both conversations are listed");
    assert.notEqual(narrow.id, wide.id);
    assert.deepEqual(ids(narrow.accounts), [U.dan.id]);
    assert.deepEqual(ids(wide.accounts), [U.dan.id, U.fay.id].sort());
  });

  test("paged by the last post with Link headers; unknown parameters refused", T, async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await dm(U.gil, `@hal page ${i}`)).id);
    const first = await U.hal.req("/api/v1/conversations?limit=2");
    assert.deepEqual(ok(first).map(lastId), [made[2], made[1]]);
    const link = parseLink(first.headers.get("link"));
    assert.ok(link.next && link.prev, `Link: ${first.headers.get("link")}`);
    const next = ok(await U.hal.req(new URL(link.next).pathname + new URL(link.next).search));
    assert.deepEqual(next.map(lastId), [made[0]]);
    const newer = ok(await U.hal.req(`/api/v1/conversations?min_id=${made[0]}&limit=1`));
    assert.deepEqual(newer.map(lastId), [made[1]], "min_id: the oldest above it");
    const since = ok(await U.hal.req(`/api/v1/conversations?since_id=${made[0]}`));
    assert.deepEqual(since.map(lastId), [made[2], made[1]]);
    const masto = await U.hal.client.v1.conversations.list({ limit: 2, maxId: made[2] });
    assert.deepEqual(masto.map((c) => c.lastStatus.id), [made[1], made[0]]);

    err(await U.hal.req("/api/v1/conversations?order=asc"), 422);
    err(await U.hal.req("/api/v1/conversations?max_id=latest"), 400);
    err(await U.hal.req("/api/v1/conversations?limit=many"), 400);
    err(await U.hal.req(`/api/v1/conversations/${(await list(U.hal))[0].id}/read?now=1`, { method: "POST" }), 422);
    assert.equal((await list(U.hal)).length, 3, "nothing changed");
  });
});

suite("removing, deleting, bad ids", () => {
  test("DELETE removes it from the caller's list only; the next message brings it back", T, async () => {
    const s = await dm(U.ivy, "@jon remove me");
    const jons = withLast(await list(U.jon), s.id);
    await U.jon.client.v1.conversations.$select(jons.id).remove();
    assert.equal(withLast(await list(U.jon), s.id), undefined, "gone from jon's list");
    assert.ok(withLast(await list(U.ivy), s.id), "ivy keeps hers");
    err(await U.jon.req(`/api/v1/conversations/${jons.id}`, { method: "DELETE" }), 404);

    const next = await dm(U.ivy, "@jon still there?", { in_reply_to_id: s.id });
    const back = withLast(await list(U.jon), next.id);
    assert.ok(back, "the thread's next post brings it back");
    assert.equal(back.unread, true);
    assert.deepEqual(ids(back.accounts), [U.ivy.id]);
    const ivys = withLast(await list(U.ivy), next.id);
    assert.ok(ivys, "ivy's conversation moved on too");
  });

  test("someone else's conversation, an unknown one, a bad id: 404, nothing changes", T, async () => {
    const s = await dm(U.ivy, "@jon private matter");
    const jons = withLast(await list(U.jon), s.id);
    for (const [method, suffix] of [["POST", "/read"], ["POST", "/unread"], ["DELETE", ""]]) {
      err(await U.ana.req(`/api/v1/conversations/${jons.id}${suffix}`, { method }), 404);
      err(await U.jon.req(`/api/v1/conversations/999999999${suffix}`, { method }), 404);
      err(await U.jon.req(`/api/v1/conversations/abc${suffix}`, { method }), 404);
    }
    await rejectsWith(U.ana.client.v1.conversations.$select(jons.id).read(), 404, "masto read of another's");
    const still = withLast(await list(U.jon), s.id);
    assert.deepEqual([still.id, still.unread], [jons.id, true]);
    assert.equal((await U.jon.req("/api/v1/conversations", { token: "" })).status, 401);
  });

  test("a deleted post never shows: the one before it does; with none left the conversation goes", T, async () => {
    const first = await dm(U.eve, "@gil first");
    const second = await dm(U.gil, "@eve second", { in_reply_to_id: first.id });
    ok(await U.gil.req(`/api/v1/statuses/${second.id}`, { method: "DELETE" }));
    for (const who of [U.eve, U.gil]) {
      const convs = await list(who);
      assert.equal(withLast(convs, second.id), undefined);
      assert.ok(withLast(convs, first.id), `${who.name} sees the post before it`);
    }
    ok(await U.eve.req(`/api/v1/statuses/${first.id}`, { method: "DELETE" }));
    for (const who of [U.eve, U.gil]) assert.equal(withLast(await list(who), first.id), undefined);
  });
});

suite("the direct stream", () => {
  test("a new direct post sends a `conversation` event (not `update`), then a delete", T, async () => {
    const ws = await directWs(U.cat);
    const sse = await openSse(ctx.url, "/api/v1/streaming/direct", { token: U.cat.token });
    closers.push(sse.close);
    assert.equal(sse.status, 200);
    await probe(sse.log, U.cat);
    const masto = mastoStream(ctx.url, U.cat.token);
    closers.push(() => masto.close());
    const mlog = collect(masto.direct.subscribe());
    await probe(mlog, U.cat);

    const s = await dm(U.dan, "@cat streamed to you");
    for (const [what, log] of [["WebSocket", ws], ["SSE", sse.log], ["masto", mlog]]) {
      const ev = await log.waitFor((e) => e.event === "conversation" && lastId(e.payload) === s.id, 5000, `${what} conversation`);
      assert.equal(ev.payload.unread, true, what);
      assert.deepEqual(ids(ev.payload.accounts), [U.dan.id], what);
      assert.equal(typeof ev.payload.id, "string", what);
      assert.ok(!log.events.some((e) => e.event === "update"), `${what}: no update on the direct stream`);
    }
    const listed = withLast(await list(U.cat), s.id);
    assert.equal(ws.events.find((e) => e.event === "conversation" && lastId(e.payload) === s.id).payload.id, listed.id);

    ok(await U.dan.req(`/api/v1/statuses/${s.id}`, { method: "DELETE" }));
    await ws.waitFor((e) => e.event === "delete" && e.payload === s.id, 5000, "the delete");
    await sse.log.waitFor((e) => e.event === "delete" && e.payload === s.id, 5000, "the delete over SSE");
  });

  test("the author's user stream still gets the post as `update` (its home), as Mastodon's", T, async () => {
    const user = await openWs(ctx.url, { token: U.dan.token, query: { stream: "user" } });
    closers.push(user.close);
    const live = await post(U.dan, `probe ${Math.random()}`);
    await user.waitFor((e) => e.event === "update" && e.payload.id === live.id, 5000, "the probe");
    const note = await dm(U.dan, "@cat seen in my home");
    await user.waitFor((e) => e.event === "update" && e.payload.id === note.id, 5000, "update on the user stream");
    assert.ok(!user.events.some((e) => e.event === "conversation"), "no conversation event on the user stream");
  });
});

suite("visibility", () => {
  test("a participant who blocked: no post across the block, no event, no unread; the list shows what each may see", T, async () => {
    const [a, b] = [U.fay, U.hal];
    const first = await dm(a, "@hal before the block");
    const answer = await dm(b, "@fay my answer", { in_reply_to_id: first.id });
    const lonely = await dm(a, "@hal only from fay");
    const hals = await directWs(b);
    const halsLonely = withLast(await list(b), lonely.id);
    assert.ok(halsLonely, "before the block hal has it");
    ok(await b.req(`/api/v1/accounts/${a.id}/block`, { method: "POST" }));

    const after = await dm(a, "@hal after the block", { in_reply_to_id: first.id });
    await probe(hals, b);
    assert.ok(!hals.events.some((e) => e.event === "conversation" && lastId(e.payload) === after.id), "no event across the block");

    const halsList = await list(b);
    const thread = withLast(halsList, answer.id);
    assert.ok(thread, "hal's conversation shows his own answer, the newest post he may see");
    assert.equal(thread.unread, false, "a blocked person's post marks nothing unread");
    assert.deepEqual(thread.accounts, [], "the blocked person is not listed");
    assert.ok(!halsList.some((c) => [first.id, after.id, lonely.id].includes(lastId(c))), "no post of the blocked person");
    err(await b.req(`/api/v1/conversations/${halsLonely.id}/read`, { method: "POST" }), 404); // nothing in it he may see

    const fays = await list(a);
    const hers = withLast(fays, after.id);
    assert.ok(hers, "fay sees her own post");
    assert.deepEqual(hers.accounts, [], "the one who blocked her is not listed");
    assert.ok(!fays.some((c) => lastId(c) === answer.id), "nor is his post");
  });

  test("a deactivated member loses their conversations and stream; the others keep theirs", T, async () => {
    const s = await dm(U.jon, "@eve before you leave");
    const eves = await directWs(U.eve);
    const deact = await U.root.req(`/api/v1/admin/accounts/${U.eve.id}/action`, { method: "POST", json: { type: "disable" } });
    assert.equal(deact.status, 200, `disable: ${deact.status} ${deact.text}`);
    assert.equal((await U.eve.req("/api/v1/conversations")).status, 401);
    assert.ok(await eves.closed, "the direct stream closed at once");
    const jons = withLast(await list(U.jon), s.id);
    assert.ok(jons, "jon keeps the conversation");
    const eve = jons.accounts.find((a) => a.id === U.eve.id);
    assert.ok(eve, "eve is still a participant");
    assert.equal(eve.suspended, true, "shown as deactivated");
  });
});

suite("cluster mode", () => {
  test("a direct post on one node reaches the direct stream on another", { ...T, skip: !usingRedis && "needs PostgreSQL and Redis" }, async () => {
    const other = await startServer({ dataDir: ctx.srv.dataDir, args: ["--node-id", "7"] });
    const token = await passwordToken(other.url, ctx.app, "gil", U.gil.password, SCOPES);
    const gil = makeUser(other.url, "gil", token);
    const ws = await openWs(other.url, { token, query: { stream: "direct" } });
    closers.push(ws.close);
    const note = await dm(gil, `probe ${Math.random()}`); // posted on the other node itself
    await ws.waitFor((e) => e.event === "conversation" && lastId(e.payload) === note.id, 5000, "the probe");
    const s = await dm(U.ivy, "@gil across nodes"); // on the first node
    const ev = await ws.waitFor((e) => e.event === "conversation" && lastId(e.payload) === s.id, 10000, "the event on the other node");
    assert.equal(ev.payload.unread, true);
    const listed = withLast(ok(await gil.req("/api/v1/conversations")), s.id);
    assert.equal(listed.id, ev.payload.id);
    await other.stop();
  });
});
