// A real SMTP server for the mail tests: lib/smtp_server.py (Debian's
// python3-aiosmtpd) on a loopback port, storing each message it receives
// as JSON in a folder the test reads. The test starts and stops it itself.
import { spawn } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import { freePort } from "./http.mjs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after } from "node:test";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const PYTHON = "/usr/bin/python3"; // Debian's, which has aiosmtpd
const live = new Set();

after(async () => {
  for (const s of [...live]) await s.stop();
});

export { freePort };

/**
 * Starts the SMTP server on `port` (default: a free one), storing messages
 * in `folder` (default: a new temporary one). Resolves to
 * {port, url, folder, messages(), waitFor(pred, timeoutMs), stop()}.
 */
export async function startSmtp({ port, folder } = {}) {
  port = port || (await freePort());
  folder = folder || (await fsp.mkdtemp(path.join(os.tmpdir(), "atrium-smtp-")));
  const proc = spawn(PYTHON, [path.join(__dirname, "smtp_server.py"), String(port), folder], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => proc.on("exit", resolve));
  await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`SMTP server did not start: ${stderr}`)), 15000);
    proc.stdout.on("data", (d) => {
      out += d;
      if (out.includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`SMTP server exited: ${stderr}`));
    });
  });
  const server = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    folder,
    /** Every message received so far, oldest first. */
    messages() {
      return fs
        .readdirSync(folder)
        .filter((f) => f.endsWith(".json") && !f.startsWith("."))
        .sort()
        .map((f) => decorate(JSON.parse(fs.readFileSync(path.join(folder, f), "utf8"))));
    },
    /** The messages to `address`. */
    to(address) {
      return server.messages().filter((m) => m.rcpt_tos.includes(address));
    },
    async stop() {
      if (!live.has(server)) return;
      live.delete(server);
      proc.stdin.end();
      proc.kill("SIGTERM");
      await exited;
    },
  };
  live.add(server);
  return server;
}

// Adds header(name) and text/html accessors to a stored message.
function decorate(m) {
  m.header = (name) => m.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  m.text = m.parts.find((p) => p.type === "text/plain")?.body;
  m.html = m.parts.find((p) => p.type === "text/html")?.body;
  return m;
}
