// Issue 17, "disk full during check-all and backup" (full-disk.test.ts covers add). Real ENOSPC under SQLite: the
// data directory and a backup target are each a small tmpfs when this machine lets the test mount one (root on
// Linux). Without that, check-all falls back to SQLite's max_page_count (the same SQLITE_FULL), and the backup
// cases that need a second, full disk are skipped with a note.
//
// Check-all: the run stops with the disk-full message, the checks committed before the disk filled are intact
// and agree with their audit events, nothing is recorded as dead or wrong, and the next run works once space is
// back. Backup: a full target or a full data directory ends in a clear message or a whole backup, never a
// .partial file left behind, and the source database is unchanged.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toUserError } from "@/lib/errors/to-user-message";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimKey } from "../okx/sim-fixtures";
import { cliRunner } from "../cli/cli-harness";

vi.setConfig({ testTimeout: 180_000 });

const MASTER = "quartz-lantern-meadow-44";
let root: string;
let dataDir: string;
let targetDir: string;
const mounts: string[] = [];
let sim: OkxSim;
let dbmod: typeof import("@/lib/db/client");
let backup: typeof import("@/lib/backup");
const keyIds: string[] = [];

function mountTmpfs(dir: string, size: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  if (process.env.KW_TEST_NO_TMPFS) return false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0700`, "tmpfs", dir], { stdio: "ignore", timeout: 10_000 });
    mounts.push(dir);
    return true;
  } catch {
    return false;
  }
}

/** Fills the filesystem holding `dir` to the last byte; returns how to give the space back. */
function fill(dir: string): () => void {
  const filler = path.join(dir, "filler");
  const fd = fs.openSync(filler, "w");
  const chunk = Buffer.alloc(16 * 1024);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
  }
  // Byte by byte to the very end: a half-free block would let a small write through.
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(1));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
  } finally {
    fs.closeSync(fd);
  }
  return () => fs.rmSync(filler, { force: true });
}

/**
 * Every stored row of the tables a backup could disturb, as one digest (the source must be unchanged). `afterUnlock`:
 * leave out what a CLI process's own unlock writes (its audit event, the Vault row's failed-attempt counter).
 */
function rows(afterUnlock = false): string {
  const sqlite = new Database(path.join(dataDir, "keywarden.db"), { readonly: true });
  try {
    const out = ["Vault", "ApiKey", "Check", "AuditEvent", "Setting"].map((t) =>
      (sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[])
        .filter((r) => !afterUnlock || t !== "AuditEvent" || !String(r.action).startsWith("vault.unlock"))
        .map((r) => (afterUnlock && t === "Vault" ? { ...r, failedAttempts: null, lastFailedAt: null } : r)),
    );
    return createHash("sha256")
      .update(JSON.stringify(out, (_k, v) => (Buffer.isBuffer(v) ? v.toString("base64") : v)))
      .digest("hex");
  } finally {
    sqlite.close();
  }
}

async function integrity(): Promise<string> {
  const prisma = await dbmod.db();
  const [{ integrity_check }] = await prisma.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
  return integrity_check;
}

let dataOnTmpfs = false;
let targetOnTmpfs = false;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kw-fulldisk2-"));
  dataDir = path.join(root, "data");
  targetDir = path.join(root, "target");
  dataOnTmpfs = mountTmpfs(dataDir, "6m");
  targetOnTmpfs = mountTmpfs(targetDir, "1m");
  console.log(
    `full-disk check-all/backup test: data dir on ${dataOnTmpfs ? "a 6 MB tmpfs" : "max_page_count"}, backup target ${targetOnTmpfs ? "on a 1 MB tmpfs" : "not mountable (its cases are skipped)"}`,
  );
  process.env.KEYWARDEN_DATA_DIR = dataDir;
  const { migrate } = await import("../../../lib/db/migrate.mjs");
  migrate({ quiet: true });
  sim = await startOkxSim({ callerIp: CALLER_IP });
  process.env.OKX_API_BASE_URL = sim.baseUrlEnv;
  dbmod = await import("@/lib/db/client");
  backup = await import("@/lib/backup");
  const { createVault } = await import("@/lib/vault/vault");
  const { addKey } = await import("@/lib/keys/key-store");
  await createVault(MASTER);
  // 15 sub-account keys of 3 UIDs nobody has checked yet: the first run paces them in one shared budget of 5
  // per 2 s, so their checks are stored in separate commits about 2 s apart.
  for (let i = 0; i < 15; i++) {
    const creds = addSimKey(sim, { uid: `82${i % 3}0`, mainUid: "8199", perm: "read_only", ip: [CALLER_IP] });
    const key = await addKey({ ...creds, label: `full ${i}`, purpose: "read", usedBy: "", createdOn: "2026-11-01", notes: "" });
    keyIds.push(key.id);
  }
}, 120_000);

afterAll(async () => {
  await dbmod?.closeDb().catch(() => undefined);
  await sim?.close();
  for (const m of mounts.reverse()) {
    try {
      execFileSync("umount", [m], { stdio: "ignore", timeout: 10_000 });
    } catch {
      execFileSync("umount", ["-l", m], { stdio: "ignore", timeout: 10_000 });
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe("disk full during check-all's group commit", () => {
  it("stops with the disk-full message, keeps what was committed, marks nothing dead or wrong, and works again", async () => {
    const { checkAll } = await import("@/lib/checks");
    const { OkxClient, setDefaultOkxClient } = await import("@/lib/okx");
    setDefaultOkxClient(new OkxClient());
    const prisma = await dbmod.db();
    // An empty WAL: every commit from here on needs new space on the disk.
    await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    let free: () => void = () => undefined;
    let filledAt = -1;
    const failure = await checkAll({
      actor: "system",
      onProgress: (p) => {
        // A key counts as done once its check is committed: the disk fills right after the first few.
        if (p.done < 3 || filledAt >= 0) return;
        filledAt = p.done;
        if (dataOnTmpfs) free = fill(dataDir);
        else
          void prisma
            .$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count")
            .then(([{ page_count }]) => prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(page_count)}`));
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(filledAt).toBeGreaterThan(0);
    expect(failure, "check-all finished although the disk was full").not.toBeNull();
    expect(toUserError(failure)).toMatchObject({ code: "disk-full", message: expect.stringMatching(/disk .*is full/i) });

    // What was committed is whole: every stored check is an "ok" with its audit event, and no key says it was
    // checked without a stored check. Nothing says dead, wrong secret or any other failure.
    const checks = await prisma.check.findMany();
    console.log(`full-disk check-all: disk filled after ${filledAt} of ${keyIds.length}; ${checks.length} checks committed`);
    expect(checks.length).toBeGreaterThanOrEqual(filledAt);
    expect(checks.length).toBeLessThan(keyIds.length);
    expect(new Set(checks.map((c) => c.outcome))).toEqual(new Set(["ok"]));
    expect(await prisma.auditEvent.count({ where: { action: "key.check" } })).toBe(checks.length);
    const checked = await prisma.apiKey.findMany({ where: { lastCheckedAt: { not: null } }, select: { id: true } });
    expect(checked.map((k) => k.id).sort()).toEqual([...new Set(checks.map((c) => c.keyId))].sort());
    expect(await integrity()).toBe("ok");
    const { loadKeyCredentials } = await import("@/lib/keys/credentials");
    for (const id of keyIds) expect((await loadKeyCredentials(id)).apiKey).toMatch(/^[0-9a-f-]{36}$/);

    free();
    if (!dataOnTmpfs) await prisma.$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    await new Promise((r) => setTimeout(r, 2100));
    const again = await checkAll({ actor: "system" });
    setDefaultOkxClient();
    expect(again).toMatchObject({ total: keyIds.length, ok: keyIds.length });
    expect(await prisma.check.count()).toBe(checks.length + keyIds.length);
    expect(await integrity()).toBe("ok");
  });
});

describe("disk full during backup", () => {
  it("a full target disk: a clear message naming it, no .partial left, the source unchanged; then it works", async (ctx) => {
    if (!targetOnTmpfs) return ctx.skip();
    const before = rows();
    const free = fill(targetDir);
    const file = path.join(targetDir, "full.db");
    const err = await backup.backupTo(file, { actor: "cli" }).catch((e: unknown) => e);
    expect(toUserError(err)).toMatchObject({ code: "disk-full", message: expect.stringContaining(`No space left on the disk holding ${targetDir}`) });
    expect(fs.readdirSync(targetDir)).toEqual(["filler"]);
    expect(rows()).toBe(before);
    expect(await integrity()).toBe("ok");
    free();
    const r = await backup.backupTo(file, { actor: "cli" });
    expect(r).toMatchObject({ keys: keyIds.length, logged: true });
    expect(fs.readdirSync(targetDir)).toEqual(["full.db"]);
    fs.rmSync(file);
  });

  it("`keywarden backup` to a full disk: exit 2, one line naming the folder, nothing left there", async (ctx) => {
    if (!targetOnTmpfs) return ctx.skip();
    const cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, KEYWARDEN_DATA_DIR: dataDir }, { via: "node" });
    try {
      const free = fill(targetDir);
      const before = rows(true);
      const r = await cli(["backup", path.join(targetDir, "cli.db")]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/No space left on the disk holding .*target: the backup was not written/);
      expect(fs.readdirSync(targetDir)).toEqual(["filler"]);
      // The CLI's own unlock is all it wrote; the rows are as they were.
      expect(rows(true)).toBe(before);
      free();
    } finally {
      fs.rmSync(cli.cwd, { recursive: true, force: true });
    }
  });

  it("a full data directory, backup to another disk: the backup is whole and kept, the missing log line said", async (ctx) => {
    if (!dataOnTmpfs) return ctx.skip();
    const elsewhere = fs.mkdtempSync(path.join(root, "elsewhere-"));
    const prisma = await dbmod.db();
    await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const before = rows();
    const free = fill(dataDir);
    try {
      const file = path.join(elsewhere, "out.db");
      const r = await backup.backupTo(file, { actor: "cli" });
      expect(r).toMatchObject({ keys: keyIds.length, logged: false });
      expect(backup.inspectBackup(file).keys).toBe(keyIds.length);
      expect(fs.readdirSync(elsewhere)).toEqual(["out.db"]);
      expect(rows()).toBe(before);
    } finally {
      free();
    }
    expect(await integrity()).toBe("ok");
  });
});
