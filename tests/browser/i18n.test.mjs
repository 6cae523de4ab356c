// The web client in the person's language: a member chooses German or
// Japanese in Settings and every main screen (and, for an admin, every admin
// screen) speaks it — no message missing, <html lang> set, the navigation's
// labels the translated ones (read from the locale files) — and the choice
// is on the account: it survives a reload and a new browser signing in.
// A right-to-left language (the ar-XB pseudo-language) mirrors the layout:
// the navigation rail on the right, and nothing wider than a phone.
// Screenshots: tests/browser/output/i18n-LANG-SCREEN.png, i18n-rtl-*.png.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { before, test } from "node:test";
import { DESKTOP, PHONE, launch, personAt, screenshot, serve, withScreenshots } from "./lib/harness.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const LOCALES = path.resolve(__dirname, "../../web/src/i18n/locales");
const DEMO_PASSWORD = "atrium-demo";
const ADMIN = "admin@example.com";

/** A language's messages, all files of it merged (as the client merges them). */
function messages(tag) {
  const dir = path.join(LOCALES, tag);
  return Object.assign({}, ...fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))));
}

/** A language's messages as [key, message] pairs. */
const flatten = (o, prefix = "") =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v]] : flatten(v, `${prefix}${k}.`)));

/**
 * English messages the language says differently: plain ones (no
 * placeholders), long enough not to be a name. One on a line of its own on
 * screen is English left behind (a label worked out once, in English, when
 * its module loaded).
 */
function englishLeftovers(tag) {
  const translated = new Map(flatten(messages(tag)));
  return flatten(messages("en"))
    .filter(([k, v]) => !v.includes("{") && v.length >= 12 && translated.has(k) && translated.get(k) !== v)
    .map(([, v]) => v);
}

/** A plain message with its {placeholders} filled in. */
const fill = (message, values = {}) => message.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));

// The rail's entries for an admin, in the order the client lists them.
const NAV = ["home", "organization", "communities", "questions", "blogs", "people", "notifications", "messages", "bookmarks", "favourites", "lists", "settings", "admin"];

let server;
const ids = {};

before(async () => {
  server = await serve({}, { demo: true });
  const admin = await personAt(server, ADMIN, { password: DEMO_PASSWORD });
  ids.maria = (await admin.call("GET", "/api/v1/accounts/lookup?acct=maria")).id;
  const posts = await admin.call("GET", "/api/v1/timelines/public?atrium_kind=status&limit=5");
  ids.post = posts[0].id;
  await admin.context.close();
});

/** The account back to following the browser, whatever an earlier test chose. */
async function followTheBrowser() {
  const admin = await personAt(server, ADMIN, { password: DEMO_PASSWORD });
  assert.deepEqual(await admin.call("PATCH", "/api/v1/atrium/preferences/interface", { language: "" }), { language: null });
  await admin.context.close();
}

/** The screens to visit: path, and the heading expected in `m` (null: not checked here). */
const screens = (m) => [
  { name: "home", path: "/", heading: m.home.title },
  { name: "notifications", path: "/notifications", heading: m.notifications.title },
  { name: "messages", path: "/messages", heading: m.messages.title },
  { name: "people", path: "/people", heading: m.people.title },
  { name: "communities", path: "/communities", heading: null },
  { name: "questions", path: "/questions", heading: m.questions.title },
  { name: "blogs", path: "/blogs", heading: m.blogs.title },
  { name: "search", path: "/search?q=payments", heading: fill(m.search.titleFor, { q: "payments" }) },
  { name: "settings", path: "/settings", heading: m.settings.title },
  { name: "profile", path: `/people/${ids.maria}`, heading: null },
  { name: "post", path: `/posts/${ids.post}`, heading: m.post.title },
  { name: "lists", path: "/lists", heading: m.lists.title },
  { name: "admin", path: "/admin", heading: null },
  { name: "admin-reports", path: "/admin/reports", heading: null },
  { name: "admin-health", path: "/admin/health", heading: null },
  { name: "admin-audit", path: "/admin/audit", heading: null },
  { name: "admin-compliance", path: "/admin/compliance", heading: null },
  { name: "admin-exports", path: "/admin/exports", heading: null },
  { name: "admin-advice", path: "/admin/advice", heading: null },
  { name: "admin-announcements", path: "/admin/announcements", heading: null },
  { name: "admin-custom-emoji", path: "/admin/custom-emoji", heading: null },
];

async function settle(page) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.locator(".loading").first().waitFor({ state: "detached", timeout: 10000 }).catch(() => {});
}

/** A new browser (English, no stored choice) signing in through the form. */
async function signInThroughForm(viewport = DESKTOP) {
  const b = await launch();
  const context = await b.newContext({ viewport, baseURL: server.url, reducedMotion: "reduce", locale: "en-US" });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  const en = messages("en");
  await page.goto("/");
  await page.getByLabel(en.signIn.login).fill(ADMIN);
  await page.getByLabel(en.signIn.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: en.signIn.submit }).click();
  await page.locator("header.rail").waitFor();
  return { context, page };
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const missingKeys = (page) => page.evaluate(() => [...(window.__atriumMissingKeys ?? ["(the client exposes no __atriumMissingKeys)"])]);
const navLabels = (page) => page.locator("header.rail nav .nav-label").allTextContents();

async function expectSpeaks(page, tag, m, where) {
  await page.waitForFunction((t) => document.documentElement.lang === t, tag);
  assert.equal(await htmlLang(page), tag, `<html lang> on ${where}`);
  assert.deepEqual(await missingKeys(page), [], `messages missing on ${where}`);
  assert.deepEqual(await navLabels(page), NAV.map((k) => m.app.nav[k]), `navigation labels on ${where}`);
  const lines = new Set((await page.locator("body").innerText()).split("\n").map((l) => l.trim()));
  assert.deepEqual(
    englishLeftovers(tag).filter((s) => lines.has(s)),
    [],
    `English left on ${where}`,
  );
}

for (const tag of ["de", "ja"]) {
  test(`the whole client in ${tag}, chosen in Settings and kept on the account`, async () => {
    const m = messages(tag);
    const en = messages("en");
    // The translation is a translation: the rail does not read as English.
    assert.notDeepEqual(NAV.map((k) => m.app.nav[k]), NAV.map((k) => en.app.nav[k]));
    await followTheBrowser();
    const { context, page } = await signInThroughForm();
    await withScreenshots(`i18n-${tag}`, [page], async () => {
      assert.equal(await htmlLang(page), "en");
      await page.goto("/settings");
      const chooser = page.locator('select[name="language"]');
      await chooser.waitFor();
      // "Follow the browser" first, then each language in its own name.
      const options = await chooser.locator("option").allTextContents();
      assert.equal(options[0], fill(en.settings.languageBrowser, { current: "English" }));
      assert.ok(options.includes({ de: "Deutsch", ja: "日本語" }[tag]), options.join(", "));
      const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/atrium/preferences/interface") && r.request().method() === "PATCH");
      await chooser.selectOption(tag);
      const answer = await saved;
      assert.equal(answer.status(), 200);
      assert.deepEqual(await answer.json(), { language: tag });
      // At once, without a reload.
      await expectSpeaks(page, tag, m, "Settings right after choosing");
      await page.getByRole("heading", { level: 1, name: m.settings.title }).waitFor();

      for (const s of screens(m)) {
        await page.goto(s.path);
        await settle(page);
        if (s.heading) await page.getByRole("heading", { level: 1, name: s.heading, exact: true }).waitFor();
        await expectSpeaks(page, tag, m, s.name);
        await screenshot(page, `i18n-${tag}-${s.name}`);
      }

      await page.reload();
      await settle(page);
      await expectSpeaks(page, tag, m, "a reload");
    });
    await context.close();

    // A browser that never saw the choice gets it from the account.
    const again = await signInThroughForm();
    await withScreenshots(`i18n-${tag}-again`, [again.page], async () => {
      await expectSpeaks(again.page, tag, m, "a new browser after sign-in");
      await again.page.goto("/settings");
      await settle(again.page);
      assert.equal(await again.page.locator('select[name="language"]').inputValue(), tag);
      await screenshot(again.page, `i18n-${tag}-new-browser`);
    });
    await again.context.close();
  });
}

test("right to left: ?lang=ar-XB mirrors the layout, the rail on the right", async () => {
  const en = messages("en");
  const admin = await personAt(server, ADMIN, { password: DEMO_PASSWORD });
  const { page } = admin;
  await withScreenshots("i18n-rtl", [page], async () => {
    await page.goto("/?lang=ar-XB");
    await page.locator("header.rail").waitFor();
    await settle(page);
    assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
    assert.equal(await htmlLang(page), "ar-XB");
    // The pseudo-language's messages: English between right-to-left marks.
    assert.equal((await navLabels(page))[0], `\u200F${en.app.nav.home}\u200F`);
    const rail = await page.locator("header.rail").boundingBox();
    const main = await page.locator("main#main").boundingBox();
    assert.ok(rail && main, "rail and main are laid out");
    assert.ok(rail.x >= main.x + main.width - 1, `the rail (x ${rail.x}) is right of the content (ends at ${main.x + main.width})`);
    assert.ok(Math.abs(rail.x + rail.width - DESKTOP.width) <= 1, `the rail ends at the right edge (${rail.x + rail.width} of ${DESKTOP.width})`);
    assert.deepEqual(await missingKeys(page), []);
    await screenshot(page, "i18n-rtl-home-desktop");
  });
  await admin.context.close();

  const phone = await personAt(server, ADMIN, { password: DEMO_PASSWORD, viewport: PHONE });
  await withScreenshots("i18n-rtl-phone", [phone.page], async () => {
    for (const [name, p] of [
      ["home", "/"],
      ["notifications", "/notifications"],
      ["people", "/people"],
      ["settings", "/settings"],
      ["profile", `/people/${ids.maria}`],
      ["post", `/posts/${ids.post}`],
      ["search", "/search?q=payments"],
      ["lists", "/lists"],
    ]) {
      await phone.page.goto(`${p}${p.includes("?") ? "&" : "?"}lang=ar-XB`);
      await settle(phone.page);
      assert.equal(await phone.page.evaluate(() => document.documentElement.dir), "rtl", name);
      const { scrollWidth, clientWidth } = await phone.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `${name} scrolls sideways at phone width: ${scrollWidth} > ${clientWidth}`);
      await screenshot(phone.page, `i18n-rtl-${name}-phone`);
    }
    // The bottom bar runs right to left: its first entry (Home) is the rightmost.
    const links = phone.page.locator("nav.bottom-bar a");
    const first = await links.first().boundingBox();
    const last = await links.last().boundingBox();
    assert.ok(first.x > last.x, `Home (x ${first.x}) is right of the last entry (x ${last.x})`);
  });
  await phone.context.close();
});
