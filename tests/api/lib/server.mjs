// Helpers that run the real `atrium` binary for black-box tests:
// a fresh data directory per server, accounts created with the CLI first,
// then `atrium serve` on an ephemeral loopback port.
//
// With ATRIUM_TEST_DATABASE_URL_BASE set (postgres://user@host:port, as
// scripts/test-services.sh sets it), every data directory also gets a fresh
// PostgreSQL database of its own, and every server and CLI run on that data
// directory is given it with --database: the whole suite runs on PostgreSQL.
// With ATRIUM_TEST_REDIS_URL set as well, every server also runs in cluster
// mode on that Redis (--redis), with its database's name as its key prefix:
// the whole suite runs on PostgreSQL and Redis.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after } from "node:test";

const __dirname = path.dirname(fileURLToPath(import.meta.url));

export const ATRIUM_BIN =
  process.env.ATRIUM_BIN || path.resolve(__dirname, "../../../build/atrium");

const LISTEN_RE = /listening on (http:\/\/\S+)/;
const STARTUP_TIMEOUT_MS = 15000;
const STOP_TIMEOUT_MS = 15000;
const CLI_TIMEOUT_MS = 15000;

const liveServers = new Set();
const tempDirs = new Set();

const DATABASE_URL_BASE = (process.env.ATRIUM_TEST_DATABASE_URL_BASE || "").replace(/\/+$/, "");
/** True when the suite runs on PostgreSQL rather than SQLite files. */
export const usingPostgres = DATABASE_URL_BASE !== "";
const databases = new Map(); // data dir -> Promise of its database's name
let databaseCount = 0;

/** Runs `sql` as the test PostgreSQL's superuser (only when usingPostgres). */
export function postgresAdmin(sql) {
  return psql(sql);
}

function psql(sql) {
  return new Promise((resolve, reject) => {
    execFile("psql", ["-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", `${DATABASE_URL_BASE}/postgres`, "-c", sql], (err, _stdout, stderr) =>
      err ? reject(new Error(`psql ${sql}: ${stderr || err.message}`)) : resolve(),
    );
  });
}

/**
 * The database URL of the data directory `dataDir` when the suite runs on
 * PostgreSQL (a fresh database, created the first time), else null.
 */
export async function databaseFor(dataDir) {
  if (!usingPostgres || !dataDir) return null;
  let name = databases.get(dataDir);
  if (!name) {
    const created = `atrium_api_${process.pid}_${++databaseCount}`;
    name = psql(`CREATE DATABASE ${created}`).then(() => created);
    databases.set(dataDir, name);
  }
  return `${DATABASE_URL_BASE}/${await name}`;
}

/**
 * Runs `sql` on the database of the data directory `dataDir` directly
 * (sqlite3 or psql), for tests that change what no route may change; stop
 * the server first.
 */
export function runSql(dataDir, sql) {
  return new Promise(async (resolve, reject) => {
    const [cmd, args] = usingPostgres
      ? ["psql", ["-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", await databaseFor(dataDir), "-c", sql]]
      : ["sqlite3", [path.join(dataDir, "atrium.db"), sql]];
    execFile(cmd, args, (e, _out, stderr) => (e ? reject(new Error(`${cmd}: ${stderr || e.message}`)) : resolve()));
  });
}

const REDIS_URL = process.env.ATRIUM_TEST_REDIS_URL || "";
/** True when servers run in cluster mode on Redis (only with PostgreSQL). */
export const usingRedis = usingPostgres && REDIS_URL !== "";
/** The Redis URL of the test services, or "". */
export const redisUrl = REDIS_URL;

// The --database argument for `dataDir`, if any.
export async function databaseArgs(dataDir) {
  const url = await databaseFor(dataDir);
  return url ? ["--database", url] : [];
}

// The serve arguments for `dataDir`: --database and, in cluster mode, --redis.
async function serveStoreArgs(dataDir, withRedis) {
  const url = await databaseFor(dataDir);
  if (!url) return [];
  const args = ["--database", url];
  if (usingRedis && withRedis) args.push("--redis", REDIS_URL, "--redis-prefix", new URL(url).pathname.slice(1));
  return args;
}

export function assertBinary() {
  if (!fs.existsSync(ATRIUM_BIN)) {
    throw new Error(`atrium binary not found at ${ATRIUM_BIN} (set ATRIUM_BIN)`);
  }
}

export async function makeDataDir() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "atrium-api-test-"));
  tempDirs.add(dir);
  return dir;
}

/**
 * Runs the atrium CLI. `--data DIR` (and on PostgreSQL `--database URL`) is
 * appended when dataDir is given.
 * Resolves to {code, signal, stdout, stderr}; never rejects on a non-zero exit.
 */
export async function runCli(args, { dataDir, stdin, env, timeoutMs = CLI_TIMEOUT_MS } = {}) {
  assertBinary();
  const fullArgs = dataDir ? [...args, "--data", dataDir, ...(await databaseArgs(dataDir))] : [...args];
  return new Promise((resolve, reject) => {
    const child = spawn(ATRIUM_BIN, fullArgs, {
      env: { ...process.env, ...(env || {}) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`atrium ${fullArgs.join(" ")} timed out; stderr: ${stderr}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on("error", () => {}); // the CLI may exit without reading stdin
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

/**
 * `atrium user add NAME --email E --role R --password-stdin --data DIR`
 * with the password on stdin. Resolves to the CLI result (code 0 on success).
 */
export function createUser(dataDir, name, { email, role = "member", password } = {}) {
  const args = ["user", "add", name];
  if (email !== undefined) args.push("--email", email);
  if (role !== undefined) args.push("--role", role);
  args.push("--password-stdin");
  return runCli(args, { dataDir, stdin: password !== undefined ? password + "\n" : "" });
}

/**
 * Starts `atrium serve`. Options:
 *   args:    extra CLI arguments for `serve`
 *   env:     extra environment variables
 *   users:   [{name, email, role, password}] created with the CLI before serving
 *   dataDir: reuse an existing data directory
 *   listen:  listen address (default 127.0.0.1:0)
 *   redis:   false: not the test services' Redis (the test names its own)
 *   embedded: true: on the data directory's SQLite file even when the suite
 *            runs on PostgreSQL
 * Resolves to {url, port, proc, dataDir, stop(signal), cli(args, stdin), output()}.
 */
export async function startServer({ args = [], env = {}, users = [], dataDir, listen = "127.0.0.1:0", redis = true, embedded = false } = {}) {
  assertBinary();
  dataDir = dataDir || (await makeDataDir());
  for (const u of users) {
    const r = await createUser(dataDir, u.name, u);
    if (r.code !== 0) {
      throw new Error(`creating user ${u.name} failed (exit ${r.code}): ${r.stderr}${r.stdout}`);
    }
  }
  const database = embedded ? [] : await serveStoreArgs(dataDir, redis);
  const proc = spawn(ATRIUM_BIN, ["serve", "--data", dataDir, ...database, "--listen", listen, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let exitInfo = null;
  const exited = new Promise((resolve) => {
    proc.on("exit", (code, signal) => {
      exitInfo = { code, signal };
      liveServers.delete(server);
      resolve(exitInfo);
    });
  });
  const server = { proc, dataDir };
  liveServers.add(server);
  proc.stderr.on("data", (d) => (stderr += d));

  const url = await new Promise((resolve, reject) => {
    let done = false;
    const finish = (err, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      err ? reject(err) : resolve(value);
    };
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      finish(new Error(`server did not print "listening on" within ${STARTUP_TIMEOUT_MS} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, STARTUP_TIMEOUT_MS);
    proc.stdout.on("data", (d) => {
      stdout += d;
      const m = LISTEN_RE.exec(stdout);
      if (m) finish(null, m[1].replace(/\/+$/, ""));
    });
    proc.on("error", (e) => finish(e));
    exited.then((info) =>
      finish(new Error(`server exited before listening (code ${info.code}, signal ${info.signal}); stdout: ${stdout}; stderr: ${stderr}`)),
    );
  });
  const port = Number(new URL(url).port);

  Object.assign(server, {
    url,
    port,
    exited,
    output: () => ({ stdout, stderr }),
    exitInfo: () => exitInfo,
    /** Sends `signal` and waits for exit; resolves to {code, signal}. */
    async stop(signal = "SIGTERM", timeoutMs = STOP_TIMEOUT_MS) {
      if (exitInfo) return exitInfo;
      proc.kill(signal);
      const timeout = new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs));
      const info = await Promise.race([exited, timeout]);
      if (info) return info;
      proc.kill("SIGKILL");
      await exited;
      throw new Error(`server did not exit within ${timeoutMs} ms of ${signal}`);
    },
    /** Runs the CLI against this server's data directory. */
    cli(cliArgs, stdin) {
      return runCli(cliArgs, { dataDir, stdin });
    },
  });
  return server;
}

/** Kills every server still running and removes the temp data dirs. */
export async function stopAll() {
  const waits = [];
  for (const s of liveServers) {
    if (s.proc.exitCode === null && s.proc.signalCode === null) {
      s.proc.kill("SIGKILL");
      waits.push(new Promise((r) => s.proc.once("exit", r)));
    }
  }
  await Promise.all(waits);
  liveServers.clear();
  for (const d of tempDirs) {
    await fsp.rm(d, { recursive: true, force: true }).catch(() => {});
  }
  tempDirs.clear();
  for (const name of databases.values()) {
    await name.then((n) => psql(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`)).catch(() => {});
  }
  databases.clear();
}

after(stopAll);
process.on("exit", () => {
  for (const s of liveServers) {
    try {
      s.proc.kill("SIGKILL");
    } catch {}
  }
});
