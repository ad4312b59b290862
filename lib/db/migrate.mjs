#!/usr/bin/env node
// Creates the data directory (0700) and applies pending Prisma migrations to the SQLite file (0600).
// Safe to run on every start: `migrate deploy` only applies what is new and never drops data.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { ensureDataDir } from "./paths.mjs";
import { damageMessage, inspectDatabaseFile } from "./database-health.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * True when `file` exists and has finished every migration in `dir`. Read-only look at _prisma_migrations: a
 * second process (the CLI, `npm run migrate`, a second server) must not run Prisma's migrate beside a running
 * server when there is nothing to do — Prisma's engine fails on the held lock instead of waiting for it.
 */
export function isCurrent(file, dir = path.join(root, "prisma", "migrations")) {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  let sqlite;
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: 5000 });
    const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const applied = new Set(
      sqlite
        .prepare("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
        .all()
        .map((r) => r.name),
    );
    const pending = sqlite.prepare("SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL").get().n;
    const known = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")));
    return pending === 0 && known.every((e) => applied.has(e.name));
  } catch {
    // Locked, damaged or odd: let Prisma look at it and report.
    return false;
  } finally {
    sqlite?.close();
  }
}

/**
 * @param {{ quiet?: boolean, migrationsDir?: string, dataDir?: string }} [opts] migrationsDir: apply the migrations in
 *   another folder instead of prisma/migrations (the upgrade test uses a copy with one more migration).
 *   dataDir: migrate the keywarden.db in that folder instead of the data directory's (restore migrates its
 *   candidate there before swapping it in).
 */
export function migrate({ quiet = false, migrationsDir, dataDir: targetDir } = {}) {
  const dir = targetDir ? path.resolve(targetDir) : ensureDataDir();
  const file = path.join(dir, "keywarden.db");
  // Prisma would "migrate" an empty file into a new, empty vault and fail on a damaged one with a backtrace.
  const damage = inspectDatabaseFile(file);
  if (damage) {
    const err = new Error(damageMessage(damage));
    err.code = "database-damaged";
    err.damage = damage;
    throw err;
  }
  if (isCurrent(file, migrationsDir ? path.resolve(migrationsDir) : undefined)) {
    if (!quiet) console.log(`keywarden: database ready in ${dir}`);
    return;
  }
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
    if (!quiet || !targetDir) process.stderr.write(r.stdout + r.stderr);
    const err = new Error("database migration failed");
    err.output = r.stdout + r.stderr;
    throw err;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
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
