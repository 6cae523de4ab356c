// A Web Push service on loopback for the tests, playing the browser's part
// too: it makes a subscription's keys (ECDH P-256 and a 16-byte auth
// secret), receives what Atrium POSTs, checks the VAPID Authorization
// (RFC 8292: an ES256 JWT verified against the server_key) and decrypts
// the body (RFC 8291, aes128gcm of RFC 8188) with node's crypto.
import http from "node:http";
import crypto from "node:crypto";

const b64url = (buf) => Buffer.from(buf).toString("base64url");

function hkdf(ikm, salt, info, length) {
  return Buffer.from(crypto.hkdfSync("sha256", ikm, salt, Buffer.from(info), length));
}

/**
 * Decrypts an aes128gcm Web Push body for the subscription whose private key
 * is `uaPrivate` (raw 32 bytes) and auth secret `auth` (16 bytes). Returns
 * {plaintext: Buffer, senderKey: Buffer, recordSize}. Throws when the body
 * does not decrypt.
 */
export function decryptWebPush(body, uaPrivate, auth) {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idlen = body[20];
  const senderKey = body.subarray(21, 21 + idlen);
  const sealed = body.subarray(21 + idlen);
  const ecdh = crypto.createECDH("prime256v1");
  ecdh.setPrivateKey(uaPrivate);
  const uaPublic = ecdh.getPublicKey();
  const shared = ecdh.computeSecret(senderKey);
  const ikm = hkdf(shared, auth, Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, senderKey]), 32);
  const cek = hkdf(ikm, salt, "Content-Encoding: aes128gcm\0", 16);
  const nonce = hkdf(ikm, salt, "Content-Encoding: nonce\0", 12);
  const decipher = crypto.createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const padded = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 2) throw new Error("no last-record delimiter");
  return { plaintext: padded.subarray(0, end), senderKey, recordSize };
}

/**
 * Checks `Authorization: vapid t=<jwt>, k=<key>` against `serverKey` (the
 * base64url uncompressed P-256 point): the k= parameter is the key and the
 * JWT's ES256 signature verifies with it. Returns the JWT's claims.
 */
export function verifyVapid(authorization, serverKey) {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization || "");
  if (!m) throw new Error(`not a VAPID Authorization: ${authorization}`);
  const [, jwt, k] = m;
  if (k !== serverKey) throw new Error(`k= is ${k}, not the server_key ${serverKey}`);
  const [h, p, s] = jwt.split(".");
  const header = JSON.parse(Buffer.from(h, "base64url"));
  if (header.alg !== "ES256") throw new Error(`alg ${header.alg}`);
  const point = Buffer.from(serverKey, "base64url");
  const key = crypto.createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: "jwk",
  });
  const good = crypto.verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"));
  if (!good) throw new Error("the VAPID signature does not verify with the server_key");
  return JSON.parse(Buffer.from(p, "base64url"));
}

/**
 * Starts the push service. Resolves to an object with:
 *   url                  http://127.0.0.1:<port>
 *   subscribe(name)      a new subscription's {endpoint, keys: {p256dh, auth}}
 *   answer(name, ...st)  the statuses to answer the next POSTs to that
 *                        subscription with (then 201)
 *   next(name, pred, ms) the next received message on that subscription
 *                        (and matching pred), waiting for it
 *   received(name)       every message received so far on it
 *   close()
 * A message is {status, headers, payload (the decrypted JSON), error}.
 */
export async function startPushService() {
  const subs = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const name = decodeURIComponent(req.url.replace(/^\/push\//, ""));
      const sub = subs.get(name);
      if (!sub || req.method !== "POST") {
        res.writeHead(404).end();
        return;
      }
      const status = sub.answers.length ? sub.answers.shift() : 201;
      const msg = { status, headers: req.headers, payload: null, error: null, claims: null };
      try {
        const { plaintext } = decryptWebPush(Buffer.concat(chunks), sub.uaPrivate, sub.auth);
        msg.payload = JSON.parse(plaintext.toString("utf8"));
      } catch (e) {
        msg.error = `decrypt: ${e.message}`;
      }
      sub.messages.push(msg);
      for (const w of [...sub.waiters]) w();
      res.writeHead(status).end();
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    subscribe(name) {
      const ecdh = crypto.createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = crypto.randomBytes(16);
      subs.set(name, { uaPrivate: ecdh.getPrivateKey(), auth, messages: [], answers: [], waiters: new Set() });
      return { endpoint: `${url}/push/${encodeURIComponent(name)}`, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) } };
    },
    answer(name, ...statuses) {
      subs.get(name).answers.push(...statuses);
    },
    received(name) {
      return subs.get(name).messages;
    },
    next(name, pred = () => true, timeoutMs = 10000) {
      const sub = subs.get(name);
      let seen = 0;
      return new Promise((resolve, reject) => {
        const check = () => {
          for (; seen < sub.messages.length; seen++) {
            const m = sub.messages[seen];
            if (pred(m)) {
              sub.waiters.delete(check);
              clearTimeout(timer);
              resolve(m);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          sub.waiters.delete(check);
          reject(new Error(`no matching push to ${name} within ${timeoutMs} ms (${sub.messages.length} received)`));
        }, timeoutMs);
        sub.waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise((r) => server.close(r));
    },
  };
}
