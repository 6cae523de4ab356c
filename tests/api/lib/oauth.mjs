// OAuth helpers for the Mastodon-style provider.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { request, describe, findSetCookie, parseForms } from "./http.mjs";

export const OOB = "urn:ietf:wg:oauth:2.0:oob";

export function b64url(buf) {
  return Buffer.from(buf).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function pkcePair() {
  const verifier = b64url(crypto.randomBytes(32));
  const challenge = b64url(crypto.createHash("sha256").update(verifier).digest());
  return { verifier, challenge };
}

/** Registers an app with POST /api/v1/apps (JSON); asserts 200 and returns the body. */
export async function registerApp(base, { name = "test app", redirectUris = "https://client.example/callback", scopes = "read", website } = {}) {
  const body = { client_name: name, redirect_uris: redirectUris, scopes };
  if (website !== undefined) body.website = website;
  const res = await request(base, "/api/v1/apps", { method: "POST", json: body });
  assert.equal(res.status, 200, `app registration failed: ${describe(res)}`);
  assert.equal(typeof res.json?.client_id, "string", `no client_id: ${describe(res)}`);
  assert.equal(typeof res.json?.client_secret, "string", `no client_secret: ${describe(res)}`);
  return res.json;
}

/** POST /oauth/token with a form body. Returns the raw response. */
export function tokenRequest(base, params, opts = {}) {
  return request(base, "/oauth/token", { method: "POST", form: params, ...opts });
}

/** Password grant; asserts success and returns the access token string. */
export async function passwordToken(base, app, username, password, scope = "read") {
  const res = await tokenRequest(base, {
    grant_type: "password",
    client_id: app.client_id,
    client_secret: app.client_secret,
    username,
    password,
    scope,
  });
  assert.equal(res.status, 200, `password grant for ${username} (${scope}) failed: ${describe(res)}`);
  assert.equal(typeof res.json?.access_token, "string", `no access_token: ${describe(res)}`);
  return res.json.access_token;
}

export async function clientCredentialsToken(base, app, scope) {
  const params = { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret };
  if (scope) params.scope = scope;
  const res = await tokenRequest(base, params);
  assert.equal(res.status, 200, `client_credentials grant failed: ${describe(res)}`);
  assert.equal(typeof res.json?.access_token, "string", `no access_token: ${describe(res)}`);
  return res.json.access_token;
}

/** Builds the query of GET /oauth/authorize. */
export function authorizeParams(app, { redirectUri, scope = "read", state = "xyz", challenge, method = "S256", responseType = "code" } = {}) {
  const p = {
    response_type: responseType,
    client_id: app.client_id,
    redirect_uri: redirectUri ?? app.redirect_uris?.[0] ?? app.redirect_uri,
    scope,
    state,
  };
  if (challenge !== undefined) {
    p.code_challenge = challenge;
    p.code_challenge_method = method;
  }
  return p;
}

/**
 * GET /oauth/authorize and extract the sign-in form.
 * Returns {res, form, fields (hidden inputs as an object), csrfCookie}.
 */
export async function getAuthorizePage(base, params, { cookie } = {}) {
  const res = await request(base, "/oauth/authorize?" + new URLSearchParams(params), { cookie });
  const forms = parseForms(res.text);
  const form = forms.find((f) => /\/oauth\/authorize$/.test(new URL(f.attrs.action ?? "", base + "/").pathname) && (f.attrs.method || "").toLowerCase() === "post");
  const fields = {};
  if (form) {
    for (const i of form.inputs) if ((i.type || "").toLowerCase() === "hidden" && i.name) fields[i.name] = i.value ?? "";
  }
  const csrf = findSetCookie(res.setCookies, "atrium_oauth_csrf");
  return { res, form, forms, fields, csrfCookie: csrf?.value ?? null };
}

/** POST /oauth/authorize with the given fields; cookie header built from csrf and optional extra cookie. */
export function postAuthorize(base, fields, { csrfCookie, cookie } = {}) {
  const cookies = [];
  if (csrfCookie !== undefined && csrfCookie !== null) cookies.push(`atrium_oauth_csrf=${csrfCookie}`);
  if (cookie) cookies.push(cookie);
  return request(base, "/oauth/authorize", {
    method: "POST",
    form: fields,
    cookie: cookies.length ? cookies.join("; ") : undefined,
  });
}

/**
 * Full browser-style flow: GET the page, POST login+password+approve.
 * Returns {code, location, res, pkce, page}.
 */
export async function authorizeCode(base, app, { login, password, scope = "read", state = "xyz", redirectUri } = {}) {
  const pkce = pkcePair();
  const page = await getAuthorizePage(base, authorizeParams(app, { scope, state, challenge: pkce.challenge, redirectUri }));
  assert.equal(page.res.status, 200, `authorize page: ${describe(page.res)}`);
  assert.ok(page.form, `authorize page has no POST form to /oauth/authorize: ${page.res.text.slice(0, 500)}`);
  assert.ok(page.csrfCookie, `authorize page sets no atrium_oauth_csrf cookie: ${JSON.stringify(page.res.setCookies)}`);
  const res = await postAuthorize(base, { ...page.fields, login, password, decision: "approve" }, { csrfCookie: page.csrfCookie });
  assert.equal(res.status, 302, `approve: ${describe(res)}`);
  const location = new URL(res.location);
  const code = location.searchParams.get("code");
  assert.ok(code, `no code in ${res.location}`);
  return { code, location, res, pkce, page };
}
