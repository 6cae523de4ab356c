// Questions as a place of its own: the filters (open, unanswered,
// answered; by tag; the reader's expertise first) as a colleague uses them;
// and the Members tab of a restricted community, locked for a non-member
// as its posts are.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, describeViolations, personAt, screenshot, serve } from "./lib/harness.mjs";

let server;
let ana;
let ben;
let cleo;

before(async () => {
  server = await serve({ ana: "member", ben: "member", cleo: "member" });
  ana = await personAt(server, "ana");
  ben = await personAt(server, "ben");
  cleo = await personAt(server, "cleo");
});

after(async () => {
  for (const p of [ana, ben, cleo]) await p?.context.close();
});

/** The titles of the questions in a list on the page, in order. */
async function titles(scope) {
  return scope.locator("article .status-title").allInnerTexts();
}

test("the Questions page filters by state and tag, the reader's expertise first", async () => {
  const ask = (title, tags) => ana.call("POST", "/api/v1/atrium/questions", { title, tags });
  const open = await ask("How do we rotate Kafka keys?", ["kafka"]);
  await ask("Who owns the Rust build?", ["rust"]);
  const answered = await ask("Where is the Kafka runbook?", ["kafka"]);
  await ben.call("POST", "/api/v1/statuses", { status: "Try the rotation script", in_reply_to_id: open.id });
  const reply = await ben.call("POST", "/api/v1/statuses", { status: "In the wiki", in_reply_to_id: answered.id });
  await ana.call("POST", `/api/v1/atrium/questions/${answered.id}/accept`, { status_id: reply.id });
  await cleo.call("PATCH", "/api/v1/accounts/update_credentials", { expertise: ["rust"] });

  const page = cleo.page;
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Questions", exact: true }).click();
  await page.getByRole("heading", { name: "Questions", level: 1 }).waitFor();

  // Open (the default): both without an accepted answer; Rust first, in Cleo's expertise.
  const expertise = page.getByRole("region", { name: "In your expertise" });
  const all = page.getByRole("region", { name: "Questions", exact: true });
  await expertise.locator("article", { hasText: "Who owns the Rust build?" }).waitFor();
  await all.locator("article", { hasText: "How do we rotate Kafka keys?" }).waitFor();
  assert.deepEqual(await titles(expertise), ["Who owns the Rust build?"]);
  assert.deepEqual(await titles(all), ["How do we rotate Kafka keys?"]);
  await screenshot(page, "questions-open");
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));

  // Unanswered: nobody has replied to the Rust question only.
  await page.getByRole("link", { name: "Unanswered", exact: true }).click();
  await page.waitForURL(/state=unanswered/);
  await expertise.locator("article", { hasText: "Who owns the Rust build?" }).waitFor();
  await all.getByText("No unanswered questions").waitFor();
  assert.deepEqual(await titles(all), []);

  // Answered: the runbook question, marked Answered.
  await page.getByRole("link", { name: "Answered", exact: true }).click();
  await page.waitForURL(/state=answered/);
  const runbook = all.locator("article", { hasText: "Where is the Kafka runbook?" });
  await runbook.waitFor();
  await runbook.getByText("Answered", { exact: true }).waitFor();
  assert.deepEqual(await titles(all), ["Where is the Kafka runbook?"]);
  assert.equal(await expertise.count(), 0);

  // All, by tag: the two Kafka questions; the address keeps the filters.
  await page.getByRole("link", { name: "All", exact: true }).click();
  await page.waitForURL(/state=all/);
  await page.getByRole("searchbox", { name: "Tag", exact: true }).fill("#kafka");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await page.waitForURL(/state=all&tag=kafka/);
  const kafka = page.getByRole("region", { name: "Questions tagged kafka" });
  await kafka.locator("article", { hasText: "How do we rotate Kafka keys?" }).waitFor();
  assert.deepEqual(await titles(kafka), ["Where is the Kafka runbook?", "How do we rotate Kafka keys?"]);
  await page.reload();
  await kafka.locator("article", { hasText: "Where is the Kafka runbook?" }).waitFor();
  assert.deepEqual(await titles(kafka), ["Where is the Kafka runbook?", "How do we rotate Kafka keys?"]);

  // Clearing the tag shows every question again.
  await page.getByRole("button", { name: "Clear the tag #kafka" }).click();
  await page.waitForURL((u) => !u.search.includes("tag="));
  await all.locator("article", { hasText: "Who owns the Rust build?" }).or(expertise.locator("article", { hasText: "Who owns the Rust build?" })).first().waitFor();
});

test("the Members tab of a restricted community is locked for a non-member, like its posts", async () => {
  const vault = await ana.call("POST", "/api/v1/atrium/communities", { handle: "vault", name: "Vault", type: "restricted", listed: true });
  const page = cleo.page;
  await page.goto(`/communities/${vault.id}`);
  await page.getByRole("heading", { name: "Vault", level: 1 }).waitFor();
  await page.getByText("Only members see this community's posts").waitFor();
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await page.getByText("Only members see who belongs to this community").waitFor();
  assert.equal(await page.getByRole("alert").count(), 0, "no error box");
  assert.equal(await page.getByRole("button", { name: "Show more members" }).count(), 0);
  await screenshot(page, "community-members-locked");

  // A member sees the members, and no "Show more" for a short list.
  await ana.page.goto(`/communities/${vault.id}/members`);
  await ana.page.getByRole("list", { name: "Members" }).getByText("ana").first().waitFor();
  assert.equal(await ana.page.getByRole("button", { name: "Show more members" }).count(), 0);
});
