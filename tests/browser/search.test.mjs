// Search from the home page: "/" focuses the box, Enter shows the results
// with the words highlighted and tabs by kind, and a result opens the post.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { personAt, serve } from "./lib/harness.mjs";

let server;
let alice;
let bob;

before(async () => {
  server = await serve({ alice: "member", bob: "member" });
  alice = await personAt(server, "alice");
  bob = await personAt(server, "bob");
});

after(async () => {
  await alice?.context.close();
  await bob?.context.close();
});

test("search from the home page and open a result", async () => {
  const post = await bob.call("POST", "/api/v1/statuses", { status: "The <b>marmosetplan</b> is ready for review" });
  await bob.call("POST", "/api/v1/atrium/blogs", { title: "Marmosetplan, the long story", body: "Why we chose it." });
  const page = alice.page;
  await page.goto("/");
  const box = page.getByTestId("search-box");
  await box.waitFor();
  await page.locator("body").press("/");
  assert.equal(await box.evaluate((el) => el === document.activeElement), true, "/ focuses the search box");
  await box.fill("marmosetplan");
  await box.press("Enter");
  await page.waitForURL(/\/search\?q=marmosetplan/);
  const results = page.getByTestId("search-results");
  await results.locator("mark").first().waitFor();
  assert.equal(await results.locator("li").count(), 2);
  // The text is shown escaped: the post's own <b> is text, not a tag.
  assert.equal(await results.locator("b").count(), 0);
  assert.ok((await results.innerText()).includes("<b>"));
  await page.getByRole("tab", { name: /Blog entries/ }).click();
  await page.waitForURL(/kind=blog/);
  await results.locator("li").nth(0).getByText("the long story").waitFor();
  assert.equal(await results.locator("li").count(), 1);
  await page.getByRole("tab", { name: /Updates/ }).click();
  await results.locator("li").getByText("ready for review").click();
  await page.waitForURL(new RegExp(`/posts/${post.id}$`));
});

test("typeahead: people as you type, chosen with the keyboard; who knows …", async () => {
  const me = await bob.call("GET", "/api/v1/accounts/verify_credentials");
  const page = alice.page;
  await page.goto("/");
  const box = page.getByTestId("search-box");
  await box.waitFor();
  await page.locator("body").press("/");
  await box.pressSequentially("bo");
  const list = page.getByTestId("search-typeahead");
  await list.getByRole("option", { name: /bob/ }).waitFor();
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  const options = list.getByRole("option");
  assert.match(await options.last().innerText(), /Search for “bo”/);
  assert.match(await options.nth((await options.count()) - 2).innerText(), /Who knows “bo”/);
  await box.press("ArrowDown");
  assert.equal(await box.getAttribute("aria-activedescendant"), "search-option-0");
  await box.press("Enter");
  await page.waitForURL(new RegExp(`/people/${me.id}$`));
  // "Who knows …" opens the experts tab of the results page.
  await page.locator("body").press("/");
  await box.fill("");
  await box.pressSequentially("marmosets");
  await list.getByRole("option", { name: /Who knows/ }).click();
  await page.waitForURL(/kind=experts/);
  await page.getByRole("tab", { name: "Who knows" }).waitFor();
  assert.equal(await page.getByRole("tab", { name: "Who knows" }).getAttribute("aria-selected"), "true");
});
