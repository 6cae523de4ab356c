// The JavaScript a browser loads to open the home page, compressed as the
// server sends it (gzip, from the .gz files beside the build), against the
// budget of 200 KB (200,000 bytes). The first load is index.html's module
// script and the modules it preloads; chunks loaded later by other screens
// do not count. Prints a line per file and the total; exits 1 over budget.
// Run by the build (scripts/compress.mjs); alone: node scripts/budget.mjs dist
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

export const BUDGET_BYTES = 200_000;

/** The scripts of a page's first load: module scripts and module preloads, in order. */
export function firstLoadScripts(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) out.push(m[1]);
  return [...new Set(out)];
}

/** Measures the first load of `root`'s index.html: { files: [{file, raw, gzip}], total }. */
export function measure(root) {
  const html = fs.readFileSync(path.join(root, "index.html"), "utf8");
  const files = firstLoadScripts(html).map((src) => {
    const file = path.join(root, src.replace(/^\//, ""));
    const raw = fs.readFileSync(file);
    const gz = fs.existsSync(file + ".gz") ? fs.readFileSync(file + ".gz") : zlib.gzipSync(raw, { level: 9 });
    return { file: src, raw: raw.length, gzip: gz.length };
  });
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) };
}

/** Prints the measure; answers whether it is within the budget. */
export function report(root) {
  const { files, total } = measure(root);
  for (const f of files) console.log(`  ${f.file}: ${(f.raw / 1000).toFixed(1)} kB, ${(f.gzip / 1000).toFixed(1)} kB gzip`);
  const ok = files.length > 0 && total <= BUDGET_BYTES;
  console.log(
    `home page first load: ${(total / 1000).toFixed(1)} kB of JavaScript gzip, budget ${BUDGET_BYTES / 1000} kB: ${ok ? "within" : "OVER"}`,
  );
  return ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!report(process.argv[2] || "dist")) process.exit(1);
}
