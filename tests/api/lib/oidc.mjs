// OpenID providers for the sign-in tests, on loopback:
//   startOidcProvider: the real `oidc-provider` (npm), with its development
//     login page (any login name, any password) and a grant given at once;
//   startTestIdp: a small provider written here with node:crypto, whose
//     tokens the test shapes (wrong audience, expired, another key, alg none…);
// and Browser, a cookie jar per origin that follows redirects by hand.
import http from "node:http";
import crypto from "node:crypto";
import Provider from "oidc-provider";

export const CLIENT_ID = "atrium";
export const CLIENT_SECRET = "atrium-client-secret";
export const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

const b64url = (data) => Buffer.from(data).toString("base64url");

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

function readBody(req) {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => resolve(body));
  });
}

/** The settings that point Atrium at a provider. */
export function atriumArgs(issuer, extra = []) {
  return ["--oidc-issuer", issuer, "--oidc-client-id", CLIENT_ID, "--oidc-client-secret", CLIENT_SECRET, ...extra];
}

/**
 * The real oidc-provider. `people`: {accountId: claims}. Listens at once (so
 * Atrium can be given the issuer); configure({redirectUri}) once Atrium's
 * port is known. Resolves to {issuer, configure, close}.
 */
export async function startOidcProvider(people) {
  let handler = null;
  const server = http.createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end();
  });
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    configure({ redirectUri, backchannelLogoutUri }) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [redirectUri],
            response_types: ["code"],
            grant_types: ["authorization_code"],
            token_endpoint_auth_method: "client_secret_basic",
            ...(backchannelLogoutUri ? { backchannel_logout_uri: backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
          },
        ],
        async findAccount(ctx, id) {
          if (!people[id]) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...people[id] }) };
        },
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
        conformIdTokenClaims: false, // the claims in the ID token itself
        features: { devInteractions: { enabled: true }, backchannelLogout: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
        // No consent screen: the organization's own app.
        async loadExistingGrant(ctx) {
          const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
          if (grantId) return ctx.oidc.provider.Grant.find(grantId);
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
          grant.addOIDCScope("openid profile email");
          await grant.save();
          return grant;
        },
      });
      handler = provider.callback();
      return provider;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A signing key of the small provider: RS256 or ES256. */
export function makeKey(kid, alg = "RS256") {
  const { privateKey, publicKey } =
    alg === "RS256"
      ? crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
      : crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { kid, alg, privateKey, jwk: { ...publicKey.export({ format: "jwk" }), kid, alg, use: "sig" } };
}

/** A compact JWS of `claims` signed with `key` (alg "none": no signature). */
export function signJwt(claims, key, header = {}) {
  const h = { alg: key?.alg ?? "none", typ: "JWT", ...(key ? { kid: key.kid } : {}), ...header };
  const input = `${b64url(JSON.stringify(h))}.${b64url(JSON.stringify(claims))}`;
  if (h.alg === "none") return `${input}.`;
  const sig =
    key.alg === "RS256"
      ? crypto.sign("sha256", Buffer.from(input), key.privateKey)
      : crypto.sign("sha256", Buffer.from(input), { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  return `${input}.${b64url(sig)}`;
}

/**
 * The small provider. Its /authorize signs in `idp.person` at once (no
 * page) and redirects back with a code; /token checks the client's
 * credentials and PKCE, then answers an ID token of the person with the
 * request's nonce, passed through `idp.shape(claims, header)` and signed by
 * `idp.signer` (null: alg none), or made by `idp.override(claims)` when set.
 * Keys published: `idp.keys`.
 */
export async function startTestIdp() {
  const idp = {
    keys: [makeKey("key-1")],
    person: null,
    shape: null,
    override: null,
    signer: null,
    jwksFetches: 0,
    tokenRequests: [],
    authorizeRequests: [],
    codes: new Map(),
  };
  idp.signer = idp.keys[0];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, idp.issuer);
    const json = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer: idp.issuer,
        authorization_endpoint: `${idp.issuer}/authorize`,
        token_endpoint: `${idp.issuer}/token`,
        jwks_uri: `${idp.issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256", "ES256"],
      });
    }
    if (url.pathname === "/jwks") {
      idp.jwksFetches++;
      return json(200, { keys: idp.keys.map((k) => k.jwk) });
    }
    if (url.pathname === "/authorize") {
      const params = Object.fromEntries(url.searchParams);
      idp.authorizeRequests.push(params);
      const code = crypto.randomBytes(16).toString("base64url");
      idp.codes.set(code, { params, person: idp.person });
      const back = new URL(params.redirect_uri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", params.state);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const auth = req.headers.authorization || "";
      idp.tokenRequests.push({ form, auth });
      const [id, secret] = Buffer.from(auth.replace(/^Basic /, ""), "base64").toString().split(":").map(decodeURIComponent);
      if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return json(401, { error: "invalid_client" });
      const grant = idp.codes.get(form.code);
      idp.codes.delete(form.code);
      if (!grant || form.redirect_uri !== grant.params.redirect_uri) return json(400, { error: "invalid_grant" });
      const challenge = crypto.createHash("sha256").update(form.code_verifier || "").digest("base64url");
      if (grant.params.code_challenge_method !== "S256" || challenge !== grant.params.code_challenge)
        return json(400, { error: "invalid_grant", error_description: "PKCE verification failed" });
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: idp.issuer, aud: CLIENT_ID, iat: now, exp: now + 300, nonce: grant.params.nonce, ...grant.person };
      const header = {};
      idp.shape?.(claims, header);
      const id_token = idp.override ? idp.override(claims) : signJwt(claims, idp.signer, header);
      return json(200, { access_token: "at", token_type: "Bearer", id_token });
    }
    res.writeHead(404);
    res.end();
  });
  const port = await listen(server);
  idp.issuer = `http://127.0.0.1:${port}`;
  idp.close = () => new Promise((resolve) => server.close(resolve));
  /** A logout token for `claims` (sub and/or sid), signed by the current key. */
  idp.logoutToken = (claims, key = idp.signer) => {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      { iss: idp.issuer, aud: CLIENT_ID, iat: now, exp: now + 120, jti: crypto.randomUUID(), events: { [LOGOUT_EVENT]: {} }, ...claims },
      key,
      { typ: "logout+jwt" },
    );
  };
  return idp;
}

/** A browser's cookies (one jar per origin) and redirects followed by hand. */
export class Browser {
  constructor() {
    this.jars = new Map();
  }

  cookieHeader(url) {
    const jar = this.jars.get(new URL(url).origin);
    if (!jar) return undefined;
    return [...jar].map(([k, v]) => `${k}=${v}`).join("; ") || undefined;
  }

  cookie(url, name) {
    return this.jars.get(new URL(url).origin)?.get(name);
  }

  keep(url, res) {
    const origin = new URL(url).origin;
    if (!this.jars.has(origin)) this.jars.set(origin, new Map());
    const jar = this.jars.get(origin);
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }

  /** One request; resolves to {status, url, location, text, headers}. */
  async fetch(url, { method = "GET", form, headers = {} } = {}) {
    const h = { ...headers };
    const cookie = this.cookieHeader(url);
    if (cookie) h.cookie = cookie;
    let body;
    if (form) {
      h["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(url, { method, headers: h, body, redirect: "manual", signal: AbortSignal.timeout(15000) });
    this.keep(url, res);
    const text = await res.text();
    const location = res.headers.get("location");
    return { status: res.status, url, location: location && new URL(location, url).toString(), text, headers: res.headers };
  }

  /**
   * GETs `url` and follows redirects until a page answers (or `stop(url)`
   * says to stop at a redirect's target). Resolves to the last answer.
   */
  async follow(url, { stop, max = 20, ...opts } = {}) {
    let res = await this.fetch(url, opts);
    for (let i = 0; i < max && res.status >= 300 && res.status < 400 && res.location; i++) {
      if (stop?.(res.location)) return res;
      res = await this.fetch(res.location);
    }
    return res;
  }
}

/** The first form of an HTML page: {action, fields (every input with a value)}. */
export function firstForm(html, baseUrl) {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const action = /action="([^"]*)"/i.exec(form[1])?.[1] ?? baseUrl;
  const fields = {};
  for (const m of form[2].matchAll(/<input\b([^>]*)>/gi)) {
    const name = /name="([^"]*)"/i.exec(m[1])?.[1];
    const value = /value="([^"]*)"/i.exec(m[1])?.[1];
    if (name && value !== undefined) fields[name] = value.replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  }
  return { action: new URL(action.replace(/&amp;/g, "&"), baseUrl).toString(), fields };
}
