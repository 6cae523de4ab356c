// Everything in context, in Chromium: a reply in the home stream says what it
// answers and opens it; the reply composer names the post; notifications are
// grouped ("ken and 2 others liked …"), say which post, filter to mentions,
// and stay marked new until seen.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { personAt, screenshot, serve, withScreenshots } from "./lib/harness.mjs";

let server;
const P = {};

before(async () => {
  server = await serve({ maria: "member", ken: "member", ada: "member", pia: "member" });
  for (const name of ["maria", "ken", "ada", "pia"]) {
    P[name] = await personAt(server, name);
    P[name].me = await P[name].call("GET", "/api/v1/accounts/verify_credentials");
  }
  await P.ada.call("POST", `/api/v1/accounts/${P.ken.me.id}/follow`, {});
  // Home shows a reply when the reader follows both people, as Mastodon.
  await P.ada.call("POST", `/api/v1/accounts/${P.maria.me.id}/follow`, {});
});

after(async () => {
  for (const p of Object.values(P)) await p.context.close();
});

test("a reply in the home stream shows what it replies to, linked to the thread", async () => {
  const { page } = P.ada;
  const parent = await P.maria.call("POST", "/api/v1/statuses", { status: "What we learned from the launch" });
  await P.ken.call("POST", "/api/v1/statuses", { status: "Great summary, thanks", in_reply_to_id: parent.id });
  await withScreenshots("context-home", [page], async () => {
    await page.goto("/");
    const card = page.locator("article", { hasText: "Great summary, thanks" });
    await card.waitFor();
    const link = card.getByRole("link", { name: /^Replying to maria: What we learned from the launch$/ });
    await link.waitFor();
    await screenshot(page, "context-reply-in-home");
    await link.click();
    await page.waitForURL(`**/posts/${parent.id}`);
    await page.getByRole("heading", { name: "Post", level: 1 }).waitFor();
    // The reply composer names the post it answers.
    const composerCard = page.locator(".composer-card");
    await composerCard.getByRole("link", { name: /^Replying to maria: What we learned from the launch$/ }).waitFor();
    // Inside the thread the comment needs no "Replying to" line.
    const comment = page.locator(".thread article", { hasText: "Great summary, thanks" });
    await comment.waitFor();
    assert.equal(await comment.getByText(/Replying to/).count(), 0);
  });
});

test("notifications are grouped, say which post, filter to mentions and stay new until seen", async () => {
  const { page } = P.maria;
  const post = await P.maria.call("POST", "/api/v1/statuses", { status: "Roadmap for the spring" });
  for (const who of ["ken", "ada", "pia"]) await P[who].call("POST", `/api/v1/statuses/${post.id}/favourite`, {});
  await P.ken.call("POST", "/api/v1/statuses", { status: "Count me in for the spring work", in_reply_to_id: post.id });
  await withScreenshots("context-notifications", [page], async () => {
    await page.goto("/notifications");
    const list = page.getByRole("list", { name: "Notifications" });
    const likes = list.locator("li.notification", { hasText: "liked" }).filter({ hasText: "Roadmap for the spring" });
    await likes.waitFor();
    assert.match((await likes.textContent()).replace(/\s+/g, " "), /pia and 2 others liked “Roadmap for the spring”/);
    await likes.getByText("New", { exact: true }).waitFor();
    const comment = list.locator("li.notification", { hasText: "commented on" }).filter({ hasText: "Count me in" });
    await comment.waitFor();
    assert.match((await comment.textContent()).replace(/\s+/g, " "), /ken commented on “Roadmap for the spring”/);
    await screenshot(page, "context-notifications-grouped");

    // Everyone behind "2 others".
    await likes.getByRole("button", { name: "2 others" }).click();
    const people = page.getByRole("dialog").getByRole("list", { name: "People" });
    await people.waitFor();
    await page.getByRole("dialog").getByText("ken", { exact: false }).first().waitFor();
    assert.equal(await people.getByRole("listitem").count(), 3);
    await page.keyboard.press("Escape");

    // Mentions: the comment stays, the likes go.
    await page.getByRole("button", { name: "Mentions" }).click();
    await list.locator("li.notification", { hasText: "Count me in" }).waitFor();
    await page.waitForFunction(() => !document.body.textContent.includes("others liked"));
    await page.getByRole("button", { name: "All" }).click();
    await likes.waitFor();

    // Seen: after a reload nothing is marked new.
    await page.reload();
    await likes.waitFor();
    assert.equal(await list.getByText("New", { exact: true }).count(), 0);
  });
});
