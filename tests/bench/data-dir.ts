// Each benchmark gets its own migrated temp data directory. The Prisma client and the keyring are process-wide
// singletons bound to KEYWARDEN_DATA_DIR on first use, so switching directories closes the client and locks the
// vault first: nothing measured in one directory can leak into the next.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Never printed; a throwaway vault in a temp directory. Long enough to pass the strength check.
export const BENCH_PASSPHRASE = "bench-harbor-violet-quartz-93";

const created: string[] = [];

export async function useFreshDataDir(prefix: string): Promise<string> {
  const { closeDb } = await import("@/lib/db/client");
  const { lockVault } = await import("@/lib/vault/vault");
  await lockVault("system", "bench");
  await closeDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  process.env.KEYWARDEN_DATA_DIR = dir;
  const { migrate } = await import("@/lib/db/migrate.mjs");
  migrate({ quiet: true });
  return dir;
}

/** Locks the vault and closes the database so another process (a server) can own the directory. */
export async function releaseDataDir(): Promise<void> {
  const { closeDb } = await import("@/lib/db/client");
  const { lockVault } = await import("@/lib/vault/vault");
  await lockVault("system", "bench");
  await closeDb();
}

export function removeDataDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
