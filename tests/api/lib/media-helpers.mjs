// Helpers for the media tests: uploading through Mastodon's media API,
// fetching a media file URL, reading a picture's metadata with exiftool.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

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

// ---- PNG pictures made in a test ----------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A PNG whose header declares width x height; its pixel data is `rows` (or a tiny stub). */
export function png(width, height, rows) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const data = rows ?? Buffer.alloc(1 + 3 * Math.min(width, 16));
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(data)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
/** A real width x height PNG of random (incompressible) pixels. */
export function noisePng(width, height) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let i = 1; i < row.length; i++) row[i] = Math.floor(Math.random() * 256);
    rows.push(row);
  }
  return png(width, height, Buffer.concat(rows));
}

/** A real width x height RGBA PNG, every pixel [r, g, b, a]. */
export function solidPng(width, height, [r, g, b, a] = [255, 0, 0, 255]) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const row = Buffer.alloc(1 + width * 4);
  for (let x = 0; x < width; x++) row.set([r, g, b, a], 1 + 4 * x);
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(Array(height).fill(row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
