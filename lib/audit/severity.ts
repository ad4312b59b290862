import type { Finding, RuleId, Severity, SeverityCounts } from "./types";

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

// Within one severity, a frozen key comes first: nothing else about the key can be fixed until OKX lifts it,
// so "rotation overdue" (also high) must not be the first thing the owner reads.
const RULE_FIRST: Partial<Record<RuleId, number>> = { frozen: 1 };

/**
 * Sort order for findings: most severe first, live keys before demo keys (a demo key moves no real funds),
 * then frozen before other rules, rule id, key id, title and evidence detail, so the order is total and
 * identical for identical inputs (no locale-dependent comparison).
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[b.severity] - RANK[a.severity] ||
    (a.demo ? 1 : 0) - (b.demo ? 1 : 0) ||
    (RULE_FIRST[b.rule] ?? 0) - (RULE_FIRST[a.rule] ?? 0) ||
    cmpStr(a.rule, b.rule) ||
    cmpStr(a.keyId, b.keyId) ||
    cmpStr(a.title, b.title) ||
    cmpStr(a.evidence.detail, b.evidence.detail)
  );
}

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}
