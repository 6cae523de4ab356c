// Live events obey the visibility policy for each recipient, deletes
// included: a `delete` names a post that is gone, and goes only to someone
// who could see it — never to a non-member mentioned in a restricted
// community, nor to someone on the far side of a block from the author.
//
// Absence is shown by order: events of one stream go out in the order the
// server's fan-out made them, so once a later probe (the recipient's own
// post) has arrived, an earlier event would have arrived before it.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, follow, openWs, openSse, T } from "./lib/social-helpers.mjs";

let ctx, U;
const closers = [];
const C = "/api/v1/atrium/communities";

before(async () => {
  ctx = await socialServer(["olivia", "mike", "nora", "alice", "bob", "dave"]);
  U = ctx.users;
});
after(() => closers.forEach((c) => c()));

const idOf = (ev) => (typeof ev.payload === "object" && ev.payload ? ev.payload.id : ev.payload);
const about = (ev, id) => idOf(ev) === id || ev.payload?.status?.id === id;

/** A user stream over WebSocket, live once `user`'s own probe post has come through. */
async function userWs(user) {
  const ws = await openWs(ctx.url, { token: user.token, query: { stream: "user" } });
  closers.push(ws.close);
  await probe(ws, user);
  return ws;
}

/** A user stream over SSE, live once `user`'s own probe post has come through. */
async function userSse(user) {
  const sse = await openSse(ctx.url, "/api/v1/streaming/user", { token: user.token });
  closers.push(sse.close);
  assert.equal(sse.status, 200);
  await probe(sse.log, user);
  return sse.log;
}

/** Posts as `user` and waits for the post on their own stream `log`. */
async function probe(log, user) {
  const p = await post(user, `probe ${Math.random()}`, { visibility: "direct" });
  await log.waitFor((e) => e.event === "update" && idOf(e) === p.id, 5000, `${user.name}'s probe`);
}

suite("a restricted community's reply that mentions a non-member", () => {
  test("the non-member gets no update, notification or delete of it; members get the delete", T, async () => {
    const c = ok(await U.olivia.req(C, { method: "POST", json: { handle: "stream_inner", name: "Inner", type: "restricted" } }));
    ok(await U.olivia.req(`${C}/${c.id}/invitations`, { method: "POST", json: { account_id: U.mike.id } }));
    ok(await U.mike.req(`${C}/${c.id}/join`, { method: "POST" }));
    // nora follows the one who replies, so the reply comes her way too
    await follow(U.nora, U.mike);

    const noraWs = await userWs(U.nora);
    const noraSse = await userSse(U.nora);
    const oliviaWs = await userWs(U.olivia);

    const top = await post(U.olivia, "inner plans", { community_id: c.id });
    const reply = await post(U.mike, "@nora should not know of this", { community_id: c.id, in_reply_to_id: top.id });
    assert.deepEqual(reply.mentions.map((m) => m.id), [U.nora.id], "the reply mentions nora");
    // the author replied to hears of it
    await oliviaWs.waitFor((e) => e.event === "notification" && about(e, reply.id), 5000, "the reply's notification on a member's stream");

    ok(await U.mike.req(`/api/v1/statuses/${reply.id}`, { method: "DELETE" }));
    await oliviaWs.waitFor((e) => e.event === "delete" && idOf(e) === reply.id, 5000, "the delete on a member's stream");

    await probe(noraWs, U.nora);
    await probe(noraSse, U.nora);
    for (const [what, log] of [["WebSocket", noraWs], ["SSE", noraSse]]) {
      const leaked = log.events.filter((e) => about(e, reply.id) || about(e, top.id));
      assert.deepEqual(leaked, [], `nora's ${what} user stream got events of the community's posts`);
    }
  });
});

suite("a followers-only post, then a block", () => {
  test("someone mentioned who has since blocked the author gets no delete; a follower does", T, async () => {
    await follow(U.bob, U.alice);
    const bobWs = await userWs(U.bob);
    const daveWs = await userWs(U.dave);

    const p = await post(U.alice, "@dave for followers and dave", { visibility: "private" });
    await daveWs.waitFor((e) => e.event === "notification" && about(e, p.id), 5000, "the mention on dave's stream");
    ok(await U.dave.req(`/api/v1/accounts/${U.alice.id}/block`, { method: "POST" }));
    assert.equal((await U.dave.req(`/api/v1/statuses/${p.id}`)).status, 404, "dave no longer sees the post");

    ok(await U.alice.req(`/api/v1/statuses/${p.id}`, { method: "DELETE" }));
    await bobWs.waitFor((e) => e.event === "delete" && idOf(e) === p.id, 5000, "the delete on a follower's stream");
    await probe(daveWs, U.dave);
    assert.ok(!daveWs.events.some((e) => e.event === "delete" && idOf(e) === p.id), "dave got the delete");
  });
});
