// CSV export: one row per finding (what a spreadsheet filter wants), and one row with empty finding columns
// for a key without findings, so every key appears at least once. Key columns repeat on each row.
import type { VaultReport } from "@/lib/reports/vault-report";
import { IP_BINDING_WORDS } from "@/lib/audit";
import { buildAuditDocument } from "./audit-document";
import { toCsv } from "./csv";

export const AUDIT_CSV_HEADER = [
  "label",
  "fingerprint",
  "purpose",
  "region",
  "demo",
  "grade",
  "age_days",
  "perm",
  "ip",
  "ip_bound",
  "uid",
  "last_check_at",
  "last_check_code",
  "severity",
  "rule",
  "title",
  "fix",
] as const;

export function auditCsv(report: VaultReport): string {
  const doc = buildAuditDocument(report);
  const rows: (string | number | boolean | null)[][] = [];
  for (const k of doc.keys) {
    const base = [
      k.label,
      k.fingerprint,
      k.purpose,
      k.region,
      k.demo,
      k.grade,
      k.ageDays,
      k.perm.join(" "),
      k.ip.join(" "),
      IP_BINDING_WORDS[k.ipBinding],
      k.uid,
      k.lastCheck?.at ?? null,
      k.lastCheck?.code ?? null,
    ];
    if (k.findings.length === 0) rows.push([...base, null, null, null, null]);
    for (const f of k.findings) rows.push([...base, f.severity, f.rule, f.title, f.fix.join(" / ")]);
  }
  return toCsv(AUDIT_CSV_HEADER, rows);
}
