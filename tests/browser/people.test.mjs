// Follow approval, and posting with the keyboard alone.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server;
let alice;
let bob;
let bobId;
let carol;

before(async () => {
  server = await serve({ alice: "member", bob: "member", carol: "member" });
  alice = await personAt(server, "alice");
  bob = await personAt(server, "bob");
  carol = await personAt(server, "carol");
  bobId = (await bob.call("GET", "/api/v1/accounts/verify_credentials")).id;
  await bob.call("PATCH", "/api/v1/accounts/update_credentials", { display_name: "Bob Builder" });
});

after(async () => {
  await alice?.context.close();
  await bob?.context.close();
  await carol?.context.close();
});

test("changing one's password in Settings signs out one's other sessions", async () => {
  const elsewhere = await personAt(server, "carol");
  try {
    await elsewhere.call("GET", "/api/v1/accounts/verify_credentials");
    await carol.page.goto("/settings");
    await carol.page.getByLabel("Current password").fill(PASSWORD);
    await carol.page.getByLabel("New password (at least 8 characters)").fill("carol-new-password-1");
    await carol.page.getByLabel("New password again").fill("carol-new-password-1");
    await carol.page.getByRole("button", { name: "Change password" }).click();
    await carol.page.getByText("Password changed").waitFor();
    // This browser goes on; the other one is signed out.
    await carol.call("GET", "/api/v1/accounts/verify_credentials");
    await assert.rejects(elsewhere.call("GET", "/api/v1/accounts/verify_credentials"), /401/);
  } finally {
    await elsewhere.context.close();
  }
});

test("a locked member approves a follow request", async () => {
  // Bob turns on follow approval in Settings.
  await bob.page.goto("/settings");
  const approve = bob.page.getByRole("group", { name: "Approve followers" }).getByRole("radio", { name: /^Everyone/ });
  await approve.check();
  await bob.page.getByRole("button", { name: "Save profile" }).click();
  await bob.page.getByText("Profile saved").waitFor();
  const me = await bob.call("GET", "/api/v1/accounts/verify_credentials");
  assert.equal(me.locked, true);

  // Alice asks to follow him.
  await alice.page.goto(`/people/${bobId}`);
  await alice.page.getByRole("heading", { name: "Bob Builder", level: 1 }).waitFor();
  await alice.page.getByRole("button", { name: "Request to follow" }).click();
  await alice.page.getByRole("button", { name: "Requested" }).waitFor();

  // Bob approves from his notifications.
  await bob.page.getByRole("link", { name: /Notifications/ }).first().click();
  const request = bob.page.locator(".notification", { hasText: "asked to follow you" });
  await request.waitFor();
  await request.getByRole("button", { name: "Approve" }).click();
  await request.getByText("Request approved").waitFor();

  await alice.page.reload();
  await alice.page.getByRole("button", { name: "Following" }).waitFor();
});

test("posting with the keyboard alone, a mention chosen from the suggestions", () =>
  withScreenshots("keyboard", [alice.page], async () => {
  const page = alice.page;
  await page.goto("/");
  await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  // Tab from the top of the page to the composer.
  const composer = page.getByRole("combobox", { name: "Share an update" });
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await composer.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, "the composer is reachable with Tab");
  await page.keyboard.type("Lunch with @bo");
  const option = page.getByRole("option", { name: /Bob Builder/ });
  await option.waitFor();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  assert.equal(await composer.inputValue(), "Lunch with @bob ");
  await page.keyboard.type("tomorrow?");
  // Ctrl+Enter posts.
  await page.keyboard.press("Control+Enter");
  const posted = page.locator("article", { hasText: "Lunch with @bob tomorrow?" });
  await posted.waitFor();
  assert.equal(await composer.inputValue(), "");
  // The mention is a link to Bob.
  assert.equal(await posted.locator("a.mention").first().textContent(), "@bob");

  // And with Tab to the Post button and Enter.
  await composer.focus();
  await page.keyboard.type("Second note from the keyboard");
  let onButton = false;
  for (let i = 0; i < 6 && !onButton; i++) {
    await page.keyboard.press("Tab");
    onButton = await page.evaluate(() => document.activeElement?.textContent === "Post");
  }
  assert.ok(onButton, "the Post button is reachable with Tab");
  await page.keyboard.press("Enter");
  await page.locator("article", { hasText: "Second note from the keyboard" }).waitFor();
}));

test("#tag suggestions include the organization's tags the client never saw", async () => {
  // Carol, whom Alice does not follow, is the only one to use the tag.
  await carol.call("POST", "/api/v1/statuses", { status: "Kick-off for #quarterlyplanning", visibility: "public" });
  const page = alice.page;
  await page.goto("/");
  const composer = page.getByRole("combobox", { name: "Share an update" });
  await composer.waitFor();
  assert.equal(await page.getByText("Kick-off for #quarterlyplanning").count(), 0, "not on Alice's home");
  await composer.focus();
  await page.keyboard.type("Agenda for #quarterl");
  const option = page.getByRole("option", { name: /quarterlyplanning/ });
  await option.waitFor();
  await page.keyboard.press("Enter");
  assert.equal(await composer.inputValue(), "Agenda for #quarterlyplanning ");
  await composer.fill("");
});

test("like, repost, quote, bookmark, edit with history and delete", async () => {
  const post = await bob.call("POST", "/api/v1/statuses", { status: "Release notes are up #release", visibility: "public" });
  const page = alice.page;
  await page.goto(`/posts/${post.id}`);
  const card = page.locator(`article[data-status-id="${post.id}"]`).first();
  await card.waitFor();

  await card.getByRole("button", { name: /^Like/ }).click();
  await card.getByRole("button", { name: "Like 1", pressed: true }).waitFor();
  await card.getByRole("button", { name: /^Repost/ }).click();
  await card.getByRole("button", { name: "Repost 1", pressed: true }).waitFor();
  await card.getByRole("button", { name: "Bookmark" }).click();
  await card.getByRole("button", { name: "Bookmark", pressed: true }).waitFor();

  await card.getByRole("button", { name: "Quote" }).click();
  const dialog = page.getByRole("dialog", { name: "Quote post" });
  await dialog.getByRole("combobox", { name: "Add your thoughts" }).fill("Worth reading");
  await dialog.getByRole("button", { name: "Post", exact: true }).click();
  await dialog.waitFor({ state: "detached" });

  await page.goto("/bookmarks");
  await page.locator("article", { hasText: "Release notes are up" }).waitFor();

  // Her quote, edited, then deleted.
  await page.goto("/");
  const quote = page.locator("article.card", { hasText: "Worth reading" }).first();
  await quote.waitFor();
  assert.equal(await quote.locator(".status-quote", { hasText: "Release notes are up" }).count(), 1);
  await quote.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit post" });
  const box = edit.getByRole("combobox", { name: "Edit your post" });
  await page.waitForFunction(() => document.querySelector("dialog textarea")?.value === "Worth reading");
  await box.fill("Worth reading, twice");
  await edit.getByRole("button", { name: "Save" }).click();
  const edited = page.locator("article.card", { hasText: "Worth reading, twice" }).first();
  await edited.waitFor();
  await edited.getByRole("button", { name: "Edit history" }).click();
  const history = page.getByRole("dialog", { name: "Edit history" });
  await history.getByText("Original").waitFor();
  await history.getByRole("button", { name: "Close" }).click();
  await edited.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete post?" }).getByRole("button", { name: "Delete" }).click();
  await edited.waitFor({ state: "detached" });
});

test("a feed token is created once in Settings, used by the blog feed links, and revoked", async () => {
  const page = alice.page;
  page.on("dialog", (d) => d.accept());
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Blog feeds" });
  await section.getByText("You have no feed token.").waitFor();
  await section.getByRole("button", { name: "Create a feed token" }).click();
  const own = section.getByLabel("Your blog's feed");
  await own.waitFor();
  const ownUrl = await own.inputValue();
  const token = /\/api\/v1\/atrium\/feeds\/([^/]+)\/accounts\//.exec(ownUrl)?.[1];
  assert.ok(token, `a feed address with the token: ${ownUrl}`);
  const feed = await fetch(ownUrl);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get("content-type"), /^application\/atom\+xml/);

  // Bob's profile links to his blog's feed with the same token.
  await page.goto(`/people/${bobId}`);
  const link = page.getByRole("link", { name: "Blog feed" });
  await link.waitFor();
  const href = await link.getAttribute("href");
  assert.ok(href.endsWith(`/api/v1/atrium/feeds/${token}/accounts/${bobId}`), href);

  // Revoked: the address stops working, and the links lead to Settings.
  await page.goto("/settings");
  await section.getByRole("button", { name: "Revoke feed token" }).click();
  await section.getByText("You have no feed token.").waitFor();
  assert.equal((await fetch(ownUrl)).status, 401);
  await page.goto(`/people/${bobId}`);
  await page.getByRole("link", { name: "Blog feed" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "Blog feed" }).getAttribute("href"), "/settings#feeds-h");
});
