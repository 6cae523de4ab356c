// Admin basics in the browser: change a member's role, deactivate them,
// find them among the deactivated and reactivate them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server;
let boss;

before(async () => {
  server = await serve({ boss: "admin", carl: "member" });
  boss = await personAt(server, "boss");
});

after(async () => {
  await boss?.context.close();
});

test("an admin changes a role, deactivates and reactivates a member", () =>
  withScreenshots("admin", [boss.page], async () => {
    const page = boss.page;
    await page.goto("/admin");
    await page.getByRole("heading", { name: "Admin", level: 1 }).waitFor();
    const role = page.getByRole("combobox", { name: /Role of carl/i });
    await role.selectOption("moderator");
    // Giving a role with power is confirmed first.
    await page.getByRole("dialog", { name: /a moderator\?/ }).getByRole("button", { name: "Make moderator" }).click();
    await page.getByText(/is now a moderator/).waitFor();
    const carl = (await boss.call("GET", "/api/v2/admin/accounts?username=carl"))[0];
    assert.equal(carl.role.name, "moderator");

    await page.getByRole("button", { name: /Deactivate carl/i }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await page.getByText(/is deactivated/).waitFor();
    assert.equal((await boss.call("GET", "/api/v2/admin/accounts?username=carl"))[0].disabled, true);

    await page.getByRole("combobox", { name: "Show" }).selectOption("disabled");
    await page.getByRole("button", { name: /Reactivate carl/i }).click();
    await page.getByText(/can sign in again/).waitFor();
    assert.equal((await boss.call("GET", "/api/v2/admin/accounts?username=carl"))[0].disabled, false);
  }));
