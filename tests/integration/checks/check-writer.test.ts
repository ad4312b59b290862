// Group commit of check results on a real SQLite file: checks stored at the same moment share a transaction,
// and one failing write (its key deleted meanwhile) costs only its own row.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateFreshDataDir } from "../../support/data-dir";

let dir: string;
const ids: string[] = [];

beforeAll(async () => {
  dir = await migrateFreshDataDir("kw-writer-");
  const { createVault } = await import("@/lib/vault/vault");
  const { addKey } = await import("@/lib/keys/key-store");
  await createVault("copper-violin-tundra-57");
  for (let i = 0; i < 4; i++) {
    const k = await addKey({
      label: `key ${i}`, region: "global", demo: false, purpose: "read", usedBy: "", createdOn: "2026-11-01", notes: "",
      apiKey: `0f6e2c1a-1111-4222-8333-44445555666${i}`, secretKey: "A".repeat(32), passphrase: "Passphrase-1",
    });
    ids.push(k.id);
  }
});

afterAll(async () => {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("check writer", () => {
  it("commits writes queued during a commit together, and isolates a failing one", async () => {
    const { writeCheck } = await import("@/lib/checks/check-writer");
    const { db } = await import("@/lib/db/client");
    const txs: unknown[] = [];
    const store = (keyId: string) =>
      writeCheck(async (tx) => {
        txs.push(tx);
        return tx.check.create({ data: { keyId, outcome: "ok", code: "0" } });
      });
    const results = await Promise.allSettled([...ids.map(store), store("no-such-key")]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected"]);
    // The first write goes alone; the four queued behind it were tried in one transaction first.
    expect(txs[1]).toBe(txs[2]);
    expect(txs[2]).toBe(txs[4]);
    const prisma = await db();
    expect((await prisma.check.findMany({ select: { keyId: true } })).map((c) => c.keyId).sort()).toEqual([...ids].sort());
  });
});
