// The client through a day: the theme switch, keyboard shortcuts, the
// installable shell (manifest, service worker, offline home page), and the
// polish of lists, liked posts, followers, role changes and tab strips.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PHONE, axeViolations, describeViolations, launch, personAt, screenshot, serve, withScreenshots } from "./lib/harness.mjs";

let server;
let ids = {};

before(async () => {
  server = await serve({ ada: "admin", maria: "member", jon: "member", kim: "member" });
  const maria = await personAt(server, "maria");
  const jon = await personAt(server, "jon");
  ids.maria = (await maria.call("GET", "/api/v1/accounts/verify_credentials")).id;
  ids.jon = (await jon.call("GET", "/api/v1/accounts/verify_credentials")).id;
  ids.kim = (await (await personAt(server, "kim")).call("GET", "/api/v1/accounts/verify_credentials")).id;
  await jon.call("POST", `/api/v1/accounts/${ids.maria}/follow`);
  for (let i = 1; i <= 4; i++) await maria.call("POST", "/api/v1/statuses", { status: `Maria's update number ${i}`, visibility: "public" });
  await maria.context.close();
  await jon.context.close();
});

test("the theme follows the system, and the choice in Settings wins and lasts", async () => {
  const jon = await personAt(server, "jon", { colorScheme: "dark" });
  const { page } = jon;
  await withScreenshots("theme", [page], async () => {
    await page.goto("/");
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    const html = page.locator("html");
    assert.equal(await html.getAttribute("data-theme"), "dark");
    // The page's own colours follow: a dark background.
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor || getComputedStyle(document.documentElement).backgroundColor);
    const dark = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--bg").trim());
    assert.equal(dark, "#10131b", bg);

    await page.goto("/settings");
    await page.getByRole("radio", { name: /Follow the system/ }).waitFor();
    assert.equal(await page.getByRole("radio", { name: /Follow the system/ }).isChecked(), true);
    await page.getByRole("radio", { name: /^Light/ }).check();
    assert.equal(await html.getAttribute("data-theme"), "light");
    // Kept across a reload although the system still prefers dark.
    await page.reload();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    assert.equal(await html.getAttribute("data-theme"), "light");
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByRole("radio", { name: /^Dark/ }).check();
    assert.equal(await html.getAttribute("data-theme"), "dark");
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(v));
    await screenshot(page, "settings-theme-dark");
    // Following the system again: the system says light now.
    await page.getByRole("radio", { name: /Follow the system/ }).check();
    assert.equal(await html.getAttribute("data-theme"), "light");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  });
  await jon.context.close();
});

test("keyboard shortcuts: ? lists them, n writes, j/k move, none fires while typing", async () => {
  const jon = await personAt(server, "jon");
  const { page } = jon;
  await withScreenshots("shortcuts", [page], async () => {
    await page.goto("/people");
    await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    for (const text of ["Search", "Write a new post", "Next post", "Previous post"]) await help.getByText(text).waitFor();
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(v));
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "detached" });

    // n from another screen: the home screen's composer, focused.
    await page.keyboard.press("n");
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    const composer = page.locator("main .composer-card textarea").first();
    await page.waitForFunction(() => document.activeElement?.matches("main .composer-card textarea"));
    // Typing there types: j, k, n and ? are letters of the post.
    await page.keyboard.type("jkn?");
    assert.equal(await composer.inputValue(), "jkn?");
    assert.equal(await page.getByRole("dialog", { name: "Keyboard shortcuts" }).count(), 0);
    await composer.fill("");

    // j and k move through the posts of the stream.
    await page.locator("main article.status").first().waitFor();
    await page.locator("main h1").focus();
    const focusedPost = () => page.evaluate(() => document.activeElement?.closest("article.status")?.getAttribute("data-status-id") ?? null);
    const postIds = await page.locator("main article.status").evaluateAll((l) => l.map((a) => a.getAttribute("data-status-id")));
    assert.ok(postIds.length >= 3, `posts: ${postIds.length}`);
    await page.keyboard.press("j");
    assert.equal(await focusedPost(), postIds[0]);
    await page.keyboard.press("j");
    assert.equal(await focusedPost(), postIds[1]);
    await page.keyboard.press("j");
    assert.equal(await focusedPost(), postIds[2]);
    await page.keyboard.press("k");
    assert.equal(await focusedPost(), postIds[1]);
    await screenshot(page, "shortcuts-post-focused");

    // In the search box, letters are letters.
    await page.keyboard.press("/");
    await page.keyboard.type("nj");
    assert.equal(await page.getByTestId("search-box").inputValue(), "nj");
    assert.equal(await page.getByTestId("search-box").evaluate((e) => e === document.activeElement), true);
  });
  await jon.context.close();
});

test("the manifest and the service worker are served with their types and cache headers", async () => {
  const b = await launch();
  const context = await b.newContext({ baseURL: server.url });
  const manifest = await context.request.get("/manifest.webmanifest");
  assert.equal(manifest.status(), 200);
  assert.equal(manifest.headers()["content-type"], "application/manifest+json");
  const m = await manifest.json();
  assert.equal(m.start_url, "/");
  assert.equal(m.display, "standalone");
  assert.ok(m.icons.some((i) => i.sizes === "512x512" && i.type === "image/png"));
  for (const icon of m.icons) assert.equal((await context.request.get(icon.src)).status(), 200, icon.src);

  const sw = await context.request.get("/sw.js");
  assert.equal(sw.status(), 200);
  assert.match(sw.headers()["content-type"], /^text\/javascript/);
  // Never cached by the HTTP cache: an update of the worker is seen at once.
  assert.equal(sw.headers()["cache-control"], "no-cache");
  const page = await context.request.get("/", { headers: { Accept: "text/html" } });
  assert.match(await page.text(), /<link rel="manifest" href="\/manifest.webmanifest"/);
  await context.close();
});

test("the service worker keeps the shell; offline the last home page shows read-only; sign-out clears it", async () => {
  const jon = await personAt(server, "jon");
  const { page, context } = jon;
  await withScreenshots("offline", [page], async () => {
    await page.goto("/");
    await page.getByText("Maria's update number 4").waitFor();
    // Registered and active (waited for within the test's time limit).
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.getRegistration())?.active);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.equal(scope, `${server.url}/`);
    // The shell is cached; no answer of the API, the sign-in or media is.
    await page.waitForFunction(async () => {
      const c = await caches.open("atrium-shell-v1");
      return (await c.keys()).some((r) => new URL(r.url).pathname === "/");
    });
    const cached = await page.evaluate(async () => {
      const out = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
      return out;
    });
    assert.ok(cached.some((p) => p.startsWith("/assets/") && p.endsWith(".js")), cached.join(" "));
    assert.deepEqual(cached.filter((p) => /^\/(api|auth|oauth|media|scim)\b/.test(p)), []);

    // Offline: the page opens from the cache, with the home page as it was, marked offline.
    await context.setOffline(true);
    // Losing the connection is said on the screen at once.
    await page.getByTestId("offline-notice").waitFor();
    await page.reload();
    const banner = page.getByTestId("offline-banner");
    await banner.waitFor();
    assert.match(await banner.textContent(), /You are offline/);
    await page.getByText("Maria's update number 4").waitFor();
    await page.getByRole("heading", { name: "Home (offline)", level: 1 }).waitFor();
    // Read-only: nothing to like, repost or write.
    assert.equal(await page.getByRole("button", { name: /Like|Repost|Post/ }).count(), 0);
    assert.equal(await page.locator("textarea").count(), 0);
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(v));
    await screenshot(page, "home-offline");

    // Back online, signed out: nothing of Jon's is left for the next person.
    await context.setOffline(false);
    await page.reload();
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.getByRole("heading", { name: /Sign in/ }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("atrium.offline.home")), null);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: /Sign in/ }).waitFor();
    assert.equal(await page.getByText("Maria's update number 4").count(), 0);
    await context.setOffline(false);
  });
  await context.close();
});

test("the home page's first load is under 200 KB of compressed JavaScript", async () => {
  const jon = await personAt(server, "jon");
  const { page } = jon;
  let total = 0;
  const scripts = [];
  page.on("response", async (res) => {
    if (res.request().resourceType() !== "script") return;
    const sizes = await res.request().sizes();
    total += sizes.responseBodySize;
    scripts.push(`${new URL(res.url()).pathname} ${sizes.responseBodySize} (${res.headers()["content-encoding"] ?? "identity"})`);
  });
  await page.goto("/");
  await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  await page.waitForLoadState("networkidle");
  assert.ok(scripts.length > 0, "no script loaded");
  assert.ok(scripts.every((s) => s.endsWith("(gzip)")), scripts.join("\n"));
  assert.ok(total < 200_000, `${total} bytes:\n${scripts.join("\n")}`);
  await jon.context.close();
});

test("followers, following and connections, liked posts and lists have screens", async () => {
  const jon = await personAt(server, "jon");
  const { page } = jon;
  await withScreenshots("lists", [page], async () => {
    // Maria's followers: Jon.
    await page.goto(`/people/${ids.maria}`);
    await page.getByRole("link", { name: "1 follower", exact: true }).click();
    await page.getByRole("heading", { name: /Followers of/, level: 1 }).waitFor();
    await page.getByRole("list", { name: /Followers of/ }).getByText("jon", { exact: false }).first().waitFor();
    await page.getByRole("link", { name: "Following" }).click();
    await page.getByRole("heading", { name: /People .* follows/, level: 1 }).waitFor();
    await page.getByText(/follows nobody yet/).waitFor();
    // Connections are one's own.
    await page.goto(`/people/${ids.jon}/connections`);
    await page.getByRole("heading", { name: "Your connections", level: 1 }).waitFor();
    await page.getByText("No connections yet").waitFor();

    // Liking a post puts it on the liked posts screen.
    await page.goto("/favourites");
    await page.getByText("No liked posts yet").waitFor();
    const post = (await jon.call("GET", `/api/v1/accounts/${ids.maria}/statuses?limit=1`))[0];
    await jon.call("POST", `/api/v1/statuses/${post.id}/favourite`);
    await page.reload();
    await page.locator("main article.status", { hasText: "Maria's update number 4" }).waitFor();
    assert.equal(post.content.includes("update number 4"), true);

    // A list: created, Maria added, her posts in its stream, then deleted.
    await page.goto("/lists");
    await page.getByText("No lists yet").waitFor();
    await page.getByLabel("Name").fill("Design team");
    await page.getByRole("button", { name: "Create list" }).click();
    await page.getByRole("heading", { name: "Design team", level: 1 }).waitFor();
    await page.getByLabel("Name of someone you follow").fill("maria");
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByRole("button", { name: /^Add/ }).click();
    await page.getByRole("list", { name: "People on this list" }).getByText("maria", { exact: false }).first().waitFor();
    await page.getByRole("link", { name: "Posts", exact: true }).click();
    await page.getByText("Maria's update number 4").waitFor();
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(v));
    await screenshot(page, "list-desktop");
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete list?" }).getByRole("button", { name: "Delete list" }).click();
    await page.getByRole("heading", { name: "Lists", level: 1 }).waitFor();
    assert.deepEqual(await jon.call("GET", "/api/v1/lists"), []);
  });
  await jon.context.close();
});

test("making someone a moderator or an admin asks first; cancelling changes nothing", async () => {
  const ada = await personAt(server, "ada");
  const { page } = ada;
  await withScreenshots("roles", [page], async () => {
    await page.goto("/admin");
    const role = page.getByRole("combobox", { name: /Role of kim/i });
    await role.waitFor();
    await role.selectOption("admin");
    const ask = page.getByRole("dialog", { name: /Make kim an admin\?/i });
    await ask.waitFor();
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "detached" });
    assert.equal(await role.inputValue(), "member");
    const admin = await ada.call("GET", `/api/v1/admin/accounts/${ids.kim}`);
    assert.equal(admin.role.name.toLowerCase(), "member");

    await role.selectOption("moderator");
    const ask2 = page.getByRole("dialog", { name: /Make kim a moderator\?/i });
    await ask2.getByRole("button", { name: "Make moderator" }).click();
    await page.getByText(/is now a moderator/).waitFor();
    assert.equal((await ada.call("GET", `/api/v1/admin/accounts/${ids.kim}`)).role.name.toLowerCase(), "moderator");
    // Taking the role back needs no confirmation.
    await role.selectOption("member");
    await page.getByText(/is now a member/).waitFor();
    assert.equal(await page.getByRole("dialog").count(), 0);
  });
  await ada.context.close();
});

test("a tab strip wider than a phone fades and scrolls, and icon-only actions have tooltips", async () => {
  const jon = await personAt(server, "jon", { viewport: PHONE });
  const { page } = jon;
  await withScreenshots("tabs", [page], async () => {
    await page.goto("/");
    const strip = page.locator(".scroll-strip").first();
    await strip.waitFor();
    assert.equal(await strip.getAttribute("data-overflow"), "true");
    assert.match((await strip.getAttribute("class")) ?? "", /fade-end/);
    const row = strip.locator(".scroll-strip-row");
    assert.equal(await row.evaluate((e) => e.scrollLeft), 0);
    await strip.locator(".strip-arrow-end").click();
    await page.waitForFunction(() => document.querySelector(".scroll-strip-row").scrollLeft > 0);
    await strip.locator(".strip-arrow-start").waitFor();
    // The last tab, reached by keyboard, is in view with its focus ring whole.
    const last = strip.getByRole("button", { name: "Questions" });
    await strip.getByRole("button", { name: "Everything" }).focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("Tab");
    assert.equal(await last.evaluate((e) => e === document.activeElement && e.matches(":focus-visible")), true);
    await page.waitForFunction(() => {
      const row = document.querySelector(".scroll-strip-row").getBoundingClientRect();
      const tab = [...document.querySelectorAll(".scroll-strip .tab")].at(-1).getBoundingClientRect();
      return tab.left >= row.left - 1 && tab.right <= row.right + 1;
    });
    const outline = await last.evaluate((e) => getComputedStyle(e).outlineOffset);
    assert.equal(outline, "-3px");
    await screenshot(page, "tabs-phone");

    // A post's icon-only action names itself on hover.
    const bookmark = page.locator("main article.status").first().getByRole("button", { name: "Bookmark" });
    await bookmark.hover();
    await page.waitForFunction(
      (el) => getComputedStyle(el, "::after").visibility === "visible" && getComputedStyle(el, "::after").content === '"Bookmark"',
      await bookmark.elementHandle(),
    );
    // So does one with a count beside its icon.
    const like = page.locator("main article.status").first().getByRole("button", { name: /^Like/ });
    await like.hover();
    await page.waitForFunction(
      (el) => getComputedStyle(el, "::after").visibility === "visible" && /^"(Like|Unlike)"$/.test(getComputedStyle(el, "::after").content),
      await like.elementHandle(),
    );
  });
  await jon.context.close();
});
