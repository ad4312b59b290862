import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { oneConnectionAdapter } from "./one-connection-adapter";
import { databaseFile, databaseUrl, ensureDataDir } from "./paths.mjs";
import { inspectDatabaseFile } from "./database-health.mjs";
import { DatabaseDamagedError } from "@/lib/errors/app-error";
import { removeLeftovers } from "./leftovers";

// One Prisma client per process (kept on globalThis so Next's dev reloads do not open a second handle).
const globalForDb = globalThis as unknown as { keywardenDb?: Promise<PrismaClient>; keywardenSwept?: boolean };

async function connect(): Promise<PrismaClient> {
  const dir = ensureDataDir();
  // Every process that opens the database (server, CLI) passes here first: the one place to clear what a killed
  // backup or restore left behind. Once per process; its own work files are never touched (their pid is alive).
  if (!globalForDb.keywardenSwept) {
    globalForDb.keywardenSwept = true;
    removeLeftovers(dir);
  }
  // A damaged or empty file is refused here, before any query could take it for a missing vault.
  const damage = inspectDatabaseFile(databaseFile());
  if (damage) throw new DatabaseDamagedError(damage);
  const adapter = oneConnectionAdapter({ url: databaseUrl(), timeout: 5000 });
  const client = new PrismaClient({ adapter });
  // The adapter holds a single better-sqlite3 connection, so these pragmas hold for every query.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await client.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  // Deleted or overwritten content (a destroyed secret's ciphertext) is zeroed in the file instead of left in a
  // free page, where anyone holding the file and the master passphrase could still read it.
  await client.$executeRawUnsafe("PRAGMA secure_delete = ON");
  return client;
}

/** The process-wide Prisma client, connected with Keywarden's SQLite pragmas. */
export function db(): Promise<PrismaClient> {
  if (!globalForDb.keywardenDb) {
    const connecting = connect();
    globalForDb.keywardenDb = connecting;
    // A refusal is not kept: the next call looks at the file again (restored by then, perhaps).
    connecting.catch(() => {
      if (globalForDb.keywardenDb === connecting) globalForDb.keywardenDb = undefined;
    });
  }
  return globalForDb.keywardenDb;
}

/**
 * After secrets were destroyed: copy the WAL (which still holds the pages as they were before) into the main
 * file and empty it, so the zeroed pages are all that is left on disk. Best effort: a busy reader only delays it
 * to the next checkpoint, and it never fails the action that called it.
 */
export async function eraseOldPages(): Promise<void> {
  try {
    await (await db()).$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch {
    // SQLite checkpoints on its own later.
  }
}

/**
 * What is wrong with the database file when db() refuses it as damaged, else null (other failures are left to
 * the query that meets them, as before).
 */
export async function databaseDamage(): Promise<DatabaseDamagedError["damage"] | null> {
  try {
    await db();
    return null;
  } catch (e) {
    return e instanceof DatabaseDamagedError ? e.damage : null;
  }
}

/** Closes the client (tests and the CLI call this before exiting). */
export async function closeDb(): Promise<void> {
  const pending = globalForDb.keywardenDb;
  globalForDb.keywardenDb = undefined;
  if (pending) await (await pending).$disconnect();
}
