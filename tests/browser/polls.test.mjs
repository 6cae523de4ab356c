// Polls in the web client: written in the composer, voted on from the post,
// the results shown after the vote.
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
});

after(async () => {
  await alice?.context.close();
  await bob?.context.close();
});

test("write a poll in the composer, vote on it, see the results", async () => {
  const page = alice.page;
  await page.goto("/");
  await page.getByRole("combobox", { name: "Share an update" }).fill("Team lunch on Friday: where?");
  const composer = page.locator("form.composer").first();
  await composer.getByRole("button", { name: "Add a poll" }).click();
  await composer.getByLabel("Option 1", { exact: true }).fill("Noodle bar");
  await composer.getByLabel("Option 2", { exact: true }).fill("Taqueria");
  await composer.getByRole("button", { name: "Add an option" }).click();
  await composer.getByLabel("Option 3", { exact: true }).fill("Noodle bar");
  await composer.getByRole("button", { name: "Post", exact: true }).click();
  // the same option twice is caught before anything is sent
  await composer.getByRole("alert").getByText("must differ").waitFor();
  await composer.getByLabel("Option 3", { exact: true }).fill("Salad place");
  await composer.getByRole("button", { name: "Post", exact: true }).click();

  const posted = await (async () => {
    for (let i = 0; i < 100; i++) {
      const list = await alice.call("GET", "/api/v1/timelines/home");
      const s = list.find((x) => x.poll && x.content.includes("Team lunch"));
      if (s) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  })();
  assert.ok(posted, "the post carries the poll");
  assert.deepEqual(posted.poll.options.map((o) => o.title), ["Noodle bar", "Taqueria", "Salad place"]);

  const other = bob.page;
  await other.goto(`/posts/${posted.id}`);
  const poll = other.getByRole("form", { name: "Poll" }).first();
  await poll.getByLabel("Taqueria").check();
  await poll.getByRole("button", { name: "Vote" }).click();
  await poll.getByText("100%").waitFor();
  assert.match(await poll.innerText(), /Taqueria/);
  assert.match(await poll.innerText(), /1 person voted/);
  const after = await bob.call("GET", `/api/v1/polls/${posted.id}`);
  assert.deepEqual(after.own_votes, [1]);
});
