// Search measured on a seeded store (embedded SQLite): p50 and p99 of
// GET /api/v2/search (type=statuses) for a common word, a rare word and a
// two-word phrase, by relevance and newest first (sort=recent, through
// GET /api/v1/atrium/search with its capped counts and facets), and of the
// typeahead, each as an ordinary member (the visibility filter of someone
// in a few communities), with the server's CPU time per request; the time
// of `atrium search reindex` and the index's share of the store's size.
//
//   node bench/search.mjs [--members 3000] [--posts-per-member 50] [--requests 200] [--posting 1]
//
// With --posting, also what the post index costs posting alone
// (measureIndexCostToPosting: the store with and without it, alternated).
//
// Also a phase of `make bench` (bench/run.mjs, `--only search`). Seeds into
// var/bench/seed-N-P-1/ like bench/run.mjs (reusing it), works on a copy.
// Requests are sequential (latency, not throughput).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { api, cpuMsOf, issueTokens, percentile, repoRoot, run, seed, startAtrium } from "./lib/harness.mjs";

// Issue 17's targets (at 400,000 members and ~20 million posts).
export const SEARCH_TARGETS = { p50Ms: 10, p99Ms: 50, typeaheadP99Ms: 10, share: 0.4, postingShare: 0.15 };

// The seeded store in `seeded` given its search index once, as
// `bench/run.mjs` does before copying it (an organization's store has its
// index). Resolves to the seconds `atrium search reindex --if-stale` took
// when it built the index now, or to those it took when an earlier run
// built it (kept in `search-index-seconds` beside the store), or null.
export async function indexSeeded(bin, seeded, log = () => {}) {
  const kept = path.join(seeded, "search-index-seconds");
  const t0 = Date.now();
  const { stdout } = await run(bin, ["search", "reindex", "--if-stale", "--data", seeded],
    { quiet: true, env: { ATRIUM_LOG_LEVEL: "warn" } });
  if (/is current/.test(stdout)) {
    log("the seeded store's search index is current");
    return fs.existsSync(kept) ? Number(fs.readFileSync(kept, "utf8")) : null;
  }
  const seconds = (Date.now() - t0) / 1000;
  fs.writeFileSync(kept, `${seconds}\n`);
  log(`built the seeded store's search index in ${seconds.toFixed(1)} s (atrium search reindex --if-stale --data ${seeded})`);
  return seconds;
}

// Measures search against a running server (`server`, as startAtrium gives
// it) on the store `db`, which has its index, as the signed-in `member`
// ({ username, token }); the words come from the public posts from the id
// `wordsFrom` down (default: the newest); resolves to the figures.
export async function measureSearchOn({ server, member, db, wordsFrom, requests = 200, log = () => {} }) {
  const pid = server.child.pid;
  // Words as the seeded posts use them: the most frequent, one used once, a pair.
  const counts = new Map();
  let phrase = "";
  // max_id is exclusive: one more than the first post to read.
  let maxId = wordsFrom ? (BigInt(wordsFrom) + 1n).toString() : "";
  for (let page = 0; page < 20; page++) {
    const r = await api(server.url, `/api/v1/timelines/public?limit=40${maxId ? `&max_id=${maxId}` : ""}`, member.token);
    if (!r.json?.length) break;
    for (const s of r.json) {
      const all = s.content.replace(/<[^>]*>/g, " ").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
      const words = all.filter((w) => /^[a-z]{4,}$/.test(w));
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
      // Two words side by side in the post, so that the phrase matches it.
      const at = all.findIndex((w, i) => /^[a-z]{4,}$/.test(w) && /^[a-z]{4,}$/.test(all[i + 1] ?? ""));
      if (!phrase && at >= 0) phrase = `"${all[at]} ${all[at + 1]}"`;
    }
    maxId = r.json[r.json.length - 1].id;
  }
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const common = byCount[0][0];
  const rare = byCount[byCount.length - 1][0];
  const typed = member.username.slice(0, 4);

  // p50, p99 and the server's CPU time per request of `requests`
  // sequential requests; `found` is the first answer's number of posts.
  async function measure(pathname) {
    const times = [];
    let found;
    const cpu0 = cpuMsOf(pid);
    for (let i = 0; i < requests; i++) {
      const t = process.hrtime.bigint();
      const r = await api(server.url, pathname, member.token);
      if (r.status !== 200) throw new Error(`${pathname}: ${r.status}`);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      found ??= r.json?.statuses?.length;
    }
    const cpuMsPerRequest = (cpuMsOf(pid) - cpu0) / requests;
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99), cpuMsPerRequest, found };
  }
  const v2 = (text) => `/api/v2/search?${new URLSearchParams({ q: text, type: "statuses", limit: "20" })}`;
  const atrium = (text) => `/api/v1/atrium/search?${new URLSearchParams({ q: text, sort: "recent", limit: "20" })}`;
  const results = { requests, load: [] };
  const load = () => results.load.push(os.loadavg()[0]);
  for (const [name, text] of [["common", common], ["rare", rare], ["phrase", phrase]]) {
    log(`search: ${name} (${text}), ${requests} requests each`);
    load();
    results[name] = { words: text, ...(await measure(v2(text))) };
    results[`${name}Recent`] = { words: text, ...(await measure(atrium(text))) };
  }
  load();
  results.typeahead = { typed, ...(await measure(`/api/v1/atrium/search/typeahead?${new URLSearchParams({ q: typed })}`)) };
  load();
  // Last: reading every page of a large store takes minutes, during which
  // the server closes the idle connections the requests above kept open.
  log("search: the index's share of the store (dbstat)");
  results.store = shareOfIndex(db);
  return results;
}

// Measures search on a copy of the seeded store in `seeded` (its
// atrium.db, given its index first), made with `members` members, on a
// server of its own; resolves to the figures.
export async function measureSearch({ bin, seeded, members, postsPerMember = 50, requests = 200, log = () => {} }) {
  const indexSeconds = await indexSeeded(bin, seeded, log);
  const dataDir = fs.mkdtempSync(path.join(path.dirname(seeded), "search-"));
  execFileSync("cp", ["--reflink=auto", path.join(seeded, "atrium.db"), path.join(dataDir, "atrium.db")]);
  let server;
  try {
    const [member] = await issueTokens(bin, dataDir, path.join(dataDir, "tokens.txt"), 1);
    server = await startAtrium(bin, dataDir);
    const figures = await measureSearchOn({ server, member, db: path.join(dataDir, "atrium.db"), requests, log });
    return { members, postsPerMember, indexSeconds, ...figures };
  } finally {
    if (server) await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// What the post index costs posting: posts/s of `connections` posting
// connections alone (bench/wrk/post.lua, `seconds` each, after a 3 s start),
// on a copy of the seeded store as it is and on a copy whose FTS5 table
// `search_posts` is a plain table of the same columns (the post's words are
// still written, not indexed), alternating `rounds` times; the median of
// each and the share of posts/s the index takes. Needs two copies of the
// store on disk, one at a time.
export async function measureIndexCostToPosting({ bin, seeded, rounds = 3, seconds = 8, connections = 16, log = () => {} }) {
  const runs = { indexed: [], plain: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of ["indexed", "plain"]) {
      const dataDir = fs.mkdtempSync(path.join(path.dirname(seeded), `posting-${kind}-`));
      let server;
      try {
        const db = path.join(dataDir, "atrium.db");
        execFileSync("cp", ["--reflink=auto", path.join(seeded, "atrium.db"), db]);
        if (kind === "plain")
          execFileSync("sqlite3", [db, "DROP TABLE search_posts; CREATE TABLE search_posts (id INTEGER PRIMARY KEY, title TEXT, body TEXT);"]);
        // The copy's pages reach the disk before the first commit waits on them.
        execFileSync("sync");
        const tokens = path.join(dataDir, "tokens.tsv");
        await issueTokens(bin, dataDir, tokens, 2000);
        server = await startAtrium(bin, dataDir);
        const wrk = (s) => run("wrk", ["-t", "1", "-c", String(connections), "-d", `${s}s`, "-s",
          path.join(repoRoot, "bench/wrk/post.lua"), server.url], { env: { BENCH_TOKENS: tokens }, quiet: true });
        await wrk(3);
        const cpu0 = cpuMsOf(server.child.pid);
        const { stdout } = await wrk(seconds);
        const total = Number(stdout.match(/(\d+) requests in/)?.[1] ?? 0);
        if (/Non-2xx/.test(stdout) || !total) throw new Error(`posting on the ${kind} copy failed:\n${stdout}`);
        const postsPerSec = Number(stdout.match(/Requests\/sec:\s+([\d.]+)/)[1]);
        runs[kind].push({ postsPerSec, cpuMsPerPost: (cpuMsOf(server.child.pid) - cpu0) / total });
        log(`search: posting alone, ${kind} copy, round ${round + 1}: ${postsPerSec.toFixed(0)} posts/s`);
      } finally {
        if (server) await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  const median = (v) => [...v].sort((a, b) => a - b)[(v.length - 1) >> 1];
  const indexed = median(runs.indexed.map((r) => r.postsPerSec));
  const plain = median(runs.plain.map((r) => r.postsPerSec));
  return {
    rounds, seconds, connections, runs,
    indexedPostsPerSec: indexed,
    plainPostsPerSec: plain,
    indexedCpuMsPerPost: median(runs.indexed.map((r) => r.cpuMsPerPost)),
    plainCpuMsPerPost: median(runs.plain.map((r) => r.cpuMsPerPost)),
    share: 1 - indexed / plain,
  };
}

// The index's share of the store: the pages of the search_* tables (FTS5
// tables and their shadow tables) against the pages of everything else,
// read with SQLite's dbstat (no copy of the store, so it fits beside a
// store of tens of gigabytes; free pages count for neither).
function shareOfIndex(db) {
  const rows = execFileSync("sqlite3", ["-readonly", db,
    // Pages counted one by one: dbstat's aggregated mode sums a table's
    // bytes in 32 bits, which a table of more than 2 GiB overflows.
    "SELECT name LIKE 'search\\_%' ESCAPE '\\', count(*) * (SELECT page_size FROM pragma_page_size) FROM dbstat GROUP BY 1;"], { encoding: "utf8" });
  let index = 0;
  let rest = 0;
  for (const line of rows.split("\n").filter(Boolean)) {
    const [isIndex, bytes] = line.split("|").map(Number);
    if (isIndex) index += bytes;
    else rest += bytes;
  }
  return { withIndex: index + rest, without: rest, share: index / rest };
}

// Standalone: node bench/search.mjs [--members N] [--posts-per-member P] [--requests R] [--posting 1]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
  );
  const members = Number(args.members ?? 3000);
  const postsPerMember = Number(args["posts-per-member"] ?? 50);
  const requests = Number(args.requests ?? 200);
  const bin = process.env.ATRIUM_BIN ?? path.join(repoRoot, "build/atrium");
  const seeded = path.join(repoRoot, "var/bench", `seed-${members}-${postsPerMember}-1`);
  if (!fs.existsSync(path.join(seeded, "atrium.db"))) {
    fs.mkdirSync(seeded, { recursive: true });
    await seed(bin, seeded, { members, postsPerMember });
  }
  const log = (...a) => console.error(...a);
  const results = await measureSearch({ bin, seeded, members, postsPerMember, requests, log });
  if (args.posting !== undefined) results.posting = await measureIndexCostToPosting({ bin, seeded, log });
  console.log(JSON.stringify(results, null, 2));
}
