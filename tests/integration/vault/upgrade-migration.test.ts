// "After an upgrade with a new migration, must keep existing data": a database populated under the migrations
// this build ships is upgraded by the project's own runner (lib/db/migrate.mjs) with one more, additive migration
// (a new nullable column and a new table), as the next release would ship it. The migrations are copied to a temp
// folder at test time, so the real prisma/migrations is never touched and a migration added there later is included.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDataDir } from "../../support/data-dir";

const MASTER = "copper-violin-tundra-57";
const REPO_MIGRATIONS = path.resolve(import.meta.dirname, "..", "..", "..", "prisma", "migrations");
// Sorts after any real migration folder (they are named by date).
const UPGRADE = "29991231000000_upgrade_probe";
const SECRETS = [
  { label: "grid bot", apiKey: "c0ffee00-1111-4222-8333-444455556666", secretKey: "0123456789ABCDEF0123456789ABCDEF", passphrase: "Grid-bot-pass-1" },
  { label: "tax export", apiKey: "c0ffee00-7777-4888-9999-aaaabbbbcccc", secretKey: "FEDCBA9876543210FEDCBA9876543210", passphrase: "Tax-tool-pass-2" },
];

const temp: string[] = [];
afterAll(() => {
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
});

describe("upgrade with a new migration", () => {
  it("keeps keys and secrets, records the new migration, and adds its column and table", async () => {
    // One snapshot of the shipped migrations serves both "releases", so the test never reads prisma/migrations twice.
    const migrations = fs.mkdtempSync(path.join(os.tmpdir(), "kw-migrations-"));
    fs.cpSync(REPO_MIGRATIONS, migrations, { recursive: true });
    const dataDir = useFreshDataDir("kw-upgrade-");
    temp.push(dataDir, migrations);
    const shipped = fs
      .readdirSync(migrations)
      .filter((f) => /^\d/.test(f))
      .sort();
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.at(-1)! < UPGRADE).toBe(true);

    const dbmod = await import("@/lib/db/client");
    const vault = await import("@/lib/vault/vault");
    const keys = await import("@/lib/keys/key-store");
    const creds = await import("@/lib/keys/credentials");
    const keyring = await import("@/lib/vault/keyring");
    const { migrate } = await import("@/lib/db/migrate.mjs");

    // Before the upgrade: the current release's schema, a vault with two keys.
    migrate({ quiet: true, migrationsDir: migrations });
    await vault.createVault(MASTER);
    for (const s of SECRETS) {
      await keys.addKey({ region: "global", demo: false, purpose: "read", usedBy: "", createdOn: "2026-01-01", notes: "", ...s });
    }
    const before = (await keys.listKeys()).map((k) => ({ id: k.id, label: k.label, fingerprint: k.fingerprint }));
    await dbmod.closeDb();

    // The "next release": the same migrations plus an additive one.
    fs.mkdirSync(path.join(migrations, UPGRADE));
    fs.writeFileSync(
      path.join(migrations, UPGRADE, "migration.sql"),
      [
        `ALTER TABLE "ApiKey" ADD COLUMN "upgradeProbe" TEXT;`,
        `CREATE TABLE "UpgradeProbe" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "note" TEXT NOT NULL DEFAULT '');`,
        "",
      ].join("\n"),
    );

    // Upgrade and "restart": the runner applies the new migration, the new process starts locked.
    migrate({ quiet: true, migrationsDir: migrations });
    keyring.wipe();
    expect((await vault.vaultStatus()).unlocked).toBe(false);
    await vault.unlockVault(MASTER);

    const after = (await keys.listKeys()).map((k) => ({ id: k.id, label: k.label, fingerprint: k.fingerprint }));
    expect(after).toEqual(before);
    for (const s of SECRETS) {
      const id = before.find((k) => k.label === s.label)!.id;
      expect(await creds.loadKeyCredentials(id)).toMatchObject({ apiKey: s.apiKey, secretKey: s.secretKey, passphrase: s.passphrase });
    }

    const prisma = await dbmod.db();
    const applied = await prisma.$queryRawUnsafe<{ name: string }[]>(
      "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    expect(applied.map((r) => r.name)).toEqual([...shipped, UPGRADE]);
    const columns = await prisma.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("ApiKey")`);
    expect(columns.map((c) => c.name)).toContain("upgradeProbe");
    const table = await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'UpgradeProbe'`);
    expect(table).toHaveLength(1);
    // The file keeps its owner-only mode after the upgrade.
    expect(fs.statSync(path.join(dataDir, "keywarden.db")).mode & 0o777).toBe(0o600);
    await dbmod.closeDb();

    // Running the upgraded release again is a no-op that still keeps everything.
    migrate({ quiet: true, migrationsDir: migrations });
    expect((await keys.listKeys()).map((k) => k.label).sort()).toEqual(SECRETS.map((s) => s.label).sort());
    await dbmod.closeDb();
  });
});
