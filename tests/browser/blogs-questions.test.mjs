// Blog entries and questions in the web client: writing a blog entry and
// opening it by its permalink; asking a question that another member
// answers and the asker accepts; the home stream's Blogs and Questions
// filters.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, serve } from "./lib/harness.mjs";

let server;
let olivia;
let bob;

before(async () => {
  server = await serve({ olivia: "member", bob: "member" });
  olivia = await personAt(server, "olivia");
  bob = await personAt(server, "bob");
  // Bob follows Olivia, so her posts reach his home stream.
  const o = await bob.call("GET", "/api/v1/accounts/lookup?acct=olivia");
  await bob.call("POST", `/api/v1/accounts/${o.id}/follow`);
});

after(async () => {
  for (const p of [olivia, bob]) await p?.context.close();
});

test("write a blog entry and open it by its permalink", async () => {
  await olivia.page.goto("/");
  await olivia.page.getByRole("button", { name: "Write a blog entry" }).click();
  const dialog = olivia.page.getByRole("dialog", { name: "Write a blog entry" });
  await dialog.getByLabel("Title").fill("Notes from the design review");
  await dialog.getByLabel("Body (Markdown)").fill("## What we agreed\n\n- ship the **new** nav\n- keep the old search\n\n<script>alert(1)</script>");
  await dialog.getByLabel("Tags").fill("design");
  const v = await axeViolations(olivia.page);
  assert.deepEqual(v, [], describeViolations(v));
  await dialog.getByRole("button", { name: "Publish" }).click();
  await olivia.page.getByRole("heading", { name: "Notes from the design review", level: 1 }).waitFor();
  const permalink = new URL(olivia.page.url()).pathname;
  assert.match(permalink, /^\/@olivia\/blog\/\d+-notes-from-the-design-review$/);
  await olivia.page.getByRole("heading", { name: "What we agreed" }).waitFor();
  assert.equal(await olivia.page.locator(".status-content script").count(), 0);

  // Bob opens the permalink directly.
  await bob.page.goto(permalink);
  await bob.page.getByRole("heading", { name: "Notes from the design review", level: 1 }).waitFor();
  await bob.page.getByText("ship the new nav").waitFor();
  await bob.page.getByText("Blog entry", { exact: true }).first().waitFor();
});

test("ask a question, another member answers, the asker accepts the answer", async () => {
  await olivia.page.goto("/");
  await olivia.page.getByRole("button", { name: "Ask a question" }).click();
  const dialog = olivia.page.getByRole("dialog", { name: "Ask a question" });
  await dialog.getByLabel("Title").fill("Where is the travel policy?");
  await dialog.getByLabel("Details (optional, Markdown)").fill("I need it for next week's trip.");
  await dialog.getByRole("button", { name: "Ask" }).click();
  await olivia.page.getByRole("heading", { name: "Where is the travel policy?", level: 1 }).waitFor();
  const permalink = new URL(olivia.page.url()).pathname;
  assert.match(permalink, /^\/@olivia\/questions\/\d+-where-is-the-travel-policy$/);

  // Bob answers; he may not accept.
  await bob.page.goto(permalink);
  await bob.page.getByRole("heading", { name: "Where is the travel policy?", level: 1 }).waitFor();
  await bob.page.getByRole("combobox", { name: "Write an answer" }).fill("It is on the intranet under HR, Travel.");
  await bob.page.getByRole("button", { name: "Answer", exact: true }).click();
  await bob.page.locator("article", { hasText: "It is on the intranet" }).waitFor();
  assert.equal(await bob.page.getByRole("button", { name: "Accept answer" }).count(), 0);

  // Olivia accepts it; it is marked and stays first.
  await olivia.page.reload();
  await olivia.page.getByRole("button", { name: "Accept answer" }).click();
  await olivia.page.getByText("Accepted answer", { exact: true }).waitFor();
  await olivia.page.getByRole("button", { name: "Clear accepted answer" }).waitFor();

  // Bob sees it accepted, and is told.
  await bob.page.reload();
  await bob.page.getByText("Accepted answer", { exact: true }).waitFor();
  await bob.page.goto("/notifications");
  await bob.page.getByText("accepted your answer").waitFor();
});

test("the home stream's Blogs and Questions filters show only those", async () => {
  await olivia.call("POST", "/api/v1/statuses", { status: "A plain status update for the filters" });
  await bob.page.goto("/");
  await bob.page.getByText("A plain status update for the filters").waitFor();

  await bob.page.getByRole("button", { name: "Blogs", exact: true }).click();
  await bob.page.getByText("A plain status update for the filters").waitFor({ state: "detached" });
  await bob.page.getByRole("link", { name: "Notes from the design review" }).waitFor();
  const blogCards = bob.page.locator("article.status");
  const n = await blogCards.count();
  assert.ok(n >= 1);
  for (let i = 0; i < n; i++) assert.equal(await blogCards.nth(i).locator(".kind-blog").count(), 1);

  await bob.page.getByRole("button", { name: "Questions", exact: true }).click();
  await bob.page.getByRole("link", { name: "Notes from the design review" }).waitFor({ state: "detached" });
  await bob.page.getByRole("link", { name: "Where is the travel policy?" }).waitFor();
  const questionCards = bob.page.locator("article.status");
  const m = await questionCards.count();
  for (let i = 0; i < m; i++) assert.equal(await questionCards.nth(i).locator(".kind-question").count(), 1);
  assert.equal(await bob.page.getByText("Notes from the design review").count(), 0);
});
