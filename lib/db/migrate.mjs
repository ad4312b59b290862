#!/usr/bin/env node
// Creates the data directory (0700) and applies pending Prisma migrations to the SQLite file (0600).
// Safe to run on every start: `migrate deploy` only applies what is new and never drops data.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseFile, ensureDataDir } from "./paths.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * @param {{ quiet?: boolean, migrationsDir?: string }} [opts] migrationsDir: apply the migrations in another folder
 *   instead of prisma/migrations (the upgrade test uses a copy with one more migration). Default: prisma/migrations.
 */
export function migrate({ quiet = false, migrationsDir } = {}) {
  const dir = ensureDataDir();
  const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");
  // prisma.config.ts reads KEYWARDEN_MIGRATIONS_DIR; only this option sets it, never the caller's environment.
  // Prisma needs no secret: the master passphrase and the session password stay in this process.
  const { KEYWARDEN_MIGRATIONS_DIR: _ignored, KEYWARDEN_PASSPHRASE: _pass, KEYWARDEN_SESSION_PASSWORD: _session, ...env } = process.env;
  if (migrationsDir) env.KEYWARDEN_MIGRATIONS_DIR = path.resolve(migrationsDir);
  const r = spawnSync(process.execPath, [prismaBin, "migrate", "deploy"], {
    cwd: root,
    // Absolute, because Prisma runs from the repository root while a relative KEYWARDEN_DATA_DIR means the caller's cwd.
    env: { ...env, KEYWARDEN_DATA_DIR: dir, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error("database migration failed");
  }
  for (const f of [databaseFile(), `${databaseFile()}-wal`, `${databaseFile()}-shm`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
  if (!quiet) console.log(`keywarden: database ready in ${dir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    migrate();
  } catch (err) {
    console.error(`keywarden: ${err.message}`);
    process.exit(1);
  }
}
