// Markdown whose tables would explode (cmark-gfm fills every row up to the
// header's column count: a few kilobytes become millions of cells) is
// refused with 422 wherever Markdown is written — a profile note, a blog
// entry, a question, a community description — and nothing changes. A
// table of ordinary size still renders.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, ok, err, T } from "./lib/social-helpers.mjs";

let U;
const B = "/api/v1/atrium/blogs";
const Q = "/api/v1/atrium/questions";
const C = "/api/v1/atrium/communities";

// A wide header over one-cell rows: 1,000 × 2,000 is 8 KB of text (2 million
// cells); 500 × 1,400 fits the 5,000 characters of a note or a description.
function wideTable(columns = 1000, rows = 2000) {
  return `|${"a|".repeat(columns)}\n|${"-|".repeat(columns)}\n${"x\n".repeat(rows)}`;
}

before(async () => {
  const ctx = await socialServer(["alice", "bob"]);
  U = ctx.users;
});

suite("Markdown tables are bounded", () => {
  test("a profile note: 422 naming the note, and the note stays", T, async () => {
    const patch = (json) => U.alice.req("/api/v1/accounts/update_credentials", { method: "PATCH", json });
    ok(await patch({ note: "Before." }));
    const e = err(await patch({ note: wideTable(500, 1400) }), 422);
    assert.match(e.error, /Note has tables of more than 10000 cells/);
    const me = ok(await U.alice.req("/api/v1/accounts/verify_credentials"));
    assert.equal(me.source.note, "Before.");
  });

  test("a blog entry and a question: 422, and nothing is posted", T, async () => {
    const before = ok(await U.alice.req(`${B}?account_id=${U.alice.id}`)).length;
    err(await U.alice.req(B, { method: "POST", json: { title: "Wide", body: wideTable() } }), 422);
    err(await U.alice.req(Q, { method: "POST", json: { title: "Wide?", body: wideTable() } }), 422);
    assert.equal(ok(await U.alice.req(`${B}?account_id=${U.alice.id}`)).length, before);
    assert.equal(ok(await U.alice.req(`${Q}?account_id=${U.alice.id}`)).length, 0);
    // Editing an entry into one is refused too, and the entry stays as it was.
    const b = ok(await U.alice.req(B, { method: "POST", json: { title: "Narrow", body: "Fine." } }));
    err(await U.alice.req(`${B}/${b.id}`, { method: "PUT", json: { body: wideTable() } }), 422);
    const kept = ok(await U.bob.req(`${B}/${b.id}`));
    assert.match(kept.content, /Fine\./);
    assert.equal(kept.edited_at, null);
  });

  test("a community description: 422 on create and on edit, nothing changes", T, async () => {
    err(await U.alice.req(C, { method: "POST", json: { handle: "wide", name: "Wide", description: wideTable(500, 1400) } }), 422);
    err(await U.alice.req(`${C}/lookup?handle=wide`), 404);
    const c = ok(await U.alice.req(C, { method: "POST", json: { handle: "narrow", name: "Narrow", description: "Small." } }));
    err(await U.alice.req(`${C}/${c.id}`, { method: "PATCH", json: { description: wideTable(500, 1400), name: "Renamed" } }), 422);
    const kept = ok(await U.bob.req(`${C}/${c.id}`));
    assert.equal(kept.description, "Small.");
    assert.equal(kept.name, "Narrow");
  });

  test("a table of ordinary size renders", T, async () => {
    const table = `|${"h|".repeat(20)}\n|${"-|".repeat(20)}\n${`|${"v|".repeat(20)}\n`.repeat(50)}`;
    const b = ok(await U.bob.req(B, { method: "POST", json: { title: "Table", body: table } }));
    assert.equal((b.content.match(/<td>/g) ?? []).length, 20 * 50);
  });
});
