// The communities authorization matrix, generated: every community type ×
// every kind of viewer × every read path, each asserting visible or not.
//
// In each community `author` (a plain member) writes a post P that
// @mentions every viewer and carries a tag, a comment R on it, a repost of
// it, a quote of it (where quoting is allowed at all), and — once every
// viewer's live stream is open — a second post P2. Everyone followed the
// author first, so only the community rule (and the block) decides.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { runCli } from "./lib/server.mjs";
import { socialServer, post, ok, follow, settle, openWs, openSse, sleep, T, describe } from "./lib/social-helpers.mjs";

const TYPES = ["public", "moderated", "restricted-listed", "restricted-unlisted"];
const VIEWERS = ["owner", "moderator", "member", "invited", "requested", "outsider", "blocked", "deactivated"];

const restricted = (t) => t.startsWith("restricted");
// Who may see the community's posts: its members (not one the author
// blocks); in public and moderated communities, every member of the
// organization (but still not across the block).
function canSee(t, v) {
  if (v === "blocked") return false;
  if (["owner", "moderator", "member"].includes(v)) return true;
  return !restricted(t);
}
// The community rule alone (the comment R is by `member`, whom nobody blocks).
function canRead(t, v) {
  if (["owner", "moderator", "member", "blocked"].includes(v)) return true;
  return !restricted(t);
}
// Who may know the community exists: everyone but strangers to an unlisted one.
function knowsCommunity(t, v) {
  if (t !== "restricted-unlisted") return true;
  return ["owner", "moderator", "member", "invited", "blocked"].includes(v);
}

let ctx;
const C = {}; // type → {community, P, R, RB, Q, P2}
const streams = {}; // `${t}/${v}` → ws log
const U = {}; // viewer role → user

before(async () => {
  ctx = await socialServer(["author", "owner", "moderator", "member", "invited", "requested", "outsider", "blocked", "deactivated"]);
  for (const v of VIEWERS) U[v] = ctx.users[v];
  const author = ctx.users.author;
  for (const v of VIEWERS) await follow(U[v], author);
  ok(await author.req(`/api/v1/accounts/${U.blocked.id}/block`, { method: "POST" }));
  // one post outside communities: the author's statuses_count must stay 1
  await post(author, "an ordinary post");

  for (const t of TYPES) {
    const type = restricted(t) ? "restricted" : t;
    const community = ok(
      await U.owner.req("/api/v1/atrium/communities", {
        method: "POST",
        json: { handle: `m_${t.replace("-", "_")}`, name: `Matrix ${t}`, description: `secret-name-${t}`, type, listed: t !== "restricted-unlisted" },
      }),
    );
    const id = community.id;
    const base = `/api/v1/atrium/communities/${id}`;
    // members: author, moderator, member, blocked — by invitation (accepted with join)
    for (const who of ["author", "moderator", "member", "blocked"]) {
      const u = ctx.users[who];
      if (type !== "public") ok(await U.owner.req(`${base}/invitations`, { method: "POST", json: { account_id: u.id } }));
      const joined = ok(await u.req(`${base}/join`, { method: "POST" }));
      assert.equal(joined.role, "member", `${who} joins ${t}: ${JSON.stringify(joined)}`);
    }
    ok(await U.owner.req(`${base}/members/${U.moderator.id}`, { method: "PATCH", json: { role: "moderator" } }));
    // invited: invited, never answered
    ok(await U.owner.req(`${base}/invitations`, { method: "POST", json: { account_id: U.invited.id } }));
    // requested: asks to join where one can ask; public joins at once (so no request) and
    // an unlisted community cannot be asked for (it does not exist to them)
    if (type === "public") {
      // nothing: a public community has no pending requests
    } else if (t === "restricted-unlisted") {
      const r = await U.requested.req(`${base}/join`, { method: "POST" });
      assert.equal(r.status, 404, `asking to join an unlisted community: ${describe(r)}`);
    } else {
      const asked = ok(await U.requested.req(`${base}/join`, { method: "POST" }));
      assert.equal(asked.pending, "requested");
      assert.equal(asked.role, null);
    }
    // deactivated: a member until the end of setup
    if (type !== "public") ok(await U.owner.req(`${base}/invitations`, { method: "POST", json: { account_id: U.deactivated.id } }));
    ok(await U.deactivated.req(`${base}/join`, { method: "POST" }));

    const mentions = VIEWERS.map((v) => `@${v}`).join(" ");
    const P = await post(author, `${mentions} secret-${t} #ctag${t.replace("-", "")}`, { community_id: id });
    assert.equal(P.community?.id, id);
    assert.equal(P.visibility, restricted(t) ? "private" : "public");
    const R = await post(ctx.users.member, `comment-${t}`, { in_reply_to_id: P.id });
    assert.equal(R.community?.id, id, "a comment stays in the community");
    const RB = ok(await author.req(`/api/v1/statuses/${P.id}/reblog`, { method: "POST" }));
    ok(await U.owner.req(`/api/v1/statuses/${P.id}/favourite`, { method: "POST" }));
    let Q = null;
    const quote = await ctx.users.member.req("/api/v1/statuses", { method: "POST", json: { status: `quoting-${t}`, quoted_status_id: P.id } });
    if (restricted(t)) {
      assert.equal(quote.status, 422, `a restricted post cannot be quoted: ${describe(quote)}`);
    } else {
      Q = ok(quote);
    }
    C[t] = { community, id, base, P, R, RB, Q };
  }

  // live streams, then a second post in each community
  for (const t of TYPES) {
    for (const v of VIEWERS) {
      if (v === "deactivated") continue;
      const ws = await openWs(ctx.url, { token: U[v].token, query: { stream: "user" } });
      streams[`${t}/${v}`] = ws;
    }
  }
  await sleep(200);
  for (const t of TYPES) C[t].P2 = await post(ctx.users.author, `second-${t}`, { community_id: C[t].id });
  await settle(ctx);
  await sleep(300);

  const r = await runCli(["user", "deactivate", "deactivated"], { dataDir: ctx.srv.dataDir });
  assert.equal(r.code, 0, r.stderr);
});

after(() => {
  for (const ws of Object.values(streams)) ws.close();
});

const has = (list, id) => Array.isArray(list) && list.some((s) => s.id === id || s.reblog?.id === id);

// Each path: (t, v) → [expected, actual, detail]
const PATHS = {
  "community itself": async (t, v) => {
    const r = await U[v].req(C[t].base);
    return [knowsCommunity(t, v), r.status === 200, describe(r)];
  },
  "community directory search": async (t, v) => {
    const r = await U[v].req(`/api/v1/atrium/communities?q=secret&limit=80`);
    const found = r.status === 200 && r.json.some((c) => c.id === C[t].id);
    return [knowsCommunity(t, v), found, describe(r)];
  },
  "community stream": async (t, v) => {
    const r = await U[v].req(`/api/v1/atrium/timelines/community/${C[t].id}`);
    return [canSee(t, v), r.status === 200 && has(r.json, C[t].P.id), describe(r)];
  },
  "members list": async (t, v) => {
    const r = await U[v].req(`${C[t].base}/members`);
    return [canRead(t, v), r.status === 200, describe(r)];
  },
  "home stream": async (t, v) => {
    const r = await U[v].req(`/api/v1/timelines/home?limit=40`);
    return [canSee(t, v), has(r.json, C[t].P.id), describe(r)];
  },
  "organization stream": async (t, v) => {
    const r = await U[v].req(`/api/v1/timelines/public?limit=40`);
    return [canSee(t, v) && !restricted(t), has(r.json, C[t].P.id), describe(r)];
  },
  permalink: async (t, v) => {
    const r = await U[v].req(`/api/v1/statuses/${C[t].P.id}`);
    const leaked = r.status === 200 || (r.text || "").includes(`secret-${t}`);
    if (!canSee(t, v)) assert.equal(r.status, 404, `invisible must be 404: ${describe(r)}`);
    return [canSee(t, v), leaked, describe(r)];
  },
  "comment permalink": async (t, v) => {
    const r = await U[v].req(`/api/v1/statuses/${C[t].R.id}`);
    return [canRead(t, v), r.status === 200, describe(r)];
  },
  "context (ancestors of the comment, descendants of the post)": async (t, v) => {
    const a = await U[v].req(`/api/v1/statuses/${C[t].R.id}/context`);
    const d = await U[v].req(`/api/v1/statuses/${C[t].P.id}/context`);
    const seen = (a.status === 200 && has(a.json.ancestors, C[t].P.id)) || (d.status === 200 && has(d.json.descendants, C[t].R.id));
    return [canSee(t, v), seen, `${describe(a)} / ${describe(d)}`];
  },
  repost: async (t, v) => {
    const r = await U[v].req(`/api/v1/statuses/${C[t].RB.id}`);
    return [canSee(t, v), r.status === 200 && (r.text || "").includes(`secret-${t}`), describe(r)];
  },
  quote: async (t, v) => {
    if (!C[t].Q) return [false, false, "no quote possible"];
    const r = await U[v].req(`/api/v1/statuses/${C[t].Q.id}`);
    // the quote itself is an ordinary public post; what it shows of P is the question
    const leaked = (r.text || "").includes(`secret-${t}`);
    return [canSee(t, v), leaked, describe(r)];
  },
  notifications: async (t, v) => {
    const r = await U[v].req(`/api/v1/notifications?limit=80`);
    const found = r.status === 200 && r.json.some((n) => n.status?.id === C[t].P.id);
    return [canSee(t, v), found, describe(r)];
  },
  "tag stream": async (t, v) => {
    const r = await U[v].req(`/api/v1/timelines/tag/ctag${t.replace("-", "")}`);
    return [canSee(t, v) && !restricted(t), has(r.json, C[t].P.id), describe(r)];
  },
  "author's profile posts": async (t, v) => {
    const r = await U[v].req(`/api/v1/accounts/${ctx.users.author.id}/statuses?limit=40`);
    return [canSee(t, v), has(r.json, C[t].P.id), describe(r)];
  },
  "counts (author's statuses_count)": async (t, v) => {
    const r = await U[v].req(`/api/v1/accounts/${ctx.users.author.id}`);
    // community posts are never counted on the profile, for anyone; across
    // a block the counts are not shown at all (0: what a block means)
    const shown = v === "blocked" ? 0 : 1;
    return [false, r.status === 200 && r.json.statuses_count !== shown, describe(r)];
  },
  favourited_by: async (t, v) => {
    const r = await U[v].req(`/api/v1/statuses/${C[t].P.id}/favourited_by`);
    return [canSee(t, v), r.status === 200 && r.json.some((a) => a.id === U.owner.id), describe(r)];
  },
  reblogged_by: async (t, v) => {
    const r = await U[v].req(`/api/v1/statuses/${C[t].P.id}/reblogged_by`);
    return [canSee(t, v), r.status === 200 && r.json.some((a) => a.id === ctx.users.author.id), describe(r)];
  },
  "bookmark it": async (t, v) => {
    const r = await U[v].req(`/api/v1/statuses/${C[t].P.id}/bookmark`, { method: "POST" });
    return [canSee(t, v), r.status === 200, describe(r)];
  },
  "live stream (user)": async (t, v) => {
    const ws = streams[`${t}/${v}`];
    const got = ws.events.some((e) => e.event === "update" && typeof e.payload === "object" && e.payload.id === C[t].P2.id);
    return [canSee(t, v), got, JSON.stringify(ws.events.map((e) => e.event))];
  },
  "live stream (community)": async (t, v) => {
    const sse = await openSse(ctx.url, "/api/v1/streaming/community", { token: U[v].token, query: { community: C[t].id } });
    sse.close();
    return [canRead(t, v), sse.status === 200, `HTTP ${sse.status}`];
  },
};

for (const t of TYPES) {
  suite(`community ${t}`, () => {
    for (const v of VIEWERS) {
      test(`viewer ${v}`, T, async () => {
        const problems = [];
        for (const [path, check] of Object.entries(PATHS)) {
          if (v === "deactivated") {
            // a deactivated member is outside everything: every path says 401
            const r = await U[v].req(`/api/v1/statuses/${C[t].P.id}`);
            assert.equal(r.status, 401, `deactivated ${path}: ${describe(r)}`);
            continue;
          }
          const [expected, actual, detail] = await check(t, v);
          if (expected !== actual) problems.push(`${path}: expected ${expected ? "visible" : "not visible"}, got ${actual ? "visible" : "not visible"} (${detail.slice(0, 300)})`);
        }
        assert.deepEqual(problems, [], `${t} × ${v}:\n  ${problems.join("\n  ")}`);
      });
    }
  });
}
