// Helpers for the media tests: uploading through Mastodon's media API,
// fetching a media file URL, reading a picture's metadata with exiftool.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * POST /api/v2/media on the server at `url` as `user` with `bytes` as the
 * file (the claimed name and type may be lies on purpose).
 * Resolves to {status, headers, text, json}.
 */
export async function uploadMedia(url, user, bytes, { name = "upload.bin", type = "application/octet-stream", fields = {}, field = "file" } = {}) {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${url}/api/v2/media`, {
    method: "POST",
    headers: { Authorization: `Bearer ${user.token}` },
    body: form,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
}

/** GET of a media file URL as `user` (null: anonymous); resolves to {status, headers, body: Buffer}. */
export async function fetchFile(url, user, headers = {}) {
  const h = { ...headers };
  if (user) h.Authorization = `Bearer ${user.token}`;
  const res = await fetch(url, { headers: h });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** Metadata of image bytes as exiftool (a real EXIF reader) reads them. */
export function exif(bytes) {
  const file = path.join(os.tmpdir(), `atrium-media-${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, bytes);
  try {
    return JSON.parse(execFileSync("exiftool", ["-j", "-a", "-G1", file], { encoding: "utf8" }))[0];
  } finally {
    fs.unlinkSync(file);
  }
}

/**
 * The MP4 `bytes` as a phone held upright writes it: the same pictures, and
 * a track header (tkhd) matrix that says "turn 90 degrees clockwise to show"
 * (a=0, b=1, c=-1, d=0 in 16.16 fixed point, w=1 in 2.30).
 */
export function turnedMp4(bytes) {
  const mp4 = Buffer.from(bytes);
  const tkhd = mp4.indexOf("tkhd");
  if (tkhd < 4) throw new Error("no track header in the MP4");
  const version = mp4[tkhd + 4];
  const matrix = tkhd - 4 + 8 + 4 + (version === 1 ? 32 : 20) + 16;
  [0, 0x00010000, 0, 0xffff0000, 0, 0, 0, 0, 0x40000000].forEach((v, i) => mp4.writeUInt32BE(v, matrix + 4 * i));
  return mp4;
}
