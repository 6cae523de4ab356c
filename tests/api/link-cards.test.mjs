// Link previews: a post linking a page gets Mastodon's `card` (OpenGraph and
// oEmbed from a local test server, its picture through the media pipeline)
// off the request path, announced over the stream as status.update, and
// kept per URL; GET /api/v1/statuses/:id/card. The outbound policy: the
// test server is on 127.0.0.1, which only an explicit `fetch-allow` opens;
// without it, loopback is refused, the metadata address always, as are
// oversized pages and too many redirects — each proved by the test server
// seeing no request (or only the allowed ones) and by the result counter.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { socialServer, ok, err, eventually, openWs, follow, T } from "./lib/social-helpers.mjs";
import { request } from "./lib/http.mjs";
import { startServer } from "./lib/server.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const IMAGE = fs.readFileSync(path.join(__dirname, "fixtures", "media", "image.png"));
const TOKEN = "metrics-token-0123456789abcdef";

/** A small web server on 127.0.0.1 with pages to preview; counts requests per path. */
async function startPages() {
  const hits = new Map();
  let base;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    hits.set(url.pathname, (hits.get(url.pathname) || 0) + 1);
    const html = (body) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(body);
    };
    const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n > 1 ? `/hop/${n - 1}` : "/article" });
      return res.end();
    }
    switch (url.pathname) {
      case "/article":
        return html(`<!doctype html><html><head>
          <title>Fallback title</title>
          <meta property="og:title" content="Atlas launch &amp; what comes next">
          <meta property="og:description" content="How the Atlas team shipped the new search.">
          <meta property="og:site_name" content="Atlas Wiki">
          <meta property="og:type" content="article">
          <meta property="og:url" content="${base}/article">
          <meta property="og:image" content="/picture.png">
          <link rel="alternate" type="application/json+oembed" href="/oembed?url=article">
          </head><body><p>Body text that is not the description.</p></body></html>`);
      case "/oembed":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ version: "1.0", type: "rich", author_name: "Maria Lopez", author_url: `${base}/people/maria`, provider_name: "Atlas Wiki (oEmbed)", provider_url: `${base}/`, html: "<script>alert(1)</script>", width: 600, height: 400 }));
      case "/picture.png":
        res.writeHead(200, { "content-type": "image/png" });
        return res.end(IMAGE);
      case "/plain":
        return html("<html><head><title>Only a title</title></head><body>nothing else</body></html>");
      case "/big":
        return html(`<html><head><meta property="og:title" content="Too big"></head><body>${"x".repeat(200000)}</body></html>`);
      case "/to-metadata":
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
        return res.end();
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  return { base, hits, count: (p) => hits.get(p) || 0, close: () => new Promise((r) => server.close(r)) };
}

/** The value of atrium_link_cards_total{result=…} (0 when absent). */
async function settled(url, result) {
  const res = await request(url, "/metrics", { token: TOKEN });
  assert.equal(res.status, 200, res.text);
  const m = new RegExp(`^atrium_link_cards_total\\{result="${result}"\\} (\\d+)`, "m").exec(res.text);
  return m ? Number(m[1]) : 0;
}

async function waitSettled(url, result, atLeast) {
  await eventually(async () => assert.ok((await settled(url, result)) >= atLeast, `${result} >= ${atLeast}`), 10000);
}

suite("link previews with 127.0.0.1 allowed", () => {
  let ctx, pages, ana, ben;
  before(async () => {
    pages = await startPages();
    ctx = await socialServer(["ana", "ben"], {
      args: ["--fetch-allow", "127.0.0.1/32, 169.254.0.0/16", "--fetch-max-bytes", "50000", "--fetch-max-redirects", "3", "--metrics-token", TOKEN],
    });
    ({ ana, ben } = ctx.users);
    await follow(ben, ana);
  });
  after(() => pages?.close());

  test("the post appears at once; the card follows over the stream; OpenGraph and oEmbed", T, async () => {
    const ws = await openWs(ctx.url, { token: ben.token });
    ws.subscribe("user");
    await new Promise((r) => setTimeout(r, 100)); // the subscription reaches the server first
    const created = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `Read this: ${pages.base}/article` } }));
    assert.equal(created.card, null, "the post is answered before its card is made");
    const update = await ws.waitFor((e) => e.event === "status.update" && e.payload?.id === created.id, 10000, "status.update with the card");
    ws.close();
    const card = update.payload.card;
    assert.ok(card, "the update carries the card");
    assert.equal(card.title, "Atlas launch & what comes next");
    assert.equal(card.description, "How the Atlas team shipped the new search.");
    assert.equal(card.url, `${pages.base}/article`);
    assert.equal(card.type, "rich");
    assert.equal(card.provider_name, "Atlas Wiki (oEmbed)");
    assert.equal(card.provider_url, `${pages.base}/`);
    assert.equal(card.author_name, "Maria Lopez");
    assert.equal(card.author_url, `${pages.base}/people/maria`);
    assert.equal(card.html, "", "a page's own HTML is never passed on");
    assert.equal(typeof card.blurhash, "string");
    assert.ok(card.width > 0 && card.height > 0, JSON.stringify(card));
    assert.match(card.image, /^http:\/\/127\.0\.0\.1:\d+\/media\/cards\/card-[0-9a-f]{32}$/);

    const viaEndpoint = ok(await ben.req(`/api/v1/statuses/${created.id}/card`));
    assert.deepEqual(viaEndpoint, card);
    const viaStatus = ok(await ben.req(`/api/v1/statuses/${created.id}`));
    assert.deepEqual(viaStatus.card, card);

    // The picture went through the image pipeline: a JPEG preview, members only.
    const picture = await fetch(card.image, { headers: { authorization: `Bearer ${ben.token}` } });
    assert.equal(picture.status, 200);
    assert.equal(picture.headers.get("content-type"), "image/jpeg");
    const bytes = Buffer.from(await picture.arrayBuffer());
    assert.equal(bytes[0], 0xff);
    assert.equal(bytes[1], 0xd8);
    assert.equal((await fetch(card.image)).status, 401);
    assert.equal(pages.count("/picture.png"), 1);
    assert.equal(pages.count("/oembed"), 1);
  });

  test("a card is kept per URL: a second post linking the page does not fetch it again", T, async () => {
    const before = pages.count("/article");
    assert.ok(before >= 1);
    const cachedBefore = await settled(ctx.url, "cached");
    const second = ok(await ben.req("/api/v1/statuses", { method: "POST", json: { status: `also ${pages.base}/article` } }));
    await waitSettled(ctx.url, "cached", cachedBefore + 1);
    const card = ok(await ana.req(`/api/v1/statuses/${second.id}/card`));
    assert.equal(card.title, "Atlas launch & what comes next");
    assert.equal(pages.count("/article"), before);
  });

  test("an edit that removes the link removes the card; an edit to another link brings that page's card", T, async () => {
    const post = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `see ${pages.base}/plain` } }));
    await eventually(async () => assert.equal(ok(await ana.req(`/api/v1/statuses/${post.id}/card`)).title, "Only a title"), 10000);
    const ws = await openWs(ctx.url, { token: ben.token });
    ws.subscribe("user");
    await new Promise((r) => setTimeout(r, 100)); // the subscription reaches the server first
    const edited = ok(await ana.req(`/api/v1/statuses/${post.id}`, { method: "PUT", json: { status: "see the wiki" } }));
    assert.equal(edited.card, null, "the edit's answer carries no card");
    const update = await ws.waitFor((e) => e.event === "status.update" && e.payload?.id === post.id, 10000, "status.update of the edit");
    ws.close();
    assert.equal(update.payload.card, null, "the stream's update carries no card");
    assert.deepEqual(ok(await ben.req(`/api/v1/statuses/${post.id}/card`)), {});
    assert.equal(ok(await ben.req(`/api/v1/statuses/${post.id}`)).card, null);

    ok(await ana.req(`/api/v1/statuses/${post.id}`, { method: "PUT", json: { status: `see ${pages.base}/article` } }));
    await eventually(async () => assert.equal(ok(await ben.req(`/api/v1/statuses/${post.id}/card`)).title, "Atlas launch & what comes next"), 10000);
  });

  test("a page without OpenGraph tags gets a card from its <title>; the card endpoint obeys visibility", T, async () => {
    const direct = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `note to self ${pages.base}/plain`, visibility: "direct" } }));
    await eventually(async () => assert.equal(ok(await ana.req(`/api/v1/statuses/${direct.id}/card`)).title, "Only a title"), 10000);
    err(await ben.req(`/api/v1/statuses/${direct.id}/card`), 404);
    err(await ben.req("/api/v1/statuses/12345/card"), 404);
    err(await request(ctx.url, `/api/v1/statuses/${direct.id}/card`), 401);
  });

  test("redirects are followed up to fetch-max-redirects, each hop checked", T, async () => {
    const within = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `${pages.base}/hop/2` } }));
    await eventually(async () => assert.equal(ok(await ana.req(`/api/v1/statuses/${within.id}/card`)).title, "Atlas launch & what comes next"), 10000);

    const redirectsBefore = await settled(ctx.url, "redirects");
    const beyond = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `${pages.base}/hop/9` } }));
    await waitSettled(ctx.url, "redirects", redirectsBefore + 1);
    assert.deepEqual(ok(await ana.req(`/api/v1/statuses/${beyond.id}/card`)), {});
    assert.equal(pages.count("/hop/6"), 1, "the first request and three redirects were followed");
    assert.equal(pages.count("/hop/5"), 0, "no more");
  });

  test("an oversized page gets no card", T, async () => {
    const before = await settled(ctx.url, "too_large");
    const big = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `${pages.base}/big` } }));
    await waitSettled(ctx.url, "too_large", before + 1);
    assert.deepEqual(ok(await ana.req(`/api/v1/statuses/${big.id}/card`)), {});
    assert.equal(pages.count("/big"), 1);
  });

  test("the metadata address is refused even inside an allowed network, and as a redirect's target", T, async () => {
    const before = await settled(ctx.url, "refused");
    const direct = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: "http://169.254.169.254/latest/meta-data/iam" } }));
    const viaRedirect = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `${pages.base}/to-metadata` } }));
    await waitSettled(ctx.url, "refused", before + 2);
    assert.deepEqual(ok(await ana.req(`/api/v1/statuses/${direct.id}/card`)), {});
    assert.deepEqual(ok(await ana.req(`/api/v1/statuses/${viaRedirect.id}/card`)), {});
    assert.equal(pages.count("/to-metadata"), 1);
  });

  test("the queue's gauges are exported", T, async () => {
    const res = await request(ctx.url, "/metrics", { token: TOKEN });
    assert.match(res.text, /^atrium_link_card_queue_depth \d+/m);
    assert.match(res.text, /^atrium_link_card_queue_oldest_age_seconds [\d.e+-]+/m);
  });
});

suite("link previews with the default outbound policy", () => {
  let ctx, pages, ana;
  before(async () => {
    pages = await startPages();
    ctx = await socialServer(["ana"], { args: ["--metrics-token", TOKEN] });
    ({ ana } = ctx.users);
  });
  after(() => pages?.close());

  test("loopback is refused without fetch-allow: by address and by a name resolving to it", T, async () => {
    const port = new URL(pages.base).port;
    const byAddress = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `${pages.base}/article` } }));
    const byName = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: `http://localhost:${port}/plain` } }));
    const metadata = ok(await ana.req("/api/v1/statuses", { method: "POST", json: { status: "http://[fd00:ec2::254]/latest/" } }));
    await waitSettled(ctx.url, "refused", 3);
    for (const s of [byAddress, byName, metadata]) assert.deepEqual(ok(await ana.req(`/api/v1/statuses/${s.id}/card`)), {});
    assert.equal(pages.hits.size, 0, `the test server was never asked: ${JSON.stringify([...pages.hits])}`);
  });
});

suite("outbound settings are checked at start", () => {
  test("a fetch-allow entry that is neither a host nor a network stops the server", T, async () => {
    const fine = await startServer({ args: ["--fetch-allow", "wiki.corp.example, *.intranet.example, 10.20.0.0/16, fd12::/16", "--fetch-public", "false"] });
    await fine.stop();
    await assert.rejects(startServer({ args: ["--fetch-allow", "wiki.corp.example, not a host"] }), /fetch-allow/);
  });
});
