// Destroyed secrets leave the disk, not just the row: with secure_delete and a checkpoint after the erase, the
// sealed bytes of a deleted key (or of replaced secrets) are nowhere in the database file or its WAL. Without it,
// anyone holding an old copy of the file and the master passphrase could still open them.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

const env = integrationEnv({ prefix: "kw-erase-", vault: "copper-violin-tundra-57" });
let dir: string;
let dbmod: typeof import("@/lib/db/client");
let keys: typeof import("@/lib/keys/key-store");

beforeAll(async () => {
  dir = env.dir;
  dbmod = await import("@/lib/db/client");
  keys = await import("@/lib/keys/key-store");
});

let n = 0;
async function addKey() {
  n++;
  return keys.addKey({
    label: `erase ${n}`,
    region: "global",
    demo: false,
    purpose: "read",
    usedBy: "",
    createdOn: "2026-11-01",
    notes: "",
    apiKey: `0f6e2c1a-1111-4222-8333-4444555566${String(n).padStart(2, "0")}`,
    secretKey: `S${n}`.padEnd(32, "Q"),
    passphrase: `Passphrase-${n}`,
  });
}

async function sealed(id: string): Promise<Buffer[]> {
  const row = await (await dbmod.db()).apiKey.findUniqueOrThrow({ where: { id }, select: { secretEnc: true, passphraseEnc: true } });
  return [row.secretEnc, row.passphraseEnc].filter((b): b is Uint8Array<ArrayBuffer> => !!b).map((b) => Buffer.from(b));
}

function onDisk(): Buffer {
  const file = path.join(dir, "keywarden.db");
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

describe("erasing secrets", () => {
  it("runs with secure_delete on", async () => {
    const rows = await (await dbmod.db()).$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA secure_delete");
    expect(Number(Object.values(rows[0])[0])).toBe(1);
  });

  it("a deleted key's sealed secret and passphrase are gone from the file and the WAL", async () => {
    const key = await addKey();
    const blobs = await sealed(key.id);
    expect(blobs).toHaveLength(2);
    await (await dbmod.db()).$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    for (const b of blobs) expect(onDisk().includes(b)).toBe(true); // the probe can see them while they exist
    await keys.deleteKey(key.id, key.label);
    const disk = onDisk();
    for (const b of blobs) expect(disk.includes(b)).toBe(false);
  });

  it("replaced secrets leave no trace of the old ones", async () => {
    const key = await addKey();
    const old = await sealed(key.id);
    await keys.replaceSecrets(key.id, { apiKey: "0f6e2c1a-1111-4222-8333-999955556666", secretKey: "R".repeat(32), passphrase: "Passphrase-new" });
    const disk = onDisk();
    for (const b of old) expect(disk.includes(b)).toBe(false);
    for (const b of await sealed(key.id)) expect(disk.includes(b)).toBe(true);
  });
});
