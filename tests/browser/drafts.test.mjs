// Work is never lost: a half-written update survives going to another
// screen and reloading the page (which asks first), the blog dialog asks
// before Escape or a click outside throws a title away, a blog draft saved
// on the server is continued from another device, and on a phone the
// compact "Write…" field opens the composer.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PHONE, personAt, serve } from "./lib/harness.mjs";

let server;
let dana;

before(async () => {
  server = await serve({ dana: "member", emil: "member" });
  dana = await personAt(server, "dana");
});

after(async () => {
  await dana?.context.close();
});

test("a half-written update survives navigation and reload, and is gone once posted", async () => {
  const page = dana.page;
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Share an update" });
  await box.click();
  await page.keyboard.type("Notes from the offsite: three things");
  await page.getByRole("link", { name: "Notifications" }).first().click();
  await page.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
  await page.getByRole("link", { name: "Home" }).first().click();
  await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  assert.equal(await box.inputValue(), "Notes from the offsite: three things", "restored after visiting another screen");

  // Reloading asks first (beforeunload); accepted, the draft is restored.
  const asked = [];
  const onDialog = (d) => {
    asked.push(d.type());
    d.accept();
  };
  page.on("dialog", onDialog);
  await box.click();
  await page.keyboard.type(" and more");
  await page.reload();
  page.off("dialog", onDialog);
  assert.deepEqual(asked, ["beforeunload"]);
  await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  assert.equal(await box.inputValue(), "Notes from the offsite: three things and more", "restored after reload");

  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.locator("article", { hasText: "Notes from the offsite: three things and more" }).waitFor();
  assert.equal(await box.inputValue(), "");
  await page.reload();
  await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  await page.locator("article", { hasText: "Notes from the offsite" }).waitFor();
  assert.equal(await box.inputValue(), "", "no draft after posting");
});

test("the blog dialog asks before discarding; a draft saved on the server continues on another device", async () => {
  const page = dana.page;
  await page.goto("/");
  await page.getByRole("button", { name: "Write a blog entry" }).click();
  const dialog = page.getByRole("dialog", { name: "Write a blog entry" });
  await dialog.getByLabel("Title").fill("What we learned in Q3");
  await dialog.getByLabel("Body (Markdown)").fill("## Part one\n\nCustomers want fewer clicks.");

  await page.keyboard.press("Escape");
  const ask = page.getByRole("alertdialog", { name: "Discard what you wrote?" });
  await ask.waitFor();
  await ask.getByRole("button", { name: "Keep writing" }).click();
  assert.equal(await dialog.getByLabel("Title").inputValue(), "What we learned in Q3", "nothing was wiped");

  // A click outside the dialog asks too.
  await page.mouse.click(5, 5);
  await ask.waitFor();
  await ask.getByRole("button", { name: "Keep writing" }).click();
  assert.equal(await ask.count(), 0);

  await dialog.getByRole("button", { name: "Save as draft" }).click();
  await dialog.getByRole("button", { name: "Update the saved draft" }).waitFor();
  const drafts = await dana.call("GET", "/api/v1/atrium/drafts");
  assert.equal(drafts.length, 1);
  assert.equal(drafts[0].title, "What we learned in Q3");

  // Another device: the dialog offers the saved draft.
  const other = await personAt(server, "dana", { viewport: PHONE });
  try {
    await other.page.goto("/");
    await other.page.getByRole("button", { name: "Write a blog entry" }).click();
    const there = other.page.getByRole("dialog", { name: "Write a blog entry" });
    await there.getByRole("button", { name: /Continue “What we learned in Q3”/ }).click();
    assert.equal(await there.getByLabel("Body (Markdown)").inputValue(), "## Part one\n\nCustomers want fewer clicks.");
    await there.getByLabel("Body (Markdown)").fill("## Part one\n\nCustomers want fewer clicks.\n\n## Part two\n\nShip smaller.");
    await there.getByRole("button", { name: "Publish" }).click();
    await other.page.getByRole("heading", { name: "What we learned in Q3", level: 1 }).waitFor();
    assert.deepEqual(await other.call("GET", "/api/v1/atrium/drafts"), [], "published: the draft is gone");
  } finally {
    await other.context.close();
  }

  // Back on the first device: what was saved on the server closes without
  // asking; a change since asks, and Discard closes and forgets the local draft.
  await dialog.getByLabel("Title").fill("What we learned in Q3, again");
  await page.keyboard.press("Escape");
  await ask.waitFor();
  await ask.getByRole("button", { name: "Discard" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Write a blog entry" }).click();
  assert.equal(await dialog.getByLabel("Title").inputValue(), "");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
});

test("on a phone a compact Write… field opens the full composer", async () => {
  const phone = await personAt(server, "emil", { viewport: PHONE });
  try {
    await phone.page.goto("/");
    await phone.page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    assert.equal(await phone.page.getByRole("combobox", { name: "Share an update" }).count(), 0);
    await phone.page.getByRole("button", { name: "Write a post" }).click();
    const box = phone.page.getByRole("combobox", { name: "Share an update" });
    await box.waitFor();
    assert.ok(await box.evaluate((el) => el === document.activeElement), "ready to type");
    await phone.page.getByRole("combobox", { name: "Who can see it" }).waitFor();
  } finally {
    await phone.context.close();
  }
});
