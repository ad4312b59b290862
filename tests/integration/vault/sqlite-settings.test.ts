// Security rule 6: the one Prisma client the app uses really runs with WAL, synchronous=FULL, a busy timeout and
// foreign keys (read back through db(), i.e. on the connection every query uses), and the data directory and the
// database files are owner-only.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

const env = integrationEnv({ prefix: "kw-pragma-" });
let dir: string;
let dbmod: typeof import("@/lib/db/client");

beforeAll(async () => {
  dir = env.dir;
  dbmod = await import("@/lib/db/client");
});

async function pragma(name: string): Promise<string | number> {
  const prisma = await dbmod.db();
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  const value = Object.values(rows[0])[0];
  return typeof value === "bigint" ? Number(value) : (value as string | number);
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe("SQLite connection settings (rule 6)", () => {
  it("db() runs with WAL, synchronous=FULL, busy_timeout and foreign keys on", async () => {
    expect(String(await pragma("journal_mode")).toLowerCase()).toBe("wal");
    expect(await pragma("synchronous")).toBe(2); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
    expect(await pragma("busy_timeout")).toBeGreaterThanOrEqual(1000);
    expect(await pragma("foreign_keys")).toBe(1);
  });

  it("foreign keys are enforced, not just switched on", async () => {
    const prisma = await dbmod.db();
    // A check row pointing at a key that does not exist must be refused by SQLite itself.
    await expect(prisma.$executeRawUnsafe(`INSERT INTO "Check" ("keyId", "outcome", "code") VALUES ('no-such-key', 'ok', '0')`)).rejects.toThrow(/FOREIGN KEY/);
  });

  it("the data directory is 0700 and the database file 0600 (WAL and SHM too, when present)", async () => {
    await dbmod.db();
    const file = path.join(dir, "keywarden.db");
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    for (const extra of [`${file}-wal`, `${file}-shm`]) if (fs.existsSync(extra)) expect(mode(extra)).toBe(0o600);
  });

  it("an existing, too-open data directory is tightened to 0700", async () => {
    await dbmod.closeDb();
    fs.chmodSync(dir, 0o755);
    await dbmod.db();
    expect(mode(dir)).toBe(0o700);
  });
});
