#!/usr/bin/env node
// `npm start`: build if the sources are newer than the last build, migrate the database, then serve on
// 127.0.0.1 only. Existing data is kept: migrations only add.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "../db/migrate.mjs";

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

if (needsBuild()) {
  console.log("keywarden: building the dashboard (first start or sources changed)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

migrate();
const port = process.env.PORT ?? "3000";
console.log(`keywarden: open http://127.0.0.1:${port}`);
const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", port], { cwd: root, stdio: "inherit", env: { ...process.env, PORT: port } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
