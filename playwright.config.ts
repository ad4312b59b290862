import { defineConfig } from "@playwright/test";
import { E2E_APP_PORT as PORT, E2E_DATA_DIR, E2E_SERVER_LOG } from "./tests/e2e/ports";
import { CHROMIUM_ARGS } from "./tests/support/chromium-args";

// One real server (built app, fresh data directory, loopback only) shared by the e2e files, which run in order:
// they walk one vault through its life. Chromium is Debian's, not Playwright's download (no internet here).
export { E2E_DATA_DIR, E2E_SERVER_LOG };

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
    trace: "off",
  },
  globalSetup: "./tests/e2e/global-setup.ts",
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && mkdir -p ${E2E_DATA_DIR} && node --conditions=react-server --import tsx tests/e2e/serve.ts > ${E2E_SERVER_LOG} 2>&1`,
    url: `http://127.0.0.1:${PORT}/unlock`,
    reuseExistingServer: false,
    timeout: 240_000,
    env: { PORT: String(PORT), KEYWARDEN_DATA_DIR: E2E_DATA_DIR },
  },
});
