// Two members in two browsers: a post arrives live behind the "new posts"
// banner, a comment reaches the author as a live notification.
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
  const a = await alice.call("GET", "/api/v1/accounts/verify_credentials");
  await bob.call("POST", `/api/v1/accounts/${a.id}/follow`, {});
});

after(async () => {
  await alice?.context.close();
  await bob?.context.close();
});

test("a post arrives live in the banner, a comment notifies the author live", async () => {
  await bob.page.goto("/");
  await bob.page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  await bob.page.getByText("Your home stream is quiet").waitFor();

  await alice.page.goto("/");
  await alice.page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  // Bob's follow is her one unread notification so far.
  const badge = alice.page.getByTestId("unread-badge").first();
  await badge.waitFor();
  assert.equal((await badge.textContent()).trim(), "1 unread");
  await alice.page.getByRole("combobox", { name: "Share an update" }).fill("Quarterly numbers are in #finance");
  await alice.page.getByRole("button", { name: "Post", exact: true }).click();
  // Her own post shows at once in her stream.
  await alice.page.locator("article", { hasText: "Quarterly numbers are in" }).waitFor();

  // Bob's stream does not move: the post waits behind the banner.
  const banner = bob.page.getByRole("button", { name: "1 new post" });
  await banner.waitFor();
  assert.equal(await bob.page.locator("article", { hasText: "Quarterly numbers" }).count(), 0);
  await banner.click();
  const post = bob.page.locator("article", { hasText: "Quarterly numbers are in" });
  await post.waitFor();
  assert.equal(await banner.count(), 0);

  // Bob comments on the post's page.
  await post.getByRole("link", { name: /^Comment/ }).click();
  await bob.page.getByRole("heading", { name: "Post", level: 1 }).waitFor();
  const box = bob.page.getByRole("combobox", { name: "Write a comment" });
  await box.click();
  await box.press("End");
  await box.pressSequentially("Great work, thanks!");
  await bob.page.getByRole("button", { name: "Comment", exact: true }).click();
  await bob.page.getByRole("heading", { name: "1 comment" }).waitFor();
  await bob.page.locator(".thread article", { hasText: "Great work, thanks!" }).waitFor();

  // Alice's unread count goes up without a reload.
  await alice.page.waitForFunction(
    () => document.querySelector("[data-testid=unread-badge]")?.textContent.trim() === "2 unread",
  );
  await alice.page.getByRole("link", { name: /Notifications/ }).first().click();
  await alice.page.locator(".notification", { hasText: "Great work, thanks!" }).waitFor();
  // Reading them clears the count.
  await alice.page.getByTestId("unread-badge").waitFor({ state: "detached" });
});
