// The browser tests' harness: the real server (through the API tests'
// helpers: a fresh data folder, people made with the CLI) serving the built
// web client, and Debian's Chromium driven headless by playwright-core.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { after } from "node:test";
import { chromium } from "playwright-core";
import { startServer } from "../../api/lib/server.mjs";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const WEB_ROOT = process.env.ATRIUM_WEB_ROOT || path.resolve(__dirname, "../../../web/dist");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const OUTPUT = path.resolve(__dirname, "../output");
export const PASSWORD = "correct horse battery";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

let browser = null;

/** One Chromium for the whole file. */
export async function launch() {
  if (!fs.existsSync(path.join(WEB_ROOT, "index.html")))
    throw new Error(`the web client is not built at ${WEB_ROOT} (run make web)`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (make test-deps installs it)`);
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
  return browser;
}

after(async () => {
  await browser?.close();
  browser = null;
});

/** `atrium serve` with the web client and these people (username: role); `args`: more settings. */
export async function serve(people = {}, { demo = false, args: extra = [] } = {}) {
  const users = Object.entries(people).map(([name, role]) => ({
    name,
    email: `${name}@example.com`,
    role,
    password: PASSWORD,
  }));
  const args = ["--web-root", WEB_ROOT];
  if (demo) args.push("--demo");
  return startServer({ users, args: [...args, ...extra] });
}

/**
 * A browser context (a person's own cookies) at a viewport size, signed in
 * through the API; `colorScheme` is the system's light or dark preference.
 */
export async function personAt(server, login, { viewport = DESKTOP, password = PASSWORD, colorScheme = "light" } = {}) {
  const b = await launch();
  const context = await b.newContext({ viewport, baseURL: server.url, reducedMotion: "reduce", colorScheme });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${login}] page error: ${e.message}`));
  let csrf = "";
  if (login) {
    const res = await context.request.post("/auth/sign_in", { data: { login, password } });
    if (!res.ok()) throw new Error(`sign-in of ${login} failed: ${res.status()} ${await res.text()}`);
    csrf = (await res.json()).csrf_token;
  }
  /** A JSON API call as this person (cookie and CSRF token). */
  async function call(method, url, data) {
    const res = await context.request.fetch(url, {
      method,
      data,
      headers: { "X-CSRF-Token": csrf, Accept: "application/json" },
    });
    const text = await res.text();
    if (!res.ok()) throw new Error(`${method} ${url} → ${res.status()} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  return { context, page, call };
}

/** Saves a screenshot under tests/browser/output/. */
export async function screenshot(page, name) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: false });
}

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core in the page; answers the serious and critical violations. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP does not apply.
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " — " + n.failureSummary),
    }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** A readable list of violations for an assertion message. */
export function describeViolations(list) {
  return list.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join("\n    ")}`).join("\n");
}

/** Runs `fn`; on failure saves a screenshot of each page (output/failure-NAME-i.png) and rethrows. */
export async function withScreenshots(name, pages, fn) {
  try {
    return await fn();
  } catch (e) {
    for (const [i, page] of pages.entries()) await screenshot(page, `failure-${name}-${i}`).catch(() => {});
    throw e;
  }
}
