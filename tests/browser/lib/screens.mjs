// Every main screen of a demo organization at one size, in the light and
// the dark theme (the system's preference, emulated): an axe-core scan (no
// serious or critical violations) and a screenshot under
// tests/browser/output/ (NAME-SIZE.png, NAME-SIZE-dark.png). One file per
// size (screens-desktop.test.mjs, screens-phone.test.mjs), so that the two
// run side by side.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { axeViolations, describeViolations, launch, personAt, screenshot, serve } from "./harness.mjs";

const DEMO_PASSWORD = "atrium-demo";
let server;
let ids = {};

const screens = () => [
  { name: "home", path: "/", heading: "Home" },
  { name: "organization", path: "/organization", heading: "Organization" },
  { name: "post", path: `/posts/${ids.post}`, heading: "Post" },
  { name: "blog", path: ids.blog.path, heading: ids.blog.title },
  { name: "question", path: ids.question.path, heading: ids.question.title },
  { name: "profile", path: `/people/${ids.maria}`, heading: /Maria/ },
  { name: "communities", path: "/communities", heading: "Communities" },
  { name: "community", path: `/communities/${ids.community}`, heading: ids.communityName },
  { name: "community-members", path: `/communities/${ids.community}/members`, heading: ids.communityName },
  { name: "notifications", path: "/notifications", heading: "Notifications" },
  { name: "people", path: "/people", heading: "People" },
  { name: "settings", path: "/settings", heading: "Settings" },
  { name: "admin", path: "/admin", heading: "Admin" },
  { name: "bookmarks", path: "/bookmarks", heading: "Bookmarks" },
  { name: "tag", path: "/tags/payments", heading: "#payments" },
  { name: "search", path: "/search?q=payments", heading: "Search: payments" },
  { name: "admin-health", path: "/admin/health", heading: "Health" },
  { name: "admin-audit", path: "/admin/audit", heading: "Audit log" },
  { name: "admin-compliance", path: "/admin/compliance", heading: "Compliance" },
  { name: "admin-advice", path: "/admin/advice", heading: "Advice rules" },
  { name: "favourites", path: "/favourites", heading: "Liked posts" },
  { name: "lists", path: "/lists", heading: "Lists" },
  { name: "followers", path: `/people/${ids.maria}/followers`, heading: /Followers of Maria/ },
];

async function settle(page) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.locator(".loading").first().waitFor({ state: "detached", timeout: 10000 }).catch(() => {});
}

const THEMES = [
  ["light", ""],
  ["dark", "-dark"],
];

// The tests of every screen at `size` (a name) and `viewport`.
export function screenTests(size, viewport) {
  before(async () => {
    server = await serve({}, { demo: true });
    const admin = await personAt(server, "admin@example.com", { password: DEMO_PASSWORD });
    const maria = await admin.call("GET", "/api/v1/accounts/lookup?acct=maria");
    const home = await admin.call("GET", "/api/v1/timelines/public?atrium_kind=status&limit=5");
    ids.maria = maria.id;
    ids.post = home.find((s) => s.replies_count > 0)?.id ?? home[0].id;
    // A community of the demo organization that the admin belongs to.
    const c = await admin.call("GET", "/api/v1/atrium/communities/lookup?handle=coffee");
    ids.community = c.id;
    ids.communityName = c.name;
    // A demo blog entry, and the demo question with an accepted answer.
    const blog = (await admin.call("GET", "/api/v1/atrium/blogs?limit=1"))[0];
    ids.blog = { path: new URL(blog.atrium.permalink).pathname, title: blog.atrium.title };
    const questions = await admin.call("GET", "/api/v1/atrium/questions?limit=40");
    const answered = questions.find((q) => q.atrium.accepted_answer_id) ?? questions[0];
    ids.question = { path: new URL(answered.atrium.permalink).pathname, title: answered.atrium.title };
    await admin.context.close();
  });

  for (const [colorScheme, suffix] of THEMES) {
    test(`sign-in screen (${size}, ${colorScheme})`, async () => {
      const b = await launch();
      const context = await b.newContext({ viewport, baseURL: server.url, reducedMotion: "reduce", colorScheme });
      const page = await context.newPage();
      await page.goto("/");
      await page.getByRole("heading", { name: /Sign in/ }).waitFor();
      assert.equal(await page.locator("html").getAttribute("data-theme"), colorScheme);
      const v = await axeViolations(page);
      await screenshot(page, `signin-${size}${suffix}`);
      assert.deepEqual(v, [], describeViolations(v));
      // A wrong password says so.
      await page.getByLabel("E-mail or username").fill("admin@example.com");
      await page.getByLabel("Password").fill("wrong password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").waitFor();
      const wrong = await axeViolations(page);
      assert.deepEqual(wrong, [], describeViolations(wrong));
      // The right one signs in.
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
      await context.close();
    });

    test(`main screens have no serious accessibility violations (${size}, ${colorScheme})`, async () => {
      const admin = await personAt(server, "admin@example.com", { password: DEMO_PASSWORD, viewport, colorScheme });
      const failures = [];
      for (const s of screens()) {
        await admin.page.goto(s.path);
        await admin.page.getByRole("heading", { name: s.heading, level: 1 }).waitFor();
        await settle(admin.page);
        assert.equal(await admin.page.locator("html").getAttribute("data-theme"), colorScheme, s.name);
        const v = await axeViolations(admin.page);
        await screenshot(admin.page, `${s.name}-${size}${suffix}`);
        if (v.length) failures.push(`${s.name}:\n${describeViolations(v)}`);
      }
      await admin.context.close();
      assert.deepEqual(failures, [], failures.join("\n"));
    });
  }
}
