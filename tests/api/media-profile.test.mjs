// Pictures of profiles and the loose ends of attachments: header images
// (update_credentials' `header`, DELETE /api/v1/profile/{avatar,header}),
// community banners (owners and moderators; a restricted community's for
// its members only), a phone video held upright, a document's name with
// quotes in it, and empty JSON arrays that clear a list (media_ids on an
// edit, expertise on the profile).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stopAll } from "./lib/server.mjs";
import { socialServer, T, ok, err, post, describe, request } from "./lib/social-helpers.mjs";
import { uploadMedia, fetchFile, exif, turnedMp4 } from "./lib/media-helpers.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => fs.readFileSync(path.join(__dirname, "fixtures", "media", name));
const C = "/api/v1/atrium/communities";

let ctx;
before(async () => {
  ctx = await socialServer(["ann", "bob", "carl"]);
});
after(stopAll);

/** A multipart request with `files` ({field: [bytes, name]}) as `user`. */
async function multipart(user, method, path, files, fields = {}) {
  const form = new FormData();
  for (const [field, [bytes, name]] of Object.entries(files)) form.append(field, new Blob([bytes]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${ctx.url}${path}`, { method, headers: { Authorization: `Bearer ${user.token}` }, body: form });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
}

test("header image: uploaded through the image pipeline, shown to members, removed", T, async () => {
  const { ann, bob } = ctx.users;
  const before = ok(await ann.req("/api/v1/accounts/verify_credentials"));
  assert.match(before.header, /\/headers\/original\/missing\.png$/);
  const missing = await fetch(before.header);
  assert.equal(missing.status, 200, "the default header is a static asset");
  assert.equal(missing.headers.get("content-type"), "image/png");

  // A phone photo with GPS, a camera serial and "rotate 90 CW" (64 x 32 stored).
  const me = ok(await multipart(ann, "PATCH", "/api/v1/accounts/update_credentials", { header: [fixture("photo.jpg"), "me.png"] }));
  assert.match(me.header, /\/media\/headers\/\d+-[\w-]+\.jpg$/);
  assert.equal(me.header_static, me.header);
  assert.match(me.avatar, /missing\.png$/, "the avatar is untouched");
  // Others see it on the profile.
  const seen = ok(await bob.req(`/api/v1/accounts/${ann.id}`));
  assert.equal(seen.header, me.header);
  const file = await fetchFile(me.header, bob);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get("content-type"), "image/jpeg");
  assert.match(file.headers.get("cache-control"), /^private\b/);
  const meta = exif(file.body);
  assert.equal(meta["ExifIFD:SerialNumber"], undefined, "no camera serial");
  assert.ok(!Object.keys(meta).some((k) => k.startsWith("GPS")), `no GPS: ${Object.keys(meta).join(", ")}`);
  assert.equal(meta["File:ImageWidth"], 32, "orientation applied");
  assert.equal(meta["File:ImageHeight"], 64);
  assert.equal((await fetchFile(me.header, null)).status, 401, "members only");

  // Refusals change nothing.
  err(await multipart(ann, "PATCH", "/api/v1/accounts/update_credentials", { header: [Buffer.from("not a picture"), "h.png"] }), 422);
  err(await ann.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { header: "https://example.com/x.png" } }), 422);
  assert.equal(ok(await ann.req("/api/v1/accounts/verify_credentials")).header, me.header);

  // A new one replaces the old file.
  const again = ok(await multipart(ann, "PATCH", "/api/v1/accounts/update_credentials", { header: [fixture("image.png"), "wide.png"], avatar: [fixture("image.png"), "a.png"] }));
  assert.notEqual(again.header, me.header);
  assert.match(again.avatar, /\/media\/avatars\//);
  assert.equal((await fetchFile(me.header, bob)).status, 404, "the replaced file is gone");

  // Mastodon's profile API removes each.
  const noHeader = ok(await ann.req("/api/v1/profile/header", { method: "DELETE" }));
  assert.match(noHeader.header, /\/headers\/original\/missing\.png$/);
  assert.equal(noHeader.avatar, again.avatar, "the avatar stays");
  assert.equal((await fetchFile(again.header, bob)).status, 404);
  const noAvatar = ok(await ann.req("/api/v1/profile/avatar", { method: "DELETE" }));
  assert.match(noAvatar.avatar, /\/avatars\/original\/missing\.png$/);
  assert.equal((await fetchFile(again.avatar, bob)).status, 404);
  assert.match(ok(await bob.req(`/api/v1/accounts/${ann.id}`)).avatar, /missing\.png$/);
  // Nothing left to remove: still fine.
  ok(await ann.req("/api/v1/profile/header", { method: "DELETE" }));
  err(await request(ctx.url, "/api/v1/profile/avatar", { method: "DELETE" }), 401);
});

test("community banners: owners and moderators, the community's readers only", T, async () => {
  const { ann, bob, carl } = ctx.users;
  const pub = ok(await ann.req(C, { method: "POST", json: { handle: "banners_pub", name: "Open", type: "public" } }));
  assert.equal(pub.banner, null);
  ok(await bob.req(`${C}/${pub.id}/join`, { method: "POST" }));
  ok(await carl.req(`${C}/${pub.id}/join`, { method: "POST" }));
  ok(await ann.req(`${C}/${pub.id}/members/${bob.id}`, { method: "PATCH", json: { role: "moderator" } }));

  // A plain member may not; a moderator may.
  err(await multipart(carl, "POST", `${C}/${pub.id}/banner`, { file: [fixture("image.png"), "b.png"] }), 403);
  err(await multipart(bob, "POST", `${C}/${pub.id}/banner`, { file: [Buffer.from("GIF89a junk"), "b.gif"] }), 422);
  err(await multipart(bob, "POST", `${C}/${pub.id}/banner`, { banner: [fixture("image.png"), "b.png"] }), 422);
  const withBanner = ok(await multipart(bob, "POST", `${C}/${pub.id}/banner`, { file: [fixture("photo.jpg"), "b.jpg"] }));
  assert.match(withBanner.banner, /\/media\/banners\/\d+-[\w-]+\.jpg$/);
  assert.equal(ok(await carl.req(`${C}/${pub.id}`)).banner, withBanner.banner, "shown on the community page");
  const file = await fetchFile(withBanner.banner, carl);
  assert.equal(file.status, 200, "a public community's banner: every member");
  assert.ok(!Object.keys(exif(file.body)).some((k) => k.startsWith("GPS")), "no GPS");
  assert.equal((await fetchFile(withBanner.banner, null)).status, 401);

  // A restricted community's banner is its members'.
  const priv = ok(await ann.req(C, { method: "POST", json: { handle: "banners_priv", name: "Closed", type: "restricted", listed: true } }));
  const privBanner = ok(await multipart(ann, "POST", `${C}/${priv.id}/banner`, { file: [fixture("image.png"), "p.png"] }));
  assert.match(privBanner.banner, /\/media\/banners\//);
  assert.equal((await fetchFile(privBanner.banner, ann)).status, 200);
  assert.equal(ok(await carl.req(`${C}/${priv.id}`)).banner, null, "not shown to a non-member");
  assert.equal((await fetchFile(privBanner.banner, carl)).status, 404, "not served to a non-member with the URL");
  // A banner's name with another community's id in it is still not served.
  const swapped = privBanner.banner.replace(`/banners/${priv.id}-`, `/banners/${pub.id}-`);
  assert.equal((await fetchFile(swapped, carl)).status, 404);
  err(await multipart(carl, "POST", `${C}/${priv.id}/banner`, { file: [fixture("image.png"), "p.png"] }), [403, 404]);

  // Removed by a moderator: gone from the page and the URL.
  const removed = ok(await bob.req(`${C}/${pub.id}/banner`, { method: "DELETE" }));
  assert.equal(removed.banner, null);
  assert.equal((await fetchFile(withBanner.banner, ann)).status, 404);
  err(await carl.req(`${C}/${pub.id}/banner`, { method: "DELETE" }), 403);
});

test("a phone video held upright: sizes as shown, the poster upright", T, async () => {
  const { ann } = ctx.users;
  const plain = ok(await uploadMedia(ctx.url, ann, fixture("clip.mp4"), { name: "clip.mp4" }));
  assert.deepEqual([plain.meta.original.width, plain.meta.original.height], [64, 48]);
  const m = ok(await uploadMedia(ctx.url, ann, turnedMp4(fixture("clip.mp4")), { name: "upright.mp4" }));
  assert.equal(m.type, "video");
  assert.deepEqual([m.meta.original.width, m.meta.original.height], [48, 64], describe({ status: 200, json: m }));
  assert.deepEqual([m.meta.small.width, m.meta.small.height], [48, 64]);
  assert.equal(m.meta.original.aspect, 0.75);
  const poster = await fetchFile(m.preview_url, ann);
  const meta = exif(poster.body);
  assert.deepEqual([meta["File:ImageWidth"], meta["File:ImageHeight"]], [48, 64], "the poster's own pixels are upright");
});

test("a document's name with quotes comes back as it was", T, async () => {
  const { ann } = ctx.users;
  const name = 'Board "final" plan.txt';
  const d = ok(await uploadMedia(ctx.url, ann, Buffer.from("Agenda: everything.\n"), { name }));
  assert.equal(d.meta.file_name, name);
  const f = await fetchFile(d.url, ann);
  assert.equal(f.headers.get("content-disposition"), `attachment; filename="Board _final_ plan.txt"; filename*=UTF-8''Board%20%22final%22%20plan.txt`);
  // curl's way of quoting (a backslash before the quote) reads the same.
  const boundary = "atriumboundary";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="say \\"hi\\".txt"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from("hello\n"),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${ctx.url}/api/v2/media`, {
    method: "POST",
    headers: { Authorization: `Bearer ${ann.token}`, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body,
  });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).meta.file_name, 'say "hi".txt');
});

test("an empty JSON array clears: media_ids on an edit, expertise on the profile", T, async () => {
  const { ann, bob } = ctx.users;
  const m = ok(await uploadMedia(ctx.url, ann, fixture("image.png"), { name: "a.png" }));
  const s = await post(ann, "with a picture", { media_ids: [m.id] });
  assert.equal(s.media_attachments.length, 1);
  // Left out: the attachments stay.
  const kept = ok(await ann.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "edited" } }));
  assert.equal(kept.media_attachments.length, 1);
  // An empty list: none.
  const none = ok(await ann.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "edited again", media_ids: [] } }));
  assert.deepEqual(none.media_attachments, []);
  assert.deepEqual(ok(await bob.req(`/api/v1/statuses/${s.id}`)).media_attachments, []);
  // An unsupported parameter is refused even as an empty list.
  err(await ann.req(`/api/v1/statuses/${s.id}`, { method: "PUT", json: { status: "x", nonsense: [] } }), 422);

  const profile = async () => ok(await bob.req(`/api/v1/atrium/profiles/${ann.id}`)).expertise.map((e) => e.tag);
  ok(await ann.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { expertise: ["rust", "databases"] } }));
  assert.deepEqual(await profile(), ["rust", "databases"]);
  ok(await ann.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { note: "hello" } }));
  assert.deepEqual(await profile(), ["rust", "databases"], "left out: kept");
  ok(await ann.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { expertise: [] } }));
  assert.deepEqual(await profile(), [], "an empty list clears them");
});

test("only_media on a hashtag's stream; a bad only_media is refused", T, async () => {
  const { bob, carl } = ctx.users;
  const m = ok(await uploadMedia(ctx.url, carl, fixture("image.png"), { name: "t.png" }));
  const withPicture = await post(carl, "the #whiteboard photo", { media_ids: [m.id] });
  const without = await post(carl, "no picture of the #whiteboard");
  const all = ok(await bob.req("/api/v1/timelines/tag/whiteboard")).map((s) => s.id);
  assert.ok(all.includes(withPicture.id) && all.includes(without.id), describe({ status: 200, json: all }));
  const only = ok(await bob.req("/api/v1/timelines/tag/whiteboard?only_media=true")).map((s) => s.id);
  assert.deepEqual(only, [withPicture.id]);
  err(await bob.req("/api/v1/timelines/tag/whiteboard?only_media=maybe"), 422);
  err(await bob.req("/api/v1/timelines/public?only_media=maybe"), 422);
});
