// The rest of what Mastodon apps call (issue #19): the quotes of a post,
// pinning followers-only posts, allowed_mentions, the instance's languages,
// extended description and translation languages, Link headers on trends,
// announcements live on the user stream, and the clear errors of what
// Atrium leaves out (sign-up, federation). Through the masto client where it
// has the method, raw HTTP for bad input.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { socialServer, post, ok, err, follow, ids, parseLink, openWs, T, MastoHttpError } from "./lib/social-helpers.mjs";

const rejectsWith = (status) => (e) => e instanceof MastoHttpError && e.statusCode === status;

suite("statuses: quotes, pins, allowed_mentions", () => {
  let ctx, ana, ben, cat, dan;
  before(async () => {
    ctx = await socialServer(["ana", "ben", "cat", "dan"]);
    ({ ana, ben, cat, dan } = ctx.users);
  });
  after(() => ctx?.srv.stop());

  test("GET /statuses/:id/quotes lists the quotes the reader may see, newest first, with Link headers", T, async () => {
    const original = await post(ana, "the quarterly plan");
    const q1 = await post(ben, "agreed", { quoted_status_id: original.id });
    const q2 = await post(cat, "for my followers only", { quoted_status_id: original.id, visibility: "private" });
    const q3 = await post(dan, "me too", { quoted_status_id: original.id });
    await post(ben, "not a quote");
    // dan follows cat, ana does not: cat's followers-only quote is dan's to see
    await follow(dan, cat);
    assert.deepEqual(ids(await ana.client.v1.statuses.$select(original.id).quotes.list()), [q3.id, q1.id]);
    const seen = await dan.client.v1.statuses.$select(original.id).quotes.list();
    assert.deepEqual(ids(seen), [q3.id, q2.id, q1.id]);
    assert.equal(seen[0].quote.quotedStatus.id, original.id);
    // paging
    const first = await dan.req(`/api/v1/statuses/${original.id}/quotes?limit=2`);
    assert.deepEqual(ids(ok(first)), [q3.id, q2.id]);
    const next = parseLink(first.headers.get("link")).next;
    assert.ok(next, `a next link: ${first.headers.get("link")}`);
    const u = new URL(next);
    assert.equal(u.pathname, `/api/v1/statuses/${original.id}/quotes`);
    assert.deepEqual(ids(ok(await dan.req(u.pathname + u.search))), [q1.id]);
    // a post nobody quoted: an empty list
    assert.deepEqual(await ana.client.v1.statuses.$select(q1.id).quotes.list(), []);
  });

  test("the quotes of a post the reader may not see are a 404, as is bad input", T, async () => {
    const secret = await post(ben, "@cat just for you", { visibility: "direct" });
    await assert.rejects(async () => await ana.client.v1.statuses.$select(secret.id).quotes.list(), rejectsWith(404));
    assert.deepEqual(await cat.client.v1.statuses.$select(secret.id).quotes.list(), []);
    err(await ana.req("/api/v1/statuses/123456789/quotes"), 404);
    err(await ana.req("/api/v1/statuses/abc/quotes"), 404);
    const mine = await post(ana, "quotable");
    err(await ana.req(`/api/v1/statuses/${mine.id}/quotes?max_id=x`), [400, 422]);
    err(await ana.req(`/api/v1/statuses/${mine.id}/quotes?order=asc`), 422);
    assert.equal((await ana.req(`/api/v1/statuses/${mine.id}/quotes`, { token: "" })).status, 401);
  });

  test("a followers-only post can be pinned (direct posts and reposts cannot), and only followers see it pinned", T, async () => {
    const p = await post(cat, "for my followers, pinned", { visibility: "private" });
    const pinned = await cat.client.v1.statuses.$select(p.id).pin();
    assert.equal(pinned.pinned, true);
    // dan follows cat (above); ana does not
    await follow(dan, cat);
    assert.deepEqual(ids(await dan.client.v1.accounts.$select(cat.id).statuses.list({ pinned: true })), [p.id]);
    assert.deepEqual(await ana.client.v1.accounts.$select(cat.id).statuses.list({ pinned: true }), []);
    const dm = await post(cat, "@dan a direct one", { visibility: "direct" });
    err(await cat.req(`/api/v1/statuses/${dm.id}/pin`, { method: "POST" }), 422);
    const shared = await post(ana, "worth sharing");
    const repost = ok(await cat.req(`/api/v1/statuses/${shared.id}/reblog`, { method: "POST" }));
    err(await cat.req(`/api/v1/statuses/${repost.id}/pin`, { method: "POST" }), 422);
    assert.deepEqual(ids(await dan.client.v1.accounts.$select(cat.id).statuses.list({ pinned: true })), [p.id]);
    assert.equal((await cat.client.v1.statuses.$select(p.id).unpin()).pinned, false);
  });

  test("allowed_mentions: a mention of someone not listed is refused with unexpected_accounts, and nothing is posted", T, async () => {
    const before = (await ana.client.v1.accounts.verifyCredentials()).statusesCount;
    const res = await ana.req("/api/v1/statuses", {
      method: "POST",
      json: { status: "hello @ben and @cat and @dan", allowed_mentions: [ben.id, dan.id] },
    });
    const body = err(res, 422);
    assert.equal(body.error, "Post would be sent to unexpected accounts");
    assert.deepEqual(body.unexpected_accounts.map((a) => [a.id, a.acct]), [[cat.id, "cat"]]);
    await assert.rejects(
      ana.client.v1.statuses.create({ status: "hi @cat", allowedMentions: [ben.id] }),
      rejectsWith(422),
    );
    // an empty list allows nobody
    const none = err(await ana.req("/api/v1/statuses", { method: "POST", body: `status=${encodeURIComponent("hi @ben")}&allowed_mentions[]=` , headers: { "content-type": "application/x-www-form-urlencoded" } }), 422);
    assert.deepEqual(none.unexpected_accounts.map((a) => a.id), [ben.id]);
    // scheduled posts are checked too
    const later = new Date(Date.now() + 3600_000).toISOString();
    err(await ana.req("/api/v1/statuses", { method: "POST", json: { status: "later @cat", scheduled_at: later, allowed_mentions: [ben.id] } }), 422);
    // bad ids
    err(await ana.req("/api/v1/statuses", { method: "POST", json: { status: "hi @ben", allowed_mentions: ["ben"] } }), 422);
    assert.equal((await ana.client.v1.accounts.verifyCredentials()).statusesCount, before, "nothing was posted");
    assert.deepEqual(await ana.client.v1.scheduledStatuses.list(), []);
    // everyone mentioned is listed: posted
    const fine = await ana.client.v1.statuses.create({ status: "hello @ben and @cat", allowedMentions: [ben.id, cat.id] });
    assert.deepEqual(fine.mentions.map((m) => m.id).sort(), [ben.id, cat.id].sort());
    assert.ok(await ana.client.v1.statuses.create({ status: "nobody mentioned", allowedMentions: [] }));
  });
});

suite("instance: languages, descriptions, and what Atrium leaves out", () => {
  let ctx, ana;
  before(async () => {
    ctx = await socialServer(["ana"]);
    ({ ana } = ctx.users);
  });
  after(() => ctx?.srv.stop());

  test("languages, extended description and translation languages through masto", T, async () => {
    const languages = await ana.client.v1.instance.languages.list();
    // ISO 639-1, by code, each with its English name: what a post may be marked as
    const codes = languages.map((l) => l.code);
    assert.equal(languages.length, 183);
    assert.deepEqual(codes, [...new Set(codes)].sort(), "each once, by code");
    assert.ok(codes.every((c) => /^[a-z]{2}$/.test(c)), codes.join());
    for (const [code, name] of [["en", "English"], ["de", "German"], ["ja", "Japanese"], ["ar", "Arabic"], ["zh", "Chinese"]])
      assert.deepEqual(languages.find((l) => l.code === code), { code, name });
    const described = await ana.client.v1.instance.extendedDescription.fetch();
    assert.match(described.content, /^<p>The enterprise social network of .+<\/p>$/);
    assert.ok(!Number.isNaN(Date.parse(described.updatedAt)), described.updatedAt);
    assert.deepEqual(await ana.client.v1.instance.translationLanguages.list(), {});
    for (const path of ["languages", "extended_description", "translation_languages"])
      assert.equal((await ana.req(`/api/v1/instance/${path}`, { token: "" })).status, 401, path);
  });

  test("the instance documents advertise what works", T, async () => {
    const v1 = ok(await ana.req("/api/v1/instance"));
    const v2 = ok(await ana.req("/api/v2/instance"));
    assert.deepEqual(v1.languages, ["en"]);
    assert.deepEqual(v2.languages, ["en"]);
    assert.equal(v1.registrations, false);
    assert.equal(v2.registrations.enabled, false);
    assert.equal(v2.configuration.translation.enabled, false);
    // what they advertise answers
    assert.equal((await ana.req("/api/v1/instance/languages")).status, 200);
    assert.equal((await ana.req("/api/v1/instance/rules")).status, 200);
  });

  test("sign-up, peers, activity and domain blocks answer a clear error", T, async () => {
    const signUp = err(
      await ana.req("/api/v1/accounts", { method: "POST", token: "", json: { username: "eve", email: "eve@example.com", password: "secret-password", agreement: true, locale: "en" } }),
      403,
    );
    assert.equal(signUp.error, "Sign-up is not available");
    assert.match(signUp.error_description, /directory/);
    await assert.rejects(
      ana.client.v1.accounts.create({ username: "eve", email: "eve@example.com", password: "secret-password", agreement: true, locale: "en" }),
      rejectsWith(403),
    );
    await assert.rejects(async () => await ana.client.v1.instance.peers.list(), rejectsWith(404));
    await assert.rejects(async () => await ana.client.v1.instance.activity.list(), rejectsWith(404));
    await assert.rejects(async () => await ana.client.v1.domainBlocks.list(), rejectsWith(404));
    for (const [method, path] of [
      ["GET", "/api/v1/instance/peers"],
      ["GET", "/api/v1/instance/activity"],
      ["GET", "/api/v1/instance/domain_blocks"],
      ["GET", "/api/v1/domain_blocks"],
      ["POST", "/api/v1/domain_blocks?domain=example.org"],
      ["DELETE", "/api/v1/domain_blocks?domain=example.org"],
    ]) {
      const body = err(await ana.req(path, { method }), 404);
      assert.match(body.error_description, /does not federate/, `${method} ${path}`);
      assert.equal((await ana.req(path, { method, token: "" })).status, 401, `${method} ${path} without a token`);
    }
  });
});

suite("trends: Link headers paging by offset", () => {
  let ctx, ana, ben, cat;
  before(async () => {
    ctx = await socialServer(["ana", "ben", "cat"]);
    ({ ana, ben, cat } = ctx.users);
    const liked = await post(ana, "#alpha #beta #gamma");
    await post(ben, "#alpha #beta");
    await post(cat, "#alpha");
    for (const u of [ben, cat]) ok(await u.req(`/api/v1/statuses/${liked.id}/favourite`, { method: "POST" }));
  });
  after(() => ctx?.srv.stop());

  test("next while a page is full, prev past the first page, other parameters kept", T, async () => {
    const first = await ana.req("/api/v1/trends/tags?limit=1");
    assert.deepEqual(ok(first).map((t) => t.name), ["alpha"]);
    const links = parseLink(first.headers.get("link"));
    assert.ok(links.next, `a next link: ${first.headers.get("link")}`);
    assert.equal(links.prev, undefined, "no prev on the first page");
    const next = new URL(links.next);
    assert.equal(next.pathname, "/api/v1/trends/tags");
    assert.equal(next.searchParams.get("offset"), "1");
    assert.equal(next.searchParams.get("limit"), "1");
    assert.deepEqual(ok(await ana.req(next.pathname + next.search)).map((t) => t.name), ["beta"]);
    const third = await ana.req("/api/v1/trends/tags?limit=1&offset=2");
    assert.deepEqual(ok(third).map((t) => t.name), ["gamma"]);
    const back = parseLink(third.headers.get("link"));
    assert.equal(new URL(back.prev).searchParams.get("offset"), "1");
    assert.equal(new URL(back.next).searchParams.get("offset"), "3");
    // a page that is not full has no next
    const last = await ana.req("/api/v1/trends/tags?limit=5");
    assert.equal(ok(last).length, 3);
    assert.equal(last.headers.get("link"), null);
    // statuses and links are paged the same way
    const posts = await ana.req("/api/v1/trends/statuses?limit=1");
    assert.equal(ok(posts).length, 1);
    assert.equal(new URL(parseLink(posts.headers.get("link")).next).searchParams.get("offset"), "1");
    const older = await ana.req("/api/v1/trends/statuses?limit=1&offset=3");
    assert.equal(new URL(parseLink(older.headers.get("link")).prev).searchParams.get("offset"), "2");
    const cards = await ana.req("/api/v1/trends/links?limit=2&offset=4");
    assert.deepEqual(ok(cards), []);
    assert.equal(new URL(parseLink(cards.headers.get("link")).prev).searchParams.get("offset"), "2");
  });
});

suite("announcements live on the user stream", () => {
  let ctx, boss, ana, ben;
  const admin = (u, path = "", opts = {}) => u.req(`/api/v1/atrium/admin/announcements${path}`, opts);
  before(async () => {
    ctx = await socialServer(["boss", "ana", "ben"], { admins: ["boss"], args: ["--background-interval", "100"] });
    ({ boss, ana, ben } = ctx.users);
  });
  after(() => ctx?.srv.stop());

  test("announcement, announcement.reaction and announcement.delete reach the user stream; a scheduled one when it starts", T, async () => {
    const ws = await openWs(ctx.url, { token: ana.token });
    const quiet = await openWs(ctx.url, { token: ben.token });
    // the payloads as sent (openWs parses them, and an id is no JSON number)
    const raw = [];
    ws.ws.on("message", (d) => raw.push(JSON.parse(d.toString())));
    try {
      ws.subscribe("user");
      quiet.subscribe("public"); // not the user stream: no announcements
      // the subscriptions are in place once a post of ana's own reaches her user stream
      const mine = await post(ana, "subscribed");
      await ws.waitFor((e) => e.event === "update" && e.payload?.id === mine.id, 5000, "ana's own post");
      await quiet.waitFor((e) => e.event === "update" && e.payload?.id === mine.id, 5000, "the public post");

      const a = ok(await admin(boss, "", { method: "POST", json: { text: "**Town hall** at noon" } }));
      const published = await ws.waitFor((e) => e.event === "announcement", 5000, "announcement");
      assert.deepEqual(published.stream, ["user"]);
      assert.equal(published.payload.id, a.id);
      assert.match(published.payload.content, /<strong>Town hall<\/strong>/);
      assert.equal(published.payload.read, false);
      assert.deepEqual(published.payload.reactions, []);

      await ben.client.v1.announcements.$select(a.id).reactions.$select("👍").update();
      const reacted = await ws.waitFor((e) => e.event === "announcement.reaction", 5000, "announcement.reaction");
      assert.deepEqual(reacted.payload, { name: "👍", count: 1, announcement_id: a.id });
      await ana.client.v1.announcements.$select(a.id).reactions.$select("👍").update();
      const second = await ws.waitFor((e) => e.event === "announcement.reaction" && e.payload.count === 2, 5000, "the second reaction");
      assert.equal(second.payload.announcement_id, a.id);
      await ben.client.v1.announcements.$select(a.id).reactions.$select("👍").remove();
      await ws.waitFor((e) => e.event === "announcement.reaction" && e.payload.count === 1 && e !== reacted, 5000, "a reaction taken back");
      assert.equal(ws.events.filter((e) => e.event === "announcement.reaction").length, 3);

      const edited = ok(await admin(boss, `/${a.id}`, { method: "PUT", json: { text: "**Town hall** at one" } }));
      const update = await ws.waitFor((e) => e.event === "announcement" && /at one/.test(e.payload.content), 5000, "the edit");
      assert.equal(update.payload.id, edited.id);

      ok(await admin(boss, `/${a.id}`, { method: "DELETE" }));
      await ws.waitFor((e) => e.event === "announcement.delete", 5000, "announcement.delete");
      assert.deepEqual(raw.filter((m) => m.event === "announcement.delete").map((m) => [m.stream, m.payload]), [[["user"], a.id]]);

      // scheduled: nothing until its time, then the announcement
      const at = new Date(Date.now() + 1500).toISOString();
      const later = ok(await admin(boss, "", { method: "POST", json: { text: "Later today", scheduled_at: at } }));
      assert.ok(!ws.events.some((e) => e.event === "announcement" && e.payload.id === later.id), "not before its time");
      const started = await ws.waitFor((e) => e.event === "announcement" && e.payload.id === later.id, 10000, "the scheduled announcement");
      assert.ok(Date.now() >= Date.parse(at), "not before its time");
      assert.equal(started.payload.content.includes("Later today"), true);
      // sent once
      const last = await post(ana, "after the announcement");
      await ws.waitFor((e) => e.event === "update" && e.payload?.id === last.id, 5000, "a later post");
      assert.equal(ws.events.filter((e) => e.event === "announcement" && e.payload.id === later.id).length, 1);
      assert.ok(!quiet.events.some((e) => e.event?.startsWith("announcement")), "a stream without user hears none");
    } finally {
      ws.close();
      quiet.close();
    }
  });
});

suite("Expect: 100-continue refused before the body", () => {
  let ctx, ana;
  before(async () => {
    ctx = await socialServer(["ana"]);
    ({ ana } = ctx.users);
  });
  after(() => ctx?.srv.stop());

  /** Writes `head` on a new socket; resolves to {socket, read(re, ms), closed}. */
  function send(head) {
    const { hostname, port } = new URL(ctx.url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => {
        let received = "";
        const closed = new Promise((r) => socket.on("close", r));
        socket.on("data", (d) => (received += d.toString("latin1")));
        socket.write(head);
        resolve({
          socket,
          closed,
          received: () => received,
          async read(re, timeoutMs) {
            const deadline = Date.now() + timeoutMs;
            while (!re.test(received)) {
              if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${re}; got ${JSON.stringify(received)}`);
              await new Promise((r) => setTimeout(r, 5));
            }
            return received;
          },
        });
      });
      socket.on("error", reject);
    });
  }
  const body = JSON.stringify({ status: "sent after 100 Continue" });
  const head = (auth) =>
    `POST /api/v1/statuses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${auth}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`;

  test("without a token: 401 at once, no 100, and the connection closes", T, async () => {
    const c = await send(head(""));
    // a client waits a second before sending the body anyway: the answer comes first
    const got = await c.read(/\r\n\r\n[\s\S]*\}/, 900);
    assert.match(got, /^HTTP\/1\.1 401 /);
    assert.match(got, /"error"/);
    await c.closed;
    c.socket.destroy();
  });

  test("with a token that is not valid: 401 at once", T, async () => {
    const c = await send(head("Authorization: Bearer not-a-token\r\n"));
    assert.match(await c.read(/\r\n\r\n[\s\S]*\}/, 900), /^HTTP\/1\.1 401 /);
    c.socket.destroy();
  });

  test("signed in: 100 Continue, then the post", T, async () => {
    const c = await send(head(`Authorization: Bearer ${ana.token}\r\n`));
    const early = await c.read(/\r\n\r\n/, 900);
    assert.match(early, /^HTTP\/1\.1 100 Continue\r\n\r\n$/);
    c.socket.write(body);
    const all = await c.read(/"content"/, 5000);
    assert.match(all.slice(early.length), /^HTTP\/1\.1 200 /);
    c.socket.destroy();
    const mine = await ana.client.v1.accounts.$select(ana.id).statuses.list();
    assert.ok(mine.some((s) => s.content.includes("sent after 100 Continue")));
  });
});
