// Pictures in the browser: a member attaches a picture with the button,
// is nudged for a description, writes one, posts; a follower sees the
// picture in the post with its description and opens it in the lightbox.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { personAt, serve, withScreenshots } from "./lib/harness.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const PHOTO = path.resolve(__dirname, "../api/fixtures/media/photo.jpg");

let server;
let ann;
let bob;

before(async () => {
  server = await serve({ ann: "member", bob: "member" });
  ann = await personAt(server, "ann");
  bob = await personAt(server, "bob");
  const annAccount = (await bob.call("GET", "/api/v1/accounts/lookup?acct=ann")).id;
  await bob.call("POST", `/api/v1/accounts/${annAccount}/follow`);
});

after(async () => {
  await ann?.context.close();
  await bob?.context.close();
});

test("a picture attached with alt text reaches a follower", () =>
  withScreenshots("media", [ann.page, bob.page], async () => {
    const page = ann.page;
    await page.goto("/");
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await page.locator("form.composer input[type=file]").first().setInputFiles({
      name: "whiteboard.jpg",
      mimeType: "image/jpeg",
      buffer: fs.readFileSync(PHOTO),
    });
    const alt = page.getByRole("textbox", { name: "Description of picture 1" });
    await alt.waitFor();
    // Asked for a description while there is none.
    await page.getByText(/No description yet/).waitFor();
    await alt.fill("The whiteboard after planning");
    assert.equal(await page.getByText(/No description yet/).count(), 0);
    await page.getByRole("combobox", { name: "Share an update" }).fill("Planning notes");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    const mine = page.locator("article", { hasText: "Planning notes" });
    await mine.getByRole("img", { name: "The whiteboard after planning" }).waitFor();

    const statuses = await ann.call("GET", "/api/v1/timelines/home?limit=5");
    const posted = statuses.find((s) => s.content.includes("Planning notes"));
    assert.equal(posted.media_attachments.length, 1);
    assert.equal(posted.media_attachments[0].description, "The whiteboard after planning");

    await bob.page.goto("/");
    const seen = bob.page.locator("article", { hasText: "Planning notes" });
    const picture = seen.getByRole("img", { name: "The whiteboard after planning" });
    await picture.waitFor();
    // The preview loaded (the member's cookie is enough to fetch it).
    await bob.page.waitForFunction(
      (el) => el.complete && el.naturalWidth > 0,
      await picture.elementHandle(),
    );
    await seen.getByRole("button", { name: /Open picture/ }).click();
    await bob.page.locator("dialog.lightbox[open] figcaption", { hasText: "The whiteboard after planning" }).waitFor();
  }));

test("a document attached from the composer shows as a card that downloads it", () =>
  withScreenshots("media-document", [ann.page, bob.page], async () => {
    const page = ann.page;
    await page.goto("/");
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await page.locator("form.composer input[type=file]").first().setInputFiles({
      name: "team-rooms.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("name,team,room\nAda,Platform,3.14\nGrace,Compilers,2.71\n"),
    });
    await page.locator("form.composer .document-name", { hasText: "team-rooms.csv" }).waitFor();
    await page.getByRole("combobox", { name: "Share an update" }).fill("Who sits where");
    await page.getByRole("button", { name: "Post", exact: true }).click();

    await bob.page.goto("/");
    const seen = bob.page.locator("article", { hasText: "Who sits where" });
    const card = seen.locator(".document-card");
    await card.waitFor();
    assert.equal(await card.locator(".document-name").textContent(), "team-rooms.csv");
    assert.match(await card.locator(".document-details").textContent(), /^CSV · \d+ bytes$/);
    const link = card.getByRole("link", { name: "Download team-rooms.csv" });
    const [download] = await Promise.all([bob.page.waitForEvent("download"), link.click()]);
    assert.equal(download.suggestedFilename(), "team-rooms.csv");
  }));

test("a click on the picture in the composer sets its focus point", () =>
  withScreenshots("media-focus", [ann.page], async () => {
    const page = ann.page;
    await page.goto("/");
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await page.locator("form.composer input[type=file]").first().setInputFiles({
      name: "whiteboard.jpg",
      mimeType: "image/jpeg",
      buffer: fs.readFileSync(PHOTO),
    });
    const picker = page.getByRole("button", { name: "Set the focus point of picture 1" });
    await picker.waitFor();
    const box = await picker.locator("img").boundingBox();
    // A quarter from the left, a quarter from the top: x -0.5, y 0.5.
    await page.mouse.click(box.x + box.width / 4, box.y + box.height / 4);
    await page.locator("form.composer .focus-mark").waitFor();
    await page.getByRole("textbox", { name: "Description of picture 1" }).fill("Focus on the left");
    await page.getByRole("combobox", { name: "Share an update" }).fill("Focused picture");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page.locator("article", { hasText: "Focused picture" }).getByRole("img", { name: "Focus on the left" }).waitFor();
    const statuses = await ann.call("GET", "/api/v1/timelines/home?limit=5");
    const focus = statuses.find((s) => s.content.includes("Focused picture")).media_attachments[0].meta.focus;
    assert.ok(Math.abs(focus.x + 0.5) <= 0.05 && Math.abs(focus.y - 0.5) <= 0.05, JSON.stringify(focus));
  }));

test("a header image and a community banner, chosen in the settings, are shown", () =>
  withScreenshots("media-header-banner", [ann.page, bob.page], async () => {
    const page = ann.page;
    await page.goto("/settings");
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    await page.locator("label", { hasText: "Add a header image" }).locator("input[type=file]").setInputFiles({
      name: "skyline.jpg",
      mimeType: "image/jpeg",
      buffer: fs.readFileSync(PHOTO),
    });
    await page.getByRole("button", { name: "Remove header image" }).waitFor();
    const me = await ann.call("GET", "/api/v1/accounts/verify_credentials");
    assert.match(me.header, /\/media\/headers\//);

    // A colleague sees it above the profile.
    await bob.page.goto(`/@ann`);
    const header = bob.page.locator(".profile-banner.has-picture img");
    await header.waitFor();
    await bob.page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await header.elementHandle());

    // The owner of a community gives it a banner on its page.
    const c = await ann.call("POST", "/api/v1/atrium/communities", { handle: "skyline", name: "Skyline", type: "public" });
    await page.goto(`/communities/${c.id}`);
    await page.getByRole("heading", { name: "Skyline", level: 1 }).waitFor();
    await page.locator("label", { hasText: "Add a banner" }).locator("input[type=file]").setInputFiles({
      name: "banner.jpg",
      mimeType: "image/jpeg",
      buffer: fs.readFileSync(PHOTO),
    });
    await page.getByRole("button", { name: "Remove banner" }).waitFor();
    await bob.page.goto(`/communities/${c.id}`);
    const banner = bob.page.locator(".community-banner.has-picture img");
    await banner.waitFor();
    await bob.page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await banner.elementHandle());
    assert.equal(await bob.page.getByRole("button", { name: "Remove banner" }).count(), 0, "a member who does not moderate cannot change it");
  }));
