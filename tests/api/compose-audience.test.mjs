// The composer's audience line: GET /api/v1/atrium/compose/audience says how
// many members will be able to see a post and who they are in words. Each
// count is checked against a brute-force count: the post is written, and
// every member asks for it through the API (the visibility policy answers).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, ok, err, post, follow, T } from "./lib/social-helpers.mjs";

let ctx, U, everyone;

before(async () => {
  ctx = await socialServer(["author", "fan", "fan2", "outsider", "mentioned", "blocked", "blocker", "gone", "boss"], { admins: ["boss"] });
  U = ctx.users;
  everyone = [...Object.values(U), ctx.settleUser];
  for (const who of ["fan", "fan2", "gone", "blocked"]) await follow(U[who], U.author);
  ok(await U.author.req(`/api/v1/accounts/${U.blocked.id}/block`, { method: "POST" }));
  ok(await U.blocker.req(`/api/v1/accounts/${U.author.id}/block`, { method: "POST" }));
  // communities of every type; author, fan and gone are members of each
  for (const type of ["public", "moderated", "restricted"]) {
    const c = ok(await U.boss.req("/api/v1/atrium/communities", { method: "POST", json: { handle: `aud_${type}`, name: `Audience ${type}`, type } }));
    for (const who of ["author", "fan", "gone"]) {
      if (type !== "public") ok(await U.boss.req(`/api/v1/atrium/communities/${c.id}/invitations`, { method: "POST", json: { account_id: U[who].id } }));
      ok(await U[who].req(`/api/v1/atrium/communities/${c.id}/join`, { method: "POST" }));
    }
    ctx[type] = c;
  }
  // a deactivated follower and member: no longer part of any audience
  await U.boss.client.v1.admin.accounts.$select(U.gone.id).action.create({ type: "disable" });
});

/** How many members other than `writer` can read post `id` (brute force). */
async function seers(writer, id) {
  let n = 0;
  for (const u of everyone) {
    if (u === writer || u === U.gone) continue;
    const r = await u.req(`/api/v1/statuses/${id}`);
    assert.ok(r.status === 200 || r.status === 404, `${u.name} reading ${id}: ${r.status}`);
    if (r.status === 200) n++;
  }
  return n;
}

function audienceQuery(q) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (Array.isArray(v)) for (const x of v) p.append(`${k}[]`, x);
    else p.set(k, v);
  }
  return `/api/v1/atrium/compose/audience?${p}`;
}

// `fields`: what the structured answer (kind and the values beside it) must hold.
async function check(writer, q, text, extra, words, fields = {}) {
  const a = ok(await writer.req(audienceQuery(q)));
  assert.deepEqual(Object.keys(a).sort(), ["community_name", "count", "description", "followers", "kind", "mentioned", "organization", "writer_is_member"]);
  for (const [k, v] of Object.entries(fields)) assert.deepEqual(a[k], v, `${JSON.stringify(q)}: ${k}`);
  const s = await post(writer, text, extra);
  const truth = await seers(writer, s.id);
  assert.equal(a.count, truth, `${JSON.stringify(q)}: the audience says ${a.count} (${a.description}), ${truth} can read it`);
  assert.match(a.description, words);
  return { a, s };
}

test("every visibility and community type: the count equals who can read the post", T, async () => {
  // 11 members (9, the settler, less the writer, the deactivated and the two on either side of a block)
  const org = await check(U.author, { visibility: "public" }, "for all", { visibility: "public" }, /^everyone in .+ \(6 people\)$/, { kind: "organization", community_name: "", followers: 0 });
  assert.equal(org.a.count, 6);
  await check(U.author, { visibility: "unlisted" }, "unlisted", { visibility: "unlisted" }, /^everyone in .+ \(6 people\)$/);
  await check(U.author, {}, "no visibility given", {}, /^everyone in/);
  const priv = await check(U.author, { visibility: "private" }, "followers only", { visibility: "private" }, /^your 2 followers$/, { kind: "followers", followers: 2, mentioned: 0, organization: "" });
  assert.equal(priv.a.count, 2, "fan and fan2: not the deactivated follower, not the blocked one");
  await check(U.author, { visibility: "private", mentions: ["mentioned", "@fan"] }, "@mentioned @fan followers and one more", { visibility: "private" }, /^your 2 followers and 1 person mentioned$/, { kind: "followers", followers: 2, mentioned: 1 });
  await check(U.author, { visibility: "direct", mentions: ["mentioned", "outsider", "blocked"] }, "@mentioned @outsider @blocked just us", { visibility: "direct" }, /^only the 2 people mentioned$/, { kind: "mentioned", count: 2 });
  await check(U.author, { visibility: "direct", mentions: ["nobody_here"] }, "a note to self", { visibility: "direct" }, /^only you$/, { kind: "mentioned", count: 0 });
  await check(U.author, { community_id: ctx.public.id }, "public community", { community_id: ctx.public.id }, /^everyone in .+ \(6 people\), in Audience public$/, { kind: "organization_community", community_name: "Audience public" });
  await check(U.author, { community_id: ctx.moderated.id }, "moderated community", { community_id: ctx.moderated.id }, /^everyone in .+ \(6 people\), in Audience moderated$/);
  const r = await check(U.author, { community_id: ctx.restricted.id }, "restricted community", { community_id: ctx.restricted.id }, /^the \d+ other members? of Audience restricted \(restricted\)$/, { kind: "restricted_community", community_name: "Audience restricted", writer_is_member: true });
  // a reply shows the thread's audience: the restricted community's
  await check(U.fan, { in_reply_to_id: r.s.id }, "a reply in the restricted thread", { in_reply_to_id: r.s.id }, /^the \d+ other members? of Audience restricted \(restricted\)$/);
  // a reply to a followers-only post stays followers-only when no visibility is given
  await check(U.author, { in_reply_to_id: priv.s.id }, "replying to myself", { in_reply_to_id: priv.s.id }, /^your 2 followers$/);
});

test("bad input is refused with a clear error", T, async () => {
  err(await U.author.req(audienceQuery({ visibility: "everyone" })), 422);
  err(await U.author.req(audienceQuery({ community_id: "abc" })), 422);
  err(await U.author.req(audienceQuery({ colour: "red" })), 422);
  err(await U.author.req(audienceQuery({ visibility: "direct", community_id: ctx.public.id })), 422);
  err(await U.outsider.req(audienceQuery({ community_id: ctx.moderated.id })), 403);
  err(await U.author.req(audienceQuery({ community_id: "999999999" })), 404);
  const secret = await post(U.author, "only for the restricted", { community_id: ctx.restricted.id });
  err(await U.outsider.req(audienceQuery({ in_reply_to_id: secret.id })), 422);
  const tooMany = Array.from({ length: 51 }, (_, i) => `p${i}`);
  err(await U.author.req(audienceQuery({ visibility: "direct", mentions: tooMany })), 422);
  assert.equal((await ctx.settleUser.req(audienceQuery({}), { token: "" })).status, 401);
});
