// Writes a .gz beside every compressible file of the build, so the server
// can send it as it is to browsers that accept gzip; then measures the home
// page's first load of JavaScript against its budget (scripts/budget.mjs).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { report } from "./budget.mjs";

const root = process.argv[2] || "dist";
const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
let count = 0;
let saved = 0;

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (compressible.test(entry.name)) {
      const raw = fs.readFileSync(file);
      if (raw.length < 256) continue;
      const gz = zlib.gzipSync(raw, { level: 9 });
      if (gz.length >= raw.length) continue;
      fs.writeFileSync(file + ".gz", gz);
      count++;
      saved += raw.length - gz.length;
    }
  }
}

walk(root);
console.log(`compressed ${count} files in ${root}, ${Math.round(saved / 1024)} KiB smaller`);
// The home page's JavaScript against its budget (docs/PERFORMANCE.md).
if (!report(root)) process.exit(1);
