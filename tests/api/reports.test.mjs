// Reports and the moderators' queue: a member reports a person and posts
// through the masto client (v1.reports.create), moderators work the queue
// (v1.admin.reports.*, v1.admin.accounts.$select(id).action.create), the
// reporter hears the outcome and the person reported never learns who
// reported; a community's moderators see only their community's reports;
// members reach no admin route; bad input changes nothing; every step is
// in the audit log.
import { describe as suite, test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, err, rejectsWith, makeUser, T, describe } from "./lib/social-helpers.mjs";
import { passwordToken } from "./lib/oauth.mjs";

let ctx, U, M;
const C = "/api/v1/atrium/communities";
// What a moderator's app asks for: the report queue and account actions.
const MOD_SCOPES = "read write follow push admin:read:reports admin:write:reports admin:write:accounts";

before(async () => {
  ctx = await socialServer(["ada", "ben", "cleo", "dan", "eve", "fay", "root"], { admins: ["root"] });
  U = ctx.users;
  // dan moderates community A ("alpha"), eve community B ("beta"), each
  // with a token that asks for the moderators' scopes.
  M = {};
  for (const name of ["dan", "eve"]) {
    const token = await passwordToken(ctx.url, ctx.app, name, U[name].password, MOD_SCOPES);
    M[name] = makeUser(ctx.url, name, token);
    M[name].id = U[name].id;
  }
  M.alpha = ok(await U.dan.req(C, { method: "POST", json: { handle: "alpha", name: "Alpha", type: "public" } }));
  M.beta = ok(await U.eve.req(C, { method: "POST", json: { handle: "beta", name: "Beta", type: "public" } }));
  for (const c of [M.alpha, M.beta]) ok(await U.ben.req(`${C}/${c.id}/join`, { method: "POST" }));
});

async function audit(action) {
  return ok(await U.root.req(`/api/v1/atrium/admin/audit?action=${encodeURIComponent(action)}&limit=80`));
}

suite("rules", () => {
  test("the organization's rules are listed, in the instance documents too, and admins edit them", T, async () => {
    const rules = await U.ada.client.v1.instance.rules.list();
    assert.ok(rules.length >= 5, "the posting guidance is the default set");
    assert.match(rules[0].text, /confidential/i);
    assert.equal(typeof rules[0].hint, "string");
    const v1 = ok(await U.ada.req("/api/v1/instance"));
    const v2 = ok(await U.ada.req("/api/v2/instance"));
    assert.deepEqual(v1.rules, rules);
    assert.deepEqual(v2.rules, rules);
    // Nobody outside the organization reads them.
    assert.deepEqual(ok(await (await import("./lib/http.mjs")).request(ctx.url, "/api/v1/instance")).rules, []);
    err(await U.ada.req("/api/v1/atrium/admin/rules", { method: "POST", json: { text: "Mine" } }), 403);
    const added = ok(await U.root.req("/api/v1/atrium/admin/rules", { method: "POST", json: { text: "Credit other people's work", hint: "Name your sources." } }));
    const changed = ok(await U.root.req(`/api/v1/atrium/admin/rules/${added.id}`, { method: "PUT", json: { text: "Credit colleagues' work", hint: "" } }));
    assert.equal(changed.text, "Credit colleagues' work");
    let now = await U.ada.client.v1.instance.rules.list();
    assert.equal(now.at(-1).text, "Credit colleagues' work");
    err(await U.root.req("/api/v1/atrium/admin/rules", { method: "POST", json: { text: "" } }), 422);
    err(await U.root.req("/api/v1/atrium/admin/rules", { method: "POST", json: { text: "x", colour: "red" } }), 422);
    err(await U.root.req("/api/v1/atrium/admin/rules/999999", { method: "PUT", json: { text: "x" } }), 404);
    assert.equal((await U.ada.client.v1.instance.rules.list()).length, now.length, "bad input changed nothing");
    ok(await U.root.req(`/api/v1/atrium/admin/rules/${added.id}`, { method: "DELETE" }));
    now = await U.ada.client.v1.instance.rules.list();
    assert.ok(!now.some((r) => r.id === added.id));
    const actions = (await audit("rule.create")).concat(await audit("rule.update"), await audit("rule.delete"));
    assert.equal(actions.filter((e) => e.target_id === added.id).length, 3);
  });
});

suite("the report flow", () => {
  test("report, queue, assign, act with a warning, resolve, notify — through masto", T, async () => {
    const bad = await post(U.ben, "Our client Contoso is a bunch of clowns");
    const rules = await U.ada.client.v1.instance.rules.list();
    const report = await U.ada.client.v1.reports.create({
      accountId: U.ben.id,
      statusIds: [bad.id],
      comment: "Not how we speak about clients",
      category: "violation",
      ruleIds: [rules[1].id],
      forward: true,
    });
    assert.equal(report.actionTaken, false);
    assert.equal(report.category, "violation");
    assert.equal(report.comment, "Not how we speak about clients");
    assert.equal(report.forwarded, false, "forward is accepted and ignored");
    assert.deepEqual(report.statusIds, [bad.id]);
    assert.deepEqual(report.ruleIds, [rules[1].id]);
    assert.equal(report.targetAccount.id, U.ben.id);

    // The queue: the administrator sees it, with the post in context.
    const queue = await U.root.client.v1.admin.reports.list();
    const listed = queue.find((r) => r.id === report.id);
    assert.ok(listed, "the open report is in the queue");
    assert.equal(listed.account.id, U.ada.id);
    assert.equal(listed.account.account.id, U.ada.id);
    assert.equal(listed.targetAccount.id, U.ben.id);
    assert.equal(listed.assignedAccount, null);
    assert.equal(listed.actionTakenByAccount, null);
    assert.deepEqual(listed.statuses.map((s) => s.id), [bad.id]);
    assert.deepEqual(listed.rules.map((r) => r.id), [rules[1].id]);
    assert.equal(typeof listed.updatedAt, "string");
    const byTarget = await U.root.client.v1.admin.reports.list({ targetAccountId: U.ben.id });
    assert.ok(byTarget.some((r) => r.id === report.id));
    const byOther = await U.root.client.v1.admin.reports.list({ targetAccountId: U.cleo.id });
    assert.ok(!byOther.some((r) => r.id === report.id));
    const byReporter = await U.root.client.v1.admin.reports.list({ accountId: U.ada.id });
    assert.ok(byReporter.some((r) => r.id === report.id));
    assert.ok(!(await U.root.client.v1.admin.reports.list({ resolved: true })).some((r) => r.id === report.id));

    const assigned = await U.root.client.v1.admin.reports.$select(report.id).assignToSelf();
    assert.equal(assigned.assignedAccount.id, U.root.id);
    const unassigned = await U.root.client.v1.admin.reports.$select(report.id).unassign();
    assert.equal(unassigned.assignedAccount, null);

    // The moderator warns ben about the report: ben sees the warning, not
    // who reported; the report is resolved and ada hears it.
    await U.root.client.v1.admin.accounts.$select(U.ben.id).action.create({
      type: "none",
      reportId: report.id,
      text: "Please keep criticism of clients out of posts.",
      sendEmailNotification: false,
    });
    const resolved = await U.root.client.v1.admin.reports.$select(report.id).fetch();
    assert.equal(resolved.actionTaken, true);
    assert.equal(resolved.actionTakenByAccount.id, U.root.id);
    assert.ok(resolved.actionTakenAt);
    assert.ok((await U.root.client.v1.admin.reports.list({ resolved: true })).some((r) => r.id === report.id));

    const adaNotes = ok(await U.ada.req("/api/v1/notifications?types[]=report_resolved"));
    const resolvedNote = adaNotes.find((n) => n.report && n.report.id === report.id);
    assert.ok(resolvedNote, `the reporter is notified: ${JSON.stringify(adaNotes)}`);
    assert.equal(resolvedNote.report.action_taken, true);

    const benNotes = ok(await U.ben.req("/api/v1/notifications"));
    const warning = benNotes.find((n) => n.type === "moderation_warning");
    assert.ok(warning, "the person reported sees the warning");
    assert.equal(warning.moderation_warning.text, "Please keep criticism of clients out of posts.");
    assert.equal(warning.moderation_warning.action, "none");
    assert.deepEqual(warning.moderation_warning.status_ids, [bad.id]);
    assert.equal(warning.account.id, U.root.id, "the warning comes from the moderator");
    const everythingBenSees = JSON.stringify(benNotes);
    assert.ok(!everythingBenSees.includes(`"${U.ada.id}"`), "nothing ben is shown names the reporter");
    assert.ok(!benNotes.some((n) => n.type === "report_resolved"));
    err(await U.ben.req(`/api/v1/admin/reports/${report.id}`), 403);

    // Reopen and resolve again, each audited.
    const reopened = await U.root.client.v1.admin.reports.$select(report.id).reopen();
    assert.equal(reopened.actionTaken, false);
    const again = await U.root.client.v1.admin.reports.$select(report.id).resolve();
    assert.equal(again.actionTaken, true);
    for (const action of ["report.create", "report.assign", "report.unassign", "report.resolve", "report.reopen"])
      assert.ok((await audit(action)).some((e) => e.target_id === report.id), `${action} is audited`);
    assert.ok((await audit("account.action")).some((e) => e.target_id === U.ben.id));
  });

  test("a reported post is removed with its reason kept", T, async () => {
    const p1 = await post(U.cleo, "the launch date is March 3rd, keep it quiet");
    const p2 = await post(U.cleo, "and another thing");
    const report = await U.ada.client.v1.reports.create({ accountId: U.cleo.id, statusIds: [p1.id, p2.id], category: "legal" });
    err(await U.root.req(`/api/v1/atrium/admin/reports/${report.id}/remove_statuses`, { method: "POST", json: { status_ids: [p1.id] } }), 422);
    err(await U.root.req(`/api/v1/atrium/admin/reports/${report.id}/remove_statuses`, { method: "POST", json: { status_ids: ["123"], reason: "x" } }), 422);
    assert.equal((await U.ada.req(`/api/v1/statuses/${p1.id}`)).status, 200, "bad input removed nothing");
    const after = ok(await U.root.req(`/api/v1/atrium/admin/reports/${report.id}/remove_statuses`, { method: "POST", json: { status_ids: [p1.id], reason: "Unannounced launch date" } }));
    assert.equal((await U.ada.req(`/api/v1/statuses/${p1.id}`)).status, 404);
    assert.equal((await U.ada.req(`/api/v1/statuses/${p2.id}`)).status, 200);
    assert.deepEqual(after.statuses.map((s) => s.id), [p2.id]);
    assert.equal(after.removed_statuses.length, 1);
    assert.equal(after.removed_statuses[0].id, p1.id);
    assert.equal(after.removed_statuses[0].reason, "Unannounced launch date");
    assert.match(JSON.stringify(after.removed_statuses[0].record), /launch date is March 3rd/);
    const entry = (await audit("report.remove_status")).find((e) => e.target_id === p1.id);
    assert.ok(entry, "the removal is audited");
    assert.match(JSON.stringify(entry), /Unannounced launch date/);
  });

  test("silence makes a person read-only until it is lifted, with the warning they see", T, async () => {
    const report = await U.ada.client.v1.reports.create({ accountId: U.fay.id, comment: "spam all day", category: "spam" });
    await U.root.client.v1.admin.accounts.$select(U.fay.id).action.create({ type: "silence", reportId: report.id, text: "Read-only for a week." });
    err(await U.fay.req("/api/v1/statuses", { method: "POST", json: { status: "can I post?" } }), 403);
    let admin = await U.root.client.v1.admin.accounts.$select(U.fay.id).fetch();
    assert.equal(admin.silenced, true);
    ok(await U.root.req(`/api/v1/admin/accounts/${U.fay.id}/unsilence`, { method: "POST" }));
    await post(U.fay, "back again");
    admin = await U.root.client.v1.admin.accounts.$select(U.fay.id).fetch();
    assert.equal(admin.silenced, false);
    const warned = ok(await U.fay.req("/api/v1/notifications?types[]=moderation_warning"));
    assert.equal(warned[0].moderation_warning.action, "silence");
    assert.equal(warned[0].moderation_warning.text, "Read-only for a week.");
  });
});

suite("community moderators", () => {
  test("a moderator of community A sees and acts on A's reports only", T, async () => {
    const inA = await post(U.ben, "off-topic rant in alpha", { community_id: M.alpha.id });
    const inB = await post(U.ben, "off-topic rant in beta", { community_id: M.beta.id });
    const outside = await post(U.ben, "organization-wide rant");
    const rA = await U.cleo.client.v1.reports.create({ accountId: U.ben.id, statusIds: [inA.id], category: "other" });
    const rB = await U.cleo.client.v1.reports.create({ accountId: U.ben.id, statusIds: [inB.id], category: "other" });
    const rOrg = await U.cleo.client.v1.reports.create({ accountId: U.ben.id, statusIds: [outside.id], category: "other" });

    const danQueue = await M.dan.client.v1.admin.reports.list();
    assert.deepEqual(danQueue.map((r) => r.id).filter((id) => [rA.id, rB.id, rOrg.id].includes(id)), [rA.id]);
    const eveQueue = await M.eve.client.v1.admin.reports.list();
    assert.deepEqual(eveQueue.map((r) => r.id).filter((id) => [rA.id, rB.id, rOrg.id].includes(id)), [rB.id]);
    assert.deepEqual(danQueue.find((r) => r.id === rA.id).statuses.map((s) => s.id), [inA.id]);

    // dan cannot see, assign, resolve, remove from or warn about B's report.
    await rejectsWith(M.dan.client.v1.admin.reports.$select(rB.id).fetch(), 404, "fetch B");
    await rejectsWith(M.dan.client.v1.admin.reports.$select(rB.id).assignToSelf(), 404, "assign B");
    await rejectsWith(M.dan.client.v1.admin.reports.$select(rB.id).resolve(), 404, "resolve B");
    await rejectsWith(M.dan.client.v1.admin.reports.$select(rOrg.id).resolve(), 404, "resolve the organization's");
    err(await M.dan.req(`/api/v1/atrium/admin/reports/${rB.id}/remove_statuses`, { method: "POST", json: { reason: "mine now" } }), 404);
    await rejectsWith(M.dan.client.v1.admin.accounts.$select(U.ben.id).action.create({ type: "none", reportId: rB.id, text: "no" }), 404, "warn about B");
    // ...nor take an organization's action about his own community's report.
    await rejectsWith(M.dan.client.v1.admin.accounts.$select(U.ben.id).action.create({ type: "suspend", reportId: rA.id }), 403, "suspend");
    const untouched = await U.root.client.v1.admin.reports.$select(rB.id).fetch();
    assert.equal(untouched.actionTaken, false);
    assert.equal(untouched.assignedAccount, null);
    assert.equal((await U.ada.req(`/api/v1/statuses/${inB.id}`)).status, 200);

    // In his own community he works the report.
    const mine = await M.dan.client.v1.admin.reports.$select(rA.id).assignToSelf();
    assert.equal(mine.assignedAccount.id, U.dan.id);
    const removed = ok(await M.dan.req(`/api/v1/atrium/admin/reports/${rA.id}/remove_statuses`, { method: "POST", json: { reason: "off-topic" } }));
    assert.equal(removed.removed_statuses[0].reason, "off-topic");
    await M.dan.client.v1.admin.accounts.$select(U.ben.id).action.create({ type: "none", reportId: rA.id, text: "Stay on topic in Alpha." });
    assert.equal((await M.dan.client.v1.admin.reports.$select(rA.id).fetch()).actionTaken, true);
    assert.equal((await U.root.client.v1.admin.reports.$select(rB.id).fetch()).actionTaken, false);
  });
});

suite("refusals", () => {
  test("a member gets 403 on every admin route", T, async () => {
    const report = await U.cleo.client.v1.reports.create({ accountId: U.fay.id, category: "other", comment: "check" });
    const routes = [
      ["GET", "/api/v1/admin/reports"],
      ["GET", `/api/v1/admin/reports/${report.id}`],
      ["POST", `/api/v1/admin/reports/${report.id}/assign_to_self`],
      ["POST", `/api/v1/admin/reports/${report.id}/unassign`],
      ["POST", `/api/v1/admin/reports/${report.id}/resolve`],
      ["POST", `/api/v1/admin/reports/${report.id}/reopen`],
      ["POST", `/api/v1/atrium/admin/reports/${report.id}/remove_statuses`],
      ["POST", `/api/v1/admin/accounts/${U.fay.id}/action`],
      ["POST", `/api/v1/admin/accounts/${U.fay.id}/unsilence`],
      ["POST", `/api/v1/admin/accounts/${U.fay.id}/unsensitive`],
      ["GET", "/api/v1/atrium/admin/rules"],
      ["POST", "/api/v1/atrium/admin/rules"],
      ["PUT", "/api/v1/atrium/admin/rules/1"],
      ["DELETE", "/api/v1/atrium/admin/rules/1"],
    ];
    for (const [method, path] of routes) {
      const body = method === "GET" || method === "DELETE" ? undefined : { type: "suspend", reason: "x", text: "x" };
      err(await U.ada.req(path, { method, json: body }), 403);
    }
    const still = await U.root.client.v1.admin.reports.$select(report.id).fetch();
    assert.equal(still.actionTaken, false);
    assert.equal((await U.root.client.v1.admin.accounts.$select(U.fay.id).fetch()).disabled, false);
  });

  test("bad reports are a clear 4xx and file nothing", T, async () => {
    const before = (await U.root.client.v1.admin.reports.list({ accountId: U.ada.id, limit: 200 })).length;
    const secret = await post(U.ben, "only for cleo", { visibility: "direct", status: "@cleo only for you" });
    const cases = [
      [{ category: "other" }, 422],
      [{ account_id: U.ben.id, category: "rude" }, 422],
      [{ account_id: U.ben.id, category: "violation" }, 422],
      [{ account_id: U.ben.id, category: "spam", rule_ids: ["1"] }, 422],
      [{ account_id: U.ben.id, category: "violation", rule_ids: ["999999"] }, 422],
      [{ account_id: U.ben.id, comment: "x".repeat(1001) }, 422],
      [{ account_id: U.ada.id, comment: "myself" }, 422],
      [{ account_id: U.ben.id, status_ids: [secret.id] }, 422],
      [{ account_id: U.cleo.id, status_ids: [secret.id] }, 422],
      [{ account_id: U.ben.id, status_ids: ["not-an-id"] }, 422],
      [{ account_id: U.ben.id, forward: "perhaps" }, 422],
      [{ account_id: U.ben.id, severity: "high" }, 422],
      [{ account_id: "999999999" }, 404],
    ];
    for (const [body, status] of cases) err(await U.ada.req("/api/v1/reports", { method: "POST", json: body }), status);
    assert.equal((await U.root.client.v1.admin.reports.list({ accountId: U.ada.id, limit: 200 })).length, before);

    const report = await U.ada.client.v1.reports.create({ accountId: U.ben.id, category: "other" });
    for (const [body, status] of [
      [{ type: "ban" }, 422],
      [{ type: "none", report_id: report.id, warning_preset_id: "1" }, 422],
      [{ type: "none", report_id: "999999" }, 404],
      [{ type: "none", report_id: report.id, text: "t".repeat(1001) }, 422],
      [{ type: "none", report_id: report.id, send_email_notification: "maybe" }, 422],
    ])
      err(await U.root.req(`/api/v1/admin/accounts/${U.ben.id}/action`, { method: "POST", json: body }), status);
    err(await U.root.req(`/api/v1/admin/accounts/${U.cleo.id}/action`, { method: "POST", json: { type: "none", report_id: report.id } }), 422);
    err(await U.root.req("/api/v1/admin/reports?resolved=maybe"), 422);
    err(await U.root.req("/api/v1/admin/reports?color=blue"), 422);
    err(await U.root.req(`/api/v1/admin/reports/${report.id}/resolve?x=1`, { method: "POST" }), 422);
    assert.equal((await U.root.client.v1.admin.reports.$select(report.id).fetch()).actionTaken, false);
    assert.equal((await U.root.client.v1.admin.accounts.$select(U.ben.id).fetch()).silenced, false);
  });
});
