// "Link, don't repost": a member connects their external blog's RSS or Atom
// feed (/api/v1/atrium/external_feeds) and each new entry becomes their post
// with the title, a short excerpt and the link — never the article. Read
// from a local test server (allowed by fetch-allow; refused without it),
// politely (If-None-Match answered 304), and never posted twice, also
// across a restart.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { socialServer, makeUser, ok, err, eventually, T } from "./lib/social-helpers.mjs";
import { request } from "./lib/http.mjs";
import { startServer } from "./lib/server.mjs";

const ARTICLE = "FULL ARTICLE TEXT that must stay on the blog";

/** A blog on 127.0.0.1: an RSS feed whose entries the test adds, an Atom feed. */
async function startBlog() {
  const blog = { entries: [], version: 1, requests: 0, conditional: 0, notModified: 0, atomRequests: 0 };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/atom.xml") {
      blog.atomRequests++;
      res.writeHead(200, { "content-type": "application/atom+xml" });
      return res.end(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ben's notes</title>
  <entry>
    <id>tag:ben.example,2026:1</id>
    <title type="html">Notes &amp;lt;on&amp;gt; onboarding</title>
    <link rel="alternate" href="/notes/onboarding"/>
    <summary type="html">&lt;p&gt;What new people &lt;em&gt;asked&lt;/em&gt; us.&lt;/p&gt;</summary>
    <content type="html">${ARTICLE}</content>
  </entry>
</feed>`);
    }
    if (url.pathname !== "/feed.xml") {
      res.writeHead(404);
      return res.end();
    }
    blog.requests++;
    const etag = `"v${blog.version}"`;
    if (req.headers["if-none-match"] !== undefined) blog.conditional++;
    if (req.headers["if-none-match"] === etag) {
      blog.notModified++;
      res.writeHead(304, { etag });
      return res.end();
    }
    const items = blog.entries
      .map(
        (e) => `<item>
      <title>${e.title}</title>
      <link>${base}/posts/${e.slug}</link>
      <guid isPermaLink="false">entry-${e.slug}</guid>
      <description><![CDATA[<p>${e.summary}</p>]]></description>
      <content:encoded><![CDATA[<p>${ARTICLE} (${e.slug})</p>]]></content:encoded>
    </item>`,
      )
      .join("\n");
    res.writeHead(200, { "content-type": "application/rss+xml", etag });
    res.end(`<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>Ana's blog</title><link>${base}/</link>
  ${items}
  </channel></rss>`);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}`;
  blog.base = base;
  blog.close = () => new Promise((r) => server.close(r));
  /** Adds an entry at the top (feeds list the newest first) and changes the ETag. */
  blog.add = (slug, title, summary) => {
    blog.entries.unshift({ slug, title, summary });
    blog.version++;
  };
  return blog;
}

const ARGS = (extra = []) => ["--feed-poll-interval", "200", "--background-interval", "50", ...extra];

/** The member's posts linking `link`. */
async function postsLinking(user, link) {
  const list = ok(await user.req(`/api/v1/accounts/${user.id}/statuses?limit=40`));
  return list.filter((s) => s.content.includes(`href="${link}"`));
}

async function waitFor(predicate, what, timeoutMs = 15000) {
  return eventually(async () => assert.ok(await predicate(), what), timeoutMs);
}

suite("an RSS feed becomes link posts exactly once", () => {
  let ctx, blog, ana, args;
  before(async () => {
    blog = await startBlog();
    blog.add("first", "First entry", "An older entry.");
    blog.add("second", "Second entry", "Why we moved the wiki, in short.");
    args = ARGS(["--fetch-allow", "127.0.0.1"]);
    ctx = await socialServer(["ana", "ben"], { args });
    ({ ana } = ctx.users);
  });
  after(() => blog?.close());

  test("connecting posts the newest entry: title, excerpt and link, never the article", T, async () => {
    const feed = ok(await ana.req("/api/v1/atrium/external_feeds", { method: "POST", json: { url: `${blog.base}/feed.xml` } }));
    assert.equal(feed.url, `${blog.base}/feed.xml`);
    assert.equal(feed.visibility, "public");
    await waitFor(async () => (await postsLinking(ana, `${blog.base}/posts/second`)).length === 1, "the newest entry is posted");
    const [post] = await postsLinking(ana, `${blog.base}/posts/second`);
    assert.match(post.content, /Second entry/);
    assert.match(post.content, /Why we moved the wiki, in short\./);
    assert.doesNotMatch(post.content, /FULL ARTICLE TEXT/);
    assert.equal(post.visibility, "public");
    assert.deepEqual(await postsLinking(ana, `${blog.base}/posts/first`), [], "entries older than the connection are not posted");
    const [listed] = ok(await ana.req("/api/v1/atrium/external_feeds"));
    assert.equal(listed.id, feed.id);
    assert.equal(listed.title, "Ana's blog");
    assert.equal(listed.last_error, null);
    assert.ok(listed.last_polled_at);
  });

  test("the next readings are conditional (If-None-Match, answered 304) and post nothing", T, async () => {
    await waitFor(() => blog.notModified >= 2, "two readings answered 304");
    assert.ok(blog.conditional >= 2);
    assert.equal((await postsLinking(ana, `${blog.base}/posts/second`)).length, 1);
  });

  test("a new entry becomes one post; nothing is posted twice, also after a restart", T, async () => {
    blog.add("third", "Third entry", "Short & sweet: <b>bold</b> claims.");
    await waitFor(async () => (await postsLinking(ana, `${blog.base}/posts/third`)).length === 1, "the new entry is posted");
    const [third] = await postsLinking(ana, `${blog.base}/posts/third`);
    assert.match(third.content, /Short &amp; sweet: bold claims\./, "the summary's text (its HTML dropped), escaped as any post's");
    assert.doesNotMatch(third.content, /<b>/);

    // The feed answers in full again (a new ETag, the same entries), before
    // and after a restart: still one post per entry.
    await ctx.srv.stop();
    blog.version++;
    const requestsBefore = blog.requests;
    const srv = await startServer({ dataDir: ctx.srv.dataDir, args });
    const again = makeUser(srv.url, "ana", ana.token);
    again.id = ana.id;
    await waitFor(() => blog.requests >= requestsBefore + 3, "read three times after the restart");
    for (const slug of ["second", "third"]) assert.equal((await postsLinking(again, `${blog.base}/posts/${slug}`)).length, 1, slug);
    assert.deepEqual(await postsLinking(again, `${blog.base}/posts/first`), []);
    await srv.stop();
  });
});

suite("external feeds: Atom, the API's rules and the outbound policy", () => {
  let ctx, blog, ana, ben;
  before(async () => {
    blog = await startBlog();
    ctx = await socialServer(["ana", "ben"], { args: ARGS(["--fetch-allow", "127.0.0.1"]) });
    ({ ana, ben } = ctx.users);
  });
  after(() => blog?.close());

  test("an Atom feed's entry becomes a post of the chosen visibility", T, async () => {
    ok(await ben.req("/api/v1/atrium/external_feeds", { method: "POST", json: { url: `${blog.base}/atom.xml`, visibility: "unlisted" } }));
    const link = `${blog.base}/notes/onboarding`;
    await waitFor(async () => (await postsLinking(ben, link)).length === 1, "the Atom entry is posted");
    const [post] = await postsLinking(ben, link);
    assert.equal(post.visibility, "unlisted");
    assert.match(post.content, /Notes &lt;on&gt; onboarding/);
    assert.match(post.content, /What new people asked us\./);
    assert.doesNotMatch(post.content, /FULL ARTICLE TEXT/);
  });

  test("bad input is refused and changes nothing", T, async () => {
    const cases = [
      [{}, 422],
      [{ url: "" }, 422],
      [{ url: "ftp://blog.example/feed" }, 422],
      [{ url: "javascript:alert(1)" }, 422],
      [{ url: "not a url" }, 422],
      [{ url: `https://blog.example/${"a".repeat(3000)}` }, 422],
      [{ url: "https://blog.example/feed", visibility: "direct" }, 422],
      [{ url: "https://blog.example/feed", visibility: "everyone" }, 422],
      [{ url: "https://blog.example/feed", interval: "1" }, [400, 422]],
    ];
    for (const [json, status] of cases) err(await ana.req("/api/v1/atrium/external_feeds", { method: "POST", json }), status);
    assert.deepEqual(ok(await ana.req("/api/v1/atrium/external_feeds")), []);
    err(await request(ctx.url, "/api/v1/atrium/external_feeds"), 401);
  });

  test("connecting twice is a conflict; only the owner disconnects", T, async () => {
    const url = "https://blog.example/ana.xml";
    const feed = ok(await ana.req("/api/v1/atrium/external_feeds", { method: "POST", json: { url } }));
    err(await ana.req("/api/v1/atrium/external_feeds", { method: "POST", json: { url } }), 409);
    err(await ben.req(`/api/v1/atrium/external_feeds/${feed.id}`, { method: "DELETE" }), 404);
    assert.equal(ok(await ana.req("/api/v1/atrium/external_feeds")).length, 1);
    ok(await ana.req(`/api/v1/atrium/external_feeds/${feed.id}`, { method: "DELETE" }));
    assert.deepEqual(ok(await ana.req("/api/v1/atrium/external_feeds")), []);
    err(await ana.req(`/api/v1/atrium/external_feeds/${feed.id}`, { method: "DELETE" }), 404);
  });

  test("at most ten feeds per member", T, async () => {
    for (let i = 0; i < 10; i++) ok(await ana.req("/api/v1/atrium/external_feeds", { method: "POST", json: { url: `https://blog${i}.example/feed` } }));
    err(await ana.req("/api/v1/atrium/external_feeds", { method: "POST", json: { url: "https://blog10.example/feed" } }), 422);
    assert.equal(ok(await ana.req("/api/v1/atrium/external_feeds")).length, 10);
  });
});

suite("external feeds without fetch-allow", () => {
  let ctx, blog;
  before(async () => {
    blog = await startBlog();
    blog.add("only", "Only entry", "x");
    ctx = await socialServer(["ana"], { args: ARGS() });
  });
  after(() => blog?.close());

  test("a feed on 127.0.0.1 is refused (and the error shown), the blog never asked", T, async () => {
    const { ana } = ctx.users;
    const feed = ok(await ana.req("/api/v1/atrium/external_feeds", { method: "POST", json: { url: `${blog.base}/feed.xml` } }));
    await waitFor(async () => {
      const [f] = ok(await ana.req("/api/v1/atrium/external_feeds"));
      return f.id === feed.id && /loopback/.test(f.last_error || "") && f.failures >= 1;
    }, "the refusal is recorded");
    assert.equal(blog.requests, 0);
    assert.deepEqual(await postsLinking(ana, `${blog.base}/posts/only`), []);
  });
});
