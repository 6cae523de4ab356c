// Processing an upload yields to serving people: the pictures are decoded
// and re-encoded on threads of lower priority (a higher nice value), and so
// are libvips' pixel workers, which it starts from the first thread that
// needs them and keeps (base/low_priority.h). Read from the server's own
// threads in /proc after uploads of each kind of picture work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stopAll } from "./lib/server.mjs";
import { socialServer } from "./lib/social-helpers.mjs";
import { uploadMedia } from "./lib/media-helpers.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => fs.readFileSync(path.join(__dirname, "fixtures", "media", name));

let ctx;
before(async () => {
  ctx = await socialServer(["ann"]);
});
after(stopAll);

/** [{name, nice}] of every thread of process `pid`. */
function threadsOf(pid) {
  const dir = `/proc/${pid}/task`;
  return fs.readdirSync(dir).flatMap((tid) => {
    try {
      const name = fs.readFileSync(`${dir}/${tid}/comm`, "utf8").trim();
      const stat = fs.readFileSync(`${dir}/${tid}/stat`, "utf8");
      // The fields after the name in parentheses; the nice value is field 19.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return [{ name, nice: Number(fields[16]) }];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

test("pictures are processed at a lower priority than serving, libvips' workers too", async () => {
  const pid = ctx.srv.proc.pid;
  const serving = threadsOf(pid).find((t) => t.name === "atrium" || t.name.startsWith("atrium"));
  assert.ok(serving, "the server's main thread");
  for (const [name, type] of [["photo.jpg", "image/jpeg"], ["image.png", "image/png"], ["anim.gif", "image/gif"]]) {
    const r = await uploadMedia(ctx.url, ctx.users.ann, fixture(name), { name, type });
    assert.equal(r.status, 200, `${name}: ${r.status} ${JSON.stringify(r.json)}`);
  }
  const workers = threadsOf(pid).filter((t) => t.name === "libvips worker");
  assert.ok(workers.length > 0, "libvips started its workers for the uploads");
  for (const w of workers) assert.ok(w.nice >= serving.nice + 10, `a libvips worker at nice ${w.nice}, serving at ${serving.nice}`);
});
