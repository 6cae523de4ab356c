// A throwaway OpenLDAP slapd for the LDAP tests: its own slapd.conf (mdb,
// dc=example,dc=com, the core, cosine and inetorgperson schemas) in a temp
// dir, on a free loopback port, as the current user, in the foreground
// (-d 0) so that stop() can end it. ldap-utils (ldapadd, ldapmodify,
// ldapdelete) change its entries.
import { spawn, execFile } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import { freePort } from "./http.mjs";
import os from "node:os";
import path from "node:path";

export const SLAPD_BIN = "/usr/sbin/slapd";
export const SUFFIX = "dc=example,dc=com";
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const ROOT_PASSWORD = "slapd-test-secret";

const START_TIMEOUT_MS = 15000;

export const slapdAvailable = () => fs.existsSync(SLAPD_BIN);

/** Runs a program; resolves to {code, stdout, stderr}, never rejects on a non-zero exit. */
export function run(cmd, args, stdin) {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 15000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
    child.stdin.end(stdin ?? "");
  });
}

/**
 * Starts slapd. Resolves to {url, dir, ldif(cmd, text), stop()}: ldif runs
 * ldapadd, ldapmodify or ldapdelete as the root DN with `text` on stdin and
 * throws if it fails. `global`: more lines for slapd.conf's global section
 * (e.g. "allow bind_anon_dn").
 */
export async function startSlapd({ global = [] } = {}) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "atrium-slapd-"));
  await fsp.mkdir(path.join(dir, "data"));
  const conf = path.join(dir, "slapd.conf");
  await fsp.writeFile(
    conf,
    [
      "include /etc/ldap/schema/core.schema",
      "include /etc/ldap/schema/cosine.schema",
      "include /etc/ldap/schema/inetorgperson.schema",
      ...global,
      `pidfile ${path.join(dir, "slapd.pid")}`,
      `argsfile ${path.join(dir, "slapd.args")}`,
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      "database mdb",
      "maxsize 104857600",
      `suffix "${SUFFIX}"`,
      `rootdn "${ROOT_DN}"`,
      `rootpw ${ROOT_PASSWORD}`,
      `directory ${path.join(dir, "data")}`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const proc = spawn(SLAPD_BIN, ["-h", `${url}/`, "-f", conf, "-d", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  let exited = false;
  const exit = new Promise((resolve) => proc.on("exit", () => ((exited = true), resolve())));

  const stop = async () => {
    if (!exited) {
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
      await exit;
      clearTimeout(timer);
    }
    await fsp.rm(dir, { recursive: true, force: true }).catch(() => {});
  };

  // Ready when an anonymous search of the root DSE answers.
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`slapd exited at start: ${output}`);
    }
    const probe = await run("ldapsearch", ["-x", "-H", url, "-b", "", "-s", "base", "-LLL", "(objectClass=*)"]);
    if (probe.code === 0) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`slapd did not answer within ${START_TIMEOUT_MS} ms: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const ldif = async (cmd, text) => {
    const r = await run(cmd, ["-x", "-H", url, "-D", ROOT_DN, "-w", ROOT_PASSWORD], text);
    if (r.code !== 0) throw new Error(`${cmd} failed (exit ${r.code}): ${r.stderr}${r.stdout}`);
    return r;
  };
  return { url, dir, ldif, stop, output: () => output };
}
