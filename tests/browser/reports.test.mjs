// Reports in the browser: a member reports a colleague's post from its
// card (category, a rule, a comment); an administrator finds it in the
// report queue (Admin → Reports) with the post in context, assigns it,
// removes the post with a reason, and resolves it; the reporter is told.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server, boss, ann, bob;

before(async () => {
  server = await serve({ boss: "admin", ann: "member", bob: "member" });
  boss = await personAt(server, "boss");
  ann = await personAt(server, "ann");
  bob = await personAt(server, "bob");
});

after(async () => {
  for (const p of [boss, ann, bob]) await p?.context.close();
});

test("a member reports a post and a moderator resolves it in the queue", () =>
  withScreenshots("reports", [ann.page, boss.page], async () => {
    const bad = await bob.call("POST", "/api/v1/statuses", { status: "Fabrikam's people are hopeless, honestly" });
    const rules = await ann.call("GET", "/api/v1/instance/rules");

    // ann reports the post from its card on bob's profile.
    const page = ann.page;
    await page.goto(`/posts/${bad.id}`);
    const card = page.getByRole("article").filter({ hasText: "Fabrikam's people are hopeless" }).first();
    await card.getByRole("button", { name: "Report" }).click();
    const dialog = page.getByRole("dialog", { name: /Report .*post/ });
    await dialog.getByRole("checkbox", { name: new RegExp(rules[1].text) }).check();
    await dialog.getByLabel("Comment for the moderators").fill("Not how we talk about a client");
    await dialog.getByRole("button", { name: "Send report" }).click();
    await page.getByText("The moderators will look at it").waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    const [filed] = await boss.call("GET", "/api/v1/admin/reports");
    assert.equal(filed.account.username, "ann");
    assert.equal(filed.target_account.username, "bob");
    assert.equal(filed.category, "violation");
    assert.deepEqual(filed.rules.map((r) => r.id), [rules[1].id]);
    assert.deepEqual(filed.statuses.map((s) => s.id), [bad.id]);

    // The administrator works it in the queue.
    const admin = boss.page;
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "Reports" }).click();
    await admin.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
    const report = admin.getByRole("article", { name: /Report .* about bob/i });
    await report.getByText("Not how we talk about a client").waitFor();
    await report.getByText("Fabrikam's people are hopeless").waitFor();
    await report.getByRole("button", { name: "Assign to me" }).click();
    await report.getByText(/^Assigned to /).waitFor();
    await report.getByLabel("Reason for removing the reported posts").fill("Disparages a client");
    await report.getByRole("button", { name: "Remove posts" }).click();
    await report.getByText(/“Disparages a client”/).waitFor();
    const queueViolations = await axeViolations(admin);
    assert.deepEqual(queueViolations, [], describeViolations(queueViolations));
    await report.getByRole("button", { name: "Resolve", exact: true }).click();
    await report.getByText("Resolved", { exact: true }).waitFor();

    const done = await boss.call("GET", `/api/v1/admin/reports/${filed.id}`);
    assert.equal(done.action_taken, true);
    assert.equal(done.assigned_account.username, "boss");
    assert.equal(done.removed_statuses[0].reason, "Disparages a client");
    await assert.rejects(ann.call("GET", `/api/v1/statuses/${bad.id}`), /404/);
    const notes = await ann.call("GET", "/api/v1/notifications?types[]=report_resolved");
    assert.equal(notes[0].report.id, filed.id);
  }));
