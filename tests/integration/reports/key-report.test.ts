// The key page's one-key audit (lib/reports/key-report.ts) on a real SQLite file, against the vault report: the
// facts a key's audit takes from other rows — a master key's sub-account link, the master's listing of a
// sub-account key, an open rotation's two keys — come from targeted queries and must give the same audit, checks
// and rotation as the whole-vault load. A retired key has none (the vault report leaves it out), and an unknown id
// is NotFoundError, which the page turns into its 404.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

const PASS = "copper-violin-tundra-57";
const ids: Record<string, string> = {};

async function mods() {
  return {
    keys: await import("@/lib/keys/key-store"),
    reports: await import("@/lib/reports/vault-report"),
    keyReport: await import("@/lib/reports/key-report"),
    db: await import("@/lib/db/client"),
  };
}

integrationEnv({ prefix: "kw-key-report-", vault: PASS });
beforeAll(async () => {
  const { keys, db } = await mods();
  const add = async (label: string, purpose: "read" | "trade", apiKey: string) =>
    (ids[label] = (
      await keys.addKey({
        label,
        region: "global",
        demo: false,
        purpose,
        usedBy: `${label} app`,
        createdOn: "2026-10-01",
        notes: "",
        apiKey,
        secretKey: "A".repeat(32),
        passphrase: "Passphrase-1",
      })
    ).id);
  await add("master", "trade", "11111111-1111-4111-8111-111111111111");
  await add("sub", "read", "22222222-2222-4222-8222-222222222222");
  await add("old bot", "trade", "33333333-3333-4333-8333-333333333333");
  await add("new bot", "trade", "44444444-4444-4444-8444-444444444444");
  await add("retired", "read", "55555555-5555-4555-8555-555555555555");
  const prisma = await db.db();
  const at = (h: number) => new Date(Date.parse("2026-11-20T00:00:00Z") + h * 3_600_000);
  await prisma.apiKey.update({ where: { id: ids.sub }, data: { subAcct: "bots", parentKeyId: ids.master } });
  await prisma.apiKey.update({ where: { id: ids.retired }, data: { status: "retired" } });
  await prisma.check.createMany({
    data: [
      { keyId: ids.master, at: at(0), outcome: "ok", code: "0", perm: "read_only,trade", ip: "", uid: "1", mainUid: "1", label: "m" },
      { keyId: ids.sub, at: at(0), outcome: "ok", code: "0", perm: "read_only", ip: "203.0.113.1", uid: "2", mainUid: "1", label: "s" },
      { keyId: ids.sub, at: at(1), outcome: "network_error", code: "", message: "timeout" },
      { keyId: ids["old bot"], at: at(0), outcome: "ok", code: "0", perm: "read_only,trade", ip: "203.0.113.2", uid: "3", mainUid: "1", label: "o" },
      { keyId: ids["new bot"], at: at(2), outcome: "ok", code: "0", perm: "read_only,trade,withdraw", ip: "", uid: "3", mainUid: "1", label: "n" },
      { keyId: ids.retired, at: at(0), outcome: "ok", code: "0", perm: "read_only", ip: "", uid: "4", mainUid: "1", label: "r" },
    ],
  });
  // The master's listing, newer than the sub-account key's own check, says it can withdraw now.
  const sub = await prisma.apiKey.findUniqueOrThrow({ where: { id: ids.sub }, select: { apiKeyDigest: true, fingerprint: true } });
  await prisma.discoveredSubKey.create({
    data: {
      masterKeyId: ids.master,
      subAcct: "bots",
      label: "s",
      fingerprint: sub.fingerprint,
      apiKeyDigest: sub.apiKeyDigest,
      perm: "read_only,withdraw",
      ip: "",
      createdAt: at(-100),
      seenAt: at(3),
    },
  });
  // A guided rotation whose new key is stored but not verified yet: the new key's findings wait.
  await prisma.rotation.create({ data: { id: randomUUID(), mode: "guided", state: "new_key_stored", oldKeyId: ids["old bot"], newKeyId: ids["new bot"] } });
});

describe("one key's audit", () => {
  it("equals the vault report's for every stored key, with the facts other rows give", async () => {
    const { reports, keyReport } = await mods();
    const now = new Date("2026-11-21T00:00:00Z");
    const report = await reports.loadVaultReport({ now });
    expect(report.keys.map((k) => k.key.label).sort()).toEqual(["master", "new bot", "old bot", "sub"]);
    for (const entry of report.keys) {
      const one = await keyReport.loadKeyReport(entry.key.id, { now });
      expect(one.audited, entry.key.label).toEqual({ key: entry.key, rotation: entry.rotation, audit: entry.audit, checks: entry.checks });
      expect(one.policy).toEqual(report.policy);
    }

    const get = async (label: string) => (await keyReport.loadKeyReport(ids[label], { now })).audited!;
    // The facts themselves, so equality above is not two empty answers agreeing.
    const master = await get("master");
    expect(master.audit.findings.map((f) => f.rule)).not.toContain("master-key-bot");
    const sub = await get("sub");
    expect(sub.audit.currentPerm).toEqual(["read_only", "withdraw"]);
    expect(sub.checks.map((c) => c.outcome)).toEqual(["network_error", "ok"]);
    const oldBot = await get("old bot");
    const newBot = await get("new bot");
    expect(oldBot.rotation).toMatchObject({ role: "old", otherKeyId: ids["new bot"], otherKeyLabel: "new bot", awaitingVerify: true });
    expect(newBot.rotation).toMatchObject({ role: "new", otherKeyId: ids["old bot"], otherKeyLabel: "old bot" });
    expect(newBot.audit.grade).toBe("?");
    expect(newBot.audit.findings).toEqual([]);
    expect(newBot.audit.heldFindings.map((f) => f.rule)).toContain("withdraw");
  });

  it("has no audit for a retired key, and says NotFoundError for an id no key has", async () => {
    const { keyReport } = await mods();
    const retired = await keyReport.loadKeyReport(ids.retired);
    expect(retired.key.label).toBe("retired");
    expect(retired.key.status).toBe("retired");
    expect(retired.audited).toBeNull();
    const { NotFoundError } = await import("@/lib/errors/app-error");
    await expect(keyReport.loadKeyReport(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});
