import type { Finding, Severity, SeverityCounts } from "./types";

/** Most severe first. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const satisfies readonly Severity[];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Higher is worse: critical 4 … info 0. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sort order for findings: most severe first, then rule id, then key id, then title and evidence detail,
 * so the order is total and identical for identical inputs (no locale-dependent comparison).
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[b.severity] - RANK[a.severity] ||
    cmpStr(a.rule, b.rule) ||
    cmpStr(a.keyId, b.keyId) ||
    cmpStr(a.title, b.title) ||
    cmpStr(a.evidence.detail, b.evidence.detail)
  );
}

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}
