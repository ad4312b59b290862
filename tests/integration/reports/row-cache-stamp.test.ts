// The report's row cache on a vault of 1,000 keys: an edit must be seen at once however close in time it comes to
// the one before. The cache's stamp summed every key's update time as a float, printed to about 13 digits: with
// 1,000 keys a second edit of a key within about a minute could leave the sum's text unchanged, and / and /keys
// showed the first edit until something else changed.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

const KEYS = 1000;
let keyId = "";

integrationEnv({ prefix: "kw-row-stamp-", vault: "copper-violin-tundra-57" });
beforeAll(async () => {
  const prisma = await (await import("@/lib/db/client")).db();
  // Rows the report loads but never opens: a placeholder ciphertext is enough.
  const rows = Array.from({ length: KEYS }, (_, i) => ({
    id: randomUUID(),
    label: `key ${String(i).padStart(4, "0")}`,
    fingerprint: "abcd…0123",
    apiKeyDigest: `digest-${i}`,
    apiKeyEnc: Buffer.from("x"),
    region: "global",
    purpose: "read",
    createdOn: new Date("2026-10-01T00:00:00Z"),
  }));
  await prisma.apiKey.createMany({ data: rows });
  keyId = rows[500].id;
});

describe("report row cache", () => {
  it("sees a key's second edit 10 ms after its first, and a rotation's", async () => {
    const prisma = await (await import("@/lib/db/client")).db();
    const { loadVaultReport } = await import("@/lib/reports/vault-report");
    const notesOf = async () => (await loadVaultReport()).keys.find((k) => k.key.id === keyId)!.key.notes;
    const t = Date.parse("2026-12-01T12:00:00.000Z");
    await prisma.apiKey.update({ where: { id: keyId }, data: { notes: "first", updatedAt: new Date(t) } });
    expect(await notesOf()).toBe("first");
    for (let i = 1; i <= 5; i++) {
      await prisma.apiKey.update({ where: { id: keyId }, data: { notes: `edit ${i}`, updatedAt: new Date(t + i * 10) } });
      expect(await notesOf()).toBe(`edit ${i}`);
    }

    const rotation = await prisma.rotation.create({ data: { id: randomUUID(), mode: "guided", state: "planned", oldKeyId: keyId, updatedAt: new Date(t) } });
    const stateOf = async () => (await loadVaultReport()).keys.find((k) => k.key.id === keyId)!.rotation?.state;
    expect(await stateOf()).toBe("planned");
    await prisma.rotation.update({ where: { id: rotation.id }, data: { state: "new_key_stored", updatedAt: new Date(t + 10) } });
    expect(await stateOf()).toBe("new_key_stored");
  });
});
