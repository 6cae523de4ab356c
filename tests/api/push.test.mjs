// Web Push: /api/v1/push/subscription through the masto client (create,
// fetch, update, remove) and raw HTTP for bad input; deliveries received by
// a push service on loopback (lib/push-endpoint.mjs) that decrypts each
// message (RFC 8291) and verifies its VAPID token against server_key. Alerts
// and policy decide what is sent, a muted sender's notification is not
// pushed, a 410 removes the subscription and a 500 is retried.
import { describe as suite, test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { startServer } from "./lib/server.mjs";
import { passwordToken, registerApp } from "./lib/oauth.mjs";
import { socialServer, makeUser, ok, err, eventually, rejectsWith, post, follow, request, T } from "./lib/social-helpers.mjs";
import { startPushService, decryptWebPush, verifyVapid } from "./lib/push-endpoint.mjs";

const ARGS = ["--push-allow-insecure-loopback", "true", "--background-interval", "50", "--push-retry", "100"];

/** Mastodon's create parameters for one subscription of the push service. */
function createParams(sub, alerts, policy = "all") {
  return { subscription: sub, data: { alerts, policy } };
}

test("the test's decryption reads RFC 8291's example (Appendix A)", () => {
  const body = Buffer.from(
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
    "base64url",
  );
  const out = decryptWebPush(body, Buffer.from("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94", "base64url"), Buffer.from("BTBZMqHH6r4Tts7J_aSIgg", "base64url"));
  assert.equal(out.plaintext.toString(), "When I grow up, I want to be a watermelon");
  assert.equal(out.recordSize, 4096);
});

suite("Web Push", () => {
  let ctx, ana, ben, cay, push;
  before(async () => {
    push = await startPushService();
    ctx = await socialServer(["ana", "ben", "cay"], { args: ARGS });
    ({ ana, ben, cay } = ctx.users);
  });
  after(() => push?.close());

  test("create, fetch, update and remove through masto; server_key is the instance's and the app's VAPID key", T, async () => {
    const sub = push.subscribe("crud");
    const made = await ana.client.v1.push.subscription.create(createParams(sub, { mention: true, follow: true }));
    assert.match(made.id, /^\d+$/);
    assert.equal(made.endpoint, sub.endpoint);
    assert.equal(made.standard, true);
    assert.equal(made.policy, "all");
    assert.equal(made.alerts.mention, true);
    assert.equal(made.alerts.follow, true);
    assert.equal(made.alerts.favourite, false);
    assert.equal(made.alerts.reblog, false);
    const key = Buffer.from(made.serverKey, "base64url");
    assert.equal(key.length, 65);
    assert.equal(key[0], 4);
    const instance = ok(await ana.req("/api/v2/instance"));
    assert.equal(instance.configuration.vapid.public_key, made.serverKey);
    const app = await registerApp(ctx.url, { name: "vapid check", scopes: "read push" });
    assert.equal(app.vapid_key, made.serverKey);

    const fetched = await ana.client.v1.push.subscription.fetch();
    assert.deepEqual(fetched, made);

    // Mastodon's update replaces the data: what is not given is off.
    const updated = await ana.client.v1.push.subscription.update({ data: { alerts: { favourite: true }, policy: "followed" } });
    assert.equal(updated.id, made.id);
    assert.equal(updated.alerts.favourite, true);
    assert.equal(updated.alerts.mention, false);
    assert.equal(updated.alerts.follow, false);
    assert.equal(updated.policy, "followed");
    assert.deepEqual(await ana.client.v1.push.subscription.fetch(), updated);

    await ana.client.v1.push.subscription.remove();
    await rejectsWith(ana.client.v1.push.subscription.fetch(), 404, "after remove");
    await rejectsWith(ana.client.v1.push.subscription.update({ data: { alerts: { mention: true } } }), 404, "update without one");
  });

  test("one subscription per access token: a new one replaces it, another token keeps its own", T, async () => {
    const first = push.subscribe("token-1");
    const second = push.subscribe("token-2");
    const other = push.subscribe("token-other");
    await ben.client.v1.push.subscription.create(createParams(first, { mention: true }));
    const token2 = await passwordToken(ctx.url, ctx.app, "ben", ben.password, "read write push");
    const ben2 = makeUser(ctx.url, "ben", token2);
    await ben2.client.v1.push.subscription.create(createParams(other, { follow: true }));
    const replaced = await ben.client.v1.push.subscription.create(createParams(second, { reblog: true }));
    assert.equal((await ben.client.v1.push.subscription.fetch()).endpoint, second.endpoint);
    assert.equal(replaced.alerts.mention, false);
    assert.equal((await ben2.client.v1.push.subscription.fetch()).endpoint, other.endpoint);
    await ben.client.v1.push.subscription.remove();
    await ben2.client.v1.push.subscription.remove();
  });

  test("a notification arrives encrypted, with VAPID and Mastodon's payload; a disabled type sends nothing", T, async () => {
    const sub = push.subscribe("deliver");
    const made = await cay.client.v1.push.subscription.create(createParams(sub, { mention: true }));
    const mine = await post(cay, "cay's post to like");
    ok(await ben.req(`/api/v1/statuses/${mine.id}/favourite`, { method: "POST" }));
    const mention = await post(ben, "@cay the <b>launch</b> is at noon & on time");
    const msg = await push.next("deliver", (m) => m.payload?.notification_type === "mention");
    assert.equal(msg.error, null);
    assert.equal(msg.headers["content-encoding"], "aes128gcm");
    assert.equal(msg.headers["content-type"], "application/octet-stream");
    assert.ok(Number(msg.headers.ttl) > 0, `TTL ${msg.headers.ttl}`);
    assert.equal(msg.headers.urgency, "normal");
    const claims = verifyVapid(msg.headers.authorization, made.serverKey);
    assert.equal(claims.aud, push.url);
    assert.ok(claims.exp > Date.now() / 1000 && claims.exp <= Date.now() / 1000 + 24 * 3600, `exp ${claims.exp}`);
    assert.match(claims.sub, /^(mailto:|https?:)/);

    const notes = ok(await cay.req("/api/v1/notifications?types[]=mention"));
    const note = notes.find((n) => n.status?.id === mention.id);
    assert.ok(note, "the mention notification");
    const p = msg.payload;
    assert.equal(p.notification_id, note.id);
    assert.equal(p.notification_type, "mention");
    assert.equal(typeof p.access_token, "string");
    assert.equal(p.preferred_locale, "en");
    assert.match(p.title, /ben/);
    assert.equal(p.body, "@cay the <b>launch</b> is at noon & on time");
    assert.match(p.icon, /^http/);
    // The favourite came first but its type is off: nothing was sent for it.
    assert.deepEqual(push.received("deliver").map((m) => m.payload?.notification_type), ["mention"]);
    await cay.client.v1.push.subscription.remove();
  });

  test("policy followed: only people the member follows; a muted sender's notification is not pushed", T, async () => {
    const sub = push.subscribe("policy");
    await ana.client.v1.push.subscription.create(createParams(sub, { mention: true }, "followed"));
    await follow(ana, cay);
    await post(ben, "@ana from ben, whom ana does not follow");
    const fromCay = await post(cay, "@ana from cay, followed");
    const msg = await push.next("policy", (m) => m.payload?.body?.includes("from cay"));
    assert.equal(msg.payload.notification_type, "mention");
    assert.deepEqual(push.received("policy").map((m) => m.payload?.body), ["@ana from cay, followed"]);

    // Muting cay's notifications: cay's next mention is not pushed either.
    await ana.client.v1.push.subscription.update({ data: { alerts: { mention: true }, policy: "all" } });
    ok(await ana.req(`/api/v1/accounts/${cay.id}/mute`, { method: "POST", json: { notifications: true } }));
    await post(cay, "@ana muted now");
    await post(ben, "@ana ben again, policy all");
    await push.next("policy", (m) => m.payload?.body?.includes("ben again"));
    assert.deepEqual(
      push.received("policy").map((m) => m.payload?.body),
      ["@ana from cay, followed", "@ana ben again, policy all"],
    );
    assert.ok(fromCay.id);
    ok(await ana.req(`/api/v1/accounts/${cay.id}/unmute`, { method: "POST" }));
    await ana.client.v1.push.subscription.remove();
  });

  test("a failure is retried; a 410 from the push service removes the subscription", T, async () => {
    const sub = push.subscribe("gone");
    await ben.client.v1.push.subscription.create(createParams(sub, { mention: true }));
    push.answer("gone", 500);
    await post(ana, "@ben first try fails");
    const retried = await push.next("gone", (m) => m.status === 201);
    const all = push.received("gone");
    assert.equal(all.length, 2);
    assert.equal(all[0].status, 500);
    assert.equal(all[0].payload.notification_id, retried.payload.notification_id);

    push.answer("gone", 410);
    await post(ana, "@ben this one meets a 410");
    await push.next("gone", (m) => m.status === 410);
    await eventually(() => rejectsWith(ben.client.v1.push.subscription.fetch(), 404, "after 410"), 5000);
  });

  test("bad input: 422 (or 403 without the push scope) and nothing changes", T, async () => {
    const sub = push.subscribe("bad");
    const good = await ana.client.v1.push.subscription.create(createParams(sub, { mention: true }));
    const base = { "subscription[endpoint]": sub.endpoint, "subscription[keys][p256dh]": sub.keys.p256dh, "subscription[keys][auth]": sub.keys.auth };
    const cases = [
      [{ "subscription[keys][p256dh]": sub.keys.p256dh, "subscription[keys][auth]": sub.keys.auth }, "no endpoint"],
      [{ ...base, "subscription[endpoint]": "http://push.example.com/x" }, "http to a host that is not loopback"],
      [{ ...base, "subscription[endpoint]": "ftp://127.0.0.1/x" }, "not http(s)"],
      [{ ...base, "subscription[endpoint]": "https://" }, "no host"],
      [{ ...base, "subscription[keys][p256dh]": "not-a-key" }, "p256dh not a key"],
      [{ ...base, "subscription[keys][p256dh]": Buffer.alloc(65, 4).toString("base64url") }, "p256dh off the curve"],
      [{ ...base, "subscription[keys][auth]": crypto.randomBytes(8).toString("base64url") }, "auth of 8 bytes"],
      [{ ...base, "data[alerts][nonsense]": "true" }, "unknown alert"],
      [{ ...base, "data[alerts][mention]": "maybe" }, "alert not a boolean"],
      [{ ...base, "data[policy]": "sometimes" }, "unknown policy"],
      [{ ...base, "subscription[standard]": "false" }, "legacy encryption"],
      [{ ...base, colour: "blue" }, "unknown parameter"],
    ];
    for (const [form, what] of cases) {
      const res = await ana.req("/api/v1/push/subscription", { method: "POST", form });
      err(res, 422);
      assert.ok(res.status === 422, what);
    }
    err(await ana.req("/api/v1/push/subscription", { method: "PUT", form: { "data[policy]": "never" } }), 422);
    err(await ana.req("/api/v1/push/subscription", { method: "PUT", form: { "subscription[endpoint]": sub.endpoint } }), 422);
    assert.deepEqual(await ana.client.v1.push.subscription.fetch(), good);

    const readOnly = await passwordToken(ctx.url, ctx.app, "ana", ana.password, "read");
    err(await request(ctx.url, "/api/v1/push/subscription", { method: "POST", token: readOnly, form: base }), 403);
    err(await request(ctx.url, "/api/v1/push/subscription", { token: readOnly }), 403);
    err(await request(ctx.url, "/api/v1/push/subscription"), 401);
    assert.deepEqual(await ana.client.v1.push.subscription.fetch(), good);
    await ana.client.v1.push.subscription.remove();
  });
});

test("without push-allow-insecure-loopback an http endpoint is refused, even on loopback", T, async () => {
  const push = await startPushService();
  try {
    const ctx = await socialServer(["dee"]);
    const sub = push.subscribe("strict");
    const res = await ctx.users.dee.req("/api/v1/push/subscription", {
      method: "POST",
      json: { subscription: sub, data: { alerts: { mention: true } } },
    });
    err(res, 422);
    err(await ctx.users.dee.req("/api/v1/push/subscription"), 404);
  } finally {
    await push.close();
  }
});

test("a queued delivery survives kill -9 and is sent after the restart", T, async () => {
  const push = await startPushService();
  try {
    // The worker's first round runs at start; the next would be an hour later.
    const ctx = await socialServer(["fay", "gus"], { args: ["--push-allow-insecure-loopback", "true", "--background-interval", "1h"] });
    const { fay, gus } = ctx.users;
    const sub = push.subscribe("durable");
    await fay.client.v1.push.subscription.create(createParams(sub, { mention: true }));
    const mention = await post(gus, "@fay written before the kill");
    await ctx.srv.stop("SIGKILL");
    assert.equal(push.received("durable").length, 0, "nothing was sent before the kill");
    const again = await startServer({ dataDir: ctx.srv.dataDir, args: ARGS });
    try {
      const msg = await push.next("durable", (m) => m.payload?.notification_type === "mention");
      assert.equal(msg.payload.body, "@fay written before the kill");
      const notes = ok(await request(again.url, "/api/v1/notifications", { token: fay.token }));
      assert.equal(msg.payload.notification_id, notes.find((n) => n.status?.id === mention.id).id);
    } finally {
      await again.stop();
    }
  } finally {
    await push.close();
  }
});

test("the VAPID key is made once and kept across a restart", T, async () => {
  const srv = await startServer({ users: [{ name: "eve", email: "eve@example.com", role: "member", password: "eve-password-1" }] });
  const key = ok(await request(srv.url, "/api/v2/instance", {})).configuration?.vapid?.public_key;
  assert.equal(Buffer.from(key, "base64url").length, 65);
  await srv.stop();
  const again = await startServer({ dataDir: srv.dataDir });
  assert.equal(ok(await request(again.url, "/api/v2/instance", {})).configuration.vapid.public_key, key);
});
