// The web client's day, more: another person's connections from their
// profile; "Show more members" only when there are more (a community of
// exactly one page of members offers none); a post a `blur` filter matched,
// blurred until the reader shows it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, personAt, screenshot, serve, withScreenshots } from "./lib/harness.mjs";

// 41 people: olivia owns the community, m01…m39 and late join it.
const joiners = Array.from({ length: 39 }, (_, i) => `m${String(i + 1).padStart(2, "0")}`);

let server;
let alice;
let bob;
let olivia;
const ids = {};

before(async () => {
  const people = { alice: "member", bob: "member", carol: "member", olivia: "member", late: "member" };
  for (const name of joiners) people[name] = "member";
  server = await serve(people);
  alice = await personAt(server, "alice");
  bob = await personAt(server, "bob");
  olivia = await personAt(server, "olivia");
  ids.bob = (await bob.call("GET", "/api/v1/accounts/verify_credentials")).id;
});

after(async () => {
  for (const p of [alice, bob, olivia]) await p?.context.close();
});

/** Signs `login` in through the API alone and calls `path` with its cookie. */
async function callAs(login, method, path) {
  const signIn = await fetch(`${server.url}/auth/sign_in`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  assert.equal(signIn.status, 200, `sign-in of ${login}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrf_token } = await signIn.json();
  const res = await fetch(`${server.url}${path}`, { method, headers: { cookie, "X-CSRF-Token": csrf_token, accept: "application/json" } });
  assert.equal(res.status, 200, `${method} ${path} as ${login}: ${await res.text()}`);
}

test("another person's connections are listed from their profile", async () => {
  await callAs("bob", "POST", `/api/v1/atrium/connections/${(await olivia.call("GET", "/api/v1/accounts/verify_credentials")).id}/invite`);
  await olivia.call("POST", `/api/v1/atrium/connections/${ids.bob}/accept`);
  const page = alice.page;
  await withScreenshots("connections-of-another", [page], async () => {
    await page.goto(`/people/${ids.bob}`);
    await page.getByRole("heading", { name: "bob", level: 1 }).waitFor();
    await page.getByRole("link", { name: "connections" }).click();
    await page.getByRole("heading", { name: "Connections of bob" }).waitFor();
    const list = page.getByRole("list", { name: "Connections of bob" });
    await list.getByText("olivia").first().waitFor();
    assert.equal(await list.getByRole("listitem").count(), 1);
    assert.equal(await page.getByRole("link", { name: "Connections", exact: true }).getAttribute("aria-current"), "page");
    await screenshot(page, "connections-of-another");
    // and the other tabs still work
    await page.getByRole("link", { name: "Followers", exact: true }).click();
    await page.getByRole("heading", { name: "Followers of bob" }).waitFor();
  });
});

test('"Show more members" only when there are more: none for exactly 40, one for 41', async () => {
  const c = await olivia.call("POST", "/api/v1/atrium/communities", { handle: "forty", name: "Forty", type: "public" });
  for (const name of joiners) await callAs(name, "POST", `/api/v1/atrium/communities/${c.id}/join`);
  const page = olivia.page;
  const members = page.getByRole("list", { name: "Members" });
  const more = page.getByRole("button", { name: "Show more members" });
  await withScreenshots("members-forty", [page], async () => {
    await page.goto(`/communities/${c.id}/members`);
    await members.getByText("m39", { exact: true }).waitFor();
    await members.getByText("olivia", { exact: true }).waitFor();
    assert.equal(await members.getByRole("listitem").count(), 40);
    assert.equal(await more.count(), 0, "exactly one page: nothing more to show");

    await callAs("late", "POST", `/api/v1/atrium/communities/${c.id}/join`);
    await page.reload();
    await more.waitFor();
    assert.equal(await members.getByRole("listitem").count(), 40);
    await more.click();
    await members.getByText("olivia", { exact: true }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Members"] > li').length === 41);
    assert.equal(await more.count(), 0, "the last page shown: no more");
  });
});

test("a blur filter blurs the post until the reader shows it", async () => {
  await alice.call("POST", "/api/v2/filters", { title: "Launch spoilers", context: ["home"], filter_action: "blur", keywords_attributes: [{ keyword: "launch", whole_word: true }] });
  await alice.call("POST", `/api/v1/accounts/${ids.bob}/follow`);
  const posted = await bob.call("POST", "/api/v1/statuses", { status: "The launch is on Friday" });
  // In alice's home stream before the page reads it (fan-out is asynchronous).
  for (let tries = 0; !(await alice.call("GET", "/api/v1/timelines/home")).some((s) => s.id === posted.id); tries++)
    assert.ok(tries < 500, "the post reached alice's home stream");
  const page = alice.page;
  await withScreenshots("filter-blur", [page], async () => {
    await page.goto("/");
    const card = page.locator("article", { hasText: "Hidden by your filter: Launch spoilers" });
    await card.waitFor();
    assert.equal(await card.locator("[aria-hidden='true'] .status-content").count(), 1, "the text is behind the blur");
    await screenshot(page, "filter-blur");
    await card.getByRole("button", { name: "Show anyway" }).click();
    await page.locator("article", { hasText: "The launch is on Friday" }).getByText("The launch is on Friday").waitFor();
    assert.equal(await page.getByText("Hidden by your filter: Launch spoilers").count(), 0);
  });
});
