// Community membership flows and their failure cases: creating and
// changing communities, joining, asking, inviting, approving, leaving,
// roles and ownership, posting rules, moderation (removal, pins, the
// record), deleting, and losing access at once — live streams included.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, settle, openWs, openSse, sleep, eventually, parseLink, T, describe } from "./lib/social-helpers.mjs";

let ctx, U;
const closers = [];
const C = "/api/v1/atrium/communities";

before(async () => {
  ctx = await socialServer(["olivia", "mike", "nora", "pete", "quinn", "ruth"], { admins: ["ruth"] });
  U = ctx.users;
});
after(() => closers.forEach((c) => c()));

async function create(user, fields) {
  return ok(await user.req(C, { method: "POST", json: fields }));
}

suite("creating and changing a community", () => {
  test("create answers the Community with the creator as owner", T, async () => {
    const c = await create(U.olivia, { handle: "analytics", name: "Worldwide Analytics", description: "Numbers **everywhere**", type: "public", tags: ["Data", "#bi"] });
    assert.equal(c.handle, "analytics");
    assert.equal(c.type, "public");
    assert.equal(c.role, "owner");
    assert.equal(c.pending, null);
    assert.equal(c.members_count, 1);
    assert.deepEqual(c.tags, ["data", "bi"]);
    assert.match(c.description_html, /<strong>everywhere<\/strong>/);
    const looked = ok(await U.mike.req(`${C}/lookup?handle=ANALYTICS`));
    assert.equal(looked.id, c.id);
    assert.equal(looked.role, null);
  });

  test("bad input is a clear 4xx and creates nothing", T, async () => {
    const before = ok(await U.olivia.req(`${C}?mine=true&limit=80`)).length;
    err(await U.olivia.req(C, { method: "POST", json: { handle: "bad handle!", name: "x" } }), 422);
    err(await U.olivia.req(C, { method: "POST", json: { handle: "noname" } }), 422);
    err(await U.olivia.req(C, { method: "POST", json: { handle: "typo", name: "T", type: "secret" } }), 422);
    err(await U.olivia.req(C, { method: "POST", json: { handle: "longname", name: "n".repeat(101) } }), 422);
    err(await U.olivia.req(C, { method: "POST", json: { handle: "listedbad", name: "L", listed: "maybe" } }), 422);
    err(await U.mike.req(C, { method: "POST", json: { handle: "Analytics", name: "Again" } }), 422);
    assert.equal(ok(await U.olivia.req(`${C}?mine=true&limit=80`)).length, before);
  });

  test("only owners change settings; the handle stays", T, async () => {
    const c = await create(U.olivia, { handle: "settings_t", name: "Settings", type: "public" });
    ok(await U.mike.req(`${C}/${c.id}/join`, { method: "POST" }));
    err(await U.mike.req(`${C}/${c.id}`, { method: "PATCH", json: { name: "Mine now" } }), 403);
    err(await U.olivia.req(`${C}/${c.id}`, { method: "PATCH", json: { handle: "renamed" } }), 422);
    const changed = ok(await U.olivia.req(`${C}/${c.id}`, { method: "PATCH", json: { name: "Settings, renamed", type: "moderated" } }));
    assert.equal(changed.name, "Settings, renamed");
    assert.equal(changed.type, "moderated");
    // an admin may do what an owner may
    ok(await U.ruth.req(`${C}/${c.id}`, { method: "PATCH", json: { description: "by an admin" } }));
    err(await U.olivia.req(`${C}/999999999999`, { method: "PATCH", json: { name: "x" } }), 404);
  });

  test("the directory: search, type filter, mine", T, async () => {
    await create(U.nora, { handle: "kayaking", name: "Kayak Club", description: "Paddling on Thursdays", type: "public" });
    const found = ok(await U.pete.req(`${C}?q=padd`));
    assert.ok(found.some((c) => c.handle === "kayaking"), JSON.stringify(found.map((c) => c.handle)));
    assert.ok(!ok(await U.pete.req(`${C}?q=zzzz`)).some((c) => c.handle === "kayaking"));
    const moderated = ok(await U.pete.req(`${C}?type=moderated&limit=80`));
    assert.ok(moderated.every((c) => c.type === "moderated"));
    err(await U.pete.req(`${C}?type=secret`), 400);
    const mine = ok(await U.nora.req(`${C}?mine=true`));
    assert.ok(mine.some((c) => c.handle === "kayaking"));
    assert.ok(!ok(await U.pete.req(`${C}?mine=true`)).some((c) => c.handle === "kayaking"));
  });

  test("the directory pages with Link headers", T, async () => {
    for (let i = 0; i < 3; i++) await create(U.quinn, { handle: `page_${i}`, name: `Paging ${i}`, type: "public" });
    const first = await U.quinn.req(`${C}?mine=true&limit=2`);
    const page1 = ok(first);
    assert.equal(page1.length, 2);
    const next = parseLink(first.headers.get("link")).next;
    assert.ok(next, "a next link");
    const page2 = ok(await U.quinn.req(next.replace(ctx.url, "")));
    assert.ok(page2.length >= 1);
    assert.ok(page2.every((c) => !page1.some((p) => p.id === c.id)), "no repeats across pages");
  });
});

suite("joining", () => {
  test("public: join at once, leave, join again", T, async () => {
    const c = await create(U.olivia, { handle: "open_door", name: "Open Door", type: "public" });
    const joined = ok(await U.mike.req(`${C}/${c.id}/join`, { method: "POST" }));
    assert.equal(joined.role, "member");
    assert.equal(joined.members_count, 2);
    const again = ok(await U.mike.req(`${C}/${c.id}/join`, { method: "POST" }));
    assert.equal(again.role, "member", "joining twice is harmless");
    const left = ok(await U.mike.req(`${C}/${c.id}/leave`, { method: "POST" }));
    assert.equal(left.role, null);
    assert.equal(left.members_count, 1);
  });

  test("moderated: a request, approved by a moderator; rejected; not by a plain member", T, async () => {
    const c = await create(U.olivia, { handle: "guarded", name: "Guarded", type: "moderated" });
    const base = `${C}/${c.id}`;
    // nora becomes a moderator
    ok(await U.olivia.req(`${base}/invitations`, { method: "POST", json: { account_id: U.nora.id } }));
    assert.equal(ok(await U.nora.req(base)).pending, "invited");
    ok(await U.nora.req(`${base}/join`, { method: "POST" }));
    ok(await U.olivia.req(`${base}/members/${U.nora.id}`, { method: "PATCH", json: { role: "moderator" } }));
    // mike asks; a moderated community's posts are readable, but he cannot post yet
    const asked = ok(await U.mike.req(`${base}/join`, { method: "POST" }));
    assert.equal(asked.pending, "requested");
    assert.equal(asked.role, null);
    err(await U.mike.req("/api/v1/statuses", { method: "POST", json: { status: "let me in", community_id: c.id } }), 403);
    const requests = ok(await U.nora.req(`${base}/requests`));
    assert.deepEqual(requests.map((a) => a.id), [U.mike.id]);
    err(await U.pete.req(`${base}/requests`), 403);
    // pete asks too; a plain member cannot answer
    ok(await U.pete.req(`${base}/join`, { method: "POST" }));
    ok(await U.nora.req(`${base}/requests/${U.mike.id}/approve`, { method: "POST" }));
    err(await U.mike.req(`${base}/requests/${U.pete.id}/approve`, { method: "POST" }), 403);
    ok(await U.nora.req(`${base}/requests/${U.pete.id}/reject`, { method: "POST" }));
    err(await U.nora.req(`${base}/requests/${U.pete.id}/approve`, { method: "POST" }), 404);
    assert.equal(ok(await U.mike.req(base)).role, "member");
    assert.equal(ok(await U.pete.req(base)).pending, null);
    await post(U.mike, "in at last", { community_id: c.id });
  });

  test("restricted: invitation accepted with join; declined with leave", T, async () => {
    const c = await create(U.olivia, { handle: "inner_circle", name: "Inner Circle", type: "restricted" });
    const base = `${C}/${c.id}`;
    err(await U.mike.req(`${base}/invitations`, { method: "POST", json: { account_id: U.pete.id } }), 403);
    ok(await U.olivia.req(`${base}/invitations`, { method: "POST", json: { account_id: U.mike.id } }));
    ok(await U.olivia.req(`${base}/invitations`, { method: "POST", json: { account_id: U.pete.id } }));
    const invited = ok(await U.olivia.req(`${base}/invitations`));
    assert.deepEqual(invited.map((a) => a.id).sort(), [U.mike.id, U.pete.id].sort());
    err(await U.olivia.req(`${base}/invitations`, { method: "POST", json: { account_id: "nope" } }), 422);
    err(await U.olivia.req(`${base}/invitations`, { method: "POST", json: { account_id: "999999999999" } }), 404);
    assert.equal(ok(await U.mike.req(`${base}/join`, { method: "POST" })).role, "member");
    const declined = ok(await U.pete.req(`${base}/leave`, { method: "POST" }));
    assert.equal(declined.pending, null);
    err(await U.olivia.req(`${base}/invitations`, { method: "POST", json: { account_id: U.mike.id } }), 409);
  });

  test("roles: owners only; the last owner stays; transfer of ownership", T, async () => {
    const c = await create(U.olivia, { handle: "roles_t", name: "Roles", type: "public" });
    const base = `${C}/${c.id}`;
    ok(await U.mike.req(`${base}/join`, { method: "POST" }));
    ok(await U.nora.req(`${base}/join`, { method: "POST" }));
    err(await U.olivia.req(`${base}/leave`, { method: "POST" }), 422);
    err(await U.mike.req(`${base}/members/${U.nora.id}`, { method: "PATCH", json: { role: "moderator" } }), 403);
    err(await U.olivia.req(`${base}/members/${U.nora.id}`, { method: "PATCH", json: { role: "boss" } }), 422);
    err(await U.olivia.req(`${base}/members/${U.pete.id}`, { method: "PATCH", json: { role: "moderator" } }), 404);
    err(await U.olivia.req(`${base}/members/${U.olivia.id}`, { method: "PATCH", json: { role: "member" } }), 422);
    ok(await U.olivia.req(`${base}/members/${U.mike.id}`, { method: "PATCH", json: { role: "owner", transfer: true } }));
    const members = ok(await U.nora.req(`${base}/members`));
    const roleOf = Object.fromEntries(members.map((m) => [m.account.id, m.role]));
    assert.equal(roleOf[U.mike.id], "owner");
    assert.equal(roleOf[U.olivia.id], "moderator");
    assert.equal(roleOf[U.nora.id], "member");
    const owners = ok(await U.nora.req(`${base}/members?role=owner`));
    assert.deepEqual(owners.map((m) => m.account.id), [U.mike.id]);
    ok(await U.olivia.req(`${base}/leave`, { method: "POST" }));
  });
});

suite("posting into communities", () => {
  test("members post; others are refused; comments stay in the community", T, async () => {
    const c = await create(U.olivia, { handle: "posting_t", name: "Posting", type: "public" });
    const other = await create(U.olivia, { handle: "posting_o", name: "Other", type: "public" });
    err(await U.mike.req("/api/v1/statuses", { method: "POST", json: { status: "not a member", community_id: c.id } }), 403);
    err(await U.mike.req("/api/v1/statuses", { method: "POST", json: { status: "x", community_id: "999999999999" } }), 404);
    err(await U.mike.req("/api/v1/statuses", { method: "POST", json: { status: "x", community_id: "abc" } }), 422);
    const p = await post(U.olivia, "hello community", { community_id: c.id });
    assert.equal(p.community.handle, "posting_t");
    err(await U.olivia.req("/api/v1/statuses", { method: "POST", json: { status: "secret", community_id: c.id, visibility: "direct" } }), 422);
    err(await U.olivia.req("/api/v1/statuses", { method: "POST", json: { status: "elsewhere", in_reply_to_id: p.id, community_id: other.id } }), 422);
    // a comment needs membership too
    err(await U.mike.req("/api/v1/statuses", { method: "POST", json: { status: "drive-by", in_reply_to_id: p.id } }), 403);
    ok(await U.mike.req(`${C}/${c.id}/join`, { method: "POST" }));
    const comment = await post(U.mike, "welcome!", { in_reply_to_id: p.id });
    assert.equal(comment.community.id, c.id);
    // the community stream holds posts, not comments
    const stream = ok(await U.nora.req(`/api/v1/atrium/timelines/community/${c.id}`));
    assert.deepEqual(stream.map((s) => s.id), [p.id]);
    // community posts do not count on the profile
    assert.equal(ok(await U.nora.req(`/api/v1/accounts/${U.olivia.id}`)).statuses_count, 0);
  });

  test("an archived community is read-only", T, async () => {
    const c = await create(U.olivia, { handle: "archive_t", name: "Archive", type: "public" });
    const p = await post(U.olivia, "before the archive", { community_id: c.id });
    ok(await U.mike.req(`${C}/${c.id}/join`, { method: "POST" }));
    const archived = ok(await U.olivia.req(`${C}/${c.id}`, { method: "PATCH", json: { archived: true } }));
    assert.equal(archived.archived, true);
    err(await U.olivia.req("/api/v1/statuses", { method: "POST", json: { status: "after", community_id: c.id } }), 422);
    err(await U.mike.req("/api/v1/statuses", { method: "POST", json: { status: "comment", in_reply_to_id: p.id } }), 422);
    err(await U.nora.req(`${C}/${c.id}/join`, { method: "POST" }), 422);
    // Its posts are no longer edited, liked or reposted, and nothing changes.
    err(await U.olivia.req(`/api/v1/statuses/${p.id}`, { method: "PUT", json: { status: "edited after" } }), 422);
    err(await U.mike.req(`/api/v1/statuses/${p.id}/favourite`, { method: "POST" }), 422);
    err(await U.mike.req(`/api/v1/statuses/${p.id}/unfavourite`, { method: "POST" }), 422);
    err(await U.mike.req(`/api/v1/statuses/${p.id}/reblog`, { method: "POST" }), 422);
    const kept = ok(await U.nora.req(`/api/v1/statuses/${p.id}`));
    assert.equal(kept.favourites_count, 0);
    assert.equal(kept.reblogs_count, 0);
    assert.equal(kept.edited_at, null);
    // still readable, and a reader's own bookmark is theirs to keep
    ok(await U.mike.req(`/api/v1/statuses/${p.id}/bookmark`, { method: "POST" }));
    assert.deepEqual(ok(await U.nora.req(`/api/v1/atrium/timelines/community/${c.id}`)).map((s) => s.id), [p.id]);
  });

  test("a community's PATCH is all or nothing: a bad picture leaves the name as it was", T, async () => {
    const c = await create(U.olivia, { handle: "atomic_t", name: "Atomic", type: "public" });
    const patch = (fields, picture) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      if (picture) form.append("avatar", new Blob([picture.bytes], { type: picture.type }), picture.name);
      return fetch(`${ctx.url}${C}/${c.id}`, { method: "PATCH", headers: { Authorization: `Bearer ${U.olivia.token}` }, body: form });
    };
    const bad = await patch({ name: "Renamed" }, { bytes: Buffer.from("not an image"), type: "image/png", name: "x.png" });
    assert.equal(bad.status, 422);
    const after = ok(await U.olivia.req(`${C}/${c.id}`));
    assert.equal(after.name, "Atomic");
    assert.equal(after.avatar, c.avatar);
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6338" + "71e6d27f00082c0366669" + "74ab60000000049454e44ae426082",
      "hex",
    );
    const good = await patch({ name: "Renamed" }, { bytes: png, type: "image/png", name: "a.png" });
    assert.equal(good.status, 200, await good.text());
    const renamed = ok(await U.olivia.req(`${C}/${c.id}`));
    assert.equal(renamed.name, "Renamed");
    assert.notEqual(renamed.avatar, c.avatar);
  });

  test("members' home streams receive community posts", T, async () => {
    const c = await create(U.olivia, { handle: "homefeed_t", name: "Home feed", type: "restricted" });
    ok(await U.olivia.req(`${C}/${c.id}/invitations`, { method: "POST", json: { account_id: U.quinn.id } }));
    ok(await U.quinn.req(`${C}/${c.id}/join`, { method: "POST" }));
    ok(await U.quinn.req("/api/v1/timelines/home")); // warm
    const p = await post(U.olivia, "for members only", { community_id: c.id });
    await settle(ctx);
    const home = ok(await U.quinn.req("/api/v1/timelines/home"));
    assert.ok(home.some((s) => s.id === p.id), "quinn (not following olivia) gets it as a member");
    const outsider = ok(await U.pete.req("/api/v1/timelines/home"));
    assert.ok(!outsider.some((s) => s.id === p.id));
  });
});

suite("moderation", () => {
  test("moderators remove posts and comments, recorded; members cannot", T, async () => {
    const c = await create(U.olivia, { handle: "moderation_t", name: "Moderation", type: "public" });
    const base = `${C}/${c.id}`;
    for (const u of [U.mike, U.nora]) ok(await u.req(`${base}/join`, { method: "POST" }));
    ok(await U.olivia.req(`${base}/members/${U.nora.id}`, { method: "PATCH", json: { role: "moderator" } }));
    const p = await post(U.mike, "off-topic rant", { community_id: c.id });
    const comment = await post(U.mike, "more of it", { in_reply_to_id: p.id });
    const outside = await post(U.mike, "not in the community");
    err(await U.mike.req(`${base}/statuses/${comment.id}`, { method: "DELETE" }), 403);
    err(await U.nora.req(`${base}/statuses/${outside.id}`, { method: "DELETE" }), 404);
    ok(await U.nora.req(`${base}/statuses/${comment.id}`, { method: "DELETE", json: { reason: "off topic" } }));
    ok(await U.nora.req(`${base}/statuses/${p.id}`, { method: "DELETE" }));
    err(await U.olivia.req(`/api/v1/statuses/${p.id}`), 404);
    err(await U.olivia.req(`/api/v1/statuses/${comment.id}`), 404);
    ok(await U.olivia.req(`/api/v1/statuses/${outside.id}`));
    const log = ok(await U.olivia.req(`${base}/moderation_log`));
    assert.deepEqual(log.map((e) => [e.action, e.status_id, e.account.id]), [
      ["remove_status", p.id, U.nora.id],
      ["remove_status", comment.id, U.nora.id],
    ]);
    assert.equal(log[1].reason, "off topic");
    assert.equal(log[1].target_account_id, U.mike.id);
    err(await U.mike.req(`${base}/moderation_log`), 403);
    // removing a member is recorded too; only owners remove moderators
    err(await U.nora.req(`${base}/members/${U.olivia.id}`, { method: "DELETE" }), 403);
    ok(await U.nora.req(`${base}/members/${U.mike.id}`, { method: "DELETE" }));
    assert.equal(ok(await U.olivia.req(`${base}/moderation_log`))[0].action, "remove_member");
    err(await U.nora.req(`${base}/members/${U.mike.id}`, { method: "DELETE" }), 404);
  });

  test("announcements: moderators pin posts, not comments", T, async () => {
    const c = await create(U.olivia, { handle: "pins_t", name: "Pins", type: "public" });
    const base = `${C}/${c.id}`;
    ok(await U.mike.req(`${base}/join`, { method: "POST" }));
    const p = await post(U.olivia, "All hands on Friday", { community_id: c.id });
    const comment = await post(U.mike, "see you there", { in_reply_to_id: p.id });
    err(await U.mike.req(`${base}/pins`, { method: "POST", json: { status_id: p.id } }), 403);
    err(await U.olivia.req(`${base}/pins`, { method: "POST", json: { status_id: comment.id } }), 422);
    err(await U.olivia.req(`${base}/pins`, { method: "POST", json: {} }), 422);
    ok(await U.olivia.req(`${base}/pins`, { method: "POST", json: { status_id: p.id } }));
    assert.deepEqual(ok(await U.pete.req(`${base}/pins`)).map((s) => s.id), [p.id]);
    ok(await U.olivia.req(`${base}/pins/${p.id}`, { method: "DELETE" }));
    assert.deepEqual(ok(await U.pete.req(`${base}/pins`)), []);
    err(await U.olivia.req(`${base}/pins/${p.id}`, { method: "DELETE" }), 404);
  });
});

suite("an unlisted restricted community does not exist to outsiders", () => {
  test("every endpoint answers a non-member as for an id never used", T, async () => {
    const c = await create(U.olivia, { handle: "hidden_t", name: "Hidden", type: "restricted", listed: false });
    const never = "999999999998";
    const paths = (id) => [
      ["GET", `${C}/${id}`],
      ["PATCH", `${C}/${id}`, { name: "x" }],
      ["DELETE", `${C}/${id}`],
      ["POST", `${C}/${id}/join`],
      ["POST", `${C}/${id}/leave`],
      ["GET", `${C}/${id}/members`],
      ["GET", `${C}/${id}/requests`],
      ["GET", `${C}/${id}/invitations`],
      ["POST", `${C}/${id}/invitations`, { account_id: U.pete.id }],
      ["GET", `${C}/${id}/pins`],
      ["GET", `${C}/${id}/moderation_log`],
      ["GET", `/api/v1/atrium/timelines/community/${id}`],
      ["POST", "/api/v1/statuses", { status: "hi", community_id: id }],
    ];
    const real = paths(c.id);
    const fake = paths(never);
    for (let i = 0; i < real.length; i++) {
      const [method, path, json] = real[i];
      const a = await U.pete.req(path, { method, json });
      const b = await U.pete.req(fake[i][1], { method, json: fake[i][2] });
      assert.equal(a.status, 404, `${method} ${path}: ${describe(a)}`);
      assert.equal(a.status, b.status, `${method} ${path}`);
      assert.deepEqual(a.json, b.json, `${method} ${path}: the same answer as for a community that does not exist`);
    }
    const lookup = await U.pete.req(`${C}/lookup?handle=hidden_t`);
    assert.equal(lookup.status, 404);
    assert.ok(!ok(await U.pete.req(`${C}?q=hidden&limit=80`)).some((x) => x.id === c.id));
    assert.ok(ok(await U.olivia.req(`${C}?q=hidden`)).some((x) => x.id === c.id), "the owner finds it");
    assert.ok(ok(await U.ruth.req(`${C}?q=hidden`)).some((x) => x.id === c.id), "an admin finds it");
  });

  test("creating with its handle answers as for any handle that cannot be had, and names no community", T, async () => {
    await create(U.olivia, { handle: "secret_h", name: "Secret", type: "restricted", listed: false });
    await create(U.olivia, { handle: "open_h", name: "Open", type: "public" });
    err(await U.pete.req(`${C}/lookup?handle=secret_h`), 404);
    const before = ok(await U.pete.req(`${C}?mine=true&limit=80`)).length;
    const answers = [];
    for (const handle of ["secret_h", "SECRET_H", "open_h", "everyone", "Admin"]) {
      const r = await U.pete.req(C, { method: "POST", json: { handle, name: "Mine" } });
      assert.equal(r.status, 422, `${handle}: ${describe(r)}`);
      answers.push(r.json);
    }
    // One answer for a secret community's handle, a visible one's and a reserved word.
    for (const a of answers) assert.deepEqual(a, { error: "Validation failed: Handle is unavailable" });
    assert.equal(ok(await U.pete.req(`${C}?mine=true&limit=80`)).length, before, "nothing was created");
    // A free handle is had.
    assert.equal((await create(U.pete, { handle: "petes_h", name: "Mine" })).handle, "petes_h");
  });
});

suite("losing access at once", () => {
  test("leaving a restricted community: streams, home, bookmarks and the live stream", T, async () => {
    const c = await create(U.olivia, { handle: "leaving_t", name: "Leaving", type: "restricted" });
    const base = `${C}/${c.id}`;
    ok(await U.olivia.req(`${base}/invitations`, { method: "POST", json: { account_id: U.pete.id } }));
    ok(await U.pete.req(`${base}/join`, { method: "POST" }));
    const p = await post(U.olivia, "confidential roadmap", { community_id: c.id });
    ok(await U.pete.req(`/api/v1/statuses/${p.id}/bookmark`, { method: "POST" }));
    assert.ok(ok(await U.pete.req("/api/v1/bookmarks")).some((s) => s.id === p.id));
    await settle(ctx);
    assert.ok(ok(await U.pete.req("/api/v1/timelines/home")).some((s) => s.id === p.id));

    const sse = await openSse(ctx.url, "/api/v1/streaming/community", { token: U.pete.token, query: { community: c.id } });
    closers.push(sse.close);
    assert.equal(sse.status, 200);
    const ws = await openWs(ctx.url, { token: U.pete.token, query: { stream: "user" } });
    closers.push(ws.close);
    ws.subscribe("community", { community: c.id });
    await sleep(200);
    const live = await post(U.olivia, "still here?", { community_id: c.id });
    await sse.log.waitFor((e) => e.event === "update" && e.payload.id === live.id, 5000, "the post on the community stream");
    await ws.waitFor((e) => e.event === "update" && e.payload?.id === live.id, 5000, "the post on the user stream");

    ok(await U.pete.req(`${base}/leave`, { method: "POST" }));
    // the community stream closes at once
    await Promise.race([sse.ended, sleep(3000).then(() => assert.fail("the community stream stayed open after leaving"))]);
    await Promise.race([ws.closed, sleep(3000).then(() => assert.fail("the WebSocket with the community subscription stayed open"))]);
    err(await U.pete.req(`/api/v1/statuses/${p.id}`), 404);
    assert.ok(!ok(await U.pete.req("/api/v1/bookmarks")).some((s) => s.id === p.id), "a bookmark made before leaving shows nothing");
    assert.ok(!ok(await U.pete.req("/api/v1/timelines/home")).some((s) => s.id === p.id));
    err(await U.pete.req(`/api/v1/atrium/timelines/community/${c.id}`), 403);
    // a fresh user stream gets nothing new from it
    const ws2 = await openWs(ctx.url, { token: U.pete.token, query: { stream: "user" } });
    closers.push(ws2.close);
    await sleep(200);
    const after = await post(U.olivia, "after pete left", { community_id: c.id });
    await settle(ctx);
    await sleep(200);
    assert.ok(!ws2.events.some((e) => e.payload?.id === after.id), "nothing after leaving");
    err(await U.pete.req(`/api/v1/streaming/community?community=${c.id}`), 403);
  });

  test("a member removed by a moderator loses their live community stream at once", T, async () => {
    const c = await create(U.olivia, { handle: "removal_t", name: "Removal", type: "restricted" });
    const base = `${C}/${c.id}`;
    ok(await U.olivia.req(`${base}/invitations`, { method: "POST", json: { account_id: U.quinn.id } }));
    ok(await U.quinn.req(`${base}/join`, { method: "POST" }));
    const sse = await openSse(ctx.url, "/api/v1/streaming/community", { token: U.quinn.token, query: { community: c.id } });
    closers.push(sse.close);
    assert.equal(sse.status, 200);
    ok(await U.olivia.req(`${base}/members/${U.quinn.id}`, { method: "DELETE" }));
    await Promise.race([sse.ended, sleep(3000).then(() => assert.fail("the stream stayed open after removal"))]);
    const p = await post(U.olivia, "after the removal", { community_id: c.id });
    err(await U.quinn.req(`/api/v1/statuses/${p.id}`), 404);
  });

  test("deleting a community deletes its posts; only owners and admins", T, async () => {
    const c = await create(U.olivia, { handle: "deleted_t", name: "Deleted", type: "public" });
    ok(await U.mike.req(`${C}/${c.id}/join`, { method: "POST" }));
    const p = await post(U.mike, "soon gone", { community_id: c.id });
    err(await U.mike.req(`${C}/${c.id}`, { method: "DELETE" }), 403);
    ok(await U.ruth.req(`${C}/${c.id}`, { method: "DELETE" }));
    err(await U.olivia.req(`${C}/${c.id}`), 404);
    err(await U.mike.req(`/api/v1/statuses/${p.id}`), 404);
    assert.ok(!ok(await U.mike.req(`${C}?mine=true&limit=80`)).some((x) => x.id === c.id));
  });
});
