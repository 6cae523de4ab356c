// Filters in the browser: a member makes a filter in Settings (keywords,
// places, action, end), sees a matching post collapsed at home as
// "Filtered: <title> — Show anyway" and opens it, edits the filter to hide,
// and deletes it — each checked through the API afterwards.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server, ann, ben, warned, plain;

before(async () => {
  server = await serve({ ann: "member", ben: "member" });
  ann = await personAt(server, "ann");
  ben = await personAt(server, "ben");
  const annId = (await ann.call("GET", "/api/v1/accounts/verify_credentials")).id;
  await ben.call("POST", `/api/v1/accounts/${annId}/follow`);
  warned = await ann.call("POST", "/api/v1/statuses", { status: "The quarterly budget draft is out" });
  plain = await ann.call("POST", "/api/v1/statuses", { status: "Lunch at noon" });
});

after(async () => {
  await ann?.context.close();
  await ben?.context.close();
});

const filters = () => ben.call("GET", "/api/v2/filters");

test("a filter made in Settings collapses a post at home, which can be shown anyway; edited, then deleted", () =>
  withScreenshots("filters", [ben.page], async () => {
    const { page } = ben;
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Filters" });
    await section.getByText("No filters").waitFor();
    await section.getByRole("button", { name: "Add a filter" }).click();
    await section.locator("input[name=filter-title]").fill("Budget talk");
    await section.getByRole("textbox", { name: "Keyword 1" }).fill("budget");
    await section.getByRole("button", { name: "Add a keyword" }).click();
    await section.getByRole("textbox", { name: "Keyword 2" }).fill("forecast");
    await section.getByRole("checkbox", { name: "Whole word" }).nth(1).uncheck();
    await section.getByRole("checkbox", { name: "Notifications" }).check();
    await section.locator("select[name=filter-expiry]").selectOption("86400");
    await section.getByRole("button", { name: "Save filter" }).click();
    await page.getByText('Filter “Budget talk” saved').first().waitFor();
    let [f] = await filters();
    assert.equal(f.title, "Budget talk");
    assert.deepEqual(f.context.sort(), ["home", "notifications", "public", "thread"]);
    assert.equal(f.filter_action, "warn");
    assert.deepEqual(f.keywords.map((k) => [k.keyword, k.whole_word]), [["budget", true], ["forecast", false]]);
    assert.ok(f.expires_at && Date.parse(f.expires_at) > Date.now() + 23 * 3600 * 1000);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    // At home: the budget post collapsed, the other one as it is.
    await page.goto("/");
    const collapsed = page.locator(`article[data-status-id="${warned.id}"]`);
    await collapsed.getByText("Filtered: Budget talk").waitFor();
    assert.equal(await collapsed.getByText("quarterly budget draft").count(), 0);
    await page.locator(`article[data-status-id="${plain.id}"]`).getByText("Lunch at noon").waitFor();
    await collapsed.getByRole("button", { name: "Show anyway" }).click();
    await page.locator(`article[data-status-id="${warned.id}"]`).getByText("quarterly budget draft").waitFor();

    // Edited to hide: the post is gone from home.
    await page.goto("/settings");
    await section.getByRole("button", { name: "Edit filter Budget talk" }).click();
    await section.getByRole("radio", { name: "Hide completely" }).check();
    await section.getByRole("button", { name: "Remove keyword 2" }).click();
    await section.getByRole("button", { name: "Save filter" }).click();
    await page.getByText('Filter “Budget talk” saved').first().waitFor();
    [f] = await filters();
    assert.equal(f.filter_action, "hide");
    assert.deepEqual(f.keywords.map((k) => k.keyword), ["budget"]);
    await page.goto("/");
    await page.locator(`article[data-status-id="${plain.id}"]`).waitFor();
    assert.equal(await page.locator(`article[data-status-id="${warned.id}"]`).count(), 0);

    // Deleted: nothing left, and the post is back.
    await page.goto("/settings");
    await section.getByRole("button", { name: "Delete filter Budget talk" }).click();
    await page.getByText('Filter “Budget talk” deleted').first().waitFor();
    assert.deepEqual(await filters(), []);
    await page.goto("/");
    await page.locator(`article[data-status-id="${warned.id}"]`).getByText("quarterly budget draft").waitFor();
  }));
