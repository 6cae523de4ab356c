// Signing in to the web client through the organization's OpenID provider
// (the real `oidc-provider`, its login page in Chromium): the sign-in
// screen shows the provider's button and, with local-sign-in off, no
// password form; the person lands in the web client signed in.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DESKTOP, WEB_ROOT, launch, withScreenshots } from "./lib/harness.mjs";
import { startServer } from "../api/lib/server.mjs";
import { atriumArgs, startOidcProvider } from "../api/lib/oidc.mjs";

let op;
let server;

before(async () => {
  op = await startOidcProvider({ "alice-sub": { email: "alice@example.com", email_verified: true, name: "Alice Example" } });
  server = await startServer({
    users: [{ name: "alice", email: "alice@example.com", role: "member", password: "unused-password-1" }],
    args: ["--web-root", WEB_ROOT, "--local-sign-in", "off", ...atriumArgs(op.issuer, ["--oidc-button", "Sign in with Contoso"])],
  });
  op.configure({ redirectUri: `${server.url}/auth/oidc/callback` });
});

after(async () => {
  await server?.stop();
  await op?.close();
});

test("sign in through the provider's page and land in the web client signed in", { timeout: 60000 }, async () => {
  const browser = await launch();
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url, reducedMotion: "reduce" });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  await withScreenshots("oidc-sign-in", [page], async () => {
    await page.goto("/");
    const button = page.getByRole("link", { name: "Sign in with Contoso" });
    await button.waitFor();
    // local-sign-in off: no password form.
    assert.equal(await page.locator('input[type="password"]').count(), 0);
    await button.click();
    // The provider's own login page.
    await page.waitForURL((url) => url.toString().startsWith(op.issuer));
    await page.locator('input[name="login"]').fill("alice-sub");
    await page.locator('input[name="password"]').fill("anything");
    await page.locator('button[type="submit"]').first().click();
    // Back in the web client, signed in.
    await page.waitForURL((url) => url.toString().startsWith(server.url) && !url.pathname.startsWith("/auth/"));
    await page.getByRole("heading", { name: "Home" }).first().waitFor();
    const session = await page.evaluate(async () => (await fetch("/api/v1/atrium/session")).json());
    assert.equal(session.account.username, "alice");
  });
  await context.close();
});
