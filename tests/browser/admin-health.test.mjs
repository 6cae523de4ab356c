// The admin health page in the browser: an administrator reaches it from
// the admin area and reads the figures the health API gives (posts in the
// last hour, the mail waiting for an absent mail server, the version); a
// member does not get it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freePort } from "../api/lib/http.mjs";
import { axeViolations, describeViolations, personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server, boss, carl;

before(async () => {
  const port = await freePort(); // no mail server listens there: the message waits
  server = await serve(
    { boss: "admin", carl: "member", dana: "member" },
    {
      args: ["--background-interval", "100", "--smtp-url", `smtp://127.0.0.1:${port}`, "--mail-from", "Atrium <atrium@example.com>", "--mail-delay", "100", "--mail-poll", "100", "--mail-retry", "60000"],
    },
  );
  boss = await personAt(server, "boss");
  carl = await personAt(server, "carl");
});

after(async () => {
  await boss?.context.close();
  await carl?.context.close();
});

// Polls the health API until `ok(health)` holds.
async function healthWhen(ok) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const h = await boss.call("GET", "/api/v1/atrium/admin/health");
    if (ok(h)) return h;
    if (Date.now() > deadline) assert.fail(`the health API never showed it: ${JSON.stringify(h)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("an administrator reads the health page: posts, mail waiting, version", () =>
  withScreenshots("admin-health", [boss.page], async () => {
    await carl.call("POST", "/api/v1/statuses", { status: "@dana the numbers are in" });
    const h = await healthWhen((x) => x.queues.mail.depth === 1 && x.posts_last_hour === 1);
    const page = boss.page;
    await page.goto("/admin");
    await page.getByRole("link", { name: "Health" }).click();
    await page.getByRole("heading", { name: "Health", level: 1 }).waitFor();
    const figure = (label) => page.locator(".health-figure", { has: page.getByText(label, { exact: true }) }).locator("dd");
    await figure("Posts in the last hour").filter({ hasText: /^1$/ }).waitFor();
    assert.equal(await figure("Authors in the last hour").textContent(), "1");
    assert.match(await figure("Mail waiting").textContent(), /^1 \(oldest \d+ min\)$/);
    assert.equal(await figure("Scheduled posts due").textContent(), "0");
    assert.equal(await figure("Retention backlog").textContent(), "0");
    assert.equal(await figure("Version").textContent(), h.version);
    assert.ok(Number(await figure("Members active today").textContent()) >= 2);
    await page.getByRole("heading", { name: "Last warnings and errors" }).waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  }));

test("a member does not get the health page", () =>
  withScreenshots("admin-health-member", [carl.page], async () => {
    await carl.page.goto("/admin/health");
    await carl.page.getByRole("heading", { name: "Not found", level: 1 }).waitFor();
    assert.equal(await carl.page.getByText("Posts in the last hour").count(), 0);
  }));
