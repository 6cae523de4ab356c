// The digest through a real SMTP server on loopback (lib/smtp.mjs, aiosmtpd).
// Two servers are set up with the same digest time, the next whole minute
// (UTC, mail-digest-time), and the organization default digest "daily":
//  - one with the SMTP server up: the digest holds the posts of people
//    followed and of the member's communities, best first; a restricted
//    community's post reaches its member and never a non-member; mentions
//    set to "digest" wait for it ("For you"); open questions in the
//    member's expertise, new members of their communities and their own
//    posts' reach; a member with nothing worth sending gets nothing;
//    one-click unsubscribe stops the digest;
//  - one whose SMTP server is down when the digest is due: it stays queued,
//    the member leaves the community meanwhile, the process is killed with
//    -9 and started again with the SMTP server up: the digest goes out once,
//    without the community's post (checked again at send time).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { socialServer, post, ok, eventually, request, follow, describe } from "./lib/social-helpers.mjs";
import { startServer } from "./lib/server.mjs";
import { startSmtp, freePort } from "./lib/smtp.mjs";

const C = "/api/v1/atrium/communities";
const METRICS_TOKEN = "digest-test-metrics-token";
const WAIT = { timeout: 240000 };

// The first whole minute at least 50 s away (time for the setup on a busy
// machine), as HH:MM (UTC) and in ms.
function nextMinute() {
  const at = Math.ceil((Date.now() + 50000) / 60000) * 60000;
  const d = new Date(at);
  const hhmm = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  return { at, hhmm };
}

const DUE = nextMinute();
const mailArgs = (url) => [
  "--smtp-url", url,
  "--mail-from", "Atrium <atrium@example.com>",
  "--mail-delay", "1000",
  "--mail-poll", "100",
  "--mail-retry", "200",
  "--mail-time-zone", "UTC",
  "--mail-digest-time", DUE.hhmm,
  "--mail-default-digest", "daily",
];

let smtp, A, U, B, downUrl;
const mailTo = (server, name) => server.to(`${name}@example.com`);
const outbox = (url, admin) => request(url, "/api/v1/admin/mail", { token: admin.token }).then(ok);
const digestsTo = (server, name) => mailTo(server, name).filter((m) => /^<digest\./.test(m.header("List-Id")));

async function restricted(owner, handle, members) {
  const c = ok(await owner.req(C, { method: "POST", json: { handle, name: `${handle} team`, type: "restricted" } }));
  for (const who of members) {
    ok(await owner.req(`${C}/${c.id}/invitations`, { method: "POST", json: { account_id: who.id } }));
    ok(await who.req(`${C}/${c.id}/join`, { method: "POST" }));
  }
  return c;
}

before(async () => {
  smtp = await startSmtp();
  A = await socialServer(["ann", "ben", "cat", "dan", "eve", "root"], { admins: ["root"], args: mailArgs(smtp.url) });
  U = A.users;
  downUrl = `smtp://127.0.0.1:${await freePort()}`; // nothing listens there yet
  B = await socialServer(["kim", "lee", "boss"], {
    admins: ["boss"],
    args: [...mailArgs(downUrl), "--metrics-token", METRICS_TOKEN],
  });

  // Server A. ann's restricted community has ben; cat is outside. ben and
  // cat follow ann and eve; dan follows nobody and gets nothing.
  const crew = await restricted(U.ann, "crew", [U.ben]);
  for (const reader of [U.ben, U.cat]) for (const author of [U.ann, U.eve]) await follow(reader, author);
  await post(U.ann, "crew only: the secret roadmap", { community_id: crew.id });
  const quiet = await post(U.eve, "a quiet note about parking");
  const loud = await post(U.eve, "all hands at noon in the atrium");
  for (const fan of [U.ann, U.dan, U.root]) ok(await fan.req(`/api/v1/statuses/${loud.id}/favourite`, { method: "POST" }));
  await post(U.ann, "a reply is not a digest item", { in_reply_to_id: quiet.id });
  const bens = await post(U.ben, "ben's own post is not in ben's digest");

  // Beyond the posts. cat and eve know about roadmaps; dan (whom neither
  // follows) asks an open question tagged with it, ann asks one in her
  // restricted crew. eve owns the public lounge, which dan joins. ben wants
  // mentions in the digest only, and eve mentions him in a reply to his post.
  for (const who of [U.cat, U.eve])
    ok(await who.req("/api/v1/accounts/update_credentials", { method: "PATCH", json: { expertise: ["roadmaps"] } }));
  const lounge = ok(await U.eve.req(C, { method: "POST", json: { handle: "lounge", name: "The lounge", type: "public" } }));
  ok(await U.dan.req(`${C}/${lounge.id}/join`, { method: "POST" }));
  const ask = (who, json) => who.req("/api/v1/atrium/questions", { method: "POST", json }).then(ok);
  await ask(U.dan, { title: "Who owns the roadmaps for next year?", tags: ["roadmaps"] });
  await ask(U.ann, { title: "crew question: whose roadmap wins?", tags: ["roadmaps"], community_id: crew.id });
  ok(await U.ben.req("/api/v1/atrium/preferences/email", { method: "PATCH", json: { mention: "digest" } }));
  await post(U.eve, "@ben the parking plan needs you", { in_reply_to_id: bens.id });

  // Server B: lee is in kim's restricted community and follows kim.
  const inner = await restricted(B.users.kim, "inner", [B.users.lee]);
  await follow(B.users.lee, B.users.kim);
  await post(B.users.kim, "inner circle: the merger", { community_id: inner.id });
  await post(B.users.kim, "the cafeteria reopens on monday");
  B.inner = inner;
  assert.ok(Date.now() < DUE.at, "the setup ended before the digest time; it was set too early");
});

test("preferences: the organization's defaults, the next digest at the local digest time, refusals", async () => {
  const prefs = await eventually(async () => {
    const p = ok(await U.dan.req("/api/v1/atrium/preferences/email"));
    assert.ok(p.next_digest_at, JSON.stringify(p));
    return p;
  }, 10000);
  assert.equal(prefs.digest, "daily", "mail-default-digest");
  assert.equal(prefs.time_zone, "UTC", "mail-time-zone");
  assert.equal(prefs.quiet_hours, "");
  assert.equal(Date.parse(prefs.next_digest_at), DUE.at);
  for (const json of [{ time_zone: "Mars/Olympus" }, { time_zone: "../../etc/passwd" }, { quiet_hours: "22:00" },
    { quiet_hours: "25:00-07:00" }, { quiet_hours: "07:00-07:00" }]) {
    const res = await U.dan.req("/api/v1/atrium/preferences/email", { method: "PATCH", json });
    assert.equal(res.status, 422, `${JSON.stringify(json)}: ${describe(res)}`);
  }
  assert.deepEqual(ok(await U.dan.req("/api/v1/atrium/preferences/email")), prefs, "refusals changed nothing");
  const masto = ok(await U.dan.req("/api/v1/preferences"));
  assert.equal(masto["posting:default:visibility"], "public");
  assert.equal(masto["atrium:email:digest"], "daily");
  assert.equal(masto["atrium:email:mention"], "immediate");
});

test("the preview: best first, the member's communities, never a restricted community's post for a non-member", async () => {
  const texts = (list) => list.map((s) => s.content.replace(/<[^>]+>/g, ""));
  const ben = texts(ok(await U.ben.req("/api/v1/atrium/email/digest")));
  const cat = texts(ok(await U.cat.req("/api/v1/atrium/email/digest")));
  assert.ok(ben.some((t) => t.includes("the secret roadmap")), JSON.stringify(ben));
  assert.ok(!cat.some((t) => t.includes("the secret roadmap")), JSON.stringify(cat));
  assert.ok(cat[0].includes("all hands at noon"), `the most liked first: ${JSON.stringify(cat)}`);
  assert.ok(cat.some((t) => t.includes("a quiet note about parking")), JSON.stringify(cat));
  for (const t of [...ben, ...cat]) {
    assert.ok(!t.includes("a reply is not a digest item"), t);
    assert.ok(!t.includes("ben's own post"), t);
  }
  assert.deepEqual(ok(await U.dan.req("/api/v1/atrium/email/digest")), []);
  const bad = await U.dan.req("/api/v1/atrium/email/digest?limit=5");
  assert.equal(bad.status, 422, describe(bad));
});

test("the digest is sent at the digest time: what each member may see, nothing when empty", WAIT, async () => {
  const [ben] = await eventually(() => {
    const got = digestsTo(smtp, "ben");
    assert.equal(got.length, 1);
    return got;
  }, 150000);
  const [cat] = await eventually(() => {
    const got = digestsTo(smtp, "cat");
    assert.equal(got.length, 1);
    return got;
  }, 15000);
  assert.ok(ben.received_at >= DUE.at, "not before the digest time");
  assert.match(ben.header("Subject"), /Your daily digest from .*: 4 posts worth reading/);
  assert.equal(ben.content_type, "multipart/alternative");
  for (const part of [ben.text, ben.html]) {
    assert.ok(part.includes("the secret roadmap"), part);
    assert.ok(part.includes("all hands at noon"), part);
  }
  assert.ok(ben.text.indexOf("all hands at noon") < ben.text.indexOf("a quiet note about parking"), "ranked");
  assert.match(ben.text, /3 likes/);
  // ben's mention waited for the digest ("digest only"): in "For you", first,
  // and never mailed on its own.
  assert.match(ben.text, /FOR YOU\n\n\S+ mentioned you\n  "@ben the parking plan needs you"/);
  assert.ok(ben.text.indexOf("FOR YOU") < ben.text.indexOf("WORTH READING"), ben.text);
  assert.ok(ben.html.includes("For you"), ben.html);
  assert.ok(ben.text.includes("crew question: whose roadmap wins?"), "a member sees the crew's question");
  assert.equal(mailTo(smtp, "ben").length, 1, "no mail about the mention beside the digest");
  for (const part of [cat.text, cat.html]) {
    assert.ok(part.includes("all hands at noon"), part);
    assert.ok(!part.includes("the secret roadmap"), part);
    assert.ok(!part.includes("crew"), part);
  }
  // cat knows about roadmaps: dan's open question, never the crew's.
  assert.match(cat.text, /YOU MIGHT KNOW THE ANSWER\n\n\S+ asked a question\n  "Who owns the roadmaps for next year\?"/);
  assert.ok(cat.html.includes("You might know the answer"), cat.html);

  // eve follows nobody and her lounge is quiet, but dan's question is in her
  // expertise: her digest has it, dan joining the lounge, and her own reach.
  const [eve] = await eventually(() => {
    const got = digestsTo(smtp, "eve");
    assert.equal(got.length, 1);
    return got;
  }, 15000);
  assert.match(eve.header("Subject"), /Your daily digest from .*: what happened since the last one/);
  assert.ok(eve.text.includes("Who owns the roadmaps for next year?"), eve.text);
  assert.ok(!eve.text.includes("crew"), eve.text);
  assert.match(eve.text, /NEW IN YOUR COMMUNITIES\n\n\S+ joined The lounge\n/);
  assert.match(eve.text, /YOUR POSTS SINCE THE LAST DIGEST\n\n2 posts, 3 likes, 1 reply, 0 reposts\n/);
  assert.ok(!eve.text.includes("WORTH READING"), "no posts section without posts");
  assert.equal(ben.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  assert.match(ben.header("List-Unsubscribe"), /\/api\/v1\/atrium\/email\/unsubscribe\/\d+\.digest\./);

  // dan had nothing worth sending: his schedule moved on to tomorrow, no mail.
  await eventually(async () => {
    const p = ok(await U.dan.req("/api/v1/atrium/preferences/email"));
    assert.equal(Date.parse(p.next_digest_at), DUE.at + 86400000, JSON.stringify(p));
  }, 15000);
  await eventually(async () => assert.equal((await outbox(A.url, U.root)).queued, 0));
  assert.equal(mailTo(smtp, "dan").length, 0);
  assert.equal(digestsTo(smtp, "ben").length, 1, "one digest");

  // One-click unsubscribe stops the digest, and only it.
  const link = ben.header("List-Unsubscribe").slice(1, -1);
  const res = await fetch(link, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  assert.equal(res.status, 200);
  const after = ok(await U.ben.req("/api/v1/atrium/preferences/email"));
  assert.equal(after.digest, "off");
  assert.equal(after.mention, "digest", "as ben set it");
  assert.equal(after.next_digest_at, null);
});

test("queued while SMTP is down, left the community, kill -9, restart: sent once, without the community's post", WAIT, async () => {
  const { kim, lee, boss } = B.users;
  await eventually(async () => {
    const o = await outbox(B.url, boss);
    assert.ok(o.queued >= 1 && o.failures >= 1, JSON.stringify(o));
  }, 150000);
  // /ready is public: it says mail is failing, and nothing of the error.
  const ready = await request(B.url, "/ready");
  assert.equal(ready.status, 200);
  assert.deepEqual(ready.json.mail, { status: "failing" }, JSON.stringify(ready.json));
  // The queue's gauges: depth and the oldest message's age.
  const metrics = await (await fetch(`${B.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const gauge = (name) => Number(metrics.match(new RegExp(`^${name} (\\S+)$`, "m"))?.[1]);
  assert.ok(gauge("atrium_mail_queue_depth") >= 1, metrics);
  assert.ok(gauge("atrium_mail_queue_oldest_age_seconds") > 0, metrics);
  const health = ok(await request(B.url, "/api/v1/atrium/admin/health", { token: boss.token }));
  assert.ok(health.queues.mail.failures >= 1 && health.queues.mail.last_error, JSON.stringify(health.queues));

  ok(await lee.req(`${C}/${B.inner.id}/leave`, { method: "POST" }));
  B.srv.proc.kill("SIGKILL");
  await B.srv.exited;
  const mailServer = await startSmtp({ port: Number(new URL(downUrl).port) });
  const again = await startServer({ dataDir: B.srv.dataDir, args: mailArgs(downUrl) });
  try {
    const [m] = await eventually(() => {
      const got = digestsTo(mailServer, "lee");
      assert.equal(got.length, 1);
      return got;
    }, 30000);
    assert.ok(m.text.includes("the cafeteria reopens on monday"), m.text);
    assert.ok(!m.text.includes("the merger") && !m.html.includes("the merger"), "checked again when sent");
    // Rounds after the restart have run: still one digest, nothing queued.
    const restarted = Date.now();
    await eventually(async () => {
      const o = await outbox(again.url, boss);
      assert.ok(Date.parse(o.last_round_at) > restarted, JSON.stringify(o));
      assert.equal(o.queued, 0, JSON.stringify(o));
    }, 15000);
    assert.equal(digestsTo(mailServer, "lee").length, 1, "sent once");
    assert.equal(digestsTo(mailServer, "kim").length, 0, "kim's own posts make no digest");
    const ready2 = await request(again.url, "/ready");
    assert.deepEqual(ready2.json.mail, { status: "ok" });
  } finally {
    await again.stop();
  }
  void kim;
});
