// eDiscovery exports in the browser: an administrator opens Compliance →
// eDiscovery exports, starts an export of one person, sees it queued or
// running and then done, and downloads the archive — whose SHA-256 is the
// one the screen shows. The job, its download and the start are in the
// audit log; a member does not get the screen.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server, boss, carl;

before(async () => {
  server = await serve({ boss: "admin", carl: "member" }, { args: ["--background-interval", "200"] });
  boss = await personAt(server, "boss");
  carl = await personAt(server, "carl");
});

after(async () => {
  await boss?.context.close();
  await carl?.context.close();
});

test("an administrator starts an export, follows it and downloads it", () =>
  withScreenshots("export", [boss.page], async () => {
    const note = await carl.call("POST", "/api/v1/statuses", { status: "carl's memo for the record" });
    const page = boss.page;
    await page.goto("/admin/compliance");
    await page.getByRole("link", { name: "eDiscovery exports" }).click();
    await page.getByRole("heading", { name: "eDiscovery exports", level: 1 }).waitFor();
    await page.getByText("No exports").waitFor();

    await page.getByRole("textbox", { name: "Username" }).fill("carl");
    await page.getByRole("button", { name: "Start export" }).click();
    await page.getByText("Export of carl started").waitFor();
    const [job] = await boss.call("GET", "/api/v1/atrium/admin/exports");
    const row = page.locator(`tr[data-export-id="${job.id}"]`);
    await row.waitFor();
    // The screen follows the job until it is done.
    const link = row.getByRole("link", { name: /Download/ });
    await link.waitFor({ timeout: 30000 });
    await row.getByText(/\b1 post\b/).waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    const done = await boss.call("GET", `/api/v1/atrium/admin/exports/${job.id}`);
    assert.equal(done.state, "done");
    await row.getByText(`SHA-256 ${done.file.sha256}`).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    assert.match(download.suggestedFilename(), /^ediscovery-carl-\d+\.tar$/);
    const bytes = await fs.readFile(await download.path());
    assert.equal(bytes.length, done.file.bytes);
    assert.equal(crypto.createHash("sha256").update(bytes).digest("hex"), done.file.sha256);
    assert.ok(bytes.includes(Buffer.from(`"id":"${note.id}"`)), "carl's post is in the archive");

    const audit = await boss.call("GET", `/api/v1/atrium/admin/audit?target_type=ediscovery_export&target=${job.id}`);
    assert.deepEqual(audit.map((e) => e.action), ["ediscovery.export_download", "ediscovery.export_start"]);
  }));

test("a member does not get the exports screen", async () => {
  await carl.page.goto("/admin/exports");
  await carl.page.getByRole("heading", { name: /not found/i }).waitFor();
  assert.equal(await carl.page.getByRole("button", { name: "Start export" }).count(), 0);
});
