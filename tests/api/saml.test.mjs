// SAML 2.0 sign-in against a real identity provider built here with samlify:
// its metadata served on loopback (Atrium fetches it at start), the
// AuthnRequest Atrium redirects to parsed by it, and its signed responses
// posted to /auth/saml/acs. The whole flow ends signed in; unsigned, wrongly
// signed, expired, misaddressed, unsolicited, replayed and signature-wrapped
// responses, and people the directory does not know or deactivated, end with
// an error page and no session.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import fsp from "node:fs/promises";
import path from "node:path";
import samlify from "samlify";
import * as validator from "@authenio/samlify-node-xmllint";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { startServer, stopAll, runCli, makeDataDir } from "./lib/server.mjs";
import { request, findSetCookie, describe } from "./lib/http.mjs";
import { registerApp, pkcePair, authorizeParams, getAuthorizePage, postAuthorize, tokenRequest } from "./lib/oauth.mjs";

const T = { timeout: 60000 };
samlify.setSchemaValidator(validator);
const { binding } = samlify.Constants.namespace;
const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const SAMLP_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
const DS_NS = "http://www.w3.org/2000/09/xmldsig#";

// A self-signed certificate and its key, made with the openssl command.
async function keyPair(dir, name) {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
    "-days", "2", "-subj", `/CN=${name}`], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return { key: await fsp.readFile(key, "utf8"), cert: await fsp.readFile(cert, "utf8"), keyFile: key, certFile: cert };
}

let srv, idp, otherIdp, sp, metadataServer, dir, idpPair, metadataUrl;
const IDP_ID = "https://idp.example.test/saml";

function makeIdp(pair, ssoUrl) {
  return samlify.IdentityProvider({
    entityID: IDP_ID,
    privateKey: pair.key,
    signingCert: pair.cert,
    wantAuthnRequestsSigned: false,
    nameIDFormat: ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"],
    singleSignOnService: [{ Binding: binding.redirect, Location: ssoUrl }],
  });
}

before(async () => {
  dir = await makeDataDir();
  idpPair = await keyPair(dir, "idp");
  const otherPair = await keyPair(dir, "other");
  // The identity provider's metadata, served on loopback.
  let idpMetadata = "";
  metadataServer = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/samlmetadata+xml" });
    res.end(idpMetadata);
  });
  await new Promise((r) => metadataServer.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${metadataServer.address().port}`;
  metadataUrl = `${base}/metadata`;
  idp = makeIdp(idpPair, `${base}/sso`);
  otherIdp = makeIdp(otherPair, `${base}/sso`);
  idpMetadata = idp.getMetadata();
  const dataDir = await makeDataDir();
  srv = await startServer({
    dataDir,
    users: [
      { name: "alice", email: "alice@example.com", password: "alice-password-1" },
      { name: "dave", email: "dave@example.com", password: "dave-password-1" },
      { name: "root", email: "root@example.com", role: "admin", password: "root-password-1" },
    ],
    args: ["--saml-idp-metadata", `${base}/metadata`, "--saml-button", "Sign in with Example"],
  });
  assert.equal((await srv.cli(["user", "deactivate", "dave"])).code, 0);
  const md = await request(srv.url, "/auth/saml/metadata");
  assert.equal(md.status, 200, describe(md));
  assert.match(md.headers.get("content-type"), /samlmetadata\+xml/);
  sp = samlify.ServiceProvider({ metadata: md.text });
});

after(async () => {
  await stopAll();
  await new Promise((r) => metadataServer?.close(r));
});

// The test's browser: the atrium_saml cookie it keeps between GET
// /auth/saml and the identity provider's POST to /auth/saml/acs.
const browser = { cookie: null };
function keepSamlCookie(res) {
  const c = findSetCookie(res.setCookies, "atrium_saml");
  if (c) browser.cookie = c.attrs.includes("Max-Age=0") ? null : c.value;
  return c;
}

// GET /auth/saml: the redirect to the identity provider, and what it parsed.
async function startSignIn(returnTo) {
  const res = await request(srv.url, "/auth/saml" + (returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ""));
  assert.equal(res.status, 303, describe(res));
  assert.ok(keepSamlCookie(res)?.value, "an atrium_saml cookie");
  const url = new URL(res.location);
  assert.ok(url.searchParams.get("SAMLRequest"), res.location);
  const { extract } = await idp.parseLoginRequest(sp, "redirect", { query: Object.fromEntries(url.searchParams) });
  assert.ok(extract.request.id);
  return extract;
}

const iso = (ms) => new Date(Date.now() + ms).toISOString();

// A response of `from` (the identity provider by default) for the request
// `extract`, with the template's values changed by `overrides`.
async function respond(extract, { email = "alice@example.com", from = idp, overrides = {} } = {}) {
  const acs = `${srv.url}/auth/saml/acs`;
  const values = {
    ID: "_" + crypto.randomUUID(),
    AssertionID: "_" + crypto.randomUUID(),
    Destination: acs,
    Audience: `${srv.url}/auth/saml/metadata`,
    SubjectRecipient: acs,
    Issuer: IDP_ID,
    IssueInstant: iso(0),
    StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
    ConditionsNotBefore: iso(-5000),
    ConditionsNotOnOrAfter: iso(300000),
    SubjectConfirmationDataNotOnOrAfter: iso(300000),
    NameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    NameID: email,
    InResponseTo: extract.request.id,
    AuthnStatement: "",
    AttributeStatement: "",
    ...overrides,
  };
  const { context } = await from.createLoginResponse(sp, { extract }, "post", { email }, {
    customTagReplacement: (template) => ({ id: values.ID, context: samlify.SamlLib.replaceTagsByValue(template, values) }),
  });
  return context;
}

// The identity provider's form posted by the browser, with its atrium_saml
// cookie (or `cookie`: null for none, or another browser's).
async function post(samlResponse, { cookie = browser.cookie } = {}) {
  const res = await request(srv.url, "/auth/saml/acs", {
    method: "POST",
    form: { SAMLResponse: samlResponse },
    ...(cookie ? { cookie: `atrium_saml=${cookie}` } : {}),
  });
  keepSamlCookie(res);
  return res;
}

const decode = (b64) => new DOMParser().parseFromString(Buffer.from(b64, "base64").toString("utf8"), "text/xml");
const encode = (doc) => Buffer.from(new XMLSerializer().serializeToString(doc)).toString("base64");

// The error an HTML page shows, for assertion messages.
const pageError = (res) => /<p class="error"[^>]*>([^<]*)</.exec(res.text)?.[1] ?? describe(res);

async function assertSignedIn(res, username, location = "/") {
  assert.equal(res.status, 303, pageError(res));
  assert.equal(res.location, location);
  const cookie = findSetCookie(res.setCookies, "atrium_session");
  assert.ok(cookie?.value, "a session cookie");
  const me = await request(srv.url, "/api/v1/atrium/session", { cookie: `atrium_session=${cookie.value}` });
  assert.equal(me.status, 200, describe(me));
  assert.equal(me.json.account.username, username);
  return cookie.value;
}

function assertRefused(res, status, pattern) {
  assert.equal(res.status, status, pageError(res));
  assert.match(res.headers.get("content-type"), /^text\/html/);
  assert.match(pageError(res), pattern);
  assert.equal(findSetCookie(res.setCookies, "atrium_session"), null, "no session");
}

test("the identity provider's signed answer to Atrium's request signs the person in", T, async () => {
  const extract = await startSignIn("/@alice?tab=posts");
  const res = await post(await respond(extract));
  const token = await assertSignedIn(res, "alice", "/@alice?tab=posts");
  // The session is the one /auth/sign_in makes: its CSRF token works.
  const s = await request(srv.url, "/api/v1/atrium/session", { cookie: `atrium_session=${token}` });
  const post1 = await request(srv.url, "/api/v1/statuses", {
    method: "POST",
    cookie: `atrium_session=${token}`,
    headers: { "x-csrf-token": s.json.csrf_token },
    json: { status: "signed in through SAML" },
  });
  assert.equal(post1.status, 200, describe(post1));
  // Without return_to: the home page.
  await assertSignedIn(await post(await respond(await startSignIn())), "alice", "/");
});

test("a Mastodon app signs in through SAML from the OAuth authorization page", T, async () => {
  const app = await registerApp(srv.url, { redirectUris: "https://client.example/callback", scopes: "read" });
  const pkce = pkcePair();
  const page = await getAuthorizePage(srv.url, authorizeParams(app, { challenge: pkce.challenge }));
  assert.equal(page.res.status, 200, describe(page.res));
  const link = /<a class="provider" href="([^"]+)">Sign in with Example</.exec(page.res.text);
  assert.ok(link, "the page offers the SAML button");
  const start = new URL(link[1].replace(/&amp;/g, "&"), srv.url);
  assert.equal(start.pathname, "/auth/saml");
  const returnTo = start.searchParams.get("return_to");
  const back = new URL(returnTo, srv.url);
  assert.equal(back.pathname, "/oauth/authorize");
  assert.equal(back.searchParams.get("client_id"), app.client_id);
  assert.equal(back.searchParams.get("code_challenge"), pkce.challenge);

  const session = await assertSignedIn(await post(await respond(await startSignIn(returnTo))), "alice", returnTo);
  const cookie = `atrium_session=${session}`;
  const again = await getAuthorizePage(srv.url, Object.fromEntries(back.searchParams), { cookie });
  assert.match(again.res.text, /Signed in as/);
  assert.doesNotMatch(again.res.text, /class="provider"/, "no button once signed in");
  const approve = await postAuthorize(srv.url, { ...again.fields, decision: "approve" }, { csrfCookie: again.csrfCookie, cookie });
  assert.equal(approve.status, 302, describe(approve));
  const code = new URL(approve.location).searchParams.get("code");
  const token = await tokenRequest(srv.url, {
    grant_type: "authorization_code",
    code,
    client_id: app.client_id,
    client_secret: app.client_secret,
    redirect_uri: "https://client.example/callback",
    code_verifier: pkce.verifier,
  });
  assert.equal(token.status, 200, describe(token));
  const me = await request(srv.url, "/api/v1/accounts/verify_credentials", { token: token.json.access_token });
  assert.equal(me.json?.username, "alice", describe(me));
});

test("the metadata names Atrium's entity id and assertion consumer service", T, async () => {
  const md = await request(srv.url, "/auth/saml/metadata");
  assert.match(md.text, new RegExp(`entityID="${srv.url}/auth/saml/metadata"`));
  assert.match(md.text, new RegExp(`Location="${srv.url}/auth/saml/acs"`));
  assert.match(md.text, /WantAssertionsSigned="true"/);
});

test("return_to must be a path on this server", T, async () => {
  for (const bad of ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "home"]) {
    const res = await request(srv.url, `/auth/saml?return_to=${encodeURIComponent(bad)}`);
    assertRefused(res, 400, /return_to/);
  }
  const extra = await request(srv.url, "/auth/saml?return_to=/&RelayState=x");
  assertRefused(extra, 400, /Unsupported parameter/);
});

test("the sign-in is bound to the browser that started it by the atrium_saml cookie", T, async () => {
  const start = await request(srv.url, "/auth/saml");
  const c = findSetCookie(start.setCookies, "atrium_saml");
  assert.ok(c?.value, describe(start));
  assert.ok(c.attrs.includes("HttpOnly") && c.attrs.includes("Path=/auth/saml") && c.attrs.includes("Max-Age=600"), c.raw);
  // Plain http (cookie-secure off): no SameSite=None, which browsers refuse without Secure.
  assert.ok(!c.attrs.some((a) => /^SameSite=/i.test(a)) && !c.attrs.includes("Secure"), c.raw);

  // The browser that started it finishes it, and its cookie is cleared.
  const ok = await post(await respond(await startSignIn()));
  await assertSignedIn(ok, "alice");
  assert.ok(findSetCookie(ok.setCookies, "atrium_saml")?.attrs.includes("Max-Age=0"), "the cookie is cleared");
  assert.equal(browser.cookie, null);
});

test("a response posted without the cookie, or with another browser's, signs nobody in", T, async () => {
  // Login CSRF: the attacker starts a sign-in and gets a response for their
  // own account, then makes another browser post it.
  const attackers = await startSignIn();
  const attackerCookie = browser.cookie;
  const noCookie = await post(await respond(attackers), { cookie: null });
  assertRefused(noCookie, 400, /started in another browser/);

  const attackers2 = await startSignIn();
  const attackerCookie2 = browser.cookie;
  await startSignIn(); // the victim's browser has a sign-in of its own
  const victimCookie = browser.cookie;
  assert.notEqual(victimCookie, attackerCookie2);
  assertRefused(await post(await respond(attackers2), { cookie: victimCookie }), 400, /started in another browser/);

  // Refused, the requests are used up: not even their own browser can finish them now.
  assertRefused(await post(await respond(attackers), { cookie: attackerCookie }), 400, /answers no sign-in/);
  assertRefused(await post(await respond(attackers2), { cookie: attackerCookie2 }), 400, /answers no sign-in/);
});

test("what is not a SAML response is refused with 400", T, async () => {
  assertRefused(await post("not base64 at all"), 400, /refused/);
  assertRefused(await post(Buffer.from("<a/>").toString("base64")), 400, /refused/);
  assertRefused(await request(srv.url, "/auth/saml/acs", { method: "POST", form: {} }), 400, /SAMLResponse is required/);
  assertRefused(await request(srv.url, "/auth/saml/acs", { method: "POST", form: { SAMLResponse: "x", extra: "1" } }), 400, /Unsupported parameter/);
  const json = await request(srv.url, "/auth/saml/acs", { method: "POST", json: { SAMLResponse: "x" } });
  assertRefused(json, 415, /form post/);
});

test("an unsigned response is refused", T, async () => {
  const doc = decode(await respond(await startSignIn()));
  for (const sig of Array.from(doc.getElementsByTagNameNS(DS_NS, "Signature"))) sig.parentNode.removeChild(sig);
  assertRefused(await post(encode(doc)), 400, /not signed by the identity provider/);
});

test("a response signed by another key is refused", T, async () => {
  assertRefused(await post(await respond(await startSignIn(), { from: otherIdp })), 400, /not signed by the identity provider/);
});

test("a response whose signed content was changed is refused", T, async () => {
  const doc = decode(await respond(await startSignIn()));
  const nameId = doc.getElementsByTagNameNS(SAML_NS, "NameID")[0];
  nameId.textContent = "root@example.com";
  assertRefused(await post(encode(doc)), 400, /not signed by the identity provider/);
});

test("an expired assertion is refused, and one not valid yet", T, async () => {
  const expired = { ConditionsNotBefore: iso(-900000), ConditionsNotOnOrAfter: iso(-600000), SubjectConfirmationDataNotOnOrAfter: iso(-600000) };
  assertRefused(await post(await respond(await startSignIn(), { overrides: expired })), 400, /expired/);
  const confirmationExpired = { SubjectConfirmationDataNotOnOrAfter: iso(-600000) };
  assertRefused(await post(await respond(await startSignIn(), { overrides: confirmationExpired })), 400, /expired/);
  const early = { ConditionsNotBefore: iso(600000), ConditionsNotOnOrAfter: iso(900000) };
  assertRefused(await post(await respond(await startSignIn(), { overrides: early })), 400, /not valid yet/);
});

test("a response for another audience, recipient or destination is refused", T, async () => {
  assertRefused(await post(await respond(await startSignIn(), { overrides: { Audience: "https://other.example/sp" } })), 400, /Audience/);
  assertRefused(await post(await respond(await startSignIn(), { overrides: { SubjectRecipient: "https://other.example/acs" } })), 400, /Recipient/);
  assertRefused(await post(await respond(await startSignIn(), { overrides: { Destination: "https://other.example/acs" } })), 400, /Destination/);
});

test("a response to no request Atrium made, or unsolicited, is refused", T, async () => {
  const extract = await startSignIn();
  assertRefused(await post(await respond(extract, { overrides: { InResponseTo: "_not-a-request-of-atrium" } })), 400, /answers no sign-in/);
  assertRefused(await post(await respond(extract, { overrides: { InResponseTo: "" } })), 400, /unsolicited/);
  // The request itself is still good for its own answer.
  await assertSignedIn(await post(await respond(extract)), "alice");
});

test("a response posted twice is refused the second time", T, async () => {
  const response = await respond(await startSignIn());
  await assertSignedIn(await post(response), "alice");
  assertRefused(await post(response), 400, /replay/);
  // Its assertion in a new response to a new request: refused too.
  const first = decode(await respond(await startSignIn()));
  const replayed = first.getElementsByTagNameNS(SAML_NS, "Assertion")[0];
  await assertSignedIn(await post(encode(first)), "alice");
  const second = decode(await respond(await startSignIn()));
  const old = second.getElementsByTagNameNS(SAML_NS, "Assertion")[0];
  old.parentNode.replaceChild(second.importNode(replayed, true), old);
  assertRefused(await post(encode(second)), 400, /replay|different requests/);
});

// The signed assertion (for alice) moved, and an unsigned one naming root
// put where Atrium reads: each variant must be refused.
test("signature-wrapped responses are refused", T, async () => {
  const variants = {
    // The evil assertion first, the signed one after it.
    beside(doc, signed, evil) {
      signed.parentNode.insertBefore(evil, signed);
    },
    // The signed assertion hidden in the response's Extensions.
    inExtensions(doc, signed, evil) {
      const response = signed.parentNode;
      response.replaceChild(evil, signed);
      const ext = doc.createElementNS(SAMLP_NS, "samlp:Extensions");
      ext.appendChild(signed);
      const status = doc.getElementsByTagNameNS(SAMLP_NS, "Status")[0];
      response.insertBefore(ext, status);
    },
    // The same, the evil assertion carrying the signed one's ID.
    sameId(doc, signed, evil) {
      evil.setAttribute("ID", signed.getAttribute("ID"));
      this.inExtensions(doc, signed, evil);
    },
    // The signed assertion left in place, and the evil one with its ID
    // first in the document (in Extensions), where a reader of
    // "//Assertion" or of "the element with this ID" would look.
    copyFirst(doc, signed, evil) {
      evil.setAttribute("ID", signed.getAttribute("ID"));
      const ext = doc.createElementNS(SAMLP_NS, "samlp:Extensions");
      ext.appendChild(evil);
      const status = doc.getElementsByTagNameNS(SAMLP_NS, "Status")[0];
      signed.parentNode.insertBefore(ext, status);
    },
    // The signed assertion inside the evil one, which keeps the signature.
    inside(doc, signed, evil) {
      const sig = signed.getElementsByTagNameNS(DS_NS, "Signature")[0];
      evil.setAttribute("ID", signed.getAttribute("ID"));
      signed.parentNode.replaceChild(evil, signed);
      const evilIssuer = evil.getElementsByTagNameNS(SAML_NS, "Issuer")[0];
      evil.insertBefore(sig.cloneNode(true), evilIssuer.nextSibling);
      const advice = doc.createElementNS(SAML_NS, "saml:Advice");
      advice.appendChild(signed);
      evil.appendChild(advice);
    },
  };
  for (const [name, wrap] of Object.entries(variants)) {
    const doc = decode(await respond(await startSignIn()));
    const signed = doc.getElementsByTagNameNS(SAML_NS, "Assertion")[0];
    const evil = signed.cloneNode(true);
    for (const sig of Array.from(evil.getElementsByTagNameNS(DS_NS, "Signature"))) sig.parentNode.removeChild(sig);
    evil.setAttribute("ID", "_evil" + crypto.randomUUID());
    evil.getElementsByTagNameNS(SAML_NS, "NameID")[0].textContent = "root@example.com";
    wrap.call(variants, doc, signed, evil);
    const res = await post(encode(doc));
    assert.equal(res.status, 400, `${name}: ${pageError(res)}`);
    // Lasso refuses an unsigned assertion where the signed one was; Atrium
    // refuses a document whose signed assertion is not the only one.
    assert.match(pageError(res), name === "copyFirst" ? /structure is not the one signed/ : /not signed by|structure/, name);
    assert.equal(findSetCookie(res.setCookies, "atrium_session"), null, `${name}: no session`);
  }
});

test("a person the directory does not know, or deactivated, gets no session", T, async () => {
  assertRefused(await post(await respond(await startSignIn(), { email: "nobody@example.com" })), 403, /Nobody in this organization/);
  assertRefused(await post(await respond(await startSignIn(), { email: "dave@example.com" })), 403, /deactivated/);
  const log = srv.output().stderr + srv.output().stdout;
  assert.match(log, /SAML sign-in refused.*deactivated/);
  assert.doesNotMatch(log, /SAMLResponse|<saml/);
});

test("bad saml-* settings stop the server at start with a clear message", T, async () => {
  const dataDir = await makeDataDir();
  const missing = await runCli(["serve", "--listen", "127.0.0.1:0", "--saml-idp-metadata", path.join(dir, "none.xml")], { dataDir });
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr + missing.stdout, /saml-idp-metadata: cannot read the file/);
  const halfKey = await runCli(["serve", "--listen", "127.0.0.1:0", "--saml-idp-metadata", path.join(dir, "none.xml"),
    "--saml-sp-key-file", path.join(dir, "idp.key")], { dataDir });
  assert.notEqual(halfKey.code, 0);
  assert.match(halfKey.stderr + halfKey.stdout, /saml-sp-key-file and saml-sp-cert-file go together/);
  await fsp.writeFile(path.join(dir, "sp.xml"), sp.getMetadata());
  const notIdp = await runCli(["serve", "--listen", "127.0.0.1:0", "--saml-idp-metadata", path.join(dir, "sp.xml")], { dataDir });
  assert.notEqual(notIdp.code, 0);
  assert.match(notIdp.stderr + notIdp.stdout, /not an identity provider/);
  const scheme = await runCli(["serve", "--listen", "127.0.0.1:0", "--saml-idp-metadata", "ftp://idp.example/md"], { dataDir });
  assert.notEqual(scheme.code, 0);
  assert.match(scheme.stderr + scheme.stdout, /saml-idp-metadata/);
});

test("without saml-idp-metadata the SAML routes answer 404", T, async () => {
  const plain = await startServer({});
  for (const [method, p] of [["GET", "/auth/saml"], ["GET", "/auth/saml/metadata"]]) {
    const res = await request(plain.url, p, { method });
    assert.equal(res.status, 404, describe(res));
  }
  const acs = await request(plain.url, "/auth/saml/acs", { method: "POST", form: { SAMLResponse: "x" } });
  assert.equal(acs.status, 404, describe(acs));
});

test("signed requests, and a person named by an attribute matched to the directory's id", T, async () => {
  const spPair = await keyPair(dir, "sp");
  const dataDir = await makeDataDir();
  const csv = path.join(dir, "people.csv");
  await fsp.writeFile(csv, "username,email,display_name,external_id\nerin,erin@example.com,Erin Example,guid-erin-1\n");
  const imported = await runCli(["import-directory", csv], { dataDir });
  assert.equal(imported.code, 0, imported.stderr + imported.stdout);
  const b = await startServer({
    dataDir,
    args: ["--saml-idp-metadata", metadataUrl, "--saml-sp-key-file", spPair.keyFile, "--saml-sp-cert-file", spPair.certFile,
      "--saml-attribute", "objectGUID", "--saml-match", "external-id", "--cookie-secure", "true"],
  });
  const md = await request(b.url, "/auth/saml/metadata");
  assert.match(md.text, /AuthnRequestsSigned="true"/);
  assert.match(md.text, /<ds:X509Certificate>/);
  const spB = samlify.ServiceProvider({ metadata: md.text });
  // An identity provider that wants signed requests verifies Atrium's.
  const strictIdp = samlify.IdentityProvider({
    entityID: IDP_ID,
    privateKey: idpPair.key,
    signingCert: idpPair.cert,
    wantAuthnRequestsSigned: true,
    singleSignOnService: [{ Binding: binding.redirect, Location: `${metadataUrl}/sso` }],
  });
  const start = await request(b.url, "/auth/saml");
  assert.equal(start.status, 303, describe(start));
  // With cookie-secure the cookie comes back on the identity provider's cross-site POST.
  let cookieB = findSetCookie(start.setCookies, "atrium_saml");
  assert.ok(cookieB?.value && cookieB.attrs.includes("SameSite=None") && cookieB.attrs.includes("Secure"), describe(start));
  // What the identity provider verifies: the query as sent, up to the Signature.
  const signedQuery = (location) => {
    const raw = new URL(location).search.slice(1);
    return {
      query: Object.fromEntries(new URL(location).searchParams),
      octetString: raw.split("&").filter((p) => !p.startsWith("Signature=")).join("&"),
    };
  };
  const sent = signedQuery(start.location);
  assert.ok(sent.query.Signature && sent.query.SigAlg, start.location);
  const { extract } = await strictIdp.parseLoginRequest(spB, "redirect", sent);
  // Another request under this one's signature does not verify.
  const otherStart = await request(b.url, "/auth/saml");
  const other = signedQuery(otherStart.location);
  await assert.rejects(strictIdp.parseLoginRequest(spB, "redirect", { query: sent.query, octetString: other.octetString }));

  const acs = `${b.url}/auth/saml/acs`;
  const attribute = (value) =>
    `<saml:AttributeStatement><saml:Attribute Name="objectGUID"><saml:AttributeValue>${value}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>`;
  const answer = async (ex, value) => {
    const values = {
      ID: "_" + crypto.randomUUID(), AssertionID: "_" + crypto.randomUUID(), Destination: acs, Audience: `${b.url}/auth/saml/metadata`,
      SubjectRecipient: acs, Issuer: IDP_ID, IssueInstant: iso(0), StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
      ConditionsNotBefore: iso(-5000), ConditionsNotOnOrAfter: iso(300000), SubjectConfirmationDataNotOnOrAfter: iso(300000),
      NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", NameID: "someone-else@example.com",
      InResponseTo: ex.request.id, AuthnStatement: "", AttributeStatement: "ATTRIBUTES",
    };
    // (Tag values are escaped: the statement goes in after.)
    const fill = (template) =>
      samlify.SamlLib.replaceTagsByValue(template, values).replace("ATTRIBUTES", value === null ? "" : attribute(value));
    const { context } = await strictIdp.createLoginResponse(spB, { extract: ex }, "post", {}, {
      customTagReplacement: (template) => ({ id: values.ID, context: fill(template) }),
    });
    return request(b.url, "/auth/saml/acs", { method: "POST", form: { SAMLResponse: context }, cookie: `atrium_saml=${cookieB.value}` });
  };
  const ok = await answer(extract, "guid-erin-1");
  assert.equal(ok.status, 303, pageError(ok));
  const cookie = findSetCookie(ok.setCookies, "atrium_session");
  const me = await request(b.url, "/api/v1/atrium/session", { cookie: `atrium_session=${cookie.value}` });
  assert.equal(me.json?.account?.username, "erin", describe(me));

  const next = async () => {
    const r = await request(b.url, "/auth/saml");
    cookieB = findSetCookie(r.setCookies, "atrium_saml");
    return (await strictIdp.parseLoginRequest(spB, "redirect", signedQuery(r.location))).extract;
  };
  assertRefused(await answer(await next(), "guid-nobody"), 403, /Nobody in this organization/);
  assertRefused(await answer(await next(), null), 400, /no attribute objectGUID/);
  await b.stop();
});
