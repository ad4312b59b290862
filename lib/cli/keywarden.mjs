#!/usr/bin/env node
// `keywarden …`: re-runs lib/cli/main.ts under tsx with the react-server condition (which makes the lib's
// `import "server-only"` a no-op), so the CLI uses the very same lib/ code as the dashboard.
// tsx and tsconfig are resolved from this package, not the caller's cwd, so `npx keywarden` works anywhere;
// the data directory stays cwd-relative (KEYWARDEN_DATA_DIR, default ./data), exactly like the web app.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(path.join(root, "package.json"));
const tsxLoader = pathToFileURL(require.resolve("tsx")).href;

const child = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", tsxLoader, path.join(root, "lib", "cli", "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);

// The terminal sends Ctrl-C to the whole process group; a `kill <pid>` aimed at us is passed on.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));

child.on("error", (err) => {
  process.stderr.write(`keywarden: cannot start (${err.code ?? err.name})\n`);
  process.exit(2);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 1) : 1));
});
