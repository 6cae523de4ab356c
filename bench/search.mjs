// Search measured on a seeded store (embedded SQLite): p50 and p99 of
// GET /api/v2/search (type=statuses) for a common word, a rare word and a
// two-word phrase, and of the typeahead, each as an ordinary member (the
// visibility filter of someone in a few communities); the time of
// `atrium search reindex` and the index's share of the store's size.
//
//   node bench/search.mjs [--members 3000] [--posts-per-member 50] [--requests 300]
//
// Seeds into var/bench/seed-N-P-1/ like bench/run.mjs (reusing it), works on
// a copy. Requests are sequential (latency, not throughput).
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { api, issueTokens, percentile, repoRoot, run, seed, startAtrium } from "./lib/harness.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const members = Number(args.members ?? 3000);
const postsPerMember = Number(args["posts-per-member"] ?? 50);
const requests = Number(args.requests ?? 300);
const bin = process.env.ATRIUM_BIN ?? path.join(repoRoot, "build/atrium");

const seeded = path.join(repoRoot, "var/bench", `seed-${members}-${postsPerMember}-1`);
if (!fs.existsSync(path.join(seeded, "atrium.db"))) {
  fs.mkdirSync(seeded, { recursive: true });
  await seed(bin, seeded, { members, postsPerMember });
}
const dataDir = fs.mkdtempSync(path.join(repoRoot, "var/bench", "search-"));
fs.cpSync(seeded, dataDir, { recursive: true });

const t0 = Date.now();
await run(bin, ["search", "reindex", "--data", dataDir], { quiet: true, env: { ATRIUM_LOG_LEVEL: "warn" } });
const reindexMs = Date.now() - t0;

// The index's share: the store's size with and without the search_* tables.
function shareOfIndex(db) {
  const copy = db + ".noindex";
  fs.copyFileSync(db, copy);
  // Dropping an FTS5 table drops its shadow tables too.
  const tables = ["search_posts", "search_people", "search_communities", "search_people_names", "search_community_names", "search_tag_names"];
  execFileSync("sqlite3", [copy, tables.map((t) => `DROP TABLE ${t};`).join(" ") + " VACUUM;"]);
  execFileSync("sqlite3", [db, "VACUUM;"]);
  const withIndex = fs.statSync(db).size;
  const without = fs.statSync(copy).size;
  fs.rmSync(copy);
  return { withIndex, without, share: (withIndex - without) / without };
}
const size = shareOfIndex(path.join(dataDir, "atrium.db"));

const [member] = await issueTokens(bin, dataDir, path.join(dataDir, "tokens.txt"), 1);
const server = await startAtrium(bin, dataDir);
try {
  // Words as the seeded posts use them: the most frequent, one used once, a pair.
  const counts = new Map();
  let phrase = "";
  let maxId = "";
  for (let page = 0; page < 20; page++) {
    const r = await api(server.url, `/api/v1/timelines/public?limit=40${maxId ? `&max_id=${maxId}` : ""}`, member.token);
    if (!r.json?.length) break;
    for (const s of r.json) {
      const words = s.content.replace(/<[^>]*>/g, " ").toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 4);
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
      if (!phrase && words.length >= 2) phrase = `"${words[0]} ${words[1]}"`;
    }
    maxId = r.json[r.json.length - 1].id;
  }
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const common = byCount[0][0];
  const rare = byCount[byCount.length - 1][0];
  const typed = member.username.slice(0, 4);

  async function measure(pathname) {
    const times = [];
    for (let i = 0; i < requests; i++) {
      const t = process.hrtime.bigint();
      const r = await api(server.url, pathname, member.token);
      if (r.status !== 200) throw new Error(`${pathname}: ${r.status}`);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  }
  const q = (text) => `/api/v2/search?${new URLSearchParams({ q: text, type: "statuses", limit: "20" })}`;
  const results = {
    members,
    postsPerMember,
    reindexMs,
    store: size,
    common: { word: common, ...(await measure(q(common))) },
    rare: { word: rare, ...(await measure(q(rare))) },
    phrase: { words: phrase, ...(await measure(q(phrase))) },
    typeahead: { typed, ...(await measure(`/api/v1/atrium/search/typeahead?${new URLSearchParams({ q: typed })}`)) },
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
