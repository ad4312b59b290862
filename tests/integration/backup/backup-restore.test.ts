// lib/backup in-process against a real SQLite file: VACUUM INTO captures data still in the WAL, odd paths
// are quoted safely, refusals change nothing, and restore swaps the file, keeps the old one and locks.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

const MASTER = "saffron-glacier-tunnel-64";
const CANARY = { apiKey: "feedface-1111-4222-8333-444455556666", secretKey: "B0BACAFE0123456789ABCDEF0B0BA0B0", passphrase: "Backup-Canary-Pass-9" };

const env = integrationEnv({ prefix: "kw-backup-", vault: MASTER });
let dir: string;
let vault: typeof import("@/lib/vault/vault");
let keys: typeof import("@/lib/keys/key-store");
let backup: typeof import("@/lib/backup");
let dbmod: typeof import("@/lib/db/client");

const key = (label: string, apiKey: string) => ({
  label, region: "global", demo: false, purpose: "read", usedBy: "", createdOn: "2026-01-10", notes: "",
  apiKey, secretKey: CANARY.secretKey, passphrase: CANARY.passphrase,
});

beforeAll(async () => {
  dir = env.dir;
  dbmod = await import("@/lib/db/client");
  vault = await import("@/lib/vault/vault");
  keys = await import("@/lib/keys/key-store");
  backup = await import("@/lib/backup");
  await keys.addKey(key("first", CANARY.apiKey));
});

describe("backupTo", () => {
  it("includes writes still sitting in the WAL, is 0600, and keeps secrets sealed", async () => {
    await keys.addKey(key("just added", "feedface-2222-4222-8333-444455556666"));
    const wal = path.join(dir, "keywarden.db-wal");
    expect(fs.existsSync(wal) && fs.statSync(wal).size > 0).toBe(true);
    const file = path.join(dir, "..", `${path.basename(dir)}-b1.db`);
    const r = await backup.backupTo(file);
    try {
      expect(r).toMatchObject({ keys: 2, file: path.resolve(file) });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const s = new Database(file, { readonly: true });
      expect((s.prepare("SELECT label FROM ApiKey ORDER BY label").all() as { label: string }[]).map((x) => x.label)).toEqual(["first", "just added"]);
      s.close();
      const bytes = fs.readFileSync(file);
      for (const c of [...Object.values(CANARY), MASTER]) expect(bytes.includes(Buffer.from(c)), c).toBe(false);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it("quotes paths with quotes and spaces safely", async () => {
    const odd = path.join(dir, "it's a \"dir\"; DROP TABLE ApiKey; --");
    fs.mkdirSync(odd);
    const file = path.join(odd, "o'brien backup.db");
    const r = await backup.backupTo(file);
    expect(r.keys).toBe(2);
    expect(fs.existsSync(file)).toBe(true);
    expect(await keys.listKeys()).toHaveLength(2);
  });

  it("never overwrites and leaves nothing behind when the folder is missing", async () => {
    const file = path.join(dir, "taken.db");
    fs.writeFileSync(file, "keep me");
    await expect(backup.backupTo(file)).rejects.toMatchObject({ code: "backup-exists" });
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
    const missing = path.join(dir, "no-such-folder", "b.db");
    await expect(backup.backupTo(missing)).rejects.toMatchObject({ code: "backup-target" });
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });
});

describe("restoreFrom", () => {
  it("refuses a foreign file without locking the vault or touching data", async () => {
    const foreign = path.join(dir, "foreign.db");
    const s = new Database(foreign);
    s.exec("CREATE TABLE t (x)");
    s.close();
    await expect(backup.restoreFrom(foreign)).rejects.toMatchObject({ code: "not-a-backup" });
    expect((await vault.vaultStatus()).unlocked).toBe(true);
    expect(await keys.listKeys()).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => f.includes("restore"))).toEqual([]);
  });

  it("refuses a backup whose migrations cannot be applied before swapping anything in", async () => {
    const bad = path.join(dir, "unfinished-migration.db");
    await backup.backupTo(bad);
    const s = new Database(bad);
    // What a crash during `migrate deploy` leaves: a started migration without finished_at (Prisma's P3009).
    s.exec(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
            SELECT 'unfinished', checksum, migration_name, started_at, 0 FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`);
    s.close();
    const before = fs.readFileSync(path.join(dir, "keywarden.db"));
    await expect(backup.restoreFrom(bad)).rejects.toMatchObject({ code: "not-a-backup", userMessage: expect.stringMatching(/migration.*Nothing was changed/) });
    expect(fs.readFileSync(path.join(dir, "keywarden.db")).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes("restore"))).toEqual([]);
    expect((await vault.vaultStatus()).unlocked).toBe(true);
    expect(await keys.listKeys()).toHaveLength(2);
    const { isFullyMigrated } = await import("@/lib/backup/migrations");
    expect(isFullyMigrated(path.join(dir, "keywarden.db"))).toBe(true);
  });

  const hostile: [string, string, RegExp][] = [
    ["a trigger that resets the backoff counter", "CREATE TRIGGER reset AFTER UPDATE ON Vault BEGIN UPDATE Vault SET failedAttempts = 0; END", /trigger \(reset\)/],
    ["an extra table", "CREATE TABLE stash (x)", /table \(stash\)/],
    ["an extra view", "CREATE VIEW v AS SELECT label FROM ApiKey", /view \(v\)/],
    ["an extra index", "CREATE INDEX extra ON ApiKey (notes)", /index \(extra\)/],
    [
      "an ApiKey table with other columns",
      "PRAGMA foreign_keys = OFF; ALTER TABLE ApiKey RENAME TO old_key; CREATE TABLE ApiKey (id TEXT PRIMARY KEY, label TEXT); DROP TABLE old_key",
      /not defined the way Keywarden defines it|lacks part|does not create/,
    ],
    ["a setting that is not JSON", "INSERT INTO Setting (key, value, updatedAt) VALUES ('idleMinutes', '{oops', 0)", /not valid JSON/],
    ["a setting out of bounds", "INSERT INTO Setting (key, value, updatedAt) VALUES ('idleMinutes', '999999', 0)", /would not accept/],
    ["an unknown setting", "INSERT INTO Setting (key, value, updatedAt) VALUES ('evil', '1', 0)", /does not know/],
    [
      "KDF parameters of 4 GiB × 20 passes",
      `UPDATE Vault SET kdfParams = '{"memoryCostKiB":4194304,"timeCost":20,"parallelism":1}'`,
      /key-derivation settings outside the bounds/,
    ],
  ];

  it.each(hostile)("refuses a backup with %s, naming the reason, and changes nothing", async (_what, sql, reason) => {
    const name = `hostile-${Math.random().toString(36).slice(2)}.db`;
    const file = path.join(dir, name);
    await backup.backupTo(file);
    const s = new Database(file);
    s.exec(sql);
    s.close();
    const before = fs.readFileSync(path.join(dir, "keywarden.db"));
    const err = await backup.restoreFrom(file).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "not-a-backup", userMessage: expect.stringMatching(reason) });
    expect((err as Error).message).toMatch(/Nothing was changed/);
    expect(fs.readFileSync(path.join(dir, "keywarden.db")).equals(before)).toBe(true);
    expect((await vault.vaultStatus()).unlocked).toBe(true);
    fs.rmSync(file);
  });

  it("accepts its own backups (the schema check knows every object Keywarden creates)", () => {
    const own = path.join(dir, "own.db");
    return backup.backupTo(own).then((r) => {
      expect(r.keys).toBe(2);
      fs.rmSync(own);
    });
  });

  it("swaps in the backup, keeps the previous database aside, and locks", async () => {
    const snap = path.join(dir, "snap.db");
    await backup.backupTo(snap);
    await keys.addKey(key("after backup", "feedface-3333-4222-8333-444455556666"));
    expect(await keys.listKeys()).toHaveLength(3);

    const r = await backup.restoreFrom(snap);
    expect(r.keys).toBe(2);
    expect(r.previous).toMatch(/keywarden\.db\.before-restore-/);
    expect((await vault.vaultStatus()).unlocked).toBe(false);
    expect((await keys.listKeys()).map((k) => k.label)).toEqual(["first", "just added"]);
    const aside = new Database(r.previous!, { readonly: true });
    expect(aside.prepare("SELECT COUNT(*) AS n FROM ApiKey").get()).toEqual({ n: 3 });
    aside.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await vault.unlockVault(MASTER);
    const creds = await import("@/lib/keys/credentials");
    const first = (await keys.listKeys()).find((k) => k.label === "first")!;
    expect((await creds.loadKeyCredentials(first.id)).secretKey).toBe(CANARY.secretKey);
    const prisma = await dbmod.db();
    expect(await prisma.auditEvent.count({ where: { action: "backup.restore" } })).toBe(1);
  });
});
