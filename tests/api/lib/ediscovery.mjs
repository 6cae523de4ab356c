// Reading eDiscovery exports in tests: the job's archive, the CLI's folder,
// and the manifest checked file by file.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";

/** The files of a ustar archive: {name: Buffer}. */
export function untar(buf) {
  const files = {};
  for (let at = 0; at + 512 <= buf.length; ) {
    const header = buf.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, len) => header.subarray(from, from + len).toString("latin1").replace(/\0.*$/s, "");
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join("/");
    const size = parseInt(field(124, 12).trim(), 8);
    files[name] = buf.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Checks an export's manifest against its files ({name: Buffer}); returns the manifest. */
export function verifyManifest(files, prefix) {
  const manifest = JSON.parse(files[`${prefix}manifest.json`].toString("utf8"));
  assert.equal(manifest.format, "atrium-ediscovery");
  for (const f of manifest.files) {
    const bytes = files[`${prefix}${f.path}`];
    assert.ok(bytes, `${f.path} is in the export`);
    assert.equal(crypto.createHash("sha256").update(bytes).digest("hex"), f.sha256, f.path);
    assert.equal(bytes.length, f.bytes);
  }
  return manifest;
}

/** The JSON lines of a file. */
export const jsonl = (buf) => buf.toString("utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

/** Every file under `dir`: {relative path: Buffer}. */
export async function readFolder(dir) {
  const files = {};
  const walk = async (d, rel) => {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(path.join(d, e.name), `${rel}${e.name}/`);
      else files[`${rel}${e.name}`] = await fsp.readFile(path.join(d, e.name));
    }
  };
  await walk(dir, "");
  return files;
}
