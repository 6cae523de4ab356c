// Polls: created with a post through the masto client, read and voted on
// with /api/v1/polls, their counts per viewer (voted, own_votes; hidden
// totals while open), ended by the background worker with a `poll`
// notification to voters and author, found by has:poll; and a restricted
// community's poll neither seen nor voted on by a non-member.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, ok, err, eventually, rejectsWith, T } from "./lib/social-helpers.mjs";

const poll = (options, extra = {}) => ({ options, expiresIn: 3600, ...extra });

suite("polls", () => {
  let ctx, ana, ben, cal, dee;
  before(async () => {
    // polls may end after 1 s here, and the worker looks every 100 ms
    ctx = await socialServer(["ana", "ben", "cal", "dee"], { args: ["--poll-min-expiration", "1s", "--background-interval", "100"] });
    ({ ana, ben, cal, dee } = ctx.users);
  });

  test("the instance advertises what a poll may be", T, async () => {
    const v1 = ok(await ana.req("/api/v1/instance"));
    assert.deepEqual(v1.configuration.polls, { max_options: 4, max_characters_per_option: 50, min_expiration: 1, max_expiration: 2629746 });
    const v2 = ok(await ana.req("/api/v2/instance"));
    assert.deepEqual(v2.configuration.polls, v1.configuration.polls);
  });

  test("a poll is created with its post, voted on, and shown per viewer", T, async () => {
    const s = await ana.client.v1.statuses.create({ status: "Where should the offsite be?", poll: poll(["Lisbon", "Oslo", "Kraków"]) });
    assert.equal(s.poll.id, s.id);
    assert.equal(s.poll.multiple, false);
    assert.equal(s.poll.expired, false);
    assert.ok(Math.abs(new Date(s.poll.expiresAt).getTime() - (Date.now() + 3600 * 1000)) < 60000);
    assert.deepEqual(s.poll.options, [
      { title: "Lisbon", votesCount: 0 },
      { title: "Oslo", votesCount: 0 },
      { title: "Kraków", votesCount: 0 },
    ]);
    assert.equal(s.poll.voted, true, "the author counts as having voted");

    const seen = await ben.client.v1.polls.$select(s.poll.id).fetch();
    assert.equal(seen.voted, false);
    assert.deepEqual(seen.ownVotes, []);

    const voted = await ben.client.v1.polls.$select(s.poll.id).votes.create({ choices: [1] });
    assert.equal(voted.voted, true);
    assert.deepEqual(voted.ownVotes, [1]);
    assert.deepEqual(voted.options.map((o) => o.votesCount), [0, 1, 0]);
    assert.equal(voted.votesCount, 1);
    assert.equal(voted.votersCount, 1);
    await cal.client.v1.polls.$select(s.poll.id).votes.create({ choices: [1] });

    // each viewer sees their own votes, on the status as on the poll
    const asBen = await ben.client.v1.statuses.$select(s.id).fetch();
    assert.deepEqual(asBen.poll.ownVotes, [1]);
    assert.deepEqual(asBen.poll.options.map((o) => o.votesCount), [0, 2, 0]);
    const asDee = await dee.client.v1.statuses.$select(s.id).fetch();
    assert.equal(asDee.poll.voted, false);
    assert.deepEqual(asDee.poll.ownVotes, []);
    assert.equal(asDee.poll.votersCount, 2);
    // on the author's timeline too (not only the permalink)
    const listed = ok(await dee.req(`/api/v1/accounts/${ana.id}/statuses`)).find((x) => x.id === s.id);
    assert.deepEqual(listed.poll.options.map((o) => o.votes_count), [0, 2, 0]);

    // what a vote may not be
    err(await ben.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [0] } }), 422); // voted already
    err(await ana.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [0] } }), 422); // own poll
    err(await dee.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [3] } }), 422); // no such option
    err(await dee.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [0, 2] } }), 422); // single choice
    err(await dee.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [] } }), 422);
    err(await dee.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: ["first"] } }), 422);
    err(await dee.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [-1] } }), 422);
    err(await dee.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [0], extra: 1 } }), 422);
    const unchanged = await dee.client.v1.polls.$select(s.id).fetch();
    assert.equal(unchanged.voted, false, "a refused vote changes nothing");
    assert.deepEqual(unchanged.options.map((o) => o.votesCount), [0, 2, 0]);

    // a post without a poll has no poll
    const plain = await ana.client.v1.statuses.create({ status: "no poll here" });
    assert.equal(plain.poll, null);
    err(await ben.req(`/api/v1/polls/${plain.id}`), 404);
    err(await ben.req(`/api/v1/polls/${plain.id}/votes`, { method: "POST", json: { choices: [0] } }), 404);
    err(await ben.req(`/api/v1/polls/123456789`), 404);
  });

  test("a multiple-choice poll takes several options", T, async () => {
    const s = await ana.client.v1.statuses.create({ status: "Which days suit you?", poll: poll(["Mon", "Tue", "Wed"], { multiple: true }) });
    assert.equal(s.poll.multiple, true);
    const voted = await ben.client.v1.polls.$select(s.id).votes.create({ choices: [2, 0] });
    assert.deepEqual(voted.ownVotes, [0, 2]);
    assert.deepEqual(voted.options.map((o) => o.votesCount), [1, 0, 1]);
    assert.equal(voted.votesCount, 2);
    assert.equal(voted.votersCount, 1);
    err(await cal.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [1, 1] } }), 422);
  });

  test("a poll that is not valid is refused and nothing is posted", T, async () => {
    const before = ok(await ana.req(`/api/v1/accounts/${ana.id}`)).statuses_count;
    const bad = [
      { status: "one option", poll: { options: ["only"], expires_in: 3600 } },
      { status: "five options", poll: { options: ["a", "b", "c", "d", "e"], expires_in: 3600 } },
      { status: "no expiry", poll: { options: ["a", "b"] } },
      { status: "too short", poll: { options: ["a", "b"], expires_in: 0 } },
      { status: "too long", poll: { options: ["a", "b"], expires_in: 2629747 } },
      { status: "blank option", poll: { options: ["a", "  "], expires_in: 3600 } },
      { status: "same twice", poll: { options: ["a", "a"], expires_in: 3600 } },
      { status: "long option", poll: { options: ["a", "x".repeat(51)], expires_in: 3600 } },
      { status: "not a number", poll: { options: ["a", "b"], expires_in: "soon" } },
      { status: "not a boolean", poll: { options: ["a", "b"], expires_in: 3600, multiple: "maybe" } },
      { status: "settings alone", poll: { expires_in: 3600 } },
      { status: "unknown key", poll: { options: ["a", "b"], expires_in: 3600, anonymous: true } },
    ];
    for (const json of bad) err(await ana.req("/api/v1/statuses", { method: "POST", json }), 422);
    await rejectsWith(ana.client.v1.statuses.create({ status: "via masto", poll: poll(["just one"]) }), 422, "one option");
    assert.equal(ok(await ana.req(`/api/v1/accounts/${ana.id}`)).statuses_count, before);
    // a poll is not changed by an edit
    const s = await ana.client.v1.statuses.create({ status: "keep me", poll: poll(["a", "b"]) });
    err(await ana.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "keep me", poll: { options: ["c", "d"], expires_in: 3600 } } }), 422);
    const edited = ok(await ana.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "keep me, edited" } }));
    assert.deepEqual(edited.poll.options.map((o) => o.title), ["a", "b"], "an edit keeps the poll");
  });

  test("hidden totals stay hidden until the poll ends; then it closes and notifies", T, async () => {
    const s = await ana.client.v1.statuses.create({ status: "Secret ballot", poll: poll(["yes", "no"], { expiresIn: 4, hideTotals: true }) });
    const voted = await ben.client.v1.polls.$select(s.id).votes.create({ choices: [0] });
    assert.deepEqual(voted.options.map((o) => o.votesCount), [null, null], "no counts while open");
    assert.deepEqual(voted.ownVotes, [0]);
    const asAna = await ana.client.v1.polls.$select(s.id).fetch();
    assert.deepEqual(asAna.options.map((o) => o.votesCount), [null, null]);

    // the worker ends it: voter and author are told, the others are not
    const pollNotes = async (u) => ok(await u.req("/api/v1/notifications?types[]=poll")).filter((n) => n.status?.id === s.id);
    const benNote = await eventually(async () => {
      const notes = await pollNotes(ben);
      assert.equal(notes.length, 1);
      return notes[0];
    }, 15000);
    assert.equal(benNote.type, "poll");
    assert.equal(benNote.account.id, ana.id);
    assert.equal(benNote.status.poll.expired, true);
    assert.deepEqual(benNote.status.poll.options.map((o) => o.votes_count), [1, 0], "counts shown once ended");
    assert.equal((await pollNotes(ana)).length, 1);
    assert.equal((await pollNotes(cal)).length, 0, "who did not vote is not told");
    const masto = await ben.client.v1.notifications.list({ types: ["poll"] });
    assert.ok(masto.some((n) => n.type === "poll" && n.status?.id === s.id));

    err(await cal.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [1] } }), 422);
    const closed = await cal.client.v1.polls.$select(s.id).fetch();
    assert.equal(closed.expired, true);
    assert.deepEqual(closed.options.map((o) => o.votesCount), [1, 0]);
    // announced once, however often the worker runs: a later poll's end
    // (the worker has run again since) leaves one notification for this one
    const later = await ana.client.v1.statuses.create({ status: "after", poll: poll(["x", "y"], { expiresIn: 1 }) });
    await eventually(async () => {
      const notes = ok(await ana.req("/api/v1/notifications?types[]=poll&limit=40"));
      assert.ok(notes.some((n) => n.status?.id === later.id));
    }, 15000);
    assert.equal((await pollNotes(ana)).length, 1);
    assert.equal((await pollNotes(ben)).length, 1);
  });

  test("has:poll finds posts with a poll", T, async () => {
    const withPoll = await ben.client.v1.statuses.create({ status: "lunchvote today", poll: poll(["pizza", "salad"]) });
    const without = await ben.client.v1.statuses.create({ status: "lunchvote results tomorrow" });
    const found = await eventually(async () => {
      const r = ok(await cal.req(`/api/v2/search?q=${encodeURIComponent("lunchvote has:poll")}&type=statuses`));
      assert.ok(r.statuses.length >= 1);
      return r.statuses;
    });
    assert.deepEqual(found.map((s) => s.id), [withPoll.id]);
    const all = ok(await cal.req(`/api/v2/search?q=lunchvote&type=statuses`)).statuses.map((s) => s.id);
    assert.ok(all.includes(without.id));
  });

  test("a restricted community's poll: members vote, others cannot see or vote", T, async () => {
    const community = ok(await ana.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "polls_restricted", name: "Board", description: "board", type: "restricted" } }));
    const base = `/api/v1/atrium/communities/${community.id}`;
    ok(await ana.req(`${base}/invitations`, { method: "POST", json: { account_id: ben.id } }));
    ok(await ben.req(`${base}/join`, { method: "POST" }));
    const s = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: "Approve the budget?", community_id: community.id, poll: { options: ["approve", "reject"], expires_in: 3600 } } }));
    assert.equal(s.poll.options.length, 2);
    err(await dee.req(`/api/v1/polls/${s.id}`), 404);
    err(await dee.req(`/api/v1/polls/${s.id}/votes`, { method: "POST", json: { choices: [1] } }), 404);
    await rejectsWith(dee.client.v1.polls.$select(s.id).votes.create({ choices: [0] }), 404, "outsider votes");
    const voted = await ben.client.v1.polls.$select(s.id).votes.create({ choices: [0] });
    assert.deepEqual(voted.options.map((o) => o.votesCount), [1, 0], "the outsider's attempts counted nothing");
    const r = ok(await dee.req(`/api/v2/search?q=${encodeURIComponent("budget has:poll")}&type=statuses`));
    assert.ok(!r.statuses.some((x) => x.id === s.id));
  });
});
