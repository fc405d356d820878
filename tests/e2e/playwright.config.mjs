// End-to-end tests drive the built release app (dist/) in Debian's headless
// Chromium, served from loopback by scripts/serve-dist.mjs. Each test gets a
// fresh browser context, so a fresh, empty IndexedDB.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.KITH_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  outputDir: "../../target/e2e-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.KITH_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node ../../scripts/serve-dist.mjs --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: "ignore",
  },
  projects: [
    { name: "laptop", use: { viewport: { width: 1280, height: 800 } }, testIgnore: /phone\.spec/ },
    {
      name: "phone",
      use: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
      testMatch: /phone\.spec/,
    },
  ],
});
