import { defineConfig } from "vite";

// The client is served by `atrium serve` from web/dist. `npm run dev` serves
// it with hot reload and sends the API to a running server (ATRIUM_URL).
const api = process.env.ATRIUM_URL || "http://127.0.0.1:8080";
const proxied = ["/api", "/auth", "/oauth", "/media", "/avatars"];

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    sourcemap: false,
    target: "es2020",
  },
  server: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, ws: p === "/api" }])),
  },
  test: {
    // Logic tests run in Node; component tests (*.test.tsx) in jsdom through
    // Testing Library.
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environmentMatchGlobs: [["src/**/*.test.tsx", "jsdom"]],
    // i18next-icu imports intl-messageformat's default export, which Node's
    // CommonJS entry does not have: let Vite resolve both as the bundle does.
    server: { deps: { inline: ["i18next-icu", "intl-messageformat"] } },
  },
});
