// Where Keywarden keeps its data. Plain ESM (no "server-only") because the Prisma config, the start
// script and the CLI read it before anything is compiled.
import path from "node:path";
import fs from "node:fs";

export function dataDir() {
  return path.resolve(/*turbopackIgnore: true*/ process.env.KEYWARDEN_DATA_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), "data"));
}

export function databaseFile() {
  return path.join(dataDir(), "keywarden.db");
}

export function databaseUrl() {
  return `file:${databaseFile()}`;
}

/** Creates the data directory with owner-only access and tightens it if it already existed. */
export function ensureDataDir() {
  const dir = dataDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  return dir;
}
