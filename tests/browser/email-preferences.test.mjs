// The e-mail preferences screen in Settings: each choice is saved at once
// (and shown again after a reload), the digest's rhythm, time zone and quiet
// hours, and the digest's preview with what the reader may see.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { personAt, serve } from "./lib/harness.mjs";

let server, ann, ben;

before(async () => {
  server = await serve({ ann: "member", ben: "member" });
  ann = await personAt(server, "ann");
  ben = await personAt(server, "ben");
  const annId = (await ann.call("GET", "/api/v1/accounts/verify_credentials")).id;
  await ben.call("POST", `/api/v1/accounts/${annId}/follow`);
  await ann.call("POST", "/api/v1/statuses", { status: "the launch moves to friday" });
});

after(async () => {
  await ann?.context.close();
  await ben?.context.close();
});

const prefs = () => ben.call("GET", "/api/v1/atrium/preferences/email");

test("e-mail preferences are saved as they are chosen, and the digest can be previewed", async () => {
  const { page } = ben;
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "E-mail", exact: true });
  await section.locator("select[name=mention]").waitFor();
  assert.equal(await section.locator("select[name=digest]").inputValue(), "weekly");

  await section.locator("select[name=mention]").selectOption("never");
  await page.getByText("E-mail preferences saved").first().waitFor();
  assert.equal((await prefs()).mention, "never");

  await section.locator("select[name=digest]").selectOption("daily");
  await expectPref("digest", "daily");

  await section.getByRole("checkbox", { name: "No mail" }).check();
  await expectPref("quiet_hours", "22:00-07:00");
  await section.locator("input[name=quiet_to]").fill("06:30");
  await expectPref("quiet_hours", "22:00-06:30");

  // What is saved is what the screen shows after a reload.
  await page.reload();
  await section.locator("select[name=mention]").waitFor();
  assert.equal(await section.locator("select[name=mention]").inputValue(), "never");
  assert.equal(await section.locator("select[name=digest]").inputValue(), "daily");
  assert.equal(await section.locator("input[name=quiet_to]").inputValue(), "06:30");

  await section.getByRole("button", { name: "Preview the digest" }).click();
  const preview = section.getByTestId("digest-preview");
  await preview.getByText("the launch moves to friday").waitFor();
  assert.match(await preview.innerText(), /ann/);
});

test("the digest preview says when there is nothing worth sending", async () => {
  const { page } = ann;
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "E-mail", exact: true });
  await section.getByRole("button", { name: "Preview the digest" }).click();
  await section.getByTestId("digest-preview").getByText(/No posts worth reading yet/).waitFor();
});

async function expectPref(name, value) {
  for (let i = 0; i < 100; i++) {
    if ((await prefs())[name] === value) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal((await prefs())[name], value);
}
