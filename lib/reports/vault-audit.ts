import "server-only";
// Loads what the audit engine needs from the database and runs it. The pages, the CLI and the exports all
// come through here, so there is one audit and one set of numbers.
import { db } from "@/lib/db/client";
import { auditVault, policyOrDefault, type AuditCheck, type AuditKey, type AuditPolicy, type KeyAudit, type VaultAudit } from "@/lib/audit";
import { toCheckDto, type CheckDto } from "@/lib/checks/check-dto";
import { parseConsumers, toKeyDto, type KeyDto } from "@/lib/keys/key-dto";
import { readSetting, writeSetting } from "@/lib/settings/settings";
import { z } from "zod";

// Older checks add nothing to the rules (drift looks at the last two successful ones): bound the work per key.
const CHECKS_PER_KEY = 50;

export async function loadPolicy(): Promise<AuditPolicy> {
  return policyOrDefault(await readSetting("auditPolicy", z.unknown(), null));
}

export async function savePolicy(policy: AuditPolicy): Promise<void> {
  await writeSetting("auditPolicy", policy);
}

export interface AuditedKey {
  key: KeyDto;
  audit: KeyAudit;
  checks: CheckDto[];
}

export interface VaultReport {
  generatedAt: Date;
  policy: AuditPolicy;
  vault: VaultAudit;
  keys: AuditedKey[];
}

function toAuditKey(row: { apiKeyDigest: string } & Parameters<typeof toKeyDto>[0]): AuditKey {
  return {
    id: row.id,
    label: row.label,
    fingerprint: row.fingerprint,
    purpose: row.purpose as AuditKey["purpose"],
    demo: row.demo,
    region: row.region as AuditKey["region"],
    createdOn: row.createdOn,
    createdOnSource: row.createdOnSource as AuditKey["createdOnSource"],
    addedAt: row.addedAt,
    consumers: parseConsumers(row.usedBy),
    apiKeyDigest: row.apiKeyDigest,
    status: row.status as AuditKey["status"],
    subAcct: row.subAcct,
  };
}

export async function loadVaultReport(opts: { now?: Date } = {}): Promise<VaultReport> {
  const now = opts.now ?? new Date();
  const prisma = await db();
  const [policy, rows] = await Promise.all([
    loadPolicy(),
    prisma.apiKey.findMany({
      where: { status: "active" },
      orderBy: { label: "asc" },
      select: {
        id: true, label: true, fingerprint: true, region: true, demo: true, purpose: true, usedBy: true, notes: true,
        createdOn: true, createdOnSource: true, status: true, subAcct: true, parentKeyId: true, addedAt: true,
        updatedAt: true, lastCheckedAt: true, lastOkAt: true, apiKeyDigest: true,
        checks: { orderBy: { at: "desc" }, take: CHECKS_PER_KEY },
      },
    }),
  ]);
  const checksByKey = new Map(rows.map((r) => [r.id, r.checks.map(toCheckDto)]));
  const vault = auditVault(
    rows.map((r) => ({ key: toAuditKey(r), checks: checksByKey.get(r.id)! as AuditCheck[] })),
    policy,
    now,
  );
  const auditById = new Map(vault.keys.map((a) => [a.keyId, a]));
  return {
    generatedAt: now,
    policy,
    vault,
    keys: rows.map((r) => ({ key: toKeyDto(r), audit: auditById.get(r.id)!, checks: checksByKey.get(r.id)! })),
  };
}
