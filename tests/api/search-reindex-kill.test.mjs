// `atrium search reindex` killed in the middle (SIGKILL, after its first
// batch): the index's version is recorded only at the end, so the next run
// (or `atrium serve`) does the whole reindex again, and completes with an
// index that finds every post and person — each batch is its own
// transaction, so nothing half-written survives the kill. --if-stale
// leaves a complete index alone and rebuilds a stale one.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { makeUser, ok, post, socialServer } from "./lib/social-helpers.mjs";
import { ATRIUM_BIN, databaseArgs, makeDataDir, runCli, runSql, startServer, stopAll, usingPostgres } from "./lib/server.mjs";

after(stopAll);

// Starts `atrium search reindex` and SIGKILLs it once it printed its first progress line.
async function reindexKilledMidway(dataDir) {
  const args = ["search", "reindex", "--data", dataDir, ...(await databaseArgs(dataDir))];
  return new Promise((resolve, reject) => {
    const child = spawn(ATRIUM_BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      if (/reindexed \d+ of \d+ posts/.test(stdout)) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout }));
  });
}

test("a reindex killed midway is done again by the next run, which leaves a correct index", { timeout: 300000 }, async () => {
  let dataDir;
  if (usingPostgres) {
    // `atrium seed` has no bulk loader for PostgreSQL: posts through the API
    // (enough for several batches: PostgreSQL's are slower to write).
    const ctx = await socialServer(["writer", "reader"]);
    dataDir = ctx.srv.dataDir;
    for (let i = 0; i < 2000; i++) await post(ctx.users.writer, `pumicestone note ${i} ${i % 7 ? "granite" : "obsidian"}`);
    await ctx.srv.stop();
  } else {
    dataDir = await makeDataDir();
    const seeded = await runCli(["seed", "--members", "200", "--posts-per-member", "60", "--seed", "7", "--password", "seed-password-1"], { dataDir, timeoutMs: 240000 });
    assert.equal(seeded.code, 0, seeded.stderr + seeded.stdout);
  }

  const killed = await reindexKilledMidway(dataDir);
  assert.equal(killed.signal, "SIGKILL", killed.stdout);
  const [, done, total] = killed.stdout.match(/reindexed (\d+) of (\d+) posts/);
  assert.ok(Number(done) < Number(total), killed.stdout);
  assert.ok(!killed.stdout.includes("complete"), killed.stdout);

  const again = await runCli(["search", "reindex"], { dataDir, timeoutMs: 240000 });
  assert.equal(again.code, 0, again.stderr + again.stdout);
  assert.match(again.stdout, new RegExp(`reindexed ${total} of ${total} posts`));
  assert.match(again.stdout, /reindexed \d+ of \d+ people/);
  assert.match(again.stdout, /the search index is complete/);

  // --if-stale leaves a complete index alone, and rebuilds one whose
  // version is gone (as after an upgrade to a newer index format).
  const current = await runCli(["search", "reindex", "--if-stale"], { dataDir });
  assert.equal(current.code, 0, current.stderr + current.stdout);
  assert.equal(current.stdout.trim(), "the search index is current");
  await runSql(dataDir, "DELETE FROM search_state");
  const stale = await runCli(["search", "reindex", "--if-stale"], { dataDir, timeoutMs: 240000 });
  assert.equal(stale.code, 0, stale.stderr + stale.stdout);
  assert.match(stale.stdout, new RegExp(`reindexed ${total} of ${total} posts`));
  assert.match(stale.stdout, /the search index is complete/);

  // The index finds what the store holds: posts by a word of theirs (the
  // newest and the oldest of the public stream's first page, so both ends of
  // the id range), and people by their display name.
  const srv = await startServer({ dataDir, args: [] });
  const tokens = await runCli(["issue-tokens", "--count", "1", "--out", `${dataDir}/tokens.txt`], { dataDir });
  assert.equal(tokens.code, 0, tokens.stderr);
  const fs = await import("node:fs/promises");
  const [, , token] = (await fs.readFile(`${dataDir}/tokens.txt`, "utf8")).trim().split(/\s+/);
  const me = makeUser(srv.url, "reader", token);
  const posts = ok(await me.req("/api/v1/timelines/public?limit=40")).filter((s) => !s.reblog && s.visibility === "public");
  assert.ok(posts.length > 10);
  for (const s of [posts[0], posts[posts.length - 1]]) {
    const words = s.content.replace(/<[^>]*>/g, " ").split(/[^A-Za-z]+/).filter((w) => w.length >= 5);
    assert.ok(words.length > 0, s.content);
    const q = `${words[0]} from:@${s.account.username}`;
    const found = ok(await me.req(`/api/v2/search?${new URLSearchParams({ q, type: "statuses", limit: "40" })}`));
    assert.ok(found.statuses.some((f) => f.id === s.id), `${q} finds ${s.id}`);
  }
  const person = posts[1].account;
  const people = ok(await me.req(`/api/v1/atrium/search?${new URLSearchParams({ q: person.display_name, type: "people" })}`));
  assert.ok(people.accounts.some((a) => a.id === person.id), person.display_name);
});
