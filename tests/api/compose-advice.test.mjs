// Advice at compose time: POST /api/v1/atrium/compose/advice on a table of
// drafts per rule of the built-in pack — hits and near-misses, in several
// languages and scripts, not fooled by case or diacritics, never triggered
// by a word inside another — plus the organization's pack (advice-rules),
// the admin API (rules on and off, word lists, dry run) and the hint for a
// link someone already shared.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { socialServer, ok, err, post, eventually, T } from "./lib/social-helpers.mjs";
import { runCli } from "./lib/server.mjs";

let ctx, U, reply, bossPost;

const ORG_PACK = {
  settings: { social_community: "Coffee & Conversation" },
  lists: { clients: ["Contoso", "Fabrikam"], code_names: ["Blue Bird", "Ñandú"] },
};

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-advice-"));
  const file = path.join(dir, "advice.json");
  fs.writeFileSync(file, JSON.stringify(ORG_PACK));
  ctx = await socialServer(["author", "peer", "boss", "outsider"], { admins: ["boss"], args: ["--advice-rules", file] });
  U = ctx.users;
  reply = await post(U.peer, "Our plan for the next quarter");
  bossPost = await post(U.boss, "Where I think we go next");
  const csv = path.join(ctx.srv.dataDir, "managers.csv");
  fs.writeFileSync(csv, "username,manager\nauthor,boss\n");
  const r = await runCli(["import-directory", csv], { dataDir: ctx.srv.dataDir });
  assert.equal(r.code, 0, r.stderr + r.stdout);
});

async function advice(user, draft) {
  // The table is written before the thread exists: "REPLY" stands for it.
  if (draft.in_reply_to_id === "REPLY") draft = { ...draft, in_reply_to_id: reply.id };
  return ok(await user.req("/api/v1/atrium/compose/advice", { method: "POST", json: draft }));
}

async function rulesFor(draft, user = U.author) {
  return (await advice(user, draft)).map((a) => a.rule);
}

const asReply = (status, extra = {}) => ({ status, in_reply_to_id: "REPLY", ...extra });
const longText = (words) => Array.from({ length: 40 }, () => words).join(" ");

const TABLE = [
  // [rule, draft, expected to fire]
  ["agreement-only", asReply("+1"), true],
  ["agreement-only", asReply("Agreed!"), true],
  ["agreement-only", asReply("@peer this!"), true],
  ["agreement-only", asReply("GREAT POST"), true],
  ["agreement-only", asReply("Tout à fait"), true],
  ["agreement-only", asReply("tout a fait"), true],
  ["agreement-only", asReply("同意"), true],
  ["agreement-only", asReply("Согласен!"), true],
  ["agreement-only", asReply("+1, and the build needs fixing first"), false],
  ["agreement-only", asReply("agreed on the date, not on the budget"), false],
  ["agreement-only", asReply("thistle"), false],
  ["agreement-only", { status: "+1" }, false], // not a reply
  ["build-on-the-point", asReply("What is more important is the budget."), true],
  ["build-on-the-point", asReply("WHAT'S MORE IMPORTANT: hiring"), true],
  ["build-on-the-point", asReply("Was wichtiger ist: das Budget"), true],
  ["build-on-the-point", asReply("I wonder what is more important here"), false],
  ["build-on-the-point", { status: "What is more important today?" }, false],
  ["confidential", { status: "This is CONFIDENTIAL, please read" }, true],
  ["confidential", { status: "Vertraulich: die Zahlen für Q3" }, true],
  ["confidential", { status: "The blue bird launch is moving" }, true],
  ["confidential", { status: "Projekt NANDU startet" }, true],
  ["confidential", { status: "機密情報です" }, true],
  ["confidential", { status: "Notes", title: "Internal only" }, true],
  ["confidential", { status: "We discussed nonconfidential matters and confidentiality in general" }, false],
  ["confidential", { status: "The bluebird launch is moving" }, false],
  ["confidential", { status: "This is confidential", visibility: "private" }, false],
  ["confidential", { status: "This is confidential", visibility: "direct" }, false],
  ["client-criticism", { status: "Contoso's team is incompetent" }, true],
  ["client-criticism", { status: "FABRIKAM sind völlig unfähig" }, true],
  ["client-criticism", { status: "Contoso shipped a great release" }, false],
  ["client-criticism", { status: "Contosoft is terrible" }, false],
  ["politics", { status: "Everyone: vote for Smith on Tuesday" }, true],
  ["politics", { status: "Votez pour le candidat" }, true],
  ["politics", { status: "The team will vote on the new logo" }, false],
  ["politics", { status: "vote for Smith", visibility: "private" }, false],
  ["long-paste", { status: Array.from({ length: 16 }, (_, i) => `line ${i}`).join("\n") }, true],
  ["long-paste", { status: `https://news.example.com/article ${"copied text ".repeat(80)}` }, true],
  ["long-paste", { status: Array.from({ length: 5 }, (_, i) => `line ${i}`).join("\n") }, false],
  ["long-paste", { status: "copied text ".repeat(80) }, false],
  ["writing-in-anger", { status: "THIS IS COMPLETELY UNACCEPTABLE AGAIN" }, true],
  ["writing-in-anger", { status: "Why does this keep happening!!!!" }, true],
  ["writing-in-anger", { status: "ПОЧЕМУ ЭТО СНОВА НЕ РАБОТАЕТ СЕГОДНЯ" }, true],
  ["writing-in-anger", { status: "NASA and IBM sign a deal with the EU today" }, false],
  ["writing-in-anger", { status: "Great job!!" }, false],
  ["social-community", { status: longText("the world cup tournament") }, true],
  ["social-community", { status: longText("the world cup tournament"), visibility: "private" }, false],
  ["social-community", { status: longText("the world cup and our roadmap") }, false],
  ["social-community", { status: "world cup tournament tonight" }, false], // short, not a long thread
];

test("each rule on a table of drafts: hits and near-misses", T, async () => {
  const failures = [];
  for (const [rule, draft, fires] of TABLE) {
    const got = await rulesFor(draft);
    if (got.includes(rule) !== fires) failures.push(`${rule} ${fires ? "missed" : "fired on"} ${JSON.stringify(draft).slice(0, 120)} (got ${JSON.stringify(got)})`);
  }
  assert.deepEqual(failures, []);
});

test("items carry the message, severity and spans in UTF-16 units; messages per language", T, async () => {
  const [c] = await advice(U.author, { status: "🎉 This is CONFIDENTIAL" });
  assert.equal(c.rule, "confidential");
  assert.equal(c.severity, "confirm");
  assert.deepEqual(c.spans, [{ start: 11, end: 23 }]);
  assert.match(c.message, /CONFIDENTIAL|confidential/);
  assert.match(c.message, /Is this audience right\?/);
  const [a] = await advice(U.author, asReply("+1"));
  assert.equal(a.severity, "info");
  assert.match(a.message, /Like/);
  const [de] = await advice(U.author, asReply("+1", { language: "de" }));
  assert.match(de.message, /Ein Like sagt das/);
  const [fr] = ok(await U.author.req("/api/v1/atrium/compose/advice", { method: "POST", json: { ...asReply("+1"), in_reply_to_id: reply.id }, headers: { "Accept-Language": "fr-CH, en;q=0.5" } }));
  assert.match(fr.message, /J'aime/);
  const [xx] = await advice(U.author, asReply("+1", { language: "tlh" }));
  assert.match(xx.message, /A Like says this/, "an unknown language falls back to English");
  const [client] = await advice(U.author, { status: "Fabrikam is useless" });
  assert.equal(client.severity, "warn");
  assert.match(client.message, /Fabrikam/);
  const social = (await advice(U.author, { status: longText("the world cup tournament") })).find((x) => x.rule === "social-community");
  assert.match(social.message, /Coffee & Conversation/, "the organization's setting fills the message");
});

test("praise of a manager's post without substance is nudged to a Like; a peer's is not", T, async () => {
  await eventually(async () => {
    assert.ok((await rulesFor({ status: "Brilliant!", in_reply_to_id: bossPost.id })).includes("praise-for-manager"));
  }, 10000);
  assert.ok(!(await rulesFor({ status: "Brilliant!", in_reply_to_id: reply.id })).includes("praise-for-manager"));
  assert.ok(!(await rulesFor({ status: "Brilliant: this changed how we price the Q3 renewals, because the discount model finally matches what sales sees in the field every week", in_reply_to_id: bossPost.id })).includes("praise-for-manager"));
});

test("a link shared in the last 30 days: who shared it, when, and where (only posts the writer may see)", T, async () => {
  const shared = await post(U.boss, "Read this: https://intranet.example.com/wiki/roadmap");
  const items = await advice(U.author, { status: "Have you seen https://intranet.example.com/wiki/roadmap/ ?" });
  const hint = items.find((x) => x.rule === "shared-link");
  assert.ok(hint, JSON.stringify(items));
  const me = ok(await U.boss.req("/api/v1/accounts/verify_credentials"));
  assert.equal(hint.message, `${me.display_name || "boss"} shared this today — add to that conversation?`);
  assert.equal(hint.status_id, shared.id);
  assert.ok(hint.url.endsWith(shared.id), hint.url);
  assert.deepEqual(hint.spans, [{ start: 14, end: 56 }]);
  assert.ok(!(await rulesFor({ status: "https://intranet.example.com/wiki/roadmap2" })).includes("shared-link"), "another address");
  assert.ok(!(await rulesFor({ status: "https://intranet.example.com/wiki/roadmap" }, U.boss)).includes("shared-link"), "their own post");
  // a link shared only with the sharer's mentioned people stays hidden from others
  await post(U.peer, "@boss https://intranet.example.com/secret-plan", { visibility: "direct" });
  assert.ok((await rulesFor({ status: "https://intranet.example.com/secret-plan" }, U.boss)).includes("shared-link"));
  assert.ok(!(await rulesFor({ status: "https://intranet.example.com/secret-plan" }, U.outsider)).includes("shared-link"));
});

test("administrators switch rules off and on, edit word lists and dry-run a pack", T, async () => {
  const pack = ok(await U.boss.req("/api/v1/atrium/admin/advice"));
  assert.ok(pack.rules.find((r) => r.id === "agreement-only").enabled);
  assert.deepEqual(pack.lists.find((l) => l.name === "clients").words, ["Contoso", "Fabrikam"]);
  err(await U.author.req("/api/v1/atrium/admin/advice"), 403);

  ok(await U.boss.req("/api/v1/atrium/admin/advice/rules/agreement-only", { method: "PUT", json: { enabled: false } }));
  assert.ok(!(await rulesFor(asReply("+1"))).includes("agreement-only"));
  ok(await U.boss.req("/api/v1/atrium/admin/advice/rules/agreement-only", { method: "DELETE" }));
  assert.ok((await rulesFor(asReply("+1"))).includes("agreement-only"));

  const after = ok(await U.boss.req("/api/v1/atrium/admin/advice/lists/clients", { method: "PUT", json: { words: "Northwind Traders\nContoso\n" } }));
  assert.deepEqual(after.lists.find((l) => l.name === "clients").words, ["Northwind Traders", "Contoso"]);
  assert.ok((await rulesFor({ status: "northwind traders are clueless" })).includes("client-criticism"));
  assert.ok(!(await rulesFor({ status: "Fabrikam is useless" })).includes("client-criticism"));

  err(await U.boss.req("/api/v1/atrium/admin/advice/rules/no-such-rule", { method: "PUT", json: { enabled: false } }), 404);
  err(await U.boss.req("/api/v1/atrium/admin/advice/rules/agreement-only", { method: "PUT", json: { enabled: "maybe" } }), 422);
  err(await U.boss.req("/api/v1/atrium/admin/advice/lists/nope", { method: "PUT", json: { words: "x" } }), 404);
  err(await U.author.req("/api/v1/atrium/admin/advice/lists/clients", { method: "PUT", json: { words: "x" } }), 403);

  const rule = { id: "release-dates", severity: "warn", all: [{ words: ["launch date"] }], message: { en: "Launch dates are announced by Marketing." } };
  const dry = ok(await U.boss.req("/api/v1/atrium/admin/advice/dry_run", { method: "POST", json: { pack: JSON.stringify({ rules: [rule] }), status: "The LAUNCH DATE is May 3" } }));
  assert.deepEqual(dry.map((x) => x.rule), ["release-dates"]);
  const bad = err(await U.boss.req("/api/v1/atrium/admin/advice/dry_run", { method: "POST", json: { pack: JSON.stringify({ rules: [{ ...rule, severity: "loud" }] }), status: "x" } }), 422);
  assert.match(bad.error, /release-dates\.severity/);
  const badKey = err(await U.boss.req("/api/v1/atrium/admin/advice/dry_run", { method: "POST", json: { pack: JSON.stringify({ rules: [{ ...rule, colour: "red" }] }), status: "x" } }), 422);
  assert.match(badKey.error, /colour/);
  assert.ok(!(await rulesFor({ status: "The LAUNCH DATE is May 3" })).includes("release-dates"), "a dry run changes nothing");
});

test("bad drafts are refused and change nothing", T, async () => {
  err(await U.author.req("/api/v1/atrium/compose/advice", { method: "POST", json: { status: "x", visibility: "loud" } }), 422);
  err(await U.author.req("/api/v1/atrium/compose/advice", { method: "POST", json: { status: "x", colour: "red" } }), 422);
  err(await U.author.req("/api/v1/atrium/compose/advice", { method: "POST", json: { status: "x", in_reply_to_id: "abc" } }), 422);
  err(await U.author.req("/api/v1/atrium/compose/advice", { method: "POST", json: { status: "x", in_reply_to_id: "123456789" } }), 422);
  err(await U.author.req("/api/v1/atrium/compose/advice", { method: "POST", body: "{not json", headers: { "Content-Type": "application/json" } }), 400);
});
