// No acknowledged write is lost when the process is killed: a burst of
// posts and likes, kill -9 in the middle of it, a restart on the same data
// folder, and every write that got a 200 is there.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, stopAll } from "./lib/server.mjs";
import { request, sleep } from "./lib/http.mjs";
import { registerApp, passwordToken } from "./lib/oauth.mjs";

after(stopAll);

test("kill -9 during a burst of writes loses nothing that was acknowledged", { timeout: 120000 }, async () => {
  const users = [{ name: "writer", email: "writer@example.com", role: "member", password: "writer-password-1" }];
  let srv = await startServer({ users });
  const app = await registerApp(srv.url, { redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
  const token = await passwordToken(srv.url, app, "writer", "writer-password-1", "read write");
  const auth = { headers: { Authorization: `Bearer ${token}` } };

  const acknowledged = [];
  let failures = 0;
  let stop = false;
  // Four writers post as fast as they can until the server dies.
  const writer = async (w) => {
    for (let i = 0; !stop; i++) {
      try {
        const res = await request(srv.url, "/api/v1/statuses", {
          method: "POST",
          json: { status: `burst ${w}-${i}` },
          ...auth,
        });
        if (res.status === 200) acknowledged.push({ id: res.json.id, text: `burst ${w}-${i}` });
      } catch {
        failures++;  // the connection died with the server: not acknowledged
        return;
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  while (acknowledged.length < 150) await sleep(10);
  srv.proc.kill("SIGKILL");
  const exit = await srv.exited;
  stop = true;
  await Promise.all(writers);
  assert.equal(exit.signal, "SIGKILL");
  assert.ok(acknowledged.length >= 150, `only ${acknowledged.length} writes acknowledged`);

  // Restart on the same data and find every acknowledged post.
  srv = await startServer({ dataDir: srv.dataDir });
  const missing = [];
  for (const { id, text } of acknowledged) {
    const res = await request(srv.url, `/api/v1/statuses/${id}`, auth);
    if (res.status !== 200 || !res.json.content.includes(text)) missing.push(id);
  }
  assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged posts were lost`);
  // The store is consistent: the author's count covers at least every acknowledged post.
  const me = await request(srv.url, "/api/v1/accounts/verify_credentials", auth);
  assert.equal(me.status, 200);
  assert.ok(me.json.statuses_count >= acknowledged.length, `statuses_count ${me.json.statuses_count}`);
  await srv.stop();
});
