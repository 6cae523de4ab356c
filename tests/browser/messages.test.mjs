// Messages in the browser: a member finds a colleague's direct message
// marked unread in Messages, opens the conversation as its thread (which
// reads it), replies in it to the same person, and sees the next message
// arrive live; another starts a new conversation by choosing people, which
// reaches a colleague's open list at once, marked unread.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, serve, withScreenshots } from "./lib/harness.mjs";

let server, ana, ben, cat;

before(async () => {
  server = await serve({ ana: "member", ben: "member", cat: "member" });
  ana = await personAt(server, "ana");
  ben = await personAt(server, "ben");
  cat = await personAt(server, "cat");
});

after(async () => {
  for (const p of [ana, ben, cat]) await p?.context.close();
});

const conversationWith = async (person, statusId) =>
  (await person.call("GET", "/api/v1/conversations")).find((c) => c.last_status?.id === statusId);

test("an unread conversation opens as its thread, is read, and is answered in", () =>
  withScreenshots("messages-thread", [ben.page], async () => {
    const first = await ana.call("POST", "/api/v1/statuses", { status: "@ben lunch on Friday?", visibility: "direct" });
    const page = ben.page;
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Messages" }).click();
    await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
    const row = page.getByTestId("conversation").filter({ hasText: "lunch on Friday?" });
    await row.waitFor();
    assert.equal(await row.getAttribute("data-unread"), "true", "marked unread");
    await row.getByText("Unread").waitFor();
    let violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    await row.getByRole("link").click();
    await page.getByRole("heading", { name: "ana", level: 1 }).waitFor();
    const thread = page.getByRole("list", { name: "Messages with ana" });
    await thread.getByTestId("message").filter({ hasText: "lunch on Friday?" }).waitFor();
    assert.equal((await conversationWith(ben, first.id)).unread, false, "opening it read it");

    await page.getByLabel("Reply to ana").fill("Friday works, noon?");
    await page.getByRole("button", { name: "Send" }).click();
    await thread.getByTestId("message").filter({ hasText: "Friday works, noon?" }).waitFor();
    const anas = (await ana.call("GET", "/api/v1/conversations"))[0];
    assert.match(anas.last_status.content, /Friday works, noon\?/);
    assert.equal(anas.unread, true, "unread for ana");
    assert.equal(anas.last_status.visibility, "direct");
    assert.equal(anas.last_status.in_reply_to_id, first.id, "a reply in the thread");
    assert.deepEqual(anas.accounts.map((a) => a.username), ["ben"]);

    // the next message arrives live, and is read since the thread is open
    await ana.call("POST", "/api/v1/statuses", { status: "@ben noon it is", visibility: "direct", in_reply_to_id: anas.last_status.id });
    await thread.getByTestId("message").filter({ hasText: "noon it is" }).waitFor();
    violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    await page.getByRole("link", { name: "All messages" }).click();
    const again = page.getByTestId("conversation").filter({ hasText: "noon it is" });
    await again.waitFor();
    assert.equal(await again.getAttribute("data-unread"), "false");
  }));

test("a new conversation with chosen people reaches an open list at once", () =>
  withScreenshots("messages-new", [ana.page, cat.page], async () => {
    const watcher = cat.page;
    await watcher.goto("/messages");
    await watcher.getByRole("heading", { name: "Messages", level: 1 }).waitFor();

    const page = ana.page;
    await page.goto("/messages");
    await page.getByRole("button", { name: "New message" }).click();
    const to = page.getByLabel("To");
    for (const name of ["ben", "cat"]) {
      await to.fill(name);
      await page.getByRole("list", { name: "People found" }).getByRole("button", { name: new RegExp(`@${name}\\b`) }).click();
      await page.getByRole("list", { name: "Recipients" }).getByText(name, { exact: true }).waitFor();
    }
    await page.getByLabel("Message", { exact: true }).fill("Kick-off notes for the launch");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("heading", { name: "ben and cat", level: 1 }).waitFor();
    await page.getByTestId("message").filter({ hasText: "Kick-off notes for the launch" }).waitFor();

    const row = watcher.getByTestId("conversation").filter({ hasText: "Kick-off notes for the launch" });
    await row.waitFor();
    assert.equal(await row.getAttribute("data-unread"), "true", "live and unread for cat");
    await row.getByText("ana and ben").waitFor();
    const bens = (await ben.call("GET", "/api/v1/conversations"))[0];
    assert.match(bens.last_status.content, /Kick-off notes/);
    assert.deepEqual(bens.accounts.map((a) => a.username).sort(), ["ana", "cat"]);
  }));
