// Blog drafts kept on the server (/api/v1/atrium/drafts): a member starts a
// long entry on one device and goes on writing on another. Only the owner
// ever sees a draft; bad input is refused with a 4xx and changes nothing;
// sizes are bounded like a published entry's.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, ok, err, request, T } from "./lib/social-helpers.mjs";
import { passwordToken } from "./lib/oauth.mjs";

const D = "/api/v1/atrium/drafts";
const C = "/api/v1/atrium/communities";
let ctx, U;
before(async () => {
  ctx = await socialServer(["dora", "eli", "fay"]);
  U = ctx.users;
});

test("a draft is kept, listed, read from another sign-in, updated and deleted", T, async () => {
  const created = ok(await U.dora.req(D, { method: "POST", json: { title: "What we learned", body: "## Part one\n\nFirst", tags: ["retro", "q3"] } }));
  assert.match(created.id, /^\d+$/);
  assert.equal(created.title, "What we learned");
  assert.equal(created.body, "## Part one\n\nFirst");
  assert.deepEqual(created.tags, ["retro", "q3"]);
  assert.equal(created.community_id, null);
  assert.ok(Date.parse(created.created_at) > 0 && created.updated_at === created.created_at);

  // Another device: a second token of the same member sees the same draft.
  const other = await passwordToken(ctx.url, ctx.app, "dora", U.dora.password, "read write");
  const listed = ok(await request(ctx.url, D, { token: other }));
  assert.deepEqual(listed, [created]);
  assert.deepEqual(ok(await request(ctx.url, `${D}/${created.id}`, { token: other })), created);

  const second = ok(await U.dora.req(D, { method: "POST", json: { title: "Another idea" } }));
  // The update below is dated after `second` was made.
  while (Date.now() <= Date.parse(second.updated_at)) await new Promise((r) => setImmediate(r));
  const updated = ok(await request(ctx.url, `${D}/${created.id}`, { token: other, method: "PUT", json: { title: "What we learned", body: "## Part one\n\nFirst\n\n## Part two", tags: ["retro"] } }));
  assert.equal(updated.body, "## Part one\n\nFirst\n\n## Part two");
  assert.deepEqual(updated.tags, ["retro"]);
  assert.equal(updated.created_at, created.created_at);
  assert.ok(Date.parse(updated.updated_at) > Date.parse(second.updated_at));
  // The most recently changed first.
  assert.deepEqual(ok(await U.dora.req(D)).map((d) => d.id), [created.id, second.id]);

  ok(await U.dora.req(`${D}/${second.id}`, { method: "DELETE" }));
  err(await U.dora.req(`${D}/${second.id}`), 404);
  err(await U.dora.req(`${D}/${second.id}`, { method: "DELETE" }), 404);
  assert.deepEqual(ok(await U.dora.req(D)).map((d) => d.id), [created.id]);
  ok(await U.dora.req(`${D}/${created.id}`, { method: "DELETE" }));
  assert.deepEqual(ok(await U.dora.req(D)), []);
});

test("only the owner ever sees, changes or deletes a draft", T, async () => {
  const mine = ok(await U.eli.req(D, { method: "POST", json: { title: "Private thoughts", body: "not for fay" } }));
  assert.deepEqual(ok(await U.fay.req(D)), []);
  err(await U.fay.req(`${D}/${mine.id}`), 404);
  err(await U.fay.req(`${D}/${mine.id}`, { method: "PUT", json: { title: "mine now" } }), 404);
  err(await U.fay.req(`${D}/${mine.id}`, { method: "DELETE" }), 404);
  err(await request(ctx.url, D), 401);
  err(await request(ctx.url, `${D}/${mine.id}`), 401);
  err(await request(ctx.url, D, { method: "POST", json: { title: "anonymous" } }), 401);
  assert.deepEqual(ok(await U.eli.req(`${D}/${mine.id}`)), mine, "untouched");
  ok(await U.eli.req(`${D}/${mine.id}`, { method: "DELETE" }));
});

test("bad input is refused with a 4xx and changes nothing", T, async () => {
  const kept = ok(await U.fay.req(D, { method: "POST", json: { title: "Kept", body: "as it is" } }));
  const bad = [
    [{}, 422], // nothing in it
    [{ title: "  ", body: "\n" }, 422],
    [{ title: "t".repeat(201) }, 422],
    [{ title: "ok", body: "b".repeat(100001) }, 422],
    [{ title: "ok", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 422],
    [{ title: "ok", tags: ["two words"] }, 422],
    [{ title: "ok", tags: ["x".repeat(101)] }, 422],
    [{ title: "ok", community_id: "not-an-id" }, 422],
    [{ title: "ok", community_id: "999999" }, 404],
    [{ title: "ok", visibility: "public" }, 422], // a parameter drafts do not take
  ];
  for (const [json, status] of bad) {
    err(await U.fay.req(D, { method: "POST", json }), status);
    err(await U.fay.req(`${D}/${kept.id}`, { method: "PUT", json }), status);
  }
  err(await U.fay.req(`${D}?all=1`), 422);
  err(await U.fay.req(`${D}/abc`), 404);
  err(await U.fay.req(`${D}/999999`, { method: "PUT", json: { title: "ghost" } }), 404);
  assert.deepEqual(ok(await U.fay.req(D)), [kept], "nothing changed");

  // At the bounds: accepted.
  const full = ok(await U.fay.req(`${D}/${kept.id}`, { method: "PUT", json: { title: "t".repeat(200), body: "b".repeat(100000), tags: Array.from({ length: 20 }, (_, i) => `t${i}`) } }));
  assert.equal(full.body.length, 100000);
  assert.equal(full.tags.length, 20);
  ok(await U.fay.req(`${D}/${kept.id}`, { method: "DELETE" }));
});

test("a draft may be for a community the member can read; at most 50 drafts each", T, async () => {
  const open = ok(await U.dora.req(C, { method: "POST", json: { handle: "draftersopen", name: "Drafters" } }));
  const closed = ok(await U.dora.req(C, { method: "POST", json: { handle: "draftersclosed", name: "Closed", type: "restricted" } }));
  const d = ok(await U.eli.req(D, { method: "POST", json: { title: "For the community", community_id: open.id } }));
  assert.equal(d.community_id, open.id);
  err(await U.eli.req(D, { method: "POST", json: { title: "Not a member", community_id: closed.id } }), [403, 404]);
  ok(await U.eli.req(`${D}/${d.id}`, { method: "DELETE" }));

  const made = [];
  for (let i = 0; i < 50; i++) made.push(ok(await U.eli.req(D, { method: "POST", json: { title: `draft ${i}` } })).id);
  err(await U.eli.req(D, { method: "POST", json: { title: "one too many" } }), 422);
  assert.equal(ok(await U.eli.req(D)).length, 50);
  ok(await U.eli.req(`${D}/${made[0]}`, { method: "DELETE" }));
  ok(await U.eli.req(D, { method: "POST", json: { title: "room again" } }));
});
