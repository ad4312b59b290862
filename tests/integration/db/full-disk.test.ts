// A full disk must not wedge the process: the write that hit it fails with a plain "disk full" message, every
// later query still answers, and writes work again once space is back. The data directory lives on a 3 MB tmpfs
// (real ENOSPC under SQLite) when this machine lets the test mount one (root on Linux); elsewhere SQLite's
// max_page_count makes the same real file refuse to grow, which SQLite reports with the same SQLITE_FULL.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toUserError } from "@/lib/errors/to-user-message";

const MASTER = "quartz-lantern-meadow-31";
let root: string;
let dir: string;
let mounted = false;
let vault: typeof import("@/lib/vault/vault");
let keys: typeof import("@/lib/keys/key-store");
let dbmod: typeof import("@/lib/db/client");

const key = (n: number) => ({
  label: `bot ${n}`,
  region: "global",
  demo: false,
  purpose: "read",
  usedBy: "",
  createdOn: "2026-01-10",
  notes: "n".repeat(500),
  apiKey: `feedface-${String(n).padStart(4, "0")}-4222-8333-444455556666`,
  secretKey: "B0BACAFE0123456789ABCDEF0B0BA0B0",
  passphrase: "Disk-Full-Pass-9",
});

/** Fails instead of hanging: the defect this file guards against is a query that never settles. */
function settles<T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms))),
  ]);
}

function fill(): () => void {
  if (mounted) {
    const filler = path.join(dir, "filler");
    const fd = fs.openSync(filler, "w");
    const chunk = Buffer.alloc(64 * 1024);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
    } finally {
      fs.closeSync(fd);
    }
    return () => fs.rmSync(filler);
  }
  return () => undefined;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kw-fulldisk-"));
  dir = path.join(root, "data");
  fs.mkdirSync(dir);
  try {
    if (process.env.KW_TEST_NO_TMPFS) throw new Error("tmpfs disabled");
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", dir], { stdio: "ignore", timeout: 10_000 });
    mounted = true;
  } catch {
    mounted = false;
  }
  console.log(`full-disk test: ${mounted ? "3 MB tmpfs" : "max_page_count (tmpfs mount not permitted here)"}`);
  process.env.KEYWARDEN_DATA_DIR = dir;
  const { migrate } = await import("../../../lib/db/migrate.mjs");
  migrate({ quiet: true });
  dbmod = await import("@/lib/db/client");
  vault = await import("@/lib/vault/vault");
  keys = await import("@/lib/keys/key-store");
  await vault.createVault(MASTER);
  await keys.addKey(key(0));
});

afterAll(async () => {
  await dbmod?.closeDb().catch(() => undefined);
  if (mounted) {
    try {
      execFileSync("umount", [dir], { stdio: "ignore", timeout: 10_000 });
    } catch {
      execFileSync("umount", ["-l", dir], { stdio: "ignore", timeout: 10_000 });
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe("a full disk", () => {
  it("fails the write with a disk-full message, keeps answering, and recovers when space returns", async () => {
    const prisma = await dbmod.db();
    const free = fill();
    if (!mounted) {
      const [{ page_count }] = await prisma.$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
      await prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(page_count)}`);
    }
    let failure: unknown;
    for (let n = 1; n <= 300 && !failure; n++) {
      await settles(keys.addKey(key(n)), `add #${n}`).catch((e) => (failure = e));
    }
    expect(toUserError(failure)).toMatchObject({ code: "disk-full", message: expect.stringMatching(/disk .*is full/i) });

    // Reads, the vault row and other writes' error paths all still answer while the disk is full.
    const status = await settles(vault.vaultStatus(), "vaultStatus while full");
    expect(status.exists).toBe(true);
    const before = (await settles(keys.listKeys(), "listKeys while full")).length;
    const second = await settles(keys.addKey(key(999)), "second add while full").catch((e: unknown) => e);
    expect(toUserError(second).code).toBe("disk-full");

    free();
    if (!mounted) await prisma.$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    const added = await settles(keys.addKey(key(1000)), "add after space returned");
    expect(added.label).toBe("bot 1000");
    expect(await settles(keys.listKeys(), "listKeys after")).toHaveLength(before + 1);
    const [{ integrity_check }] = await prisma.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    expect(integrity_check).toBe("ok");
  });
});
