// Every client endpoint Mastodon documents (fixtures/mastodon-client-endpoints.txt,
// administration left out), called by a signed-in member as an app would
// (issue #19: "a Mastodon phone app finds nothing it calls missing"). Each
// one Atrium serves is routed and answers without a server error, even with
// made-up ids and no body; each it leaves out answers what docs/API.md's
// table "Every Mastodon client endpoint" says, and is named there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { socialServer, T } from "./lib/social-helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const endpoints = fs
  .readFileSync(path.join(here, "fixtures/mastodon-client-endpoints.txt"), "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => {
    const [method, pattern] = l.trim().split(/\s+/);
    return { method, pattern, key: `${method} ${pattern}` };
  });
const apiDoc = fs.readFileSync(path.join(here, "../../docs/API.md"), "utf8");
const endpointTable = apiDoc.slice(apiDoc.indexOf("## Every Mastodon client endpoint"));

const NO_ROUTE = "no route"; // 404 "No route matches", or 405 for a path routed for other methods
const FEDERATION = "does not federate";
// What Atrium leaves out, and how it answers (docs/API.md says why).
const LEFT_OUT = new Map([
  ["POST /api/v1/accounts", 403],
  ["POST /api/v1/emails/confirmations", NO_ROUTE],
  ["GET /api/v1/accounts/:id/identity_proofs", NO_ROUTE],
  ["GET /api/proofs", NO_ROUTE],
  ["GET /api/v1/profile", NO_ROUTE],
  ["PATCH /api/v1/profile", NO_ROUTE],
  ["GET /api/v1/annual_reports", NO_ROUTE],
  ["GET /api/v1/annual_reports/:year", NO_ROUTE],
  ["GET /api/v1/annual_reports/:year/state", NO_ROUTE],
  ["POST /api/v1/annual_reports/:year/generate", NO_ROUTE],
  ["POST /api/v1/annual_reports/:year/read", NO_ROUTE],
  ["GET /api/v1_alpha/async_refreshes/:id", NO_ROUTE],
  ["GET /api/v1/:account_id/collections", NO_ROUTE],
  ["GET /api/v1/:account_id/in_collections", NO_ROUTE],
  ["POST /api/v1/collections", NO_ROUTE],
  ["GET /api/v1/collections/:id", NO_ROUTE],
  ["PATCH /api/v1/collections/:id", NO_ROUTE],
  ["DELETE /api/v1/collections/:id", NO_ROUTE],
  ["POST /api/v1/collections/:collection_id/items", NO_ROUTE],
  ["DELETE /api/v1/collections/:collection_id/items/:id", NO_ROUTE],
  ["POST /api/v1/collections/:collection_id/items/:id/revoke", NO_ROUTE],
  ["GET /api/v1/domain_blocks", FEDERATION],
  ["POST /api/v1/domain_blocks", FEDERATION],
  ["DELETE /api/v1/domain_blocks", FEDERATION],
  ["GET /api/v1/instance/peers", FEDERATION],
  ["GET /api/v1/instance/activity", FEDERATION],
  ["GET /api/v1/instance/domain_blocks", FEDERATION],
  ["GET /api/v1/instance/privacy_policy", NO_ROUTE],
  ["GET /api/v1/instance/terms_of_service", NO_ROUTE],
  ["GET /api/v1/instance/terms_of_service/:date", NO_ROUTE],
  ["GET /api/v2_alpha/notifications", NO_ROUTE],
  ["GET /api/v2_alpha/notifications/:group_key", NO_ROUTE],
  ["GET /api/v2_alpha/notifications/unread_count", NO_ROUTE],
  ["POST /api/v2_alpha/notifications/:group_key/dismiss", NO_ROUTE],
  ["POST /api/v1/notifications/dismiss", NO_ROUTE],
  ["GET /api/oembed", NO_ROUTE],
  ["GET /oauth/userinfo", NO_ROUTE],
  ["GET /api/v1/search", NO_ROUTE],
  ["POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke", NO_ROUTE],
  ["PUT /api/v1/statuses/:id/interaction_policy", NO_ROUTE],
  ["POST /api/v1/statuses/:id/translate", NO_ROUTE],
  ["GET /api/v1/timelines/direct", NO_ROUTE],
]);

let ctx, ana, ben;
before(async () => {
  ctx = await socialServer(["ana", "ben"]);
  ({ ana, ben } = ctx.users);
});
after(() => ctx?.srv.stop());

// Made-up values for a path's parameters: ids nobody has, a tag, a year.
function fill(pattern) {
  return pattern.replace(/:([a-z_]+)/g, (_, name) => {
    if (name === "account_id") return ben.id;
    if (name === "name" || name === "hashtag") return "kudos";
    if (name === "year") return "2026";
    if (name === "date") return "2026-01-01";
    return "123456789";
  });
}

// One call as ana, the body empty: the status and what the body says.
async function call({ method, pattern }) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15000);
  try {
    const headers = { authorization: `Bearer ${ana.token}` };
    if (method !== "GET" && method !== "DELETE") headers["content-type"] = "application/json";
    const res = await fetch(new URL(fill(pattern), ctx.url), {
      method,
      headers,
      body: method === "GET" || method === "DELETE" ? undefined : "{}",
      redirect: "manual",
      signal: abort.signal,
    });
    // A stream (server-sent events) never ends: its headers are the answer.
    if ((res.headers.get("content-type") || "").startsWith("text/event-stream")) {
      abort.abort();
      return { status: res.status, text: "" };
    }
    return { status: res.status, text: await res.text() };
  } finally {
    clearTimeout(timer);
  }
}

const notRouted = (r) => (r.status === 404 && r.text.includes("No route matches")) || r.status === 405;

test("the fixture holds Mastodon's client API, and every left-out entry is one of its endpoints", () => {
  assert.ok(endpoints.length > 200, `${endpoints.length} endpoints`);
  const keys = new Set(endpoints.map((e) => e.key));
  for (const key of LEFT_OUT.keys()) assert.ok(keys.has(key), `${key} is not in the fixture`);
});

test("every endpoint Atrium serves is routed and answers a member without a server error", T, async () => {
  const problems = [];
  for (const e of endpoints.filter((x) => !LEFT_OUT.has(x.key))) {
    const r = await call(e);
    if (notRouted(r)) problems.push(`${e.key}: not routed (${r.status} ${r.text.slice(0, 120)})`);
    else if (r.status >= 500) problems.push(`${e.key}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  assert.deepEqual(problems, []);
});

test("what Atrium leaves out answers as docs/API.md says, and the table names it", T, async () => {
  const problems = [];
  for (const [key, expected] of LEFT_OUT) {
    const [method, pattern] = key.split(" ");
    const r = await call({ method, pattern });
    if (expected === NO_ROUTE && !notRouted(r)) problems.push(`${key}: ${r.status}, expected no route`);
    if (expected === FEDERATION && !(r.status === 404 && r.text.includes(FEDERATION)))
      problems.push(`${key}: ${r.status} ${r.text.slice(0, 120)}, expected 404 "${FEDERATION}"`);
    if (typeof expected === "number" && r.status !== expected) problems.push(`${key}: ${r.status}, expected ${expected}`);
    if (r.status < 400 || r.status >= 500) problems.push(`${key}: answered ${r.status}`);
    // The table names the endpoint by its last literal part (…/:year/state, /api/oembed).
    const literal = pattern.split("/").filter((s) => s && !s.startsWith(":")).pop();
    if (!endpointTable.includes(literal)) problems.push(`${key}: docs/API.md's endpoint table does not name ${literal}`);
  }
  assert.deepEqual(problems, []);
});
