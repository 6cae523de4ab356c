// Custom emoji of the organization (issue #19): administrators add them
// through /api/v1/atrium/admin/custom_emojis (the picture through the image
// pipeline), members and Mastodon apps read them at /api/v1/custom_emojis,
// and a ":shortcode:" written in a post, a name or an about text lists the
// emoji in the entity's `emojis` — never one written in code or a link, never
// one removed since.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { socialServer, ok, err, post, T } from "./lib/social-helpers.mjs";
import { fetchFile, exif, solidPng, noisePng } from "./lib/media-helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => fs.readFileSync(path.join(here, "fixtures", "media", name));
const ADMIN = "/api/v1/atrium/admin/custom_emojis";

/** POST an emoji as `user` (multipart); resolves to {status, json}. */
async function addEmoji(url, user, fields, picture, { field = "image", type = "image/png" } = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (picture) form.append(field, new Blob([picture], { type }), "emoji.png");
  const res = await fetch(`${url}${ADMIN}`, { method: "POST", headers: { Authorization: `Bearer ${user.token}` }, body: form });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text };
}

const codes = (entity) => entity.emojis.map((e) => e.shortcode).sort();

suite("custom emoji", () => {
  let ctx, boss, ana, ben;
  before(async () => {
    ctx = await socialServer(["boss", "ana", "ben"], { admins: ["boss"] });
    ({ boss, ana, ben } = ctx.users);
  });
  after(() => ctx?.srv.stop());

  test("an administrator adds one with a PNG made here; members list it through masto and fetch its pictures", T, async () => {
    assert.deepEqual(await ana.client.v1.customEmojis.list(), []);
    // A 300 x 300 picture is taken and scaled down.
    const picture = solidPng(300, 300, [20, 200, 40, 128]);
    const added = ok(await addEmoji(ctx.url, boss, { shortcode: "party_parrot", category: "Fun", visible_in_picker: "true" }, picture));
    assert.equal(added.shortcode, "party_parrot");
    assert.equal(added.category, "Fun");
    assert.ok(added.width <= 256 && added.height <= 256, `scaled down: ${added.width}x${added.height}`);

    const list = await ana.client.v1.customEmojis.list();
    assert.equal(list.length, 1);
    const [e] = list;
    assert.deepEqual(
      { shortcode: e.shortcode, visibleInPicker: e.visibleInPicker, category: e.category },
      { shortcode: "party_parrot", visibleInPicker: true, category: "Fun" },
    );
    for (const [u, type] of [[e.url, "image/png"], [e.staticUrl, "image/png"]]) {
      const file = await fetchFile(u, ana);
      assert.equal(file.status, 200, u);
      assert.equal(file.headers.get("content-type"), type);
      assert.deepEqual([...file.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // Served to members only, as other media.
      assert.equal((await fetchFile(u, null)).status, 401);
    }
    // An animated GIF is kept animated, with a still PNG beside it.
    const gif = ok(await addEmoji(ctx.url, boss, { shortcode: "spin" }, fixture("anim.gif"), { type: "image/gif" }));
    assert.equal(gif.category, null);
    const original = await fetchFile(gif.url, ana);
    assert.equal(original.headers.get("content-type"), "image/gif");
    const meta = exif(original.body);
    assert.ok(Number(meta["GIF:FrameCount"] ?? meta["Composite:FrameCount"] ?? 1) > 1, `animated: ${JSON.stringify(meta)}`);
    const still = await fetchFile(gif.static_url, ana);
    assert.equal(still.headers.get("content-type"), "image/png");
    assert.equal(still.body.subarray(1, 4).toString("latin1"), "PNG");
    // Every change is in the audit log.
    const entries = ok(await boss.req("/api/v1/atrium/admin/audit?limit=5"));
    const mine = entries.filter((x) => x.target_type === "custom_emoji");
    assert.deepEqual(mine.map((x) => [x.action, x.after.shortcode]), [["custom_emoji.create", "spin"], ["custom_emoji.create", "party_parrot"]]);
    ok(await boss.req(`${ADMIN}/${gif.id}`, { method: "DELETE" }));
  });

  test("bad input is refused with a clear 4xx and adds nothing", T, async () => {
    const before = ok(await ana.req("/api/v1/custom_emojis"));
    const png = solidPng(16, 16);
    for (const shortcode of ["a", "has space", "dash-ed", "colon:", "", "é_accent", "x".repeat(65)])
      err(await addEmoji(ctx.url, boss, { shortcode }, png), 422);
    // Taken (party_parrot exists from the test before).
    err(await addEmoji(ctx.url, boss, { shortcode: "party_parrot" }, png), 422);
    // Not a picture, a picture Atrium does not take for emoji, no picture, a file under another name.
    err(await addEmoji(ctx.url, boss, { shortcode: "notpic" }, Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), { type: "image/png" }), 422);
    err(await addEmoji(ctx.url, boss, { shortcode: "jpeg" }, fixture("photo.jpg"), { type: "image/png" }), 422);
    err(await addEmoji(ctx.url, boss, { shortcode: "nopic" }, null), 422);
    err(await addEmoji(ctx.url, boss, { shortcode: "otherfield" }, png, { field: "file" }), 422);
    // Too large: over 256 KB.
    err(await addEmoji(ctx.url, boss, { shortcode: "huge" }, noisePng(300, 300)), 413);
    // Parameters Atrium does not take, and a bad boolean.
    err(await addEmoji(ctx.url, boss, { shortcode: "fine_one", colour: "red" }, png), 422);
    err(await addEmoji(ctx.url, boss, { shortcode: "fine_one", visible_in_picker: "perhaps" }, png), 422);
    err(await addEmoji(ctx.url, boss, { shortcode: "fine_one", category: "c".repeat(65) }, png), 422);
    // Members are no administrators.
    err(await addEmoji(ctx.url, ana, { shortcode: "sneaky" }, png), 403);
    const [parrot] = ok(await boss.req(ADMIN));
    err(await ana.req(`${ADMIN}/${parrot.id}`, { method: "DELETE" }), 403);
    err(await ana.req(`${ADMIN}/${parrot.id}`, { method: "PATCH", json: { category: "Mine" } }), 403);
    err(await ana.req(ADMIN), 403);
    err(await boss.req(`${ADMIN}/1`, { method: "DELETE" }), 404);
    err(await boss.req(`${ADMIN}/${parrot.id}`, { method: "PATCH", json: { shortcode: "renamed" } }), 422);
    err(await ana.req("/api/v1/custom_emojis?limit=3"), 422);
    assert.deepEqual(ok(await ana.req("/api/v1/custom_emojis")), before);
  });

  test("an administrator changes the category and the picker flag", T, async () => {
    const [parrot] = ok(await boss.req(ADMIN));
    const changed = ok(await boss.req(`${ADMIN}/${parrot.id}`, { method: "PATCH", json: { category: "Birds", visible_in_picker: false } }));
    assert.deepEqual([changed.category, changed.visible_in_picker], ["Birds", false]);
    const [listed] = ok(await ben.req("/api/v1/custom_emojis"));
    assert.deepEqual([listed.category, listed.visible_in_picker], ["Birds", false]);
    const [update] = ok(await boss.req("/api/v1/atrium/admin/audit?limit=1"));
    assert.equal(update.action, "custom_emoji.update");
    assert.deepEqual([update.before.category, update.after.category], ["Fun", "Birds"]);
    ok(await boss.req(`${ADMIN}/${parrot.id}`, { method: "PATCH", json: { category: "Fun", visible_in_picker: true } }));
  });

  test("`emojis` of a status and of an account list the emoji used, as they are now", T, async () => {
    ok(await addEmoji(ctx.url, boss, { shortcode: "wave" }, solidPng(32, 32, [0, 0, 255, 255])));
    const s = await post(ana, "Hello :wave: and :party_parrot: and :unknown: and a:wave:b https://example.com/:wave:");
    assert.deepEqual(codes(s), ["party_parrot", "wave"]);
    const wave = s.emojis.find((e) => e.shortcode === "wave");
    assert.match(wave.url, /\/media\/emoji\/[^/]+\/original$/);
    assert.match(wave.static_url, /\/media\/emoji\/[^/]+\/static$/);
    assert.equal(wave.visible_in_picker, true);
    // The text itself keeps the shortcodes: clients put the pictures in.
    assert.match(s.content, /:wave:/);
    const read = await ben.client.v1.statuses.$select(s.id).fetch();
    assert.deepEqual(read.emojis.map((e) => e.shortcode).sort(), ["party_parrot", "wave"]);
    // A content warning's shortcodes count too; a post without any lists none.
    assert.deepEqual(codes(await post(ana, "behind a warning", { spoiler_text: "careful :wave:" })), ["wave"]);
    assert.deepEqual(codes(await post(ana, "nothing here: at all")), []);

    // Names and about texts.
    const me = await ben.client.v1.accounts.updateCredentials({ displayName: "Ben :wave:", note: "I like :party_parrot: and `:wave:`" });
    assert.deepEqual(me.emojis.map((e) => e.shortcode).sort(), ["party_parrot", "wave"]);
    const seen = await ana.client.v1.accounts.$select(ben.id).fetch();
    assert.deepEqual(seen.emojis.map((e) => e.shortcode).sort(), ["party_parrot", "wave"]);
    const bens = await post(ben, "plain");
    assert.deepEqual(codes(bens.account), ["party_parrot", "wave"]);

    // Removed: no longer listed anywhere, its pictures gone.
    const [w] = ok(await boss.req(ADMIN)).filter((e) => e.shortcode === "wave");
    ok(await boss.req(`${ADMIN}/${w.id}`, { method: "DELETE" }));
    assert.deepEqual(codes(ok(await ben.req(`/api/v1/statuses/${s.id}`))), ["party_parrot"]);
    assert.deepEqual(codes(ok(await ana.req(`/api/v1/accounts/${ben.id}`))), ["party_parrot"]);
    assert.deepEqual(codes(ok(await ana.req(`/api/v1/statuses/${bens.id}`)).account), ["party_parrot"]);
    assert.equal((await fetchFile(wave.url, ana)).status, 404);
    assert.ok(!ok(await ana.req("/api/v1/custom_emojis")).some((e) => e.shortcode === "wave"));
    const [removal] = ok(await boss.req("/api/v1/atrium/admin/audit?limit=1"));
    assert.deepEqual([removal.action, removal.before.shortcode], ["custom_emoji.delete", "wave"]);
  });

  test("shortcodes in code spans, code blocks and links of a blog entry are not emoji", T, async () => {
    ok(await addEmoji(ctx.url, boss, { shortcode: "rocket" }, solidPng(24, 24)));
    ok(await addEmoji(ctx.url, boss, { shortcode: "thumbs_up" }, solidPng(24, 24)));
    const entry = ok(await ana.req("/api/v1/atrium/blogs", {
      method: "POST",
      json: { title: "Launch", body: "Write `:rocket:` to get one.\n\n```\n:rocket:\n```\n\n[:rocket:](https://example.com) and **:thumbs_up:**" },
    }));
    assert.deepEqual(codes(entry), ["thumbs_up"]);
    assert.match(entry.content, /<code>:rocket:<\/code>/);
    const entry2 = ok(await ana.req("/api/v1/atrium/blogs", { method: "POST", json: { title: "Go :rocket:", body: "plain" } }));
    assert.deepEqual(codes(entry2), ["rocket"]);
  });
});
