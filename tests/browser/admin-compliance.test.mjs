// Compliance in the browser: an administrator sets the retention policy
// (posts kept a year, direct messages forever, one community forever),
// places a legal hold on a person and releases it — each seen through the
// admin API afterwards.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server, boss;

before(async () => {
  server = await serve({ boss: "admin", carl: "member" });
  boss = await personAt(server, "boss");
});

after(async () => {
  await boss?.context.close();
});

test("an administrator sets retention and places and releases a legal hold", () =>
  withScreenshots("admin-compliance", [boss.page], async () => {
    const community = await boss.call("POST", "/api/v1/atrium/communities", { handle: "records", name: "Records", type: "public" });
    const carl = await boss.call("GET", "/api/v1/accounts/lookup?acct=carl");
    const page = boss.page;
    await page.goto("/admin");
    await page.getByRole("link", { name: "Compliance" }).click();
    await page.getByRole("heading", { name: "Compliance", level: 1 }).waitFor();

    await page.getByLabel("Keep posts (days)").fill("365");
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.getByText("Retention policy saved").waitFor();
    await page.getByRole("textbox", { name: "Community handle" }).fill("records");
    await page.getByLabel("Keep its posts (days)").fill("");
    await page.getByRole("button", { name: "Set the community's period" }).click();
    await page.getByText("Records keeps posts forever").waitFor();
    assert.deepEqual(await boss.call("GET", "/api/v1/atrium/admin/retention"), {
      posts_days: 365,
      direct_days: null,
      communities: [{ community_id: community.id, days: null }],
    });

    await page.getByLabel("Case name").fill("Case 12 (Fabrikam)");
    await page.getByRole("textbox", { name: "Username" }).fill("carl");
    await page.getByRole("button", { name: "Place hold" }).click();
    const row = page.getByRole("row", { name: /Case 12 \(Fabrikam\)/ });
    await row.waitFor();
    let [hold] = await boss.call("GET", "/api/v1/atrium/admin/legal_holds");
    assert.equal(hold.account_id, carl.id);
    assert.equal(hold.active, true);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    await row.getByRole("button", { name: "Release" }).click();
    await row.getByText(/released/).waitFor();
    [hold] = await boss.call("GET", "/api/v1/atrium/admin/legal_holds");
    assert.equal(hold.active, false);
    const audit = await boss.call("GET", "/api/v1/atrium/admin/audit?target_type=legal_hold");
    assert.deepEqual(audit.map((e) => e.action), ["legal_hold.release", "legal_hold.place"]);
  }));
