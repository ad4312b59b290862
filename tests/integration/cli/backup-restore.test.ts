// `keywarden backup` / `restore` through the real CLI: a round trip through a wiped data directory ends with
// identical keys and findings; corrupt, foreign and newer files are refused without touching current data;
// secrets stay sealed inside the backup.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { cliRunner, filesUnder, REPO, secretsJson, type CliRunner } from "./cli-harness";

// Up to ten CLI runs per test, each through `npm exec` (npm, then node + tsx, then Argon2): 60 s is too tight on a
// busy two-core machine.
vi.setConfig({ testTimeout: 180_000 });

const MASTER = "quartz-lantern-meadow-38";
const seed = JSON.parse(fs.readFileSync(path.join(REPO, "tests/okx-sim/seeds/demo-fleet.json"), "utf8")) as {
  keys: { apiKey: string; secretKey: string; passphrase: string; label: string }[];
};
const fleet = (okxLabel: string) => seed.keys.find((k) => k.label === okxLabel)!;
const KEYS = [
  ["Tax tool", "read", "Koinly tax export"],
  ["Grid bot", "trade", "grid-bot"],
  ["Hummingbot", "trade", "hummingbot-2024"],
] as const;
const SECRETS = KEYS.flatMap(([, , okx]) => [fleet(okx).secretKey, fleet(okx).passphrase, fleet(okx).apiKey]).concat(MASTER);

let sim: OkxSim;
let cli: CliRunner;
let backup: string;
let keysBefore: unknown;
let auditBefore: { keys: unknown[]; posture: unknown };

const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const dbFile = () => path.join(cli.dataDir, "keywarden.db");
const listJson = async () => JSON.parse((await cli(["list", "--json"])).stdout);
const audit = async () => {
  const doc = JSON.parse((await cli(["audit", "--json"])).stdout);
  return { keys: doc.keys, posture: doc.posture };
};

beforeAll(async () => {
  sim = await startOkxSim({ seed: path.join(REPO, "tests/okx-sim/seeds/demo-fleet.json") });
  cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, OKX_API_BASE_URL: sim.baseUrlEnv });
  expect((await cli(["init"])).code).toBe(0);
  for (const [label, purpose, okx] of KEYS) {
    const r = await cli(["add", "--label", label, "--purpose", purpose, "--created", "2026-01-15"], { input: secretsJson(fleet(okx)) });
    expect(r.code, r.stderr).toBe(0);
  }
  expect((await cli(["check", "--all"])).code).toBe(0);
  keysBefore = await listJson();
  auditBefore = await audit();
  backup = path.join(cli.cwd, "keywarden-backup.db");
});

afterAll(async () => {
  await sim?.close();
  if (cli) fs.rmSync(cli.cwd, { recursive: true, force: true });
});

describe("backup", () => {
  it("writes a private SQLite copy that holds the vault, and never overwrites", async () => {
    const r = await cli(["backup", backup]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Backup written to .*\(3 keys, \d+ bytes\)/);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    const sqlite = new Database(backup, { readonly: true });
    expect(sqlite.prepare("SELECT COUNT(*) AS n FROM Vault").get()).toEqual({ n: 1 });
    expect(sqlite.prepare("SELECT COUNT(*) AS n FROM ApiKey").get()).toEqual({ n: 3 });
    sqlite.close();
    const before = sha(backup);
    const again = await cli(["backup", backup]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(sha(backup)).toBe(before);
  });

  it("keeps every secret sealed inside the backup file", () => {
    const bytes = fs.readFileSync(backup);
    for (const s of SECRETS) expect(bytes.includes(Buffer.from(s)), s).toBe(false);
  });
});

describe("restore refuses bad files and leaves current data untouched", () => {
  function corrupt(name: string, edit: (file: string) => void): string {
    const f = path.join(cli.cwd, name);
    fs.copyFileSync(backup, f);
    edit(f);
    return f;
  }

  const cases: [string, () => string, RegExp][] = [
    [
      "a text file",
      () => {
        const f = path.join(cli.cwd, "notes.txt");
        fs.writeFileSync(f, "hello");
        return f;
      },
      /not an SQLite database/,
    ],
    ["a missing file", () => path.join(cli.cwd, "nope.db"), /does not exist/],
    [
      "a foreign SQLite database",
      () => {
        const f = path.join(cli.cwd, "foreign.db");
        const s = new Database(f);
        s.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi');");
        s.close();
        return f;
      },
      /from another program/,
    ],
    [
      "a damaged backup",
      () =>
        corrupt("damaged.db", (f) => {
          const fd = fs.openSync(f, "r+");
          // Scribble over the pages after the header: table b-trees become garbage.
          fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 4096);
          fs.closeSync(fd);
        }),
      /damaged|another program/,
    ],
    [
      "a truncated backup",
      () => corrupt("truncated.db", (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2))),
      /damaged|another program|cannot open/,
    ],
    [
      "a backup from a newer Keywarden",
      () =>
        corrupt("newer.db", (f) => {
          const s = new Database(f);
          s.prepare(
            "INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, started_at, applied_steps_count) VALUES ('x', 'y', '29990101000000_future', 1, 1, 1)",
          ).run();
          s.close();
        }),
      /newer Keywarden/,
    ],
    [
      "a Keywarden database without a vault",
      () =>
        corrupt("novault.db", (f) => {
          const s = new Database(f);
          s.exec("DELETE FROM Vault");
          s.close();
        }),
      /holds no vault/,
    ],
  ];

  it.each(cases)("%s", async (_name, make, message) => {
    const file = make();
    const hash = sha(dbFile());
    const listing = fs.readdirSync(cli.dataDir).sort();
    const r = await cli(["restore", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Nothing was changed/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(sha(dbFile())).toBe(hash);
    expect(fs.readdirSync(cli.dataDir).sort()).toEqual(listing);
  });

  it("restoring over an existing vault needs that vault's passphrase", async () => {
    const r = await cli(["restore", backup], { env: { KEYWARDEN_PASSPHRASE: "wrong-horse-battery-99" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Wrong master passphrase/);
    expect(fs.readdirSync(cli.dataDir).filter((f) => f.includes("before-restore"))).toEqual([]);
    expect(await listJson()).toEqual(keysBefore);
  });
});

// Issue 17: the backup's vault must open with the passphrase given for it (KEYWARDEN_BACKUP_PASSPHRASE, else the
// one the CLI already uses); a vault of another passphrase is refused with a reason and nothing changes.
describe("restore proves the backup's vault opens", () => {
  const OTHER = "mandolin-harbor-citrus-78";
  it("refuses a backup passphrase that does not open it, naming the reason, and changes nothing", async () => {
    const listing = fs.readdirSync(cli.dataDir).sort();
    const r = await cli(["restore", backup], { env: { KEYWARDEN_BACKUP_PASSPHRASE: OTHER } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/This backup's vault does not open with that passphrase/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr + r.stdout).not.toContain(OTHER);
    expect(fs.readdirSync(cli.dataDir).sort()).toEqual(listing);
    expect(await listJson()).toEqual(keysBefore);
  });

  it("restores a vault made under another passphrase with KEYWARDEN_BACKUP_PASSPHRASE, and back again", async () => {
    const other = cliRunner({ KEYWARDEN_PASSPHRASE: OTHER }, { via: "node" });
    try {
      expect((await other(["init"])).code).toBe(0);
      const foreignVault = path.join(cli.cwd, "other-vault.db");
      expect((await other(["backup", foreignVault])).code).toBe(0);
      // Without the backup's passphrase the CLI tries the current one, which does not open it.
      const refused = await cli(["restore", foreignVault]);
      expect(refused.stderr).toMatch(/does not open with that passphrase/);
      const r = await cli(["restore", foreignVault], { env: { KEYWARDEN_BACKUP_PASSPHRASE: OTHER } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Restored 0 keys/);
      // Now OTHER is the vault's passphrase: MASTER no longer unlocks it, and the first backup comes back with both.
      expect((await cli(["list"])).stderr).toMatch(/Wrong master passphrase/);
      const back = await cli(["restore", backup], { env: { KEYWARDEN_PASSPHRASE: OTHER, KEYWARDEN_BACKUP_PASSPHRASE: MASTER } });
      expect(back.code, back.stderr).toBe(0);
      expect(await listJson()).toEqual(keysBefore);
      expect(cli.outputs.join("\n")).not.toContain(OTHER);
    } finally {
      fs.rmSync(other.cwd, { recursive: true, force: true });
    }
  });
});

describe("round trip", () => {
  it("backup → wipe → restore gives identical keys and findings", async () => {
    fs.rmSync(cli.dataDir, { recursive: true, force: true });
    const gone = await cli(["list"]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/No vault/);
    fs.rmSync(cli.dataDir, { recursive: true, force: true });

    const r = await cli(["restore", backup]);
    expect(r.code, r.stderr).toBe(0);
    // Each key was checked when it was added and once more before the backup.
    expect(r.stdout).toMatch(/Restored 3 keys and 6 checks/);
    expect(r.stdout).not.toMatch(/previous database/);
    expect(fs.statSync(dbFile()).mode & 0o777).toBe(0o600);
    expect(await listJson()).toEqual(keysBefore);
    expect(await audit()).toEqual(auditBefore);
    // The restored vault opens with the passphrase of the backup and its keys can still be checked.
    const check = await cli(["check", "Grid bot", "--json"]);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout).checks[0]).toMatchObject({ outcome: "ok", code: "0" });
  });

  it("restoring over existing data keeps the previous database aside", async () => {
    const r = await cli(["restore", backup]);
    expect(r.code, r.stderr).toBe(0);
    const aside = fs.readdirSync(cli.dataDir).filter((f) => f.startsWith("keywarden.db.before-restore-"));
    expect(aside).toHaveLength(1);
    expect(fs.statSync(path.join(cli.dataDir, aside[0])).mode & 0o777).toBe(0o600);
    // The copy aside has the extra check made after the first restore; the restored file does not.
    const s = new Database(path.join(cli.dataDir, aside[0]), { readonly: true });
    expect(s.prepare('SELECT COUNT(*) AS n FROM "Check"').get()).toEqual({ n: 7 });
    s.close();
    expect(await audit()).toEqual(auditBefore);
    const events = new Database(dbFile(), { readonly: true });
    const restores = events.prepare("SELECT actor, detail FROM AuditEvent WHERE action = 'backup.restore'").all() as { actor: string; detail: string }[];
    events.close();
    expect(restores).toHaveLength(1);
    expect(restores[0].actor).toBe("cli");
  });

  it("no secret in any output or file", () => {
    const all = cli.outputs.join("\n");
    for (const s of SECRETS) expect(all.includes(s), s).toBe(false);
    for (const f of [...filesUnder(cli.dataDir), backup]) {
      const bytes = fs.readFileSync(f);
      for (const s of SECRETS) expect(bytes.includes(Buffer.from(s)), `${s} in ${f}`).toBe(false);
    }
  });
});
