// Issue #18 item 7: a damaged or empty database file stops the CLI and the migration runner with one message that
// names the file, SQLite's verdict and the newest file to restore from, and nothing writes to it: no migration
// over a zero-byte file (that used to become a silent new install), no Rust backtrace from Prisma on a truncated
// one, no "No vault exists yet" (and an `init` offer) for a broken Vault page. Restoring over it is the way out.
// The dashboard's page for the same files: tests/e2e/15-damaged-database.spec.ts.
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cliRunner, REPO, type CliRunner } from "../cli/cli-harness";

vi.setConfig({ testTimeout: 180_000 });

const run = promisify(execFile);
const MASTER = "saffron-tundra-lattice-62";
let cli: CliRunner;
let home: string;
let good: Buffer;
let dbFile: string;
let keptAside: string;
let vaultPage: number;
let pageSize: number;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "kw-home-"));
  cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, HOME: home }, { via: "node" });
  expect((await cli(["init"])).code).toBe(0);
  dbFile = path.join(cli.dataDir, "keywarden.db");
  // Fold the WAL in, so the main file alone is the database and damaging it is damaging the data.
  const sqlite = new Database(dbFile);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  vaultPage = (sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'Vault'").get() as { rootpage: number }).rootpage;
  pageSize = sqlite.pragma("page_size", { simple: true }) as number;
  sqlite.close();
  good = fs.readFileSync(dbFile);
  // A copy kept by an earlier restore: the newest file to restore from. A backup in ~/Downloads is older.
  fs.mkdirSync(path.join(home, "Downloads"));
  const download = path.join(home, "Downloads", "keywarden-2026-11-01T10-00-00Z.db");
  fs.writeFileSync(download, good);
  fs.utimesSync(download, new Date("2026-11-01"), new Date("2026-11-01"));
  keptAside = `${dbFile}.before-restore-2026-12-01T10-00-00-000Z`;
  fs.writeFileSync(keptAside, good);
});
afterAll(() => {
  if (cli) fs.rmSync(cli.cwd, { recursive: true, force: true });
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Writes a damaged variant of the good file in its place (no WAL beside it, as after a crash that lost it). */
function damage(kind: "vault-page" | "truncated" | "empty") {
  for (const s of ["-wal", "-shm"]) fs.rmSync(dbFile + s, { force: true });
  if (kind === "empty") return fs.writeFileSync(dbFile, "");
  if (kind === "truncated") return fs.writeFileSync(dbFile, good.subarray(0, Math.floor(good.length / 2)));
  const bytes = Buffer.from(good);
  bytes.fill(0xde, (vaultPage - 1) * pageSize, vaultPage * pageSize);
  fs.writeFileSync(dbFile, bytes);
}

describe.each(["vault-page", "truncated", "empty"] as const)("a database file with %s damage", (kind) => {
  let before: string;
  beforeAll(() => {
    damage(kind);
    before = sha(fs.readFileSync(dbFile));
  });

  const expectTheMessage = (stderr: string) => {
    expect(stderr).toContain(`Keywarden's database file ${dbFile} is damaged`);
    expect(stderr).toMatch(kind === "empty" ? /the file is empty \(0 bytes\)/ : /PRAGMA integrity_check: \S/);
    expect(stderr).toContain(`keywarden restore "${keptAside}"`);
    expect(stderr).not.toMatch(/No vault exists|External error|\n\s+at |Something went wrong/);
  };

  it("every command says so, `init` offers no new vault, and the file is not touched", async () => {
    for (const args of [["list"], ["init"], ["audit", "--json"]]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stdout).toBe("");
      expectTheMessage(r.stderr);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(sha(fs.readFileSync(dbFile))).toBe(before);
  });

  it("`node lib/db/migrate.mjs` (and so the server's start) refuses to migrate it", async () => {
    const r = await run(process.execPath, [path.join(REPO, "lib/db/migrate.mjs")], {
      cwd: REPO,
      env: { PATH: process.env.PATH, HOME: home, KEYWARDEN_DATA_DIR: cli.dataDir } as unknown as NodeJS.ProcessEnv,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(1);
    expectTheMessage(r.stderr);
    expect(sha(fs.readFileSync(dbFile))).toBe(before);
    if (kind === "empty") expect(fs.statSync(dbFile).size).toBe(0);
  });
});

describe("the way out", () => {
  it("`keywarden restore` over the damaged file asks only for the backup's passphrase (the damaged vault's cannot be checked), and keeps the file aside", async () => {
    damage("truncated");
    const damaged = fs.readFileSync(dbFile);
    const r = await cli(["restore", keptAside], { env: { KEYWARDEN_PASSPHRASE: undefined, KEYWARDEN_BACKUP_PASSPHRASE: MASTER } });
    expect(r.code, r.stderr).toBe(0);
    const aside = r.stdout.match(/kept as (\S+)\.\n/)![1];
    expect(path.basename(aside)).toMatch(/^keywarden\.db\.damaged-/);
    expect(fs.readFileSync(aside).equals(damaged)).toBe(true);
    // The restored vault opens with its passphrase again.
    const list = await cli(["list"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/No keys stored yet/);
  });
});
