// `atrium seed` and the benchmark harness, small: the seed is deterministic
// and consistent, and what the benchmark measures is right (home pages hold
// the right posts in the right order, every fan-out is delivered, the other
// measured streams are valid pages). Nothing here is timed.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  api, checkHomePage, followersAmong, issueTokens, measureFanOut, pool, seed, startAtrium,
} from "../../bench/lib/harness.mjs";
import { ATRIUM_BIN, makeDataDir } from "./lib/server.mjs";

const MEMBERS = 2000;
const POSTS = 10;

describe("atrium seed and the benchmark harness", () => {
  let dirA;
  let report;
  let server;
  let members;

  before(async () => {
    dirA = await makeDataDir();
    report = await seed(ATRIUM_BIN, dirA, { members: MEMBERS, seed: 5, postsPerMember: POSTS, verify: true });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it("builds the organization it reports, the same for the same seed", async () => {
    assert.equal(report.members, MEMBERS);
    assert.equal(report.statuses, MEMBERS * POSTS);
    assert.ok(report.levels >= 4, `levels ${report.levels}`);
    assert.ok(report.ceo_followers > MEMBERS * 0.25 && report.ceo_followers < MEMBERS * 0.4);
    assert.ok(report.favourites > 0 && report.notifications > 0 && report.replies > 0 && report.reposts > 0);
    const dirB = await makeDataDir();
    const again = await seed(ATRIUM_BIN, dirB, { members: MEMBERS, seed: 5, postsPerMember: POSTS });
    for (const key of ["digest", "follows", "statuses", "favourites", "notifications", "ceo_id", "popular_id"])
      assert.equal(again[key], report[key], key);
    const dirC = await makeDataDir();
    const other = await seed(ATRIUM_BIN, dirC, { members: MEMBERS, seed: 6, postsPerMember: POSTS });
    assert.notEqual(other.digest, report.digest);
  });

  it("refuses to seed a store that holds people", async () => {
    await assert.rejects(seed(ATRIUM_BIN, dirA, { members: 10, seed: 5, postsPerMember: 1 }), /not empty/i);
  });

  it("serves the seeded store with real tokens", async () => {
    members = await issueTokens(ATRIUM_BIN, dirA, path.join(dirA, "tokens.tsv"), 120, [report.ceo_id, report.popular_id]);
    assert.equal(members.length, 122);
    assert.equal(new Set(members.map((m) => m.token)).size, members.length);
    server = await startAtrium(ATRIUM_BIN, dirA);
    const me = await api(server.url, "/api/v1/accounts/verify_credentials", members[0].token);
    assert.equal(me.status, 200);
    assert.equal(me.json.id, report.ceo_id);
    assert.ok(me.json.followers_count === report.ceo_followers, `${me.json.followers_count}`);
    const bad = await api(server.url, "/api/v1/timelines/home", "not-a-token");
    assert.equal(bad.status, 401);
    const instance = await api(server.url, "/api/v1/instance", members[0].token);
    assert.equal(instance.json.stats.user_count, MEMBERS);
  });

  it("builds the search index of the seeded posts by itself, beside serving", async () => {
    // The bulk load writes no index: the server finds it older than its
    // build and reindexes at start, online.
    const token = members[0].token;
    const own = await api(server.url, `/api/v1/accounts/${report.ceo_id}/statuses?limit=5&exclude_reblogs=true`, token);
    assert.equal(own.status, 200);
    const text = own.json.map((s) => s.content.replace(/<[^>]*>/g, " ")).join(" ");
    const word = text.split(/[^A-Za-z]+/).filter((w) => w.length >= 5)[0];
    assert.ok(word, `a word in ${text}`);
    const deadline = Date.now() + 60000;
    let found = [];
    while (Date.now() < deadline) {
      const r = await api(server.url, `/api/v2/search?type=statuses&q=${encodeURIComponent(`${word} from:@${own.json[0].account.username}`)}&limit=40`, token);
      assert.equal(r.status, 200);
      found = r.json.statuses.map((s) => s.id);
      if (found.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(found.length > 0, `"${word}" by the CEO is found once the index is built`);
  });

  it("gives every member a home page of the posts they should see, newest first", async () => {
    const sample = members.slice(0, 40);
    let nonEmpty = 0;
    await pool(sample, 4, async (m) => {
      const r = await api(server.url, "/api/v1/timelines/home?limit=20", m.token);
      assert.equal(r.status, 200);
      if (r.json.length > 0) nonEmpty++;
      assert.deepEqual(await checkHomePage(server.url, m, r.json), [], `home of ${m.id}`);
    });
    assert.ok(nonEmpty >= 36, `${nonEmpty} of 40 home pages had posts`);
  });

  it("answers the other measured streams with valid pages", async () => {
    const m = members[5];
    const notes = await api(server.url, "/api/v1/notifications?limit=20", m.token);
    assert.equal(notes.status, 200);
    for (const n of notes.json) {
      assert.ok(["mention", "reply", "favourite", "reblog"].includes(n.type), n.type);
      assert.ok(n.account && n.status, "a notification names who and which post");
    }
    for (let i = 1; i < notes.json.length; ++i) assert.ok(BigInt(notes.json[i - 1].id) > BigInt(notes.json[i].id));
    const other = members[6];
    const profile = await api(server.url, `/api/v1/accounts/${other.id}/statuses?limit=20`, m.token);
    assert.equal(profile.status, 200);
    for (const s of profile.json) assert.equal(s.account.id, other.id);
    const community = await api(server.url, `/api/v1/atrium/timelines/community/${report.largest_community_id}?limit=20`, m.token);
    assert.equal(community.status, 200);
    assert.ok(community.json.length > 0);
    for (const s of community.json) assert.equal(s.community.id, report.largest_community_id);
  });

  it("delivers a post to every active follower's home stream, for a popular member and the CEO", async () => {
    const active = members.slice(2);
    // Warm the followers' home streams, as the benchmark does.
    await pool(active, 8, (m) => api(server.url, "/api/v1/timelines/home?limit=20", m.token));
    for (const poster of [members[1], members[0]]) {
      const followers = await followersAmong(server.url, active, poster.id);
      assert.ok(followers.length >= 1, `nobody active follows ${poster.id}`);
      const r = await measureFanOut(server.url, poster, followers, { timeoutMs: 30000 });
      assert.equal(r.delivered, r.expected, `delivered to ${r.delivered} of ${r.expected}`);
      assert.deepEqual(r.missing, []);
      assert.equal(r.ms.length, followers.length);
      // Someone who does not follow the poster did not get it.
      const outsider = active.find((m) => !followers.includes(m) && m.id !== poster.id);
      const home = await api(server.url, "/api/v1/timelines/home?limit=20", outsider.token);
      assert.ok(!home.json.some((s) => s.id === r.postId), "a non-follower got the post");
    }
  });
});
