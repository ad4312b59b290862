// Starting again re-runs the migrations: nothing already stored may be lost, and the vault comes back locked.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { migrateFreshDataDir } from "../../support/data-dir";

let dir: string;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("restart", () => {
  it("re-migrating an existing database keeps keys, and a fresh process starts locked", async () => {
    dir = await migrateFreshDataDir();
    const dbmod = await import("@/lib/db/client");
    const vault = await import("@/lib/vault/vault");
    const keys = await import("@/lib/keys/key-store");
    const keyring = await import("@/lib/vault/keyring");
    await vault.createVault("copper-violin-tundra-57");
    await keys.addKey({
      label: "kept",
      region: "global",
      demo: false,
      purpose: "read",
      usedBy: "",
      createdOn: "2026-01-01",
      notes: "",
      apiKey: "k-kept",
      secretKey: "s",
      passphrase: "p",
    });
    await dbmod.closeDb();

    // "Restart": run the start-up migration again and drop in-memory state, as a new process would have.
    const { migrate } = await import("@/lib/db/migrate.mjs");
    migrate({ quiet: true });
    keyring.wipe();
    expect((await vault.vaultStatus()).unlocked).toBe(false);
    await vault.unlockVault("copper-violin-tundra-57");
    expect((await keys.listKeys()).map((k) => k.label)).toEqual(["kept"]);
    const prisma = await dbmod.db();
    const applied = await prisma.$queryRawUnsafe<{ n: bigint }[]>("SELECT count(*) AS n FROM _prisma_migrations");
    expect(Number(applied[0].n)).toBe(fs.readdirSync("prisma/migrations").filter((f) => /^\d/.test(f)).length);
    await dbmod.closeDb();
  });
});
