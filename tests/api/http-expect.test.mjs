// Expect: 100-continue: the server answers "100 Continue" after the headers
// and before the body is sent (clients such as curl otherwise wait a second
// before sending it), and refuses a body too large with 413 at once instead.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { startServer } from "./lib/server.mjs";

let srv;
before(async () => {
  srv = await startServer({ args: ["--max-body", "4096"] });
});

/** Opens a socket to the server; resolves to {socket, read(untilRe, timeoutMs)}. */
function connect(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      let received = "";
      socket.on("data", (d) => (received += d.toString("latin1")));
      resolve({
        socket,
        received: () => received,
        // Resolves to what arrived once it matches `re`; rejects after timeoutMs.
        async read(re, timeoutMs) {
          const deadline = Date.now() + timeoutMs;
          while (!re.test(received)) {
            if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${re}; got ${JSON.stringify(received)}`);
            await new Promise((r) => setTimeout(r, 5));
          }
          return received;
        },
      });
    });
    socket.on("error", reject);
  });
}

test("100 Continue arrives before the body is sent, then the answer", { timeout: 20000 }, async () => {
  const body = JSON.stringify({ client_name: "expecting", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" });
  const c = await connect(srv.url);
  c.socket.write(
    `POST /api/v1/apps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  // Curl waits one second before sending anyway; the server must not wait for it.
  const early = await c.read(/\r\n\r\n/, 900);
  assert.match(early, /^HTTP\/1\.1 100 Continue\r\n\r\n$/);
  c.socket.write(body);
  const all = await c.read(/\r\n\r\n[\s\S]*"client_id"/, 5000);
  assert.match(all.slice(early.length), /^HTTP\/1\.1 200 /);
  c.socket.destroy();
});

test("a body over the limit is refused with 413 before it is sent, without 100", { timeout: 20000 }, async () => {
  const c = await connect(srv.url);
  c.socket.write(
    `POST /api/v1/apps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
      `Content-Length: 100000\r\nExpect: 100-continue\r\n\r\n`,
  );
  const got = await c.read(/\r\n\r\n/, 900);
  assert.match(got, /^HTTP\/1\.1 413 /);
  c.socket.destroy();
});

test("without Expect, no 100 is sent", { timeout: 20000 }, async () => {
  const body = JSON.stringify({ client_name: "plain", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" });
  const c = await connect(srv.url);
  c.socket.write(
    `POST /api/v1/apps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  const all = await c.read(/"client_id"/, 5000);
  assert.match(all, /^HTTP\/1\.1 200 /);
  c.socket.destroy();
});
