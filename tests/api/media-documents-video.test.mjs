// Documents and video as attachments: the kind decided by the bytes (a PDF
// named .jpg is a document, a JPEG named .pdf a picture), documents kept as
// uploaded and downloaded with Content-Disposition: attachment, a PDF's
// first page as its preview, video probed (container, codecs, size,
// duration, frame rate) with its first frame as the poster, the mixing
// rules of one post, the size limits per kind, and who may fetch them.
//
// The video fixtures in fixtures/media were made with make-video.cc there
// (see fixtures/media/README.md); the PDF is built here, by hand.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stopAll } from "./lib/server.mjs";
import { socialServer, T, ok, err, post, describe } from "./lib/social-helpers.mjs";
import { uploadMedia, fetchFile } from "./lib/media-helpers.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => fs.readFileSync(path.join(__dirname, "fixtures", "media", name));

let ctx;
before(async () => {
  ctx = await socialServer(["ann", "bob", "carl"]);
});
after(stopAll);

const upload = (user, bytes, opts) => uploadMedia(ctx.url, user, bytes, opts);

/** A one-page PDF of `width` x `height` points with correct cross references. */
function pdf(width = 200, height = 100) {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] >>`,
  ];
  let out = "%PDF-1.4\n";
  let xref = "xref\n0 4\n0000000000 65535 f \n";
  objects.forEach((o, i) => {
    xref += `${String(out.length).padStart(10, "0")} 00000 n \n`;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const start = out.length;
  out += `${xref}trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${start}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const CSV = Buffer.from("name,team,room\nAda,Platform,3.14\nGrace,Compilers,2.71\n");
const TEXT = Buffer.from("Minutes of the Tuesday meeting.\nEveryone came.\n");

test("documents: kind by the bytes, kept as uploaded, PDF preview, downloaded as an attachment", T, async () => {
  const { ann } = ctx.users;
  const bytes = pdf();
  // A PDF that calls itself a JPEG is a document.
  const m = ok(await upload(ann, bytes, { name: "Q3 report, Größe.jpg", type: "image/jpeg", fields: { description: "the policy" } }));
  assert.equal(m.type, "unknown");
  assert.equal(m.description, "the policy");
  assert.equal(m.meta.file_name, "Q3 report, Größe.jpg");
  assert.equal(m.meta.file_size, bytes.length);
  assert.equal(m.meta.mime_type, "application/pdf");
  assert.equal(m.meta.original, undefined);
  assert.deepEqual(m.meta.small, { width: 640, height: 320, size: "640x320", aspect: 2 });
  assert.match(m.blurhash, /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/);

  const file = await fetchFile(m.url, ann);
  assert.equal(file.status, 200);
  assert.deepEqual(file.body, bytes, "kept byte for byte");
  assert.equal(file.headers.get("content-type"), "application/pdf");
  assert.equal(file.headers.get("content-disposition"), `attachment; filename="Q3 report, Gr__e.jpg"; filename*=UTF-8''Q3%20report%2C%20Gr%C3%B6%C3%9Fe.jpg`);
  assert.equal(file.headers.get("x-content-type-options"), "nosniff");
  assert.match(file.headers.get("cache-control"), /^private\b/);
  const preview = await fetchFile(m.preview_url, ann);
  assert.equal(preview.status, 200);
  assert.equal(preview.headers.get("content-type"), "image/jpeg");
  assert.equal(preview.headers.get("content-disposition"), "inline");

  // Plain text and CSV: documents without a preview.
  for (const [body, type] of [[TEXT, "text/plain"], [CSV, "text/csv"]]) {
    const d = ok(await upload(ann, body, { name: "C:\\Users\\ann\\notes.txt", type: "image/png" }));
    assert.equal(d.type, "unknown");
    assert.equal(d.meta.mime_type, type);
    assert.equal(d.meta.file_name, "notes.txt", "folders are dropped from the name");
    assert.equal(d.preview_url, null);
    assert.equal(d.blurhash, null);
    const f = await fetchFile(d.url, ann);
    assert.equal(f.headers.get("content-type"), type);
    assert.match(f.headers.get("content-disposition"), /^attachment; filename="notes\.txt"/);
  }

  // A JPEG that calls itself a PDF is a picture, shown inline.
  const jpeg = ok(await upload(ann, fixture("photo.jpg"), { name: "report.pdf", type: "application/pdf" }));
  assert.equal(jpeg.type, "image");
  assert.equal((await fetchFile(jpeg.url, ann)).headers.get("content-disposition"), "inline");
});

test("refused: executables, archives, HTML, damaged PDF, unplayable video", T, async () => {
  const { ann } = ctx.users;
  const elf = Buffer.concat([Buffer.from("7f454c4602010100000000000000000003003e00", "hex"), Buffer.alloc(200)]);
  const cases = [
    ["an executable", elf, "tool.pdf"],
    ["a shell script", Buffer.from("#!/bin/sh\necho hello\n"), "notes.txt"],
    ["HTML", Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "page.txt"],
    ["a ZIP archive", Buffer.concat([Buffer.from("504b0304", "hex"), Buffer.alloc(100)]), "slides.pptx"],
  ];
  for (const [what, bytes, name] of cases) {
    const r = await upload(ann, bytes, { name });
    assert.match(err(r, 422).error, /not of a supported type/, `${what}: ${describe(r)}`);
  }
  const damaged = await upload(ann, Buffer.from("%PDF-1.4\nthis is not really a PDF\n"));
  assert.match(err(damaged, 422).error, /PDF cannot be read/, describe(damaged));
  // MPEG-4 Part 2 in MP4, and Matroska that is not WebM: browsers do not play them.
  const mpeg4 = await upload(ann, fixture("mpeg4.mp4"), { name: "clip.mp4", type: "video/mp4" });
  assert.match(err(mpeg4, 422).error_description ?? "", /mpeg4/, describe(mpeg4));
  err(await upload(ann, fixture("clip.mkv"), { name: "clip.webm", type: "video/webm" }), 422);
  err(await upload(ann, fixture("clip.webm").subarray(0, 200)), 422);
  // A thumbnail is not taken: the poster is the first frame.
  err(await upload(ann, fixture("clip.webm"), { fields: {} , field: "thumbnail" }), 422);
});

test("video: probed, with a poster frame, served with ranges", T, async () => {
  const { ann } = ctx.users;
  const bytes = fixture("clip.webm");
  const v = ok(await upload(ann, bytes, { name: "bug.mp4", type: "video/mp4", fields: { description: "the bug" } }));
  assert.equal(v.type, "video");
  assert.equal(v.meta.original.width, 64);
  assert.equal(v.meta.original.height, 48);
  assert.equal(v.meta.original.frame_rate, "10/1");
  assert.equal(v.meta.fps, 10);
  assert.ok(Math.abs(v.meta.duration - 1) < 0.11, `duration ${v.meta.duration}`);
  assert.match(v.meta.length, /^0:00:0[01]\.\d\d$/);
  assert.equal(v.meta.file_size, bytes.length);
  assert.equal(v.meta.mime_type, "video/webm");
  assert.equal(v.meta.small.width, 64);
  assert.match(v.blurhash, /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/);
  const file = await fetchFile(v.url, ann);
  assert.equal(file.status, 200);
  assert.deepEqual(file.body, bytes);
  assert.equal(file.headers.get("content-type"), "video/webm");
  assert.equal(file.headers.get("content-disposition"), "inline");
  const part = await fetchFile(v.url, ann, { Range: "bytes=4-99" });
  assert.equal(part.status, 206);
  assert.deepEqual(part.body, bytes.subarray(4, 100));
  const poster = await fetchFile(v.preview_url, ann);
  assert.equal(poster.status, 200);
  assert.equal(poster.headers.get("content-type"), "image/jpeg");

  const mp4 = ok(await upload(ann, fixture("clip.mp4")));
  assert.equal(mp4.type, "video");
  assert.equal(mp4.meta.mime_type, "video/mp4");
  assert.equal((await fetchFile(mp4.url, ann)).headers.get("content-type"), "video/mp4");
});

test("one post: up to 4 images, or 1 video, or up to 4 documents; never mixed", T, async () => {
  const { ann } = ctx.users;
  const doc = async () => ok(await upload(ann, CSV, { name: "team.csv" })).id;
  const video = async () => ok(await upload(ann, fixture("clip.webm"))).id;
  const image = async () => ok(await upload(ann, fixture("image.png"))).id;
  const refused = async (ids, what) => {
    const r = await ann.req("/api/v1/statuses", { method: "POST", json: { status: what, media_ids: ids } });
    err(r, 422);
  };
  await refused([await video(), await image()], "a video and an image");
  await refused([await video(), await video()], "two videos");
  await refused([await doc(), await image()], "a document and an image");
  await refused([await doc(), await video()], "a document and a video");
  const five = [];
  for (let i = 0; i < 5; i++) five.push(await doc());
  await refused(five, "five documents");
  const four = five.slice(0, 4);
  const s = await post(ann, "four documents", { media_ids: four });
  assert.deepEqual(s.media_attachments.map((m) => m.type), ["unknown", "unknown", "unknown", "unknown"]);
  const v = await post(ann, "one video", { media_ids: [await video()] });
  assert.equal(v.media_attachments[0].type, "video");
});

test("size limits per kind: 413 for a document or a video over its limit", T, async () => {
  const own = await socialServer(["oli"], { args: ["--media-document-max-bytes", "1024", "--media-video-max-bytes", "1024"] });
  const { oli } = own.users;
  const big = Buffer.from("x,y\n" + "1,2\n".repeat(400));
  const r = await uploadMedia(own.url, oli, big, { name: "big.csv" });
  assert.match(err(r, 413).error, /document is too large/, describe(r));
  const v = await uploadMedia(own.url, oli, fixture("clip.webm"));
  assert.match(err(v, 413).error, /video is too large/, describe(v));
  // Under the limit: taken.
  ok(await uploadMedia(own.url, oli, CSV, { name: "small.csv" }));
  const instance = ok(await oli.req("/api/v2/instance"));
  assert.equal(instance.configuration.media_attachments.video_size_limit, 1024);
  assert.ok(instance.configuration.media_attachments.supported_mime_types.includes("application/pdf"));
  assert.ok(instance.configuration.media_attachments.supported_mime_types.includes("video/webm"));
  await own.srv.stop();
});

test("access follows the post for documents and video: restricted community", T, async () => {
  const { ann, bob, carl } = ctx.users;
  const community = ok(await ann.req("/api/v1/atrium/communities", { method: "POST", json: { handle: "docs_secret", name: "Docs secret", type: "restricted" } }));
  const base = `/api/v1/atrium/communities/${community.id}`;
  ok(await ann.req(`${base}/invitations`, { method: "POST", json: { account_id: bob.id } }));
  ok(await bob.req(`${base}/join`, { method: "POST" }));
  const d = ok(await upload(ann, pdf(), { name: "policy.pdf" }));
  const v = ok(await upload(ann, fixture("clip.webm"), { name: "bug.webm" }));
  // Unattached: the uploader only.
  for (const [u, status] of [[ann, 200], [bob, 404], [carl, 404], [null, 401]]) {
    assert.equal((await fetchFile(d.url, u)).status, status, `unattached document, ${u?.name ?? "anonymous"}`);
    assert.equal((await fetchFile(v.url, u)).status, status, `unattached video, ${u?.name ?? "anonymous"}`);
  }
  const D = await post(ann, "the policy", { community_id: community.id, media_ids: [d.id] });
  const V = await post(ann, "the bug", { community_id: community.id, media_ids: [v.id] });
  const urls = [D.media_attachments[0].url, D.media_attachments[0].preview_url, V.media_attachments[0].url, V.media_attachments[0].preview_url];
  for (const [u, status] of [[ann, 200], [bob, 200], [carl, 404], [null, 401]])
    for (const url of urls) assert.equal((await fetchFile(url, u)).status, status, `${u?.name ?? "anonymous"}: ${url}`);
  // Deleted posts take their files with them.
  ok(await ann.req(`/api/v1/statuses/${D.id}`, { method: "DELETE" }));
  ok(await ann.req(`/api/v1/statuses/${V.id}`, { method: "DELETE" }));
  for (const url of urls) assert.equal((await fetchFile(url, ann)).status, 404, `after delete: ${url}`);
});
