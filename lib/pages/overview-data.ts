import "server-only";
// What / shows: the vault report (posture, top findings, unmanaged keys) and the side lists drawn from it. The
// overview is about the whole vault, so it loads the whole vault (from the report's cache; see report-rows.ts).
import type { KeyDto } from "@/lib/keys/key-dto";
import { loadVaultReport, type AuditedKey, type VaultReport } from "@/lib/reports/vault-report";

export interface DeletionCountdown {
  key: KeyDto;
  dueAt: Date;
  /** Where the countdown runs from (the last use entered, else the created-on date). */
  from: Date | null;
  /** OKX answered after the date: the key was not deleted then, so the real date is unknown. */
  answeredAfter: boolean;
}

export interface OverviewData {
  report: VaultReport;
  /** Old keys of open rotations. */
  rotating: AuditedKey[];
  neverChecked: number;
  /** Keys at or past the rotation age, oldest first. */
  due: AuditedKey[];
  /** OKX's 14-day deletion, soonest first. */
  deletions: DeletionCountdown[];
}

export async function loadOverview(): Promise<OverviewData> {
  const report = await loadVaultReport();
  const { keys, policy } = report;
  const rotating = keys.filter((k) => k.rotation?.role === "old");
  const neverChecked = keys.filter((k) => !k.audit.latestCheck).length;
  const due = keys.filter((k) => k.audit.ageDays >= policy.ageDueDays).sort((a, b) => b.audit.ageDays - a.audit.ageDays);
  // Straight from the audit's findings, so the countdown always agrees with them (a dead key has none).
  const deletions = keys
    .flatMap((k) =>
      k.audit.findings
        .filter((f) => f.rule === "okx-14-day-deletion" && f.dueAt)
        .map((f) => ({
          key: k.key,
          dueAt: f.dueAt!,
          from: k.audit.deletionCountedFrom,
          answeredAfter: k.checks.some((c) => c.outcome === "ok" && c.at.getTime() > f.dueAt!.getTime()),
        })),
    )
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return { report, rotating, neverChecked, due, deletions };
}
