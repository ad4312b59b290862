import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { oneConnectionAdapter } from "./one-connection-adapter";
import { databaseUrl, ensureDataDir } from "./paths.mjs";

// One Prisma client per process (kept on globalThis so Next's dev reloads do not open a second handle).
const globalForDb = globalThis as unknown as { keywardenDb?: Promise<PrismaClient> };

async function connect(): Promise<PrismaClient> {
  ensureDataDir();
  const adapter = oneConnectionAdapter({ url: databaseUrl(), timeout: 5000 });
  const client = new PrismaClient({ adapter });
  // The adapter holds a single better-sqlite3 connection, so these pragmas hold for every query.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await client.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

/** The process-wide Prisma client, connected with Keywarden's SQLite pragmas. */
export function db(): Promise<PrismaClient> {
  globalForDb.keywardenDb ??= connect();
  return globalForDb.keywardenDb;
}

/** Closes the client (tests and the CLI call this before exiting). */
export async function closeDb(): Promise<void> {
  const pending = globalForDb.keywardenDb;
  globalForDb.keywardenDb = undefined;
  if (pending) await (await pending).$disconnect();
}
