// Gives a test file its own data directory with a migrated SQLite file: real database, nothing shared.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function useFreshDataDir(prefix = "kw-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.KEYWARDEN_DATA_DIR = dir;
  return dir;
}

export async function migrateFreshDataDir(prefix?: string): Promise<string> {
  const dir = useFreshDataDir(prefix);
  const { migrate } = await import("../../lib/db/migrate.mjs");
  migrate({ quiet: true });
  return dir;
}
