// Media attachments: uploads through Mastodon's media API, what is kept of
// an image (orientation applied, every metadata stripped), what is refused
// (type by the bytes, bombs, size, attachment rules), and who may fetch a
// file: only the uploader before it is attached, then whoever may see the
// post, and nobody once the post is deleted.
//
// The fixtures in fixtures/media were made with libvips (64x32 pictures;
// anim.gif has two frames) and photo.jpg was given EXIF GPS coordinates, a
// camera serial number and "rotate 90 CW" orientation with exiftool.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stopAll, runCli } from "./lib/server.mjs";
import { socialServer, T, ok, err, post, follow, describe, request } from "./lib/social-helpers.mjs";
import { uploadMedia, fetchFile, exif, png, noisePng } from "./lib/media-helpers.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(__dirname, "fixtures", "media");
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name));

// Limits small enough to reach with test files.
const IMAGE_MAX_BYTES = 20000;
let ctx;

before(async () => {
  ctx = await socialServer(["ann", "bob", "carl", "dora"], {
    args: ["--media-image-max-bytes", String(IMAGE_MAX_BYTES)],
  });
});
after(stopAll);

// ---- helpers -----------------------------------------------------------

/** POST /api/v2/media as `user` on this file's server. */
const upload = (user, bytes, opts) => uploadMedia(ctx.url, user, bytes, opts);

const BLURHASH = /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/;

// ---- tests -------------------------------------------------------------

test("each image type is accepted, processed at once, and described as Mastodon does", T, async () => {
  const { ann } = ctx.users;
  const cases = [
    { file: "photo.jpg", served: "image/jpeg", width: 32, height: 64 }, // rotated upright
    { file: "image.png", served: "image/png", width: 64, height: 32 },
    { file: "image.webp", served: "image/webp", width: 64, height: 32 },
    { file: "anim.gif", served: "image/gif", width: 32, height: 32, frames: 2 },
    { file: "image.avif", served: "image/jpeg", width: 64, height: 32 }, // AVIF is kept as JPEG
  ];
  for (const c of cases) {
    const res = await upload(ann, fixture(c.file), { name: "not-what-it-seems.txt", type: "text/plain", fields: { description: `alt of ${c.file}` } });
    const m = ok(res);
    assert.equal(m.type, "image", c.file);
    assert.match(m.id, /^\d+$/);
    assert.equal(m.remote_url, null);
    assert.equal(m.description, `alt of ${c.file}`);
    assert.match(m.blurhash, BLURHASH, c.file);
    assert.deepEqual(m.meta.original, { width: c.width, height: c.height, size: `${c.width}x${c.height}`, aspect: c.width / c.height }, c.file);
    assert.equal(m.meta.small.width, c.width, "small images keep their size as preview");
    assert.deepEqual(m.meta.focus, { x: 0, y: 0 });
    assert.match(m.url, /\/media\/attachments\/[\w-]{24,}\/original$/);
    assert.match(m.preview_url, /\/media\/attachments\/[\w-]{24,}\/small$/);

    const file = await fetchFile(m.url, ann);
    assert.equal(file.status, 200, `${c.file}: ${file.status}`);
    assert.equal(file.headers.get("content-type"), c.served, c.file);
    const meta = exif(file.body);
    assert.equal(meta["File:ImageWidth"] ?? meta["GIF:ImageWidth"] ?? meta["RIFF:ImageWidth"] ?? meta["PNG:ImageWidth"], c.width, `${c.file}: ${JSON.stringify(meta)}`);
    if (c.frames) assert.equal(meta["GIF:FrameCount"], c.frames, `the animation is kept: ${JSON.stringify(meta)}`);
    const small = await fetchFile(m.preview_url, ann);
    assert.equal(small.status, 200);
    assert.equal(small.headers.get("content-type"), "image/jpeg");
  }
});

test("the instance documents announce the configured limits and types", T, async () => {
  const { ann } = ctx.users;
  const v2 = ok(await ann.req("/api/v2/instance"));
  assert.equal(v2.configuration.media_attachments.image_size_limit, IMAGE_MAX_BYTES);
  assert.equal(v2.configuration.media_attachments.image_matrix_limit, 16000000);
  assert.ok(v2.configuration.media_attachments.supported_mime_types.includes("image/avif"));
  assert.equal(v2.configuration.statuses.max_media_attachments, 4);
});

test("metadata is stripped: no GPS position, no camera serial, orientation applied", T, async () => {
  const { ann } = ctx.users;
  const original = exif(fixture("photo.jpg"));
  assert.ok(Object.keys(original).some((k) => k.startsWith("GPS:")), "the fixture has GPS data to begin with");
  const m = ok(await upload(ann, fixture("photo.jpg")));
  for (const url of [m.url, m.preview_url]) {
    const file = await fetchFile(url, ann);
    assert.equal(file.status, 200);
    const meta = exif(file.body);
    const leaked = Object.keys(meta).filter((k) => /^(GPS|IFD0|ExifIFD|IFD1|XMP|IPTC|ICC)/.test(k) || /Serial|GPS|Make|Model|Orientation/.test(k));
    assert.deepEqual(leaked, [], `metadata left in ${url}: ${JSON.stringify(meta)}`);
    assert.ok(!file.body.includes("CAM-SERIAL-4242"), "the serial number is nowhere in the file");
  }
});

test("refused by content: wrong magic, unsupported type, decompression bomb, oversize, unknown parameters", T, async () => {
  const { ann } = ctx.users;
  // Bytes of no known kind that claim to be a PNG.
  let r = await upload(ann, Buffer.from([0x00, 0x13, 0x37, 0xfe, 0x01, 0x02, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0, 0x00, 0x01]), { name: "x.png", type: "image/png" });
  assert.equal(err(r, 422).error.includes("not of a supported type"), true, describe(r));
  // SVG (script inside) and TIFF: images, but not ones Atrium takes.
  r = await upload(ann, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'), { name: "x.svg", type: "image/svg+xml" });
  err(r, 422);
  r = await upload(ann, fixture("image.tif"), { name: "x.jpg", type: "image/jpeg" });
  err(r, 422);
  // A PNG header declaring 20000 x 20000 pixels: refused before decoding.
  r = await upload(ann, png(20000, 20000));
  assert.match(err(r, 422).error, /too many pixels/, describe(r));
  // A real image over media-image-max-bytes: 413.
  const big = noisePng(100, 100);
  assert.ok(big.length > IMAGE_MAX_BYTES);
  r = await upload(ann, big);
  assert.match(err(r, 413).error, /too large/, describe(r));
  // Empty file, missing file, unknown parameter, bad focus, thumbnail for an image.
  err(await upload(ann, Buffer.alloc(0)), 422);
  err(await upload(ann, fixture("image.png"), { field: "picture" }), 422);
  err(await upload(ann, fixture("image.png"), { fields: { colour: "red" } }), 422);
  err(await upload(ann, fixture("image.png"), { fields: { focus: "2,0" } }), 422);
  err(await upload(ann, fixture("image.png"), { fields: { focus: "left" } }), 422);
  err(await upload(ann, fixture("image.png"), { fields: { description: "x".repeat(1501) } }), 422);
  // Nothing of those was kept: a status with an id from none of them is impossible, and
  // the uploader's attachments list is unchanged (checked through GET on a fresh upload).
  const fine = ok(await upload(ann, fixture("image.png"), { fields: { focus: "-0.5,0.25" } }));
  assert.deepEqual(fine.meta.focus, { x: -0.5, y: 0.25 });
});

test("GET, PUT and DELETE /api/v1/media/:id: the uploader's own unattached uploads", T, async () => {
  const { ann, bob } = ctx.users;
  const m = ok(await upload(ann, fixture("image.png")));
  assert.equal(m.description, null);
  assert.equal(ok(await ann.req(`/api/v1/media/${m.id}`)).id, m.id);
  err(await bob.req(`/api/v1/media/${m.id}`), 404);
  const changed = ok(await ann.req(`/api/v1/media/${m.id}`, { method: "PUT", json: { description: "a whiteboard", focus: "0.1,-0.2" } }));
  assert.equal(changed.description, "a whiteboard");
  assert.deepEqual(changed.meta.focus, { x: 0.1, y: -0.2 });
  err(await bob.req(`/api/v1/media/${m.id}`, { method: "PUT", json: { description: "mine now" } }), 404);
  err(await ann.req(`/api/v1/media/${m.id}`, { method: "PUT", json: { focus: "9,9" } }), 422);
  err(await ann.req(`/api/v1/media/${m.id}`, { method: "PUT", json: { colour: "red" } }), 422);
  assert.equal(ok(await ann.req(`/api/v1/media/${m.id}`)).description, "a whiteboard");

  // Deleting: not someone else's, and the file goes with the row.
  err(await bob.req(`/api/v1/media/${m.id}`, { method: "DELETE" }), 404);
  ok(await ann.req(`/api/v1/media/${m.id}`, { method: "DELETE" }));
  err(await ann.req(`/api/v1/media/${m.id}`), 404);
  assert.equal((await fetchFile(m.url, ann)).status, 404);

  // Attached: neither GET/PUT (as Mastodon) nor DELETE (422).
  const a = ok(await upload(ann, fixture("image.png")));
  await post(ann, "with a picture", { media_ids: [a.id] });
  err(await ann.req(`/api/v1/media/${a.id}`), 404);
  err(await ann.req(`/api/v1/media/${a.id}`, { method: "DELETE" }), 422);
});

test("media_ids on posts: order, alt text, and every refusal changes nothing", T, async () => {
  const { ann, bob } = ctx.users;
  const up = async (u, alt) => ok(await upload(u, fixture("image.png"), { fields: alt ? { description: alt } : {} }));
  const [a, b] = [await up(ann, "first"), await up(ann, "second")];
  const s = await post(ann, "two pictures", { media_ids: [b.id, a.id] });
  assert.deepEqual(s.media_attachments.map((m) => m.id), [b.id, a.id]);
  assert.deepEqual(s.media_attachments.map((m) => m.description), ["second", "first"]);
  assert.deepEqual(ok(await bob.req(`/api/v1/statuses/${s.id}`)).media_attachments.map((m) => m.id), [b.id, a.id]);

  const before = ok(await ann.req(`/api/v1/accounts/${ann.id}`)).statuses_count;
  const five = [];
  for (let i = 0; i < 5; i++) five.push((await up(ann)).id);
  err(await ann.req("/api/v1/statuses", { method: "POST", json: { status: "five", media_ids: five } }), 422);
  const mine = await up(ann);
  const bobs = await up(bob);
  // someone else's upload
  err(await ann.req("/api/v1/statuses", { method: "POST", json: { status: "not mine", media_ids: [mine.id, bobs.id] } }), 422);
  // attached to another post already
  err(await ann.req("/api/v1/statuses", { method: "POST", json: { status: "again", media_ids: [a.id] } }), 422);
  // the same twice, and not an id
  err(await ann.req("/api/v1/statuses", { method: "POST", json: { status: "twice", media_ids: [mine.id, mine.id] } }), 422);
  err(await ann.req("/api/v1/statuses", { method: "POST", json: { status: "bad", media_ids: ["x"] } }), 422);
  // Nothing was posted or attached.
  assert.equal(ok(await ann.req(`/api/v1/accounts/${ann.id}`)).statuses_count, before);
  ok(await ann.req(`/api/v1/media/${mine.id}`)); // still unattached
  ok(await bob.req(`/api/v1/media/${bobs.id}`));

  // Editing: replace the attachments; the one dropped is unattached again.
  const edited = ok(await ann.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "one picture", media_ids: [a.id, mine.id] } }));
  assert.deepEqual(edited.media_attachments.map((m) => m.id), [a.id, mine.id]);
  ok(await ann.req(`/api/v1/media/${b.id}`));
  err(await ann.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "steal", media_ids: [bobs.id] } }), 422);
  assert.deepEqual(ok(await ann.req(`/api/v1/statuses/${s.id}`)).media_attachments.map((m) => m.id), [a.id, mine.id]);
  // An edit without media_ids keeps them.
  const kept = ok(await ann.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "same pictures" } }));
  assert.deepEqual(kept.media_attachments.map((m) => m.id), [a.id, mine.id]);
});

test("only_media on the account's statuses and the organization stream", T, async () => {
  const { carl, bob } = ctx.users;
  await post(carl, "words only");
  const m = ok(await upload(carl, fixture("image.webp")));
  const withMedia = await post(carl, "a picture", { media_ids: [m.id] });
  const onlyMedia = ok(await bob.req(`/api/v1/accounts/${carl.id}/statuses?only_media=true`));
  assert.deepEqual(onlyMedia.map((s) => s.id), [withMedia.id]);
  assert.equal(ok(await bob.req(`/api/v1/accounts/${carl.id}/statuses`)).length, 2);
  const stream = ok(await bob.req(`/api/v1/timelines/public?only_media=true&limit=40`));
  assert.ok(stream.length > 0 && stream.every((s) => s.media_attachments.length > 0), JSON.stringify(stream.map((s) => s.id)));
  assert.ok(stream.some((s) => s.id === withMedia.id));
});

test("access follows the post: uploader, follower, restricted community, deactivated member, deleted post", T, async () => {
  const { ann, bob, carl, dora } = ctx.users;
  // A restricted community with ann, bob and dora; carl is outside.
  const community = ok(await ann.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "media_secret", name: "Media secret", type: "restricted" } }));
  const base = `/api/v1/atrium/communities/${community.id}`;
  for (const u of [bob, dora]) {
    ok(await ann.req(`${base}/invitations`, { method: "POST", json: { account_id: u.id } }));
    ok(await u.req(`${base}/join`, { method: "POST" }));
  }
  const inCommunity = ok(await upload(ann, fixture("photo.jpg")));
  const followersOnly = ok(await upload(ann, fixture("image.png")));
  const unattached = ok(await upload(ann, fixture("image.webp")));

  // Unattached: the uploader only.
  for (const [u, status] of [[ann, 200], [bob, 404], [carl, 404], [null, 401]])
    assert.equal((await fetchFile(unattached.url, u)).status, status, `unattached, ${u?.name ?? "anonymous"}`);

  const P = await post(ann, "whiteboard", { community_id: community.id, media_ids: [inCommunity.id] });
  await follow(bob, ann);
  const F = await post(ann, "for followers", { visibility: "private", media_ids: [followersOnly.id] });
  const urlOf = (s) => s.media_attachments[0].url;
  const previewOf = (s) => s.media_attachments[0].preview_url;

  const matrix = [
    // [viewer, community post, followers-only post]
    [ann, 200, 200],
    [bob, 200, 200], // member and follower
    [dora, 200, 404], // member, not a follower
    [carl, 404, 404], // neither: even with the exact URLs
    [null, 401, 401],
  ];
  for (const [u, pc, pf] of matrix) {
    const who = u?.name ?? "anonymous";
    assert.equal((await fetchFile(urlOf(P), u)).status, pc, `${who}: community original`);
    assert.equal((await fetchFile(previewOf(P), u)).status, pc, `${who}: community preview`);
    assert.equal((await fetchFile(urlOf(F), u)).status, pf, `${who}: followers-only original`);
  }
  // Unknown variants and keys are 404, not a path into the disk.
  assert.equal((await fetchFile(urlOf(P).replace(/original$/, "..%2F..%2Fatrium.db"), ann)).status, 404);
  assert.equal((await fetchFile(urlOf(P).replace(/attachments\/[\w-]+/, "attachments/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), ann)).status, 404);

  // A deactivated member loses access at once.
  const r = await runCli(["user", "deactivate", "dora"], { dataDir: ctx.srv.dataDir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await fetchFile(urlOf(P), dora)).status, 401);

  // After the post is deleted its files are gone, for everyone.
  ok(await ann.req(`/api/v1/statuses/${P.id}`, { method: "DELETE" }));
  for (const u of [ann, bob]) {
    assert.equal((await fetchFile(urlOf(P), u)).status, 404, `${u.name} after delete`);
    assert.equal((await fetchFile(previewOf(P), u)).status, 404, `${u.name} after delete (preview)`);
  }
});

test("served privately with an ETag (304) and byte ranges (206, 416)", T, async () => {
  const { ann } = ctx.users;
  const m = ok(await upload(ann, fixture("photo.jpg")));
  const whole = await fetchFile(m.url, ann);
  assert.equal(whole.status, 200);
  assert.match(whole.headers.get("cache-control"), /^private\b/);
  assert.equal(whole.headers.get("accept-ranges"), "bytes");
  assert.equal(Number(whole.headers.get("content-length")), whole.body.length);
  const etag = whole.headers.get("etag");
  assert.match(etag, /^"[\w-]+"$/);

  const same = await fetchFile(m.url, ann, { "If-None-Match": etag });
  assert.equal(same.status, 304);
  assert.equal(same.body.length, 0);
  assert.equal((await fetchFile(m.url, ann, { "If-None-Match": '"other"' })).status, 200);

  const size = whole.body.length;
  const part = await fetchFile(m.url, ann, { Range: "bytes=0-9" });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get("content-range"), `bytes 0-9/${size}`);
  assert.deepEqual(part.body, whole.body.subarray(0, 10));
  const tail = await fetchFile(m.url, ann, { Range: "bytes=-7" });
  assert.equal(tail.status, 206);
  assert.deepEqual(tail.body, whole.body.subarray(size - 7));
  const middle = await fetchFile(m.url, ann, { Range: `bytes=${size - 20}-` });
  assert.deepEqual(middle.body, whole.body.subarray(size - 20));
  const beyond = await fetchFile(m.url, ann, { Range: `bytes=${size}-` });
  assert.equal(beyond.status, 416);
  assert.equal(beyond.headers.get("content-range"), `bytes */${size}`);
  // A stale If-Range: the whole file.
  const stale = await fetchFile(m.url, ann, { Range: "bytes=0-9", "If-Range": '"older"' });
  assert.equal(stale.status, 200);
  assert.equal(stale.body.length, size);
});

test("the masto client uploads through v2.media.create and posts with it", T, async () => {
  const { ann, bob } = ctx.users;
  const attachment = await ann.client.v2.media.create({
    file: new Blob([fixture("image.png")], { type: "image/png" }),
    description: "from masto",
    focus: "0.5,0.5",
  });
  assert.equal(attachment.type, "image");
  assert.equal(attachment.description, "from masto");
  const updated = await ann.client.v1.media.$select(attachment.id).update({ description: "edited in masto" });
  assert.equal(updated.description, "edited in masto");
  const status = await ann.client.v1.statuses.create({ status: "via masto", mediaIds: [attachment.id] });
  assert.equal(status.mediaAttachments.length, 1);
  assert.equal(status.mediaAttachments[0].description, "edited in masto");
  assert.equal((await fetchFile(status.mediaAttachments[0].url, bob)).status, 200);
});

test("per-member upload rate limit: 429 with Retry-After", T, async () => {
  // A server of its own with a limit of two uploads an hour.
  const own = await socialServer(["uma"], { args: ["--media-uploads-per-hour", "2"] });
  const { uma } = own.users;
  const send = () => {
    const form = new FormData();
    form.append("file", new Blob([fixture("image.png")]), "x.png");
    return fetch(`${own.url}/api/v2/media`, { method: "POST", headers: { Authorization: `Bearer ${uma.token}` }, body: form });
  };
  assert.equal((await send()).status, 200);
  assert.equal((await send()).status, 200);
  const third = await send();
  assert.equal(third.status, 429);
  assert.ok(Number(third.headers.get("retry-after")) > 0);
  assert.equal(typeof (await third.json()).error, "string");
  await own.srv.stop();
});
