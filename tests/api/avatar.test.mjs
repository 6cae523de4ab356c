// Avatars: uploaded with update_credentials (multipart), checked by type and
// size, served to members only.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, stopAll } from "./lib/server.mjs";
import { registerApp, passwordToken } from "./lib/oauth.mjs";

after(stopAll);

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6338" +
    "71e6d27f00082c0366669" + "74ab60000000049454e44ae426082",
  "hex",
);

function upload(url, token, name, bytes, type) {
  const form = new FormData();
  form.append("avatar", new Blob([bytes], { type }), name);
  return fetch(`${url}/api/v1/accounts/update_credentials`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
}

test("avatar upload, type and size checks, members-only serving", { timeout: 60000 }, async () => {
  const srv = await startServer({
    users: [{ name: "ava", email: "ava@example.com", role: "member", password: "ava-password-1" }],
  });
  const app = await registerApp(srv.url, { redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
  const token = await passwordToken(srv.url, app, "ava", "ava-password-1", "read write");

  // Before: the default avatar, a public static asset.
  const before = await (await fetch(`${srv.url}/api/v1/accounts/verify_credentials`, {
    headers: { Authorization: `Bearer ${token}` },
  })).json();
  assert.match(before.avatar, /\/avatars\/original\/missing\.png$/);
  const missing = await fetch(before.avatar);
  assert.equal(missing.status, 200);
  assert.equal(missing.headers.get("content-type"), "image/png");

  // Upload a PNG (the claimed type is ignored: the bytes decide).
  const ok = await upload(srv.url, token, "me.png", PNG, "application/octet-stream");
  assert.equal(ok.status, 200, await ok.clone().text());
  const me = await ok.json();
  assert.match(me.avatar, /\/media\/avatars\/\d+-[\w-]+\.png$/);
  assert.equal(me.avatar_static, me.avatar);

  const served = await fetch(me.avatar, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(served.status, 200);
  assert.equal(served.headers.get("content-type"), "image/png");
  // Re-encoded by the image pipeline: a PNG still, of the same 1 x 1 pixel.
  const bytes = Buffer.from(await served.arrayBuffer());
  assert.deepEqual(bytes.subarray(0, 8), PNG.subarray(0, 8));
  assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1, 1]);
  // Nobody outside sees anything: no credentials, no avatar.
  const anonymous = await fetch(me.avatar);
  assert.equal(anonymous.status, 401);

  // Not an image: 422, and the avatar is unchanged.
  const svg = await upload(srv.url, token, "x.svg", Buffer.from("<svg onload=alert(1)></svg>"), "image/svg+xml");
  assert.equal(svg.status, 422);
  assert.match((await svg.json()).error, /PNG, JPEG, GIF or WebP/);
  // Too large: 413, unchanged.
  const big = Buffer.concat([PNG, Buffer.alloc(600 * 1024)]);
  const tooBig = await upload(srv.url, token, "big.png", big, "image/png");
  assert.equal(tooBig.status, 413);
  const after = await (await fetch(`${srv.url}/api/v1/accounts/verify_credentials`, {
    headers: { Authorization: `Bearer ${token}` },
  })).json();
  assert.equal(after.avatar, me.avatar);

  // A new avatar replaces the old one, whose file goes away.
  const again = await (await upload(srv.url, token, "again.png", PNG, "image/png")).json();
  assert.notEqual(again.avatar, me.avatar);
  const old = await fetch(me.avatar, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(old.status, 404);
  await srv.stop();
});

// Metadata of image bytes as exiftool (a real EXIF reader) reads them.
function exif(bytes) {
  const file = path.join(os.tmpdir(), `atrium-avatar-${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, bytes);
  try {
    return JSON.parse(execFileSync("exiftool", ["-j", "-a", "-G1", file], { encoding: "utf8" }))[0];
  } finally {
    fs.unlinkSync(file);
  }
}

test("an avatar is served without the photo's GPS position or camera serial, turned upright", { timeout: 60000 }, async () => {
  const srv = await startServer({
    users: [{ name: "gus", email: "gus@example.com", role: "member", password: "gus-password-1" }],
  });
  const app = await registerApp(srv.url, { redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
  const token = await passwordToken(srv.url, app, "gus", "gus-password-1", "read write");
  const photo = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "media", "photo.jpg"));
  assert.ok(Object.keys(exif(photo)).some((k) => k.startsWith("GPS:")), "the fixture has GPS data to begin with");
  const res = await upload(srv.url, token, "me.jpg", photo, "image/jpeg");
  assert.equal(res.status, 200, await res.clone().text());
  const me = await res.json();
  const served = await fetch(me.avatar, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(served.status, 200);
  assert.equal(served.headers.get("content-type"), "image/jpeg");
  const meta = exif(Buffer.from(await served.arrayBuffer()));
  const leaked = Object.keys(meta).filter((k) => /^(GPS|IFD0|ExifIFD|IFD1|XMP|IPTC)/.test(k) || /Serial|GPS|Make|Model|Orientation/.test(k));
  assert.deepEqual(leaked, [], JSON.stringify(meta));
  // photo.jpg is 64 x 32 with "rotate 90 CW": upright it is 32 wide, 64 high.
  assert.equal(meta["File:ImageWidth"], 32, JSON.stringify(meta));
  assert.equal(meta["File:ImageHeight"], 64, JSON.stringify(meta));
  await srv.stop();
});
