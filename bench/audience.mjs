// The audience part of the benchmark (bench/run.mjs, phase "audience"): how
// fast the composer's "who will see this" answers
// (GET /api/v1/atrium/compose/audience, issue 22: "fast (cached counts)").
// Each request is another signed-in member (bench/wrk/read.lua), so the
// count is each writer's own: everyone in the organization less their
// blocks, their own followers, the members of a restricted community they
// belong to, or the people they mention. The first request after the
// cached member list expires pays for reloading it (one query over every
// account), so the p99 includes that.
import fs from "node:fs";
import path from "node:path";
import { api, pool } from "./lib/harness.mjs";

const AUDIENCE = "/api/v1/atrium/compose/audience";

/**
 * The restricted community that the most of `members` belong to, and those
 * members: [{community, members}] or null when none of them is in one.
 */
async function restrictedWithMembers(base, members) {
  const byCommunity = new Map();
  await pool(members, 8, async (m) => {
    const r = await api(base, "/api/v1/atrium/communities?mine=true&type=restricted&limit=80", m.token);
    if (r.status !== 200) throw new Error(`communities of ${m.username}: ${r.status}`);
    for (const c of r.json) {
      if (!byCommunity.has(c.id)) byCommunity.set(c.id, { community: c, members: [] });
      byCommunity.get(c.id).members.push(m);
    }
  });
  let best = null;
  for (const v of byCommunity.values()) if (!best || v.members.length > best.members.length) best = v;
  return best;
}

function tokensOf(file, members) {
  fs.writeFileSync(file, members.map((m) => `${m.id}\t${m.username}\t${m.token}\n`).join(""));
  return file;
}

/**
 * Measures the four kinds of audience with wrk against the Atrium at
 * `base` (process `pid`). `members`: signed-in members ({id, username,
 * token}); `tokensFile`: the same for wrk; `wrk(url, opts)` is
 * bench/run.mjs's.
 */
export async function measureAudience({ base, pid, members, tokensFile, tmp, connections, duration, wrk }) {
  const dir = path.join(tmp, "audience");
  fs.mkdirSync(dir, { recursive: true });
  const restricted = await restrictedWithMembers(base, members);
  const kinds = [
    ["organization", "everyone in the organization", `${AUDIENCE}?visibility=public`, tokensFile],
    ["followers", "the writer's followers", `${AUDIENCE}?visibility=private`, tokensFile],
    ["mentioned", "direct, one person mentioned", `${AUDIENCE}?visibility=direct&mentions[]={othername}`, tokensFile],
  ];
  if (restricted)
    kinds.push(["restricted", `a restricted community (${restricted.community.members_count ?? "?"} members; ${restricted.members.length} of them signed in)`,
      `${AUDIENCE}?community_id=${restricted.community.id}`, tokensOf(path.join(dir, "restricted.tsv"), restricted.members)]);
  const out = {};
  for (const [name, label, p, tokens] of kinds) {
    // Every kind must answer 200 with a count before it is timed.
    const who = name === "restricted" ? restricted.members[0] : members[2];
    const sample = await api(base, p.replace("{othername}", members[3].username), who.token);
    if (sample.status !== 200 || typeof sample.json?.count !== "number")
      throw new Error(`audience ${name}: ${sample.status} ${JSON.stringify(sample.json)}`);
    const w = await wrk(base + "/", { script: "read.lua", env: { BENCH_TOKENS: tokens, BENCH_PATH: p }, connections, duration, pid });
    out[name] = { label, example: sample.json, ...w };
  }
  return out;
}
