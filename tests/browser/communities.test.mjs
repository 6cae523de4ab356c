// Communities: joining a moderated one by request; a restricted, unlisted
// one that does not exist for an outsider.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { personAt, serve } from "./lib/harness.mjs";

let server;
let owner;
let bob;
let carol;

before(async () => {
  server = await serve({ olivia: "member", bob: "member", carol: "member" });
  owner = await personAt(server, "olivia");
  bob = await personAt(server, "bob");
  carol = await personAt(server, "carol");
});

after(async () => {
  for (const p of [owner, bob, carol]) await p?.context.close();
});

test("joining a moderated community: request, then the owner approves", async () => {
  // Olivia creates it in the app.
  await owner.page.goto("/communities");
  await owner.page.getByRole("button", { name: "New community" }).click();
  const dialog = owner.page.getByRole("dialog", { name: "New community" });
  await dialog.getByLabel("Name", { exact: true }).fill("Data Guild");
  await dialog.getByLabel("Handle").fill("data_guild");
  await dialog.getByLabel("Description").fill("Everything about **data**.");
  await dialog.getByRole("radio", { name: /Moderated/ }).check();
  await dialog.getByRole("button", { name: "Create community" }).click();
  await owner.page.getByRole("heading", { name: "Data Guild", level: 1 }).waitFor();

  // Bob finds it in the directory and asks to join.
  await bob.page.goto("/communities");
  await bob.page.getByRole("searchbox", { name: "Search communities" }).fill("data");
  await bob.page.getByRole("link", { name: /Data Guild/ }).click();
  await bob.page.getByRole("heading", { name: "Data Guild", level: 1 }).waitFor();
  await bob.page.getByRole("button", { name: "Request to join" }).click();
  await bob.page.getByRole("button", { name: /Request pending/ }).waitFor();

  // Olivia approves the request.
  await owner.page.getByRole("link", { name: "Requests" }).click();
  await owner.page.getByRole("button", { name: /^Approve/ }).click();
  await owner.page.getByText("No requests waiting").waitFor();

  // Bob is a member: he can post there.
  await bob.page.reload();
  await bob.page.getByRole("button", { name: "Leave" }).waitFor();
  await bob.page.getByRole("combobox", { name: "Share an update" }).fill("Hello guild!");
  await bob.page.getByRole("button", { name: "Post", exact: true }).click();
  await bob.page.locator("article", { hasText: "Hello guild!" }).waitFor();
});

test("a restricted unlisted community does not exist for an outsider", async () => {
  const secret = await owner.call("POST", "/api/v1/atrium/communities", {
    handle: "board_room",
    name: "Board Room",
    description: "Confidential",
    type: "restricted",
    listed: false,
  });
  // The owner sees it.
  await owner.page.goto(`/communities/${secret.id}`);
  await owner.page.getByRole("heading", { name: "Board Room", level: 1 }).waitFor();

  // Carol: not in the directory, not found by its address.
  await carol.page.goto("/communities");
  await carol.page.getByRole("heading", { name: "Communities", level: 1 }).waitFor();
  await carol.page.getByRole("searchbox", { name: "Search communities" }).fill("board");
  await carol.page.getByText("No community matches").waitFor();
  assert.equal(await carol.page.getByText("Board Room").count(), 0);

  await carol.page.goto(`/communities/${secret.id}`);
  await carol.page.getByText("This community does not exist, or you cannot see it.").waitFor();
  assert.equal(await carol.page.getByText("Board Room").count(), 0);
});
