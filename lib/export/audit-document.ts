// The one JSON document of an audit: printed by `keywarden audit --json`, written by `export --format json`
// and downloaded from the dashboard. Pure: VaultReport in, plain JSON-ready data out. No secret is in a
// VaultReport, and the public key appears only as its fingerprint.
import type { VaultReport, AuditedKey } from "@/lib/reports/vault-report";
import type { Grade, IpBinding, Severity, SeverityCounts } from "@/lib/audit";
import { consumerText } from "@/lib/domain";
import { keyIdentity } from "@/lib/keys/key-dto";

export const AUDIT_DOCUMENT_VERSION = 1;

export interface AuditDocumentFinding {
  rule: string;
  severity: Severity;
  title: string;
  /** The fix steps, in order. */
  fix: string[];
  why: string;
  evidence: string;
}

export interface AuditDocumentKey {
  id: string;
  label: string;
  fingerprint: string;
  purpose: string;
  demo: boolean;
  region: string;
  /** OKX's permission words as of the last successful check; [] when OKX never answered for this key. */
  perm: string[];
  /** Bound IPs as of the last successful check; [] when unbound, unknown or bound to IPs OKX did not list (see ipBinding). */
  ip: string[];
  /** "bound", "none", "elsewhere" (OKX answered 50110: bound to IPs other than this machine's) or "unknown". */
  ipBinding: IpBinding;
  /** OKX has said what the key can do; false means grade "?" and score null (or F on a known critical finding). */
  verified: boolean;
  /** OKX uid from the last successful check, or null. */
  uid: string | null;
  ageDays: number;
  createdOn: string;
  consumers: string[];
  lastCheck: { at: string; code: string; outcome: string; message: string } | null;
  grade: Grade;
  /** null while the key is unverified (grade "?"). */
  score: number | null;
  findings: AuditDocumentFinding[];
}

export interface AuditDocument {
  version: number;
  generatedAt: string;
  /** score null and grade "?" when no key is verified; `unverified` counts the keys OKX never verified. */
  posture: { score: number | null; grade: Grade; counts: SeverityCounts; unverified: number };
  keys: AuditDocumentKey[];
}

function keyEntry({ key, audit, checks }: AuditedKey): AuditDocumentKey {
  // checks are newest first; the uid is what OKX last said successfully.
  const lastOk = checks.find((c) => c.outcome === "ok") ?? null;
  const latest = audit.latestCheck;
  return {
    ...keyIdentity(key),
    perm: audit.currentPerm ? [...audit.currentPerm] : [],
    ip: audit.currentIp ? [...audit.currentIp] : [],
    ipBinding: audit.ipBinding,
    verified: audit.verified,
    uid: lastOk?.uid ?? null,
    ageDays: audit.ageDays,
    createdOn: key.createdOn,
    consumers: key.consumers.map(consumerText),
    lastCheck: latest ? { at: latest.at.toISOString(), code: latest.code, outcome: latest.outcome, message: latest.message } : null,
    grade: audit.grade,
    score: audit.grade === "?" ? null : audit.score,
    findings: audit.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      fix: [...f.fix],
      why: f.why,
      evidence: f.evidence.detail,
    })),
  };
}

export function buildAuditDocument(report: VaultReport): AuditDocument {
  const { posture } = report.vault;
  return {
    version: AUDIT_DOCUMENT_VERSION,
    generatedAt: report.generatedAt.toISOString(),
    posture: { score: posture.score, grade: posture.grade, counts: { ...posture.counts }, unverified: posture.unverified },
    keys: report.keys.map(keyEntry),
  };
}

export function auditDocumentJson(report: VaultReport): string {
  return `${JSON.stringify(buildAuditDocument(report), null, 2)}\n`;
}
