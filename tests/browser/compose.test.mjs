// The composer shows who will see the post and the organization's advice as
// the writer pauses; a "confirm" item (confidential words to the whole
// organization) asks for one more click before posting, other advice never
// holds a post back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { personAt, serve } from "./lib/harness.mjs";

let server;
let alice;
let bob;

before(async () => {
  server = await serve({ alice: "member", bob: "member", carol: "member" });
  alice = await personAt(server, "alice");
  bob = await personAt(server, "bob");
});

after(async () => {
  await alice?.context.close();
  await bob?.context.close();
});

async function ownPosts(person) {
  const me = await person.call("GET", "/api/v1/accounts/verify_credentials");
  return person.call("GET", `/api/v1/accounts/${me.id}/statuses?limit=40`);
}

test("the audience line follows the visibility; a confidential post to everyone needs one more click", async () => {
  const page = alice.page;
  await page.goto("/");
  await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  const audience = page.locator(".compose-audience").first();
  await audience.getByText(/everyone in .+ \(2 people\)/).waitFor();

  const me = await alice.call("GET", "/api/v1/accounts/verify_credentials");
  await bob.call("POST", `/api/v1/accounts/${me.id}/follow`);
  await page.getByRole("combobox", { name: "Who can see it" }).selectOption("private");
  await audience.getByText("your 1 follower").waitFor();
  await page.getByRole("combobox", { name: "Who can see it" }).selectOption("public");
  await audience.getByText(/everyone in .+ \(2 people\)/).waitFor();

  const box = page.getByRole("combobox", { name: "Share an update" });
  await box.fill("The Q3 numbers are confidential until Friday");
  // Advice appears under the composer once the writer pauses.
  const advice = page.locator('.compose-advice [data-rule="confidential"]');
  await advice.waitFor();
  assert.match(await advice.innerText(), /Is this audience right\?/);

  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.locator(".compose-confirm").getByText("Post it anyway? Press the button once more.").waitFor();
  assert.equal((await ownPosts(alice)).length, 0, "the first click posts nothing");
  await page.getByRole("button", { name: "Post anyway", exact: true }).click();
  await page.locator("article", { hasText: "The Q3 numbers are confidential" }).waitFor();
  const posts = await ownPosts(alice);
  assert.deepEqual(posts.map((s) => s.visibility), ["public"]);
});

test("the confirmation is asked even without a pause, and advice that is not 'confirm' never holds a post", async () => {
  const page = bob.page;
  await page.goto("/");
  await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  const box = page.getByRole("combobox", { name: "Share an update" });
  await box.fill("Internal only: the reorg plan");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByRole("button", { name: "Post anyway", exact: true }).waitFor();
  assert.equal((await ownPosts(bob)).length, 0);
  // Changing the text drops the pending confirmation.
  await box.fill("WHY DOES THE BUILD BREAK EVERY SINGLE MORNING");
  await page.locator('.compose-advice [data-rule="writing-in-anger"]').waitFor();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.locator("article", { hasText: "WHY DOES THE BUILD BREAK" }).waitFor();
  assert.equal((await ownPosts(bob)).length, 1);
});
