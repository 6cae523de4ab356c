// E-mail through a real SMTP server on loopback (lib/smtp.mjs, aiosmtpd):
// a mention is mailed once after mail-delay and not at all when read first;
// several batch into one message; both parts, the headers one-click
// unsubscribe needs, and the HTML escaped; one-click unsubscribe with a plain
// POST, a forged token refused; a deactivated member gets nothing; an SMTP
// server down at first, a kill -9 with a message queued, a restart: the mail
// is delivered once.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, eventually, T, request, describe } from "./lib/social-helpers.mjs";
import { startServer } from "./lib/server.mjs";
import { startSmtp, freePort } from "./lib/smtp.mjs";

const DELAY_MS = 1000;
const mailArgs = (url) => [
  "--smtp-url", url,
  "--mail-from", "Atrium <atrium@example.com>",
  "--mail-reply-to", "help@example.com",
  "--mail-delay", String(DELAY_MS),
  "--mail-poll", "100",
  "--mail-retry", "200",
];

let ctx, smtp, U;
before(async () => {
  smtp = await startSmtp();
  ctx = await socialServer(
    ["alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivan", "judy", "kurt", "mona", "nora", "olga", "root"],
    { admins: ["root"], args: mailArgs(smtp.url) },
  );
  U = ctx.users;
});

const notificationsOf = async (u) => ok(await u.req("/api/v1/notifications?limit=80"));
/** Waits for `count` messages to `user` and returns them. */
async function mailsTo(server, user, count = 1, timeoutMs = 15000) {
  return eventually(() => {
    const got = server.to(`${user.name}@example.com`);
    assert.ok(got.length >= count, `${got.length} of ${count} messages to ${user.name}`);
    return got;
  }, timeoutMs);
}
/** The outbox as the admin API shows it. */
async function outbox(url, admin) {
  return ok(await request(url, "/api/v1/admin/mail", { token: admin.token }));
}

test("a mention is mailed once, after the delay, with both parts and the headers", T, async () => {
  const { alice, bob } = U;
  const s = await post(alice, "@bob the quarterly numbers are in");
  const [n] = (await notificationsOf(bob)).filter((x) => x.status?.id === s.id);
  assert.ok(n, "bob has the mention notification");
  const [m] = await mailsTo(smtp, bob);
  assert.ok(m.received_at - Date.parse(n.created_at) >= DELAY_MS, "not before mail-delay");
  assert.equal(m.mail_from, "atrium@example.com");
  assert.match(m.header("From"), /atrium@example\.com/);
  assert.match(m.header("Reply-To"), /help@example\.com/);
  assert.match(m.header("Subject"), /alice mentioned you/);
  assert.match(m.header("Message-ID"), /^<\d+\.mail@[^>]+>$/);
  assert.ok(!Number.isNaN(Date.parse(m.header("Date"))), `Date: ${m.header("Date")}`);
  assert.match(m.header("List-Id"), /^<notifications\.[^>]+>$/);
  assert.equal(m.header("Auto-Submitted"), "auto-generated");
  assert.equal(m.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  assert.match(m.header("List-Unsubscribe"), /^<http[^>]+\/api\/v1\/atrium\/email\/unsubscribe\/[^>]+>$/);
  assert.equal(m.content_type, "multipart/alternative");
  assert.match(m.text, /the quarterly numbers are in/);
  assert.match(m.html, /the quarterly numbers are in/);
  assert.ok(m.html.includes(`/@alice/${s.id}`), "the HTML links to the post");
  // Only one, also once the outbox has nothing left to send.
  await eventually(async () => assert.equal((await outbox(ctx.url, U.root)).queued, 0));
  assert.equal(smtp.to("bob@example.com").length, 1);
});

test("a notification read within the delay is not mailed", T, async () => {
  const { carol, dave, erin } = U;
  const first = await post(carol, "@dave read this in the app");
  const [n] = (await notificationsOf(dave)).filter((x) => x.status?.id === first.id);
  ok(await dave.req("/api/v1/markers", { method: "POST", json: { notifications: { last_read_id: n.id } } }));
  // A later mention, unread: its mail shows what the worker made of the first.
  const second = await post(erin, "@dave and this one you did not read");
  const [m] = await mailsTo(smtp, dave);
  assert.match(m.text, /did not read/);
  assert.doesNotMatch(m.text, /read this in the app/);
  await eventually(async () => assert.equal((await outbox(ctx.url, U.root)).queued, 0));
  assert.equal(smtp.to("dave@example.com").length, 1, "one message, about the unread mention only");
  assert.ok(second.id > first.id);
});

test("several mentions arriving together are one message", T, async () => {
  const { alice, carol, erin } = U;
  for (const text of ["@erin first thing", "@erin second thing"]) await post(alice, text);
  await post(carol, "@erin third thing");
  const [m] = await mailsTo(smtp, erin);
  for (const what of ["first thing", "second thing", "third thing"]) {
    assert.ok(m.text.includes(what), `text part has ${what}`);
    assert.ok(m.html.includes(what), `HTML part has ${what}`);
  }
  assert.match(m.header("Subject"), /3 new notifications/);
  await eventually(async () => assert.equal((await outbox(ctx.url, U.root)).queued, 0));
  assert.equal(smtp.to("erin@example.com").length, 1);
});

test("a display name with <script> arrives escaped in the HTML", T, async () => {
  const { frank, gina } = U;
  ok(await frank.req("/api/v1/accounts/update_credentials", {
    method: "PATCH",
    json: { display_name: "<script>alert(1)</script> Frank" },
  }));
  await post(frank, "@gina <b>bold</b> & <img src=x onerror=alert(2)>");
  const [m] = await mailsTo(smtp, gina);
  assert.ok(!m.html.includes("<script>"), m.html);
  assert.ok(!m.html.includes("<img"), m.html);
  assert.ok(m.html.includes("&lt;script&gt;alert(1)&lt;/script&gt; Frank"), m.html);
  assert.ok(m.text.includes("<script>alert(1)</script> Frank"), "the plain text shows the name as written");
  assert.match(m.header("Subject"), /<script>alert\(1\)<\/script> Frank mentioned you/);
  assert.ok(!/\r?\n(?!\s)[^:]*<script>/.test(m.raw_headers.replace(/\r\n\s+/g, " ")), "no header made from the name");
});

test("one-click unsubscribe: a plain POST stops that kind only; a forged token is refused", T, async () => {
  const { bob } = U;
  const [m] = smtp.to("bob@example.com");
  const link = m.header("List-Unsubscribe").slice(1, -1);
  const path = new URL(link).pathname;
  const before = ok(await bob.req("/api/v1/atrium/preferences/email"));
  assert.equal(before.mention, "immediate");

  const page = await request(ctx.url, path);
  assert.equal(page.status, 200, describe(page));
  assert.match(page.text ?? page.body ?? "", /mentions/);
  assert.equal(ok(await bob.req("/api/v1/atrium/preferences/email")).mention, "immediate", "a GET changes nothing");

  const token = path.split("/").pop();
  const [id, kind, mac] = token.split(".");
  const forged = [
    `${id}.${kind}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
    `${id}.reply.${mac}`,
    `${BigInt(id) + 1n}.${kind}.${mac}`,
    "garbage",
  ];
  for (const t of forged) {
    const res = await fetch(`${ctx.url}/api/v1/atrium/email/unsubscribe/${t}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    assert.ok(res.status >= 400 && res.status < 500, `forged ${t}: ${res.status}`);
  }
  const noBody = await fetch(link, { method: "POST" });
  assert.equal(noBody.status, 400);
  assert.deepEqual(ok(await bob.req("/api/v1/atrium/preferences/email")), before, "refusals changed nothing");

  const res = await fetch(link, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  assert.equal(res.status, 200);
  const after = ok(await bob.req("/api/v1/atrium/preferences/email"));
  assert.deepEqual(after, { ...before, mention: "never" });

  // And no more mail about mentions; a reply still comes.
  const mine = await post(bob, "bob asks something");
  await post(U.alice, "@bob after unsubscribing");
  await post(U.carol, "an answer to bob", { in_reply_to_id: mine.id });
  const mails = await mailsTo(smtp, bob, 2);
  assert.match(mails[1].text, /replied to your post/);
  assert.doesNotMatch(mails[1].text, /after unsubscribing/);
});

test("a message about a mention and a reply unsubscribes from both, and only those", T, async () => {
  const { alice, carol, mona } = U;
  const mine = await post(mona, "mona's plan for the offsite");
  await post(alice, "@mona can you bring the projector?");
  await post(carol, "sounds good to me", { in_reply_to_id: mine.id });
  const [m] = await mailsTo(smtp, mona);
  assert.match(m.text, /projector/);
  assert.match(m.text, /sounds good to me/);
  assert.match(m.text, /mentions and about replies to your posts/);
  const link = m.header("List-Unsubscribe").slice(1, -1);
  const before = ok(await mona.req("/api/v1/atrium/preferences/email"));
  const res = await fetch(link, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  assert.equal(res.status, 200);
  assert.deepEqual(ok(await mona.req("/api/v1/atrium/preferences/email")), { ...before, mention: "never", reply: "never" });
});

test("preferences: unknown kinds and modes are refused and change nothing", T, async () => {
  const { ivan } = U;
  const before = ok(await ivan.req("/api/v1/atrium/preferences/email"));
  const { next_digest_at: next, ...stored } = before;
  assert.deepEqual(stored, {
    mention: "immediate", direct: "immediate", follow_request: "immediate", reply: "immediate",
    answer: "immediate", digest: "weekly", time_zone: "UTC", quiet_hours: "",
  });
  assert.ok(next === null || !Number.isNaN(Date.parse(next)), next);
  for (const json of [{ mention: "sometimes" }, { likes: "never" }, { digest: "hourly" }, { reply: "never", digest: "x" },
    { reply: "never", time_zone: "Nowhere/Atlantis" }]) {
    const res = await ivan.req("/api/v1/atrium/preferences/email", { method: "PATCH", json });
    assert.equal(res.status, 422, `${JSON.stringify(json)}: ${describe(res)}`);
  }
  assert.deepEqual(ok(await ivan.req("/api/v1/atrium/preferences/email")), before);
  const changed = ok(await ivan.req("/api/v1/atrium/preferences/email", {
    method: "PATCH", json: { reply: "digest", digest: "daily", time_zone: "Europe/Berlin", quiet_hours: "22:00-07:00" },
  }));
  const { next_digest_at: _, ...changedStored } = changed;
  assert.deepEqual(changedStored, { ...stored, reply: "digest", digest: "daily", time_zone: "Europe/Berlin", quiet_hours: "22:00-07:00" });
  ok(await ivan.req("/api/v1/atrium/preferences/email", { method: "PATCH", json: { quiet_hours: "" } }));
});

test("a direct message is mailed as one; what the recipient may no longer see is not", T, async () => {
  const { alice, carol, judy } = U;
  await post(carol, "@judy a mention from someone about to be blocked");
  const carolAccount = ok(await judy.req(`/api/v1/accounts/lookup?acct=carol`));
  ok(await judy.req(`/api/v1/accounts/${carolAccount.id}/block`, { method: "POST" }));
  await post(alice, "@judy just between us", { visibility: "direct" });
  const [m] = await mailsTo(smtp, judy);
  assert.match(m.header("Subject"), /alice sent you a direct message/);
  assert.match(m.text, /just between us/);
  assert.doesNotMatch(m.text, /about to be blocked/);
  assert.doesNotMatch(m.html, /about to be blocked/);
  await eventually(async () => assert.equal((await outbox(ctx.url, U.root)).queued, 0));
  assert.equal(smtp.to("judy@example.com").length, 1);
});

test("a reply to a question is mailed as an answer", T, async () => {
  const { kurt, alice } = U;
  const q = ok(await kurt.req("/api/v1/atrium/questions", { method: "POST", json: { title: "Where is the style guide?", body: "Looking for it" } }));
  await post(alice, "It is on the intranet", { in_reply_to_id: q.id });
  const [m] = await mailsTo(smtp, kurt);
  assert.match(m.header("Subject"), /alice answered your question/);
  assert.match(m.text, /It is on the intranet/);
});

test("a deactivated member gets no mail", T, async () => {
  const { alice, hank, ivan } = U;
  await post(alice, "@hank are you still there?");
  const r = await ctx.srv.cli(["user", "deactivate", "hank"]);
  assert.equal(r.code, 0, r.stderr);
  // A later mention of someone else: once it is mailed, hank's turn has passed.
  await post(alice, "@ivan a mention after hank's");
  await mailsTo(smtp, ivan);
  await eventually(async () => assert.equal((await outbox(ctx.url, U.root)).queued, 0));
  assert.equal(smtp.to("hank@example.com").length, 0);
});

// Last on this server: nora's message stays queued.
test("quiet hours hold a mail until they end", T, async () => {
  const { alice, nora, olga } = U;
  // Quiet from an hour ago to an hour from now, in UTC.
  const hhmm = (ms) => new Date(ms).toISOString().slice(11, 16);
  const quiet = `${hhmm(Date.now() - 3600000)}-${hhmm(Date.now() + 3600000)}`;
  ok(await nora.req("/api/v1/atrium/preferences/email", { method: "PATCH", json: { quiet_hours: quiet, time_zone: "UTC" } }));
  await post(alice, "@nora late-night question");
  // A later mention of someone else: once it is mailed, nora's was queued too, and waits.
  await post(alice, "@olga are you around?");
  await mailsTo(smtp, olga);
  await eventually(async () => {
    const o = await outbox(ctx.url, U.root);
    assert.ok(o.queued >= 1, JSON.stringify(o));
    assert.equal(o.retrying, 0, "held, not failing");
  });
  assert.equal(smtp.to("nora@example.com").length, 0);
});

test("SMTP down at first, kill -9 with the message queued, restart: delivered once", { timeout: 120000 }, async () => {
  const port = await freePort(); // nothing listens there yet
  const url = `smtp://127.0.0.1:${port}`;
  const one = await socialServer(["kim", "lee", "boss"], { admins: ["boss"], args: mailArgs(url) });
  await post(one.users.kim, "@lee while the mail server is down");
  const failing = await eventually(async () => {
    const o = await outbox(one.url, one.users.boss);
    assert.ok(o.failures >= 1 && o.queued === 1, JSON.stringify(o));
    return o;
  }, 15000);
  assert.ok(failing.last_error.length > 0, "the last error is shown");
  // /ready is public: that mail is failing, not the error (it may name the mail host).
  const ready = await request(one.url, "/ready");
  assert.equal(ready.status, 200);
  assert.deepEqual(ready.json.mail, { status: "failing" }, JSON.stringify(ready.json));
  assert.ok(!JSON.stringify(ready.json).includes("127.0.0.1"), JSON.stringify(ready.json));

  one.srv.proc.kill("SIGKILL");
  await one.srv.exited;
  const mailServer = await startSmtp({ port });
  const again = await startServer({ dataDir: one.srv.dataDir, args: mailArgs(url) });
  await mailsTo(mailServer, one.users.lee);
  await eventually(async () => {
    const o = await outbox(again.url, one.users.boss);
    assert.equal(o.queued, 0, JSON.stringify(o));
    assert.equal(o.sent, 1, JSON.stringify(o));
  }, 15000);
  assert.equal(mailServer.to("lee@example.com").length, 1, "delivered once");
  await again.stop();
});
