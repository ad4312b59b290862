#!/usr/bin/env node
// `npm start`: build if the sources are newer than the last build, migrate the database, then serve on
// 127.0.0.1 only. Existing data is kept: migrations only add.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "../db/migrate.mjs";
import { dataDir, ensureDataDir } from "../db/paths.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules") continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "prisma", "proxy.ts", "next.config.js", "package.json"].map((p) => {
    const full = path.join(root, p);
    return fs.existsSync(full) && fs.statSync(full).isDirectory() ? newestMtime(full) : fs.existsSync(full) ? fs.statSync(full).mtimeMs : 0;
  });
  return Math.max(...sources) > built;
}

function fail(message) {
  console.error(`keywarden: ${message}`);
  process.exit(1);
}

// One server per data directory: two would each keep their own unlocked keyring, idle timer and OKX pacing
// over one file. The pid file names the running one; a pid that no longer runs is a leftover and is replaced.
function claimDataDir(dir) {
  const pidFile = path.join(dir, "server.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(pidFile, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      return pidFile;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const other = Number(fs.readFileSync(pidFile, "utf8").trim());
      let alive = false;
      try {
        alive = Number.isInteger(other) && other > 0 && other !== process.pid && (process.kill(other, 0), true);
      } catch (err) {
        alive = err.code === "EPERM";
      }
      // A reused pid belongs to some other program: where /proc tells, only a Keywarden start counts.
      if (alive && fs.existsSync(`/proc/${other}/cmdline`)) {
        alive = fs.readFileSync(`/proc/${other}/cmdline`, "utf8").includes("start.mjs");
      }
      if (alive) fail(`another Keywarden server (pid ${other}) is already running on ${dir}. Stop it first, or set KEYWARDEN_DATA_DIR to another folder.`);
      fs.rmSync(pidFile, { force: true });
    }
  }
  fail(`cannot claim ${dir} (server.pid keeps reappearing).`);
}

let pidFile;
try {
  // Before the build: a second server or a read-only directory is refused at once, not after minutes of building.
  pidFile = claimDataDir(ensureDataDir());
  if (needsBuild()) {
    console.log("keywarden: building the dashboard (first start or sources changed)…");
    const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) {
      fs.rmSync(pidFile, { force: true });
      process.exit(r.status ?? 1);
    }
  }
  try {
    migrate();
  } catch (e) {
    if (e.code !== "database-damaged") throw e;
    // Served anyway: every page then explains the same thing, instead of the browser finding no server at all.
    console.error(`keywarden: ${e.message}`);
  }
} catch (e) {
  if (e.code === "EROFS" || e.code === "EACCES" || e.code === "EPERM") {
    fail(`the data directory ${dataDir()} is read-only (${e.code}). Make it writable, or set KEYWARDEN_DATA_DIR to a writable folder.`);
  }
  if (pidFile) fs.rmSync(pidFile, { force: true });
  fail(e.message);
}
const release = () => {
  try {
    if (pidFile && fs.readFileSync(pidFile, "utf8").trim() === String(process.pid)) fs.rmSync(pidFile, { force: true });
  } catch {
    // Already gone.
  }
};
const port = process.env.PORT ?? "3000";
console.log(`keywarden: open http://127.0.0.1:${port}`);
const guard = path.join(root, "lib", "server", "request-target-guard.cjs");
const child = spawn(process.execPath, ["--require", guard, nextBin, "start", "-H", "127.0.0.1", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: port },
});
// Next waits for open requests before it exits; one stuck on a dead disk must not keep the server up for good.
const GRACE_MS = 10_000;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    child.kill(sig);
    setTimeout(() => child.kill("SIGKILL"), GRACE_MS).unref();
  });
}
child.on("exit", (code) => {
  release();
  process.exit(code ?? 0);
});
