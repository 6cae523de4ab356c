// Custom emoji in the browser: an administrator adds one from Admin →
// Custom emoji (a PNG made here), a member picks it from the composer's
// emoji picker with the keyboard, posts, and sees its picture in the post
// (alt and title ":shortcode:"), while the same shortcode in a blog entry's
// code span stays text; once removed, the post shows the shortcode again.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, serve, withScreenshots } from "./lib/harness.mjs";
import { solidPng } from "../api/lib/media-helpers.mjs";

let server, boss, mia;

before(async () => {
  server = await serve({ boss: "admin", mia: "member" });
  boss = await personAt(server, "boss");
  mia = await personAt(server, "mia");
});

after(async () => {
  for (const p of [boss, mia]) await p?.context.close();
});

test("an administrator adds an emoji; a member posts with it and sees it", () =>
  withScreenshots("emoji", [boss.page, mia.page], async () => {
    const admin = boss.page;
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "Custom emoji" }).click();
    await admin.getByRole("heading", { name: "Custom emoji", level: 1 }).waitFor();
    await admin.getByLabel("Shortcode (letters, digits, underscores)").fill("launch_rocket");
    await admin.getByLabel("Picture (PNG, GIF or WebP, at most 256 KB)").setInputFiles({ name: "rocket.png", mimeType: "image/png", buffer: solidPng(48, 48, [220, 40, 40, 255]) });
    await admin.getByLabel("Category (optional)").fill("Work");
    await admin.getByRole("button", { name: "Add emoji" }).click();
    const listed = admin.getByRole("list", { name: "Custom emoji" }).getByRole("img", { name: ":launch_rocket:" });
    await listed.waitFor();
    const violations = await axeViolations(admin);
    assert.deepEqual(violations, [], describeViolations(violations));
    const [added] = await boss.call("GET", "/api/v1/custom_emojis");
    assert.equal(added.shortcode, "launch_rocket");

    const page = mia.page;
    await page.goto("/");
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    const box = page.getByRole("combobox", { name: "Share an update" });
    await box.fill("Ship it");
    // The picker, by keyboard: open, down into the grid, Enter.
    const open = page.getByRole("button", { name: "Insert a custom emoji" });
    await open.focus();
    await page.keyboard.press("Enter");
    const picker = page.getByRole("dialog", { name: "Custom emoji" });
    await picker.waitFor();
    const pickerViolations = await axeViolations(page);
    assert.deepEqual(pickerViolations, [], describeViolations(pickerViolations));
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await picker.waitFor({ state: "detached" });
    assert.equal(await box.inputValue(), "Ship it :launch_rocket: ");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    const article = page.locator("article", { hasText: "Ship it" });
    const picture = article.getByRole("img", { name: ":launch_rocket:" });
    await picture.waitFor();
    assert.equal(await picture.getAttribute("title"), ":launch_rocket:");
    assert.match(await picture.getAttribute("src"), /\/media\/emoji\/[^/]+\/original$/);
    // The picture loaded (members may fetch it) and is drawn at the text's size.
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await picture.elementHandle());
    const box2 = await picture.boundingBox();
    assert.ok(box2 && box2.height > 8 && box2.height < 40, `inline size: ${JSON.stringify(box2)}`);

    // In a blog entry's code span the shortcode stays text.
    const entry = await mia.call("POST", "/api/v1/atrium/blogs", { title: "How to", body: "Type `:launch_rocket:` for :launch_rocket:" });
    await page.goto(`/posts/${entry.id}`);
    const content = page.locator(`[data-status-id="${entry.id}"] .status-content`);
    await content.locator("img.custom-emoji").first().waitFor();
    assert.equal(await content.locator("img.custom-emoji").count(), 1);
    assert.equal(await content.locator("code").innerText(), ":launch_rocket:");

    // Removed: the post shows the shortcode as text again.
    admin.once("dialog", (d) => d.accept());
    await admin.getByRole("button", { name: "Remove :launch_rocket:" }).click();
    await listed.waitFor({ state: "detached" });
    assert.deepEqual(await boss.call("GET", "/api/v1/atrium/admin/custom_emojis"), []);
    await page.goto("/");
    await page.locator("article", { hasText: "Ship it :launch_rocket:" }).waitFor();
    assert.equal(await page.locator("article", { hasText: "Ship it" }).getByRole("img", { name: ":launch_rocket:" }).count(), 0);
  }));
