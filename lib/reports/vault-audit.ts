import "server-only";
// Loads what the audit engine needs from the database and runs it. The pages, the CLI and the exports all
// come through here, so there is one audit and one set of numbers.
import { auditVault, policyOrDefault, type AuditCheck, type AuditPolicy, type KeyAudit, type VaultAudit } from "@/lib/audit";
import type { CheckDto } from "@/lib/checks/check-dto";
import type { KeyDto } from "@/lib/keys/key-dto";
import { loadReportRows } from "./report-rows";
import { readSetting, writeSetting } from "@/lib/settings/settings";
import { z } from "zod";

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

/** Keys (by label) with their audit. The database rows are cached (report-rows.ts); the audit runs every time. */
export async function loadVaultReport(opts: { now?: Date } = {}): Promise<VaultReport> {
  const now = opts.now ?? new Date();
  const [policy, rows] = await Promise.all([loadPolicy(), loadReportRows()]);
  const vault = auditVault(
    rows.map((r) => ({ key: r.auditKey, checks: r.checks as AuditCheck[] })),
    policy,
    now,
  );
  return {
    generatedAt: now,
    policy,
    vault,
    keys: rows.map((r, i) => ({ key: r.key, audit: vault.keys[i], checks: r.checks })),
  };
}
