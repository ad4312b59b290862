// The report loader against a real SQLite file: a long run of failed checks must not hide what the last
// successful check proved, and the row cache must see every write — this process's, another connection's
// (the CLI while the server runs), and a key deleted or edited.
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

let dir: string;
let keyId: string;
const PASS = "copper-violin-tundra-57";

async function mods() {
  return {
    vault: await import("@/lib/vault/vault"),
    keys: await import("@/lib/keys/key-store"),
    reports: await import("@/lib/reports/vault-report"),
    settings: await import("@/lib/settings/audit-policy"),
    rows: await import("@/lib/reports/report-rows"),
    db: await import("@/lib/db/client"),
  };
}

function rulesOf(report: Awaited<ReturnType<Awaited<ReturnType<typeof mods>>["reports"]["loadVaultReport"]>>, id: string): string[] {
  return report.keys
    .find((k) => k.key.id === id)!
    .audit.findings.map((f) => f.rule)
    .sort();
}

const env = integrationEnv({ prefix: "kw-report-", vault: PASS });
beforeAll(async () => {
  dir = env.dir;
  const { keys } = await mods();
  const key = await keys.addKey({
    label: "tax tool",
    region: "global",
    demo: false,
    purpose: "read",
    usedBy: "koinly",
    createdOn: "2026-11-01",
    notes: "",
    apiKey: "0f6e2c1a-1111-4222-8333-444455556666",
    secretKey: "A".repeat(32),
    passphrase: "Passphrase-1",
  });
  keyId = key.id;
});

describe("vault report", () => {
  it("keeps the findings of the last successful check behind more failed checks than the history shows", async () => {
    const { db, reports, rows } = await mods();
    const prisma = await db.db();
    const t0 = Date.parse("2026-11-20T00:00:00Z");
    await prisma.check.create({
      data: { keyId, at: new Date(t0), outcome: "ok", code: "0", perm: "read_only,trade,withdraw", ip: "", uid: "9", mainUid: "9", label: "tax" },
    });
    const before = rulesOf(await reports.loadVaultReport({ now: new Date(t0 + 60_000) }), keyId);
    expect(before).toContain("withdraw");

    // A day of cron runs while OKX is unreachable: more network errors than the key page's history holds.
    await prisma.check.createMany({
      data: Array.from({ length: rows.HISTORY_PER_KEY + 10 }, (_, i) => ({
        keyId,
        at: new Date(t0 + (i + 1) * 60_000),
        outcome: "network_error",
        code: "",
        message: "timeout",
      })),
    });
    const report = await reports.loadVaultReport({ now: new Date(t0 + 2 * 86_400_000) });
    const after = rulesOf(report, keyId);
    for (const rule of ["withdraw", "excess-permission", "no-ip"]) expect(after).toContain(rule);
    const audited = report.keys.find((k) => k.key.id === keyId)!;
    expect(audited.audit.currentPerm).toEqual(["read_only", "trade", "withdraw"]);
    // History: the newest HISTORY_PER_KEY checks, plus the successful one the audit rests on.
    expect(audited.checks.length).toBe(rows.HISTORY_PER_KEY + 1);
    expect(audited.checks[0].at.getTime()).toBeGreaterThan(audited.checks[1].at.getTime());
    expect(audited.checks.at(-1)!.outcome).toBe("ok");
  });

  it("loads histories larger than one query's parameter limit, newest first per key", async () => {
    const { db, keys, rows } = await mods();
    const prisma = await db.db();
    const extra: string[] = [];
    // Enough keys × checks that the chosen check ids span several chunks.
    const perKey = rows.HISTORY_PER_KEY;
    const count = Math.ceil((rows.ID_CHUNK * 2) / perKey);
    for (let i = 0; i < count; i++) {
      const k = await keys.addKey({
        label: `bulk ${i}`,
        region: "global",
        demo: false,
        purpose: "read",
        usedBy: "",
        createdOn: "2026-11-01",
        notes: "",
        apiKey: `bulk-${i}`,
        secretKey: "A".repeat(32),
        passphrase: "Passphrase-1",
      });
      extra.push(k.id);
    }
    const t0 = Date.parse("2026-11-25T00:00:00Z");
    await prisma.check.createMany({
      data: extra.flatMap((keyId, k) =>
        Array.from({ length: perKey }, (_, i) => ({
          keyId,
          at: new Date(t0 + ((i * 7 + k) % perKey) * 60_000),
          outcome: "ok",
          code: "0",
          perm: "read_only",
          ip: "1.2.3.4",
          uid: "9",
          mainUid: "8",
        })),
      ),
    });
    const loaded = (await rows.loadReportRows()).filter((r) => extra.includes(r.key.id));
    expect(loaded).toHaveLength(count);
    for (const r of loaded) {
      expect(r.checks).toHaveLength(perKey);
      expect(r.checks.every((c) => c.keyId === r.key.id)).toBe(true);
      for (let i = 1; i < r.checks.length; i++) expect(r.checks[i - 1].at.getTime()).toBeGreaterThanOrEqual(r.checks[i].at.getTime());
    }
    for (const id of extra) await keys.deleteKey(id, loaded.find((r) => r.key.id === id)!.key.label);
  });

  it("reuses the audit within the minute, and re-audits at once for a new policy or a new check", async () => {
    const { db, reports, settings } = await mods();
    const first = await reports.loadVaultReport();
    const again = await reports.loadVaultReport();
    // Same minute, same rows, same policy: the same report (unless the minute just turned over).
    if (Math.floor(first.generatedAt.getTime() / 60_000) === Math.floor(again.generatedAt.getTime() / 60_000)) expect(again).toBe(first);
    const policy = await settings.loadPolicy();
    await settings.savePolicy({ ...policy, ageWarnDays: policy.ageWarnDays + 1 });
    const regraded = await reports.loadVaultReport();
    expect(regraded).not.toBe(again);
    expect(regraded.policy.ageWarnDays).toBe(policy.ageWarnDays + 1);
    await settings.savePolicy(policy);
    const prisma = await db.db();
    await prisma.check.create({ data: { keyId, outcome: "ok", code: "0", perm: "read_only", ip: "1.2.3.4", uid: "9", mainUid: "9" } });
    const afterCheck = await reports.loadVaultReport();
    expect(afterCheck.keys.find((k) => k.key.id === keyId)!.audit.currentPerm).toEqual(["read_only"]);
  });

  it("sees a write from another connection, an edit and a deletion on the next load", async () => {
    const { keys, rows } = await mods();
    const first = await rows.loadReportRows();
    expect(await rows.loadReportRows()).toBe(first); // unchanged tables: served from the cache

    // Another process (the CLI) records a check on its own connection.
    const other = new Database(path.join(dir, "keywarden.db"));
    other.pragma("busy_timeout = 5000");
    other
      .prepare(`INSERT INTO "Check" ("keyId", "at", "outcome", "code", "message", "latencyMs") VALUES (?, ?, 'auth_error', '50113', 'Invalid Sign', 5)`)
      .run(keyId, "2099-01-01T00:00:00.000+00:00"); // newer than any check the tests above stored
    other.close();
    const afterOther = await rows.loadReportRows();
    expect(afterOther).not.toBe(first);
    expect(afterOther[0].checks[0].code).toBe("50113");

    await keys.updateKeyMetadata(keyId, {
      label: "tax tool (Koinly)",
      region: "global",
      demo: false,
      purpose: "read",
      usedBy: "koinly",
      createdOn: "2026-11-01",
      notes: "",
    });
    expect((await rows.loadReportRows())[0].key.label).toBe("tax tool (Koinly)");

    await keys.deleteKey(keyId, "tax tool (Koinly)");
    expect(await rows.loadReportRows()).toEqual([]);
  });
});
