// Hashtags and announcements in the browser: a member follows a tag from its
// page, finds it among their followed tags in Settings, and its posts by a
// colleague they do not follow reach their home stream; an administrator
// publishes an announcement from the admin screen, the member sees it above
// their home stream and dismisses it for good; the organization stream shows
// what is trending this week.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server, boss, carl, dana;

before(async () => {
  server = await serve({ boss: "admin", carl: "member", dana: "member" }, { args: ["--trends-refresh", "100"] });
  boss = await personAt(server, "boss");
  carl = await personAt(server, "carl");
  dana = await personAt(server, "dana");
});

after(async () => {
  for (const p of [boss, carl, dana]) await p?.context.close();
});

test("following a tag from its page brings a colleague's posts home", () =>
  withScreenshots("tags-follow", [carl.page], async () => {
    const page = carl.page;
    await page.goto("/tags/Quarterly");
    await page.getByRole("heading", { name: "#Quarterly", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Follow", exact: true }).click();
    await page.getByRole("button", { name: "Unfollow", exact: true }).waitFor();
    const tag = await carl.call("GET", "/api/v1/tags/quarterly");
    assert.equal(tag.following, true);
    await page.goto("/settings");
    const list = page.getByRole("region", { name: "Followed tags" });
    await list.getByRole("link", { name: "#quarterly" }).waitFor();
    // dana, whom carl does not follow, posts with the tag
    const posted = await dana.call("POST", "/api/v1/statuses", { status: "the #quarterly numbers are in" });
    await page.goto("/");
    await page.locator(`[data-status-id="${posted.id}"]`).waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    // the organization stream shows the tag as trending this week (trends
    // are counted again every 100 ms here: reload until they include it)
    const trending = page.getByRole("region", { name: "Trending this week" }).getByRole("link", { name: "#quarterly" });
    const deadline = Date.now() + 10000;
    for (;;) {
      await page.goto("/organization");
      await page.getByRole("heading", { name: "Organization", level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      if ((await trending.count()) > 0) break;
      assert.ok(Date.now() < deadline, "#quarterly never showed as trending");
    }
  }));

test("an administrator publishes an announcement; a member dismisses it", () =>
  withScreenshots("announcements", [boss.page, carl.page], async () => {
    const admin = boss.page;
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "Announcements" }).click();
    await admin.getByRole("heading", { name: "Announcements", level: 1 }).waitFor();
    await admin.getByLabel("Text (Markdown)").fill("**Town hall** on Friday at 10");
    await admin.getByRole("button", { name: "Publish" }).click();
    await admin.locator(".admin-announcements strong", { hasText: "Town hall" }).waitFor();
    const violations = await axeViolations(admin);
    assert.deepEqual(violations, [], describeViolations(violations));

    const page = carl.page;
    await page.goto("/");
    const note = page.getByRole("article", { name: "Announcement" }).filter({ hasText: "Town hall" });
    await note.waitFor();
    await note.getByRole("button", { name: "Dismiss" }).click();
    await note.waitFor({ state: "detached" });
    const list = await carl.call("GET", "/api/v1/announcements");
    assert.equal(list.length, 1);
    assert.equal(list[0].read, true);
    await page.reload();
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    assert.equal(await page.getByRole("article", { name: "Announcement" }).count(), 0, "dismissed for good");
  }));
