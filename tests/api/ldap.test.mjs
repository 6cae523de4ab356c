// `atrium sync-ldap` against a real OpenLDAP slapd started by the test: an
// org with a CEO, a VP reporting to the CEO and engineers (managers as DNs),
// the org chart through the API, idempotence, an update, a manager cycle, an
// entry without a username, --deactivate-missing, and what a wrong password,
// a wrong base or no server does.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fsp from "node:fs/promises";
import { startServer, runCli, makeDataDir } from "./lib/server.mjs";
import { request } from "./lib/http.mjs";
import { registerApp, passwordToken, OOB } from "./lib/oauth.mjs";
import { ok, eventually, SCOPES } from "./lib/social-helpers.mjs";
import { slapdAvailable, startSlapd, SUFFIX, ROOT_DN, ROOT_PASSWORD, SLAPD_BIN } from "./lib/slapd.mjs";

const T = { timeout: 60000 };
const skip = slapdAvailable() ? false : `${SLAPD_BIN} is missing (scripts/install-deps.sh --test installs slapd)`;
const PEOPLE = `ou=people,${SUFFIX}`;
const dn = (uid) => `uid=${uid},${PEOPLE}`;

function person(uid, cn, title, { manager, department = "Engineering", location = "Berlin" } = {}) {
  return [
    `dn: ${dn(uid)}`,
    "objectClass: inetOrgPerson",
    `uid: ${uid}`,
    `cn: ${cn}`,
    `sn: ${cn.split(" ").pop()}`,
    `mail: ${uid}@example.com`,
    `title: ${title}`,
    `departmentNumber: ${department}`,
    `l: ${location}`,
    `employeeNumber: E-${uid}`,
    ...(manager ? [`manager: ${manager}`] : []),
    "",
  ].join("\n");
}

const ORG = [
  `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n`,
  `dn: ${PEOPLE}\nobjectClass: organizationalUnit\nou: people\n`,
  person("ceo", "Cora Chief", "Chief Executive Officer", { department: "Leadership" }),
  // The manager's DN spelled in another case and spacing than the entry's.
  person("vpeng", "Victor Vance", "VP Engineering", { manager: `UID=ceo, ou=People,${SUFFIX}` }),
  person("alice", "Alice Archer", "Staff Engineer", { manager: dn("vpeng") }),
  person("bob", "Bob Builder", "Engineer", { manager: dn("vpeng") }),
  person("carol", "Carol Coder", "Engineer", { manager: dn("vpeng"), location: "Lisbon" }),
].join("\n");

let slapd, dataDir, srv, token;

const ldapFlags = (overrides = {}) => {
  const s = {
    "ldap-url": slapd.url,
    "ldap-bind-dn": ROOT_DN,
    "ldap-bind-password": ROOT_PASSWORD,
    "ldap-base": PEOPLE,
    ...overrides,
  };
  return Object.entries(s)
    .filter(([, v]) => v !== null)
    .flatMap(([k, v]) => [`--${k}`, v]);
};
const sync = (extra = [], overrides) => runCli(["sync-ldap", ...ldapFlags(overrides), ...extra], { dataDir });

async function userList() {
  const r = await runCli(["user", "list"], { dataDir });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}
const api = (p) => request(srv.url, p, { token });
async function idOf(username) {
  return ok(await api(`/api/v1/accounts/lookup?acct=${username}`)).id;
}
const chain = async (username) =>
  ok(await api(`/api/v1/atrium/profiles/${await idOf(username)}/management_chain`)).map((a) => a.username);

before(async () => {
  if (skip) return;
  slapd = await startSlapd();
  await slapd.ldif("ldapadd", ORG);
  dataDir = await makeDataDir();
});

after(async () => {
  if (slapd) await slapd.stop();
});

test("the first sync creates everyone; the org chart comes from the manager DNs", { ...T, skip }, async () => {
  const r = await sync();
  assert.equal(r.code, 0, `sync failed: ${r.stderr}${r.stdout}`);
  assert.match(r.stdout, /created 5, updated 0, unchanged 0, deactivated 0/);
  assert.ok(!r.stdout.includes("\r"), "no progress noise when stdout is not a terminal");
  const list = await userList();
  for (const name of ["ceo", "vpeng", "alice", "bob", "carol"]) assert.match(list, new RegExp(`^${name}\\t`, "m"));

  const reset = await runCli(["user", "reset-password", "bob", "--password-stdin"], { dataDir, stdin: "bob-password-1\n" });
  assert.equal(reset.code, 0, reset.stderr);
  srv = await startServer({ dataDir });
  const app = await registerApp(srv.url, { name: "ldap-tests", redirectUris: OOB, scopes: SCOPES });
  token = await passwordToken(srv.url, app, "bob", "bob-password-1", SCOPES);

  assert.deepEqual(await chain("alice"), ["vpeng", "ceo"]);
  assert.deepEqual(await chain("vpeng"), ["ceo"]);
  assert.deepEqual(await chain("ceo"), []);
  const p = ok(await api(`/api/v1/atrium/profiles/${await idOf("carol")}`));
  assert.equal(p.account.display_name, "Carol Coder");
  assert.equal(p.directory.title, "Engineer");
  assert.equal(p.directory.department, "Engineering");
  assert.equal(p.directory.location, "Lisbon");
  assert.equal(p.directory.email, "carol@example.com");
  assert.equal(p.directory.manager?.username, "vpeng");
});

test("a second sync changes nothing", { ...T, skip }, async () => {
  const r = await sync();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /created 0, updated 0, unchanged 5, deactivated 0/);
});

test("a changed title in LDAP → 1 updated", { ...T, skip }, async () => {
  await slapd.ldif("ldapmodify", `dn: ${dn("alice")}\nchangetype: modify\nreplace: title\ntitle: Principal Engineer\n`);
  const r = await sync();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /created 0, updated 1, unchanged 4, deactivated 0/);
  // The server sees another process's change once its account cache (5 s) lets go.
  const alice = await idOf("alice");
  await eventually(async () => {
    assert.equal(ok(await api(`/api/v1/atrium/profiles/${alice}`)).directory.title, "Principal Engineer");
  }, 10000);
});

test("a manager cycle in LDAP → rejected naming the entry, nothing changed", { ...T, skip }, async () => {
  const before = await userList();
  await slapd.ldif("ldapmodify", `dn: ${dn("ceo")}\nchangetype: modify\nadd: manager\nmanager: ${dn("alice")}\n`);
  await slapd.ldif("ldapmodify", `dn: ${dn("bob")}\nchangetype: modify\nreplace: title\ntitle: Senior Engineer\n`);
  const r = await sync();
  assert.equal(r.code, 1, `expected exit 1: ${r.stdout}${r.stderr}`);
  assert.match(r.stderr, new RegExp(`${dn("ceo")}: manager alice makes a cycle`));
  assert.match(r.stderr, /nothing was changed/);
  assert.equal(await userList(), before);
  assert.equal(ok(await api(`/api/v1/atrium/profiles/${await idOf("bob")}`)).directory.title, "Engineer");
  assert.deepEqual(await chain("ceo"), []);
  await slapd.ldif("ldapmodify", `dn: ${dn("ceo")}\nchangetype: modify\ndelete: manager\n`);
  const fixed = await sync();
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stdout, /created 0, updated 1, unchanged 4, deactivated 0/);
});

test("an entry without a uid or with an unknown manager → rejected naming its DN", { ...T, skip }, async () => {
  const before = await userList();
  const noUid = `cn=No Uid,${PEOPLE}`;
  await slapd.ldif("ldapadd", `dn: ${noUid}\nobjectClass: inetOrgPerson\ncn: No Uid\nsn: Uid\n`);
  await slapd.ldif("ldapadd", person("dan", "Dan Dangling", "Engineer", { manager: dn("nobody") }));
  const r = await sync();
  assert.equal(r.code, 1, `expected exit 1: ${r.stdout}${r.stderr}`);
  assert.match(r.stderr, new RegExp(`${noUid}: has no uid`));
  assert.match(r.stderr, new RegExp(`${dn("dan")}: manager ${dn("nobody")} is not among the entries`));
  assert.equal(await userList(), before);
  await slapd.ldif("ldapdelete", `${noUid}\n${dn("dan")}\n`);
});

test("--deactivate-missing deactivates a person removed from LDAP", { ...T, skip }, async () => {
  await slapd.ldif("ldapdelete", `${dn("carol")}\n`);
  const plain = await sync();
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /created 0, updated 0, unchanged 4, deactivated 0/);
  assert.match(await userList(), /^carol\t.*\tactive\t/m);
  const r = await sync(["--deactivate-missing"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /created 0, updated 0, unchanged 4, deactivated 1/);
  assert.match(await userList(), /^carol\t.*\tdeactivated\t/m);
  assert.match(await userList(), /^alice\t.*\tactive\t/m);
});

test("a wrong password, a wrong base, no server → exit 1 with a clear message, nothing changed", { ...T, skip }, async () => {
  const before = await userList();
  const wrong = await sync([], { "ldap-bind-password": "not-the-password" });
  assert.equal(wrong.code, 1, `${wrong.stdout}${wrong.stderr}`);
  assert.match(wrong.stderr, /refused the bind as cn=admin,dc=example,dc=com: wrong DN or password/);
  assert.ok(!wrong.stderr.includes("not-the-password"), "the password is never printed");

  const base = await sync([], { "ldap-base": `ou=nowhere,${SUFFIX}` });
  assert.equal(base.code, 1);
  assert.match(base.stderr, /the search base ou=nowhere,dc=example,dc=com does not exist/);

  const down = await sync([], { "ldap-url": "ldap://127.0.0.1:1" });
  assert.equal(down.code, 1);
  assert.match(down.stderr, /cannot connect to the LDAP server at ldap:\/\/127\.0\.0\.1:1/);

  const unset = await runCli(["sync-ldap"], { dataDir });
  assert.equal(unset.code, 1);
  assert.match(unset.stderr, /ldap-url is not set/);
  assert.equal(await userList(), before);
});

test("the password from ldap-bind-password-file", { ...T, skip }, async () => {
  const file = `${dataDir}/ldap-password`;
  await fsp.writeFile(file, `${ROOT_PASSWORD}\n`, { mode: 0o600 });
  const r = await sync([], { "ldap-bind-password": null, "ldap-bind-password-file": file });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /created 0, updated 0, unchanged 4, deactivated 0/);
});
