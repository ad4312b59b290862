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
  label,
  region: "global",
  demo: false,
  purpose: "read",
  usedBy: "",
  createdOn: "2026-01-10",
  notes: "",
  apiKey,
  secretKey: CANARY.secretKey,
  passphrase: CANARY.passphrase,
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
    const odd = path.join(dir, 'it\'s a "dir"; DROP TABLE ApiKey; --');
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
    await expect(backup.restoreFrom(foreign, { passphrase: MASTER })).rejects.toMatchObject({ code: "not-a-backup" });
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
    await expect(backup.restoreFrom(bad, { passphrase: MASTER })).rejects.toMatchObject({
      code: "not-a-backup",
      userMessage: expect.stringMatching(/migration.*Nothing was changed/),
    });
    expect(fs.readFileSync(path.join(dir, "keywarden.db")).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes("restore"))).toEqual([]);
    expect((await vault.vaultStatus()).unlocked).toBe(true);
    expect(await keys.listKeys()).toHaveLength(2);
    const { isFullyMigrated } = await import("@/lib/backup/migrations");
    expect(isFullyMigrated(path.join(dir, "keywarden.db"))).toBe(true);
  });

  const hostile: [string, string, RegExp][] = [
    [
      "a trigger that resets the backoff counter",
      "CREATE TRIGGER reset AFTER UPDATE ON Vault BEGIN UPDATE Vault SET failedAttempts = 0; END",
      /trigger \(reset\)/,
    ],
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
    const err = await backup.restoreFrom(file, { passphrase: MASTER }).catch((e: unknown) => e);
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

    const r = await backup.restoreFrom(snap, { passphrase: MASTER });
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

// Issue 17: a vault that belongs to another passphrase is refused with a reason and nothing changes. The proof
// is an unwrap of the staged copy's data key; a wrong guess counts against this vault's backoff like an unlock.
describe("restoreFrom proves the backup's vault opens", () => {
  const OTHER = "mandolin-harbor-citrus-77";
  let made: string;
  const counter = async () => (await (await dbmod.db()).vault.findUnique({ where: { id: 1 } }))!;
  const state = async () => ({
    keys: (await keys.listKeys()).map((k) => k.label),
    files: fs
      .readdirSync(dir)
      .filter((f) => f.startsWith("keywarden.db.") || f.startsWith(".restore-"))
      .sort(),
    wrapped: Buffer.from((await counter()).wrappedKey).toString("base64"),
  });

  beforeAll(async () => {
    if (!(await vault.vaultStatus()).unlocked) await vault.unlockVault(MASTER);
    made = path.join(dir, "made-under-master.db");
    await backup.backupTo(made);
  });

  it("refuses another passphrase on the passphrase field, keeps everything (the vault stays unlocked) and counts the guess", async () => {
    const before = await state();
    const attempts = (await counter()).failedAttempts;
    const err = await backup.restoreFrom(made, { passphrase: OTHER }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid", fieldErrors: { backupPassphrase: ["This backup's vault does not open with that passphrase."] } });
    expect(await state()).toEqual(before);
    expect((await vault.vaultStatus()).unlocked).toBe(true);
    expect((await counter()).failedAttempts).toBe(attempts + 1);
    const prisma = await dbmod.db();
    const events = await prisma.auditEvent.findMany({ where: { action: "backup.restore-refused" } });
    expect(events).toHaveLength(1);
    for (const e of await prisma.auditEvent.findMany()) expect(JSON.stringify(e)).not.toContain(OTHER);
  });

  it("refuses an empty passphrase without counting it", async () => {
    const attempts = (await counter()).failedAttempts;
    await expect(backup.restoreFrom(made, { passphrase: "" })).rejects.toMatchObject({
      fieldErrors: { backupPassphrase: [expect.stringMatching(/Enter the master passphrase/)] },
    });
    expect((await counter()).failedAttempts).toBe(attempts);
  });

  it("backs off after the free guesses, for restores and for this vault's unlock alike", async () => {
    // Two more wrong guesses make three: the next one, even the right one, waits (1 s after the third).
    for (let i = 0; i < 2; i++) await expect(backup.restoreFrom(made, { passphrase: OTHER })).rejects.toMatchObject({ code: "invalid" });
    expect((await counter()).failedAttempts).toBe(3);
    await expect(backup.restoreFrom(made, { passphrase: MASTER })).rejects.toMatchObject({ code: "backoff" });
    await expect(vault.unlockVault(MASTER)).rejects.toMatchObject({ code: "backoff" });
    expect((await vault.vaultStatus()).unlocked).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
  });

  it("restores with the backup's passphrase even after the current one changed, and not with the current one", async () => {
    // The guesses above are over: a right unlock clears them (as the owner would, typing it).
    await vault.unlockVault(MASTER);
    expect((await counter()).failedAttempts).toBe(0);
    await vault.changePassphrase(MASTER, OTHER);
    const before = await state();
    await expect(backup.restoreFrom(made, { passphrase: OTHER })).rejects.toMatchObject({ code: "invalid" });
    expect(await state()).toEqual(before);
    // A right backup passphrase hands its reserved guess back: the count is what the wrong one above left.
    expect((await counter()).failedAttempts).toBe(1);
    const r = await backup.restoreFrom(made, { passphrase: MASTER });
    expect(r.previous).toMatch(/before-restore/);
    expect((await vault.vaultStatus()).unlocked).toBe(false);
    await expect(vault.unlockVault(OTHER)).rejects.toMatchObject({ code: "wrong-passphrase" });
    await vault.unlockVault(MASTER);
  });
});
