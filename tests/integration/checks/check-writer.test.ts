// Group commit of check results on a real SQLite file: checks stored at the same moment share a transaction,
// each stores its Check row, the key's timestamps and an audit event, and one failing write (its key deleted
// meanwhile) costs only its own row.
import { beforeAll, describe, expect, it } from "vitest";
import type { CheckRecord } from "@/lib/checks/check-record";
import { integrationEnv } from "../../support/integration-env";

integrationEnv({ prefix: "kw-writer-", vault: "copper-violin-tundra-57" });
const ids: string[] = [];

beforeAll(async () => {
  const { addKey } = await import("@/lib/keys/key-store");
  for (let i = 0; i < 4; i++) {
    const k = await addKey({
      label: `key ${i}`,
      region: "global",
      demo: false,
      purpose: "read",
      usedBy: "",
      createdOn: "2026-11-01",
      notes: "",
      apiKey: `0f6e2c1a-1111-4222-8333-44445555666${i}`,
      secretKey: "A".repeat(32),
      passphrase: "Passphrase-1",
    });
    ids.push(k.id);
  }
});

function record(ok: boolean, uid: string): CheckRecord {
  return {
    outcome: ok ? "ok" : "auth_error",
    code: ok ? "0" : "50113",
    message: ok ? "" : "Invalid Sign",
    perm: ok ? "read_only" : null,
    ip: null,
    uid: ok ? uid : null,
    mainUid: null,
    label: null,
    acctLv: null,
    acctType: null,
    latencyMs: 12,
    skewMs: null,
  };
}

describe("check writer", () => {
  it("stores each write's row, key timestamps and audit event; a failing one costs only its own row", async () => {
    const { writeCheck } = await import("@/lib/checks/check-writer");
    const { db } = await import("@/lib/db/client");
    // Keys 0 and 2 work, 1 and 3 fail auth; the uid tells the rows apart.
    const store = (keyId: string, i: number) => writeCheck({ keyId, label: `key ${i}`, record: record(i % 2 === 0, `uid-${i}`), actor: "cli" });
    const results = await Promise.allSettled([...ids.map(store), store("no-such-key", 4)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected"]);
    expect((results[4] as PromiseRejectedResult).reason).toMatchObject({ code: "P2003" });
    // Each caller gets its own row back, whatever order RETURNING used.
    results.slice(0, 4).forEach((r, i) => {
      const row = (r as PromiseFulfilledResult<{ keyId: string; uid: string | null; outcome: string }>).value;
      expect(row).toMatchObject({ keyId: ids[i], outcome: i % 2 === 0 ? "ok" : "auth_error", uid: i % 2 === 0 ? `uid-${i}` : null });
    });
    const prisma = await db();
    const checks = await prisma.check.findMany({ orderBy: { id: "asc" } });
    expect(checks.map((c) => c.keyId)).toEqual(ids);
    const keys = await prisma.apiKey.findMany({ where: { id: { in: ids } } });
    for (const [i, id] of ids.entries()) {
      const key = keys.find((k) => k.id === id)!;
      const check = checks.find((c) => c.keyId === id)!;
      expect(key.lastCheckedAt?.getTime()).toBe(check.at.getTime());
      // Only a working key counts as used.
      expect(key.lastOkAt?.getTime() ?? null).toBe(i % 2 === 0 ? check.at.getTime() : null);
    }
    const events = await prisma.auditEvent.findMany({ where: { action: "key.check" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.keyId)).toEqual(ids);
    expect(events.map((e) => e.actor)).toEqual(["cli", "cli", "cli", "cli"]);
    expect(events[1].keyLabel).toBe("key 1");
    expect(JSON.parse(events[1].detail)).toMatchObject({ outcome: "auth_error", code: "50113", latencyMs: 12 });
  });

  it("stores writes queued at the same moment in one transaction (one timestamp), with their discoveries", async () => {
    const { writeCheck } = await import("@/lib/checks/check-writer");
    const { db } = await import("@/lib/db/client");
    const config = { uid: "uid-0", mainUid: "uid-0", permRaw: "read_only", ip: [] } as never;
    const sub = {
      subAcct: "bot-1",
      label: "bot",
      fingerprint: "fp-1",
      apiKeyDigest: "digest-1",
      perm: "read_only",
      ip: "",
      createdAt: new Date("2026-10-01T00:00:00Z"),
      apiKeyEnc: new Uint8Array(1),
      subFrozen: false,
    };
    const rows = await Promise.all([
      writeCheck({ keyId: ids[0], label: "key 0", record: record(true, "uid-0"), actor: "web" }),
      // Queued behind the first: these three share one transaction.
      writeCheck({
        keyId: ids[1],
        label: "key 1",
        record: record(true, "uid-0"),
        actor: "web",
        discovery: { config, prepared: { ok: true, subAccounts: 1, keys: [sub] } },
      }),
      writeCheck({ keyId: ids[2], label: "key 2", record: record(true, "uid-0"), actor: "web" }),
      writeCheck({
        keyId: ids[3],
        label: "key 3",
        record: record(true, "uid-0"),
        actor: "web",
        discovery: { config, prepared: { ok: false, code: "50030", message: "no permission" } },
      }),
    ]);
    expect(rows[1].at.getTime()).toBe(rows[2].at.getTime());
    expect(rows[2].at.getTime()).toBe(rows[3].at.getTime());
    expect(JSON.parse(rows[1].discovery!)).toEqual({ ok: true, subAccounts: 1, keys: 1, linked: 0 });
    expect(rows[2].discovery).toBeNull();
    expect(JSON.parse(rows[3].discovery!)).toMatchObject({ ok: false, code: "50030" });
    const prisma = await db();
    expect(await prisma.discoveredSubKey.findMany({ select: { masterKeyId: true, subAcct: true, seenAt: true } })).toEqual([
      { masterKeyId: ids[1], subAcct: "bot-1", seenAt: rows[1].at },
    ]);
    const found = await prisma.auditEvent.findMany({ where: { action: "key.discover_sub_accounts" }, orderBy: { id: "asc" } });
    expect(found.map((e) => [e.keyId, JSON.parse(e.detail).ok])).toEqual([
      [ids[1], true],
      [ids[3], false],
    ]);
  });
});
