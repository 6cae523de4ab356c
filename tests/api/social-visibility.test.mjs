// Visibility matrix: author / follower / mentioned member / other member ×
// public / unlisted / private / direct, on every read path. Something a
// viewer may not see is a 404, the same as an id that does not exist.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, follow, ids, settle, T, describe } from "./lib/social-helpers.mjs";

const VIS = ["public", "unlisted", "private", "direct"];
// who may see a post of each visibility (alice is the author, bob follows
// her, carol is mentioned but does not follow, dave is neither)
const CAN_SEE = {
  author: { public: true, unlisted: true, private: true, direct: true },
  follower: { public: true, unlisted: true, private: true, direct: false },
  mentioned: { public: true, unlisted: true, private: true, direct: true },
  other: { public: true, unlisted: true, private: false, direct: false },
};
// the home feed holds own posts and posts of followed people they may see
const IN_HOME = {
  author: { public: true, unlisted: true, private: true, direct: true },
  follower: { public: true, unlisted: true, private: true, direct: false },
  mentioned: { public: false, unlisted: false, private: false, direct: false },
  other: { public: false, unlisted: false, private: false, direct: false },
};

let viewers; // role → user
let P = {}; // visibility → post by alice mentioning carol, tagged #matrix
let R = {}; // visibility → alice's reply of that visibility to the public root
let Q = {}; // visibility → alice's public follow-up replying to P[v]
let root;

before(async () => {
  const ctx = await socialServer(["alice", "bob", "carol", "dave"]);
  const { alice, bob, carol, dave } = ctx.users;
  viewers = { author: alice, follower: bob, mentioned: carol, other: dave };
  await follow(bob, alice);
  root = await post(alice, "root of the thread #matrixroot");
  for (const v of VIS) {
    P[v] = await post(alice, `@carol ${v} post #matrix`, { visibility: v });
    assert.equal(P[v].visibility, v);
  }
  for (const v of VIS) {
    R[v] = await post(alice, `@carol ${v} reply`, { visibility: v, in_reply_to_id: root.id });
  }
  for (const v of VIS) {
    Q[v] = await post(alice, `follow-up to the ${v} post`, { visibility: "public", in_reply_to_id: P[v].id });
  }
  for (const v of VIS) {
    ok(await alice.req(`/api/v1/statuses/${P[v].id}/favourite`, { method: "POST" }));
  }
  await settle(ctx); // home feeds are filled asynchronously
});

/** Runs check(viewer, v) for every visibility and fails with all mismatches at once. */
async function matrix(role, check) {
  const problems = [];
  for (const v of VIS) {
    const p = await check(viewers[role], v);
    if (p) problems.push(`${v}: ${p}`);
  }
  assert.deepEqual(problems, [], `${role} (${viewers[role].name}):\n  ${problems.join("\n  ")}`);
}

for (const role of Object.keys(CAN_SEE)) {
  suite(`viewer: ${role}`, () => {
    test(`GET /api/v1/statuses/:id`, T, () =>
      matrix(role, async (u, v) => {
        const res = await u.req(`/api/v1/statuses/${P[v].id}`);
        const want = CAN_SEE[role][v] ? 200 : 404;
        if (res.status !== want) return `expected ${want}, got ${describe(res)}`;
        if (want === 200 && res.json.id !== P[v].id) return "wrong post";
      }));

    test(`GET /api/v1/statuses?id[]= skips what the viewer may not see`, T, async () => {
      const res = await viewers[role].req(`/api/v1/statuses?${VIS.map((v) => `id[]=${P[v].id}`).join("&")}`);
      const want = VIS.filter((v) => CAN_SEE[role][v]).map((v) => P[v].id);
      assert.deepEqual(ids(ok(res)), want);
    });

    test(`GET /api/v1/statuses/:id/context (the post itself)`, T, () =>
      matrix(role, async (u, v) => {
        const res = await u.req(`/api/v1/statuses/${P[v].id}/context`);
        const want = CAN_SEE[role][v] ? 200 : 404;
        if (res.status !== want) return `expected ${want}, got ${describe(res)}`;
      }));

    test(`context descendants of a public root hold only visible replies`, T, () =>
      matrix(role, async (u, v) => {
        const c = ok(await u.req(`/api/v1/statuses/${root.id}/context`));
        const has = ids(c.descendants).includes(R[v].id);
        if (has !== CAN_SEE[role][v]) return `reply present=${has}, expected ${CAN_SEE[role][v]}`;
      }));

    test(`context ancestors of a public reply hold only a visible parent`, T, () =>
      matrix(role, async (u, v) => {
        const res = await u.req(`/api/v1/statuses/${Q[v].id}/context`);
        if (res.status !== 200) return `context of the public reply: ${describe(res)}`;
        const has = ids(res.json.ancestors).includes(P[v].id);
        if (has !== CAN_SEE[role][v]) return `parent present=${has}, expected ${CAN_SEE[role][v]}`;
      }));

    test(`GET /api/v1/accounts/:id/statuses`, T, () =>
      matrix(role, async (u, v) => {
        const list = ok(await u.req(`/api/v1/accounts/${viewers.author.id}/statuses?limit=40`));
        const has = ids(list).includes(P[v].id);
        if (has !== CAN_SEE[role][v]) return `present=${has}, expected ${CAN_SEE[role][v]}`;
      }));

    test(`GET /api/v1/timelines/home`, T, () =>
      matrix(role, async (u, v) => {
        const list = ok(await u.req(`/api/v1/timelines/home?limit=40`));
        const has = ids(list).includes(P[v].id);
        if (has !== IN_HOME[role][v]) return `present=${has}, expected ${IN_HOME[role][v]}`;
      }));

    test(`GET /api/v1/timelines/public holds public posts only`, T, () =>
      matrix(role, async (u, v) => {
        const list = ok(await u.req(`/api/v1/timelines/public?limit=40`));
        const has = ids(list).includes(P[v].id);
        if (has !== (v === "public")) return `present=${has}, expected ${v === "public"}`;
      }));

    test(`GET /api/v1/timelines/public?local=true holds public posts only`, T, () =>
      matrix(role, async (u, v) => {
        const list = ok(await u.req(`/api/v1/timelines/public?local=true&limit=40`));
        const has = ids(list).includes(P[v].id);
        if (has !== (v === "public")) return `present=${has}, expected ${v === "public"}`;
      }));

    test(`GET /api/v1/timelines/tag/:tag holds public posts only`, T, () =>
      matrix(role, async (u, v) => {
        const list = ok(await u.req(`/api/v1/timelines/tag/matrix?limit=40`));
        const has = ids(list).includes(P[v].id);
        if (has !== (v === "public")) return `present=${has}, expected ${v === "public"}`;
      }));

    test(`GET /api/v1/statuses/:id/favourited_by and reblogged_by`, T, () =>
      matrix(role, async (u, v) => {
        const want = CAN_SEE[role][v] ? 200 : 404;
        const res = await u.req(`/api/v1/statuses/${P[v].id}/favourited_by`);
        if (res.status !== want) return `favourited_by: expected ${want}, got ${describe(res)}`;
        if (want === 200 && !ids(res.json).includes(viewers.author.id)) return "favourited_by lacks the author";
        const rb = await u.req(`/api/v1/statuses/${P[v].id}/reblogged_by`);
        if (rb.status !== want) return `reblogged_by: expected ${want}, got ${describe(rb)}`;
      }));

    test(`GET /api/v1/statuses/:id/history`, T, () =>
      matrix(role, async (u, v) => {
        const want = CAN_SEE[role][v] ? 200 : 404;
        const res = await u.req(`/api/v1/statuses/${P[v].id}/history`);
        if (res.status !== want) return `expected ${want}, got ${describe(res)}`;
      }));

    if (role !== "author") {
      test(`favourite / bookmark / reblog of an invisible post → 404`, T, () =>
        matrix(role, async (u, v) => {
          if (CAN_SEE[role][v]) return;
          for (const action of ["favourite", "bookmark", "reblog"]) {
            const res = await u.req(`/api/v1/statuses/${P[v].id}/${action}`, { method: "POST" });
            if (res.status !== 404) return `${action}: expected 404, got ${describe(res)}`;
          }
        }));
    }
  });
}

suite("invisible looks like missing", () => {
  test("a direct post and an unknown id give the same 404 body", T, async () => {
    const dave = viewers.other;
    const hidden = await dave.req(`/api/v1/statuses/${P.direct.id}`);
    const missing = await dave.req(`/api/v1/statuses/1234567890123`);
    assert.equal(hidden.status, 404);
    assert.equal(missing.status, 404);
    assert.deepEqual(hidden.json, missing.json);
  });

  test("the mentioned member's notification carries the direct post; the other gets nothing", T, async () => {
    const n = ok(await viewers.mentioned.req(`/api/v1/notifications?types[]=mention&limit=40`));
    assert.ok(n.some((x) => x.status?.id === P.direct.id), "carol is notified about the direct post");
    const nd = ok(await viewers.other.req(`/api/v1/notifications?limit=40`));
    assert.ok(!nd.some((x) => x.status?.id === P.direct.id));
    const nb = ok(await viewers.follower.req(`/api/v1/notifications?limit=40`));
    assert.ok(!nb.some((x) => x.status?.id === P.direct.id), "the follower is not notified about a direct post");
  });

  test("reblogs of a public post are visible to all; private posts cannot be reblogged by others", T, async () => {
    const { follower, other } = viewers;
    const rb = ok(await follower.req(`/api/v1/statuses/${P.public.id}/reblog`, { method: "POST" }));
    const seen = await other.req(`/api/v1/statuses/${rb.id}`);
    assert.equal(seen.status, 200, describe(seen));
    assert.equal(seen.json.reblog.id, P.public.id);
  });
});
