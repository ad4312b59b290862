import "server-only";
// Loads what the audit engine needs from the database and runs it. The pages, the CLI and the exports all
// come through here, so there is one audit and one set of numbers.
import { auditKey, auditVault, type AuditPolicy, type KeyAudit, type SeverityCounts, type VaultAudit } from "@/lib/audit";
import { countBySeverity } from "@/lib/audit/grade";
import type { UnmanagedKeyDto, UnmanagedRow } from "@/lib/unmanaged/unmanaged-keys";
import type { CheckDto } from "@/lib/checks/check-dto";
import type { KeyDto } from "@/lib/keys/key-dto";
import { loadReportData, type KeyRotationRef, type ReportRow } from "./report-rows";
import { loadPolicy } from "@/lib/settings/audit-policy";

export interface AuditedKey {
  key: KeyDto;
  /** The open rotation this key is the old or the new key of. */
  rotation: KeyRotationRef | null;
  audit: KeyAudit;
  checks: CheckDto[];
}

/** A key OKX lists under a stored master key that Keywarden does not hold, audited from that listing. */
export interface AuditedUnmanagedKey {
  key: UnmanagedKeyDto;
  audit: KeyAudit;
}

export interface VaultReport {
  generatedAt: Date;
  policy: AuditPolicy;
  /** Stored keys only: the posture and its counts are about the keys Keywarden holds. */
  vault: VaultAudit;
  keys: AuditedKey[];
  /** Unmanaged keys, counted apart: pages say so next to the posture. */
  unmanaged: AuditedUnmanagedKey[];
  unmanagedCounts: SeverityCounts;
}

// Findings move in days (ages, countdowns, stale checks), so within one minute the same rows and policy give the
// same audit: pages reuse it instead of re-auditing a 1,000-key vault on every request. New rows (a check, an edit)
// or another policy miss the cache at once, so "re-grades instantly" still holds.
const AUDIT_REUSE_MS = 60_000;
const globalForAudit = globalThis as unknown as {
  keywardenAudit?: { rows: ReportRow[]; unmanaged: UnmanagedRow[]; policy: string; minute: number; report: VaultReport };
};

/**
 * Keys (by label) with their audit. The database rows are cached (report-rows.ts); the audit is reused within
 * the minute for the same rows and policy. An explicit `now` (tests, exports of a fixed moment) always re-audits.
 */
export async function loadVaultReport(opts: { now?: Date } = {}): Promise<VaultReport> {
  const [policy, { rows, unmanaged }] = await Promise.all([loadPolicy(), loadReportData()]);
  if (opts.now) return audit(rows, unmanaged, policy, opts.now);
  const now = new Date();
  const minute = Math.floor(now.getTime() / AUDIT_REUSE_MS);
  const policyKey = JSON.stringify(policy);
  const hit = globalForAudit.keywardenAudit;
  if (hit && hit.rows === rows && hit.unmanaged === unmanaged && hit.policy === policyKey && hit.minute === minute) return hit.report;
  const report = audit(rows, unmanaged, policy, now);
  globalForAudit.keywardenAudit = { rows, unmanaged, policy: policyKey, minute, report };
  return report;
}

function audit(rows: ReportRow[], unmanagedRows: UnmanagedRow[], policy: AuditPolicy, now: Date): VaultReport {
  const vault = auditVault(
    rows.map((r) => ({ key: r.auditKey, checks: r.checks })),
    policy,
    now,
  );
  // No checks of their own: everything comes from the master's listing (AuditKey.listing, AuditKey.unmanaged).
  const unmanaged = unmanagedRows.map((u) => ({ key: u.key, audit: withoutKeyForms(auditKey(u.auditKey, [], policy, now)) }));
  return {
    generatedAt: now,
    policy,
    vault,
    keys: rows.map((r, i) => ({ key: r.key, rotation: r.rotation, audit: vault.keys[i], checks: r.checks })),
    unmanaged,
    unmanagedCounts: countBySeverity(unmanaged.flatMap((u) => u.audit.findings)),
  };
}

/**
 * An unmanaged key has no key page, no edit form and no rotation: its findings keep their words but drop the links
 * to those forms (its own page offers Adopt and Delete on OKX instead).
 */
function withoutKeyForms(audit: KeyAudit): KeyAudit {
  return {
    ...audit,
    findings: audit.findings.map(({ fixActions, action: _action, ...f }) => ({
      ...f,
      // A step done in Keywarden (rotate, edit, check…) needs the key stored first.
      fix: f.fix.map((step, i) => (fixActions?.[i] ? `Once adopted: ${step}` : step)),
    })),
  };
}
