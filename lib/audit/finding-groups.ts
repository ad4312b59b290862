// The findings page's view: every finding of the active keys, filtered by severity and grouped by rule or by key.
// Pure, so the page and its unit test agree on what "every finding" means (info included, retired keys excluded).
import { z } from "zod";
import { compareFindings, severityRank, SEVERITIES } from "./severity";
import type { Finding, KeyAudit, RuleId, Severity } from "./types";

export const FINDING_GROUPINGS = ["rule", "key"] as const;
export type FindingGrouping = (typeof FINDING_GROUPINGS)[number];

/** What each rule is about, as a group heading on the findings page (the README's rule table in words). */
export const RULE_NAMES: Readonly<Record<RuleId, string>> = {
  age: "Key age and rotation",
  withdraw: "Withdraw on a key that does not move funds",
  "excess-permission": "More permission than the purpose needs",
  "no-ip": "No IP allowlist",
  "okx-14-day-deletion": "OKX's 14-day deletion of unused keys",
  "dead-key": "Keys OKX no longer knows",
  "auth-error": "Wrong secret, passphrase or environment",
  drift: "Changed on okx.com since the previous check",
  "stale-check": "Not checked recently",
  "shared-key": "Shared keys",
  "master-key-bot": "Trading keys on the master account",
  frozen: "Keys OKX has frozen",
  "bound-elsewhere": "Bound to other IPs, not verified",
  "file-readable": "Key files other users can read",
  "file-in-git": "Key files in git repositories",
  unmanaged: "Keys on OKX that Keywarden does not hold",
};

const oneOf = <T extends readonly string[]>(values: T) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z
      .enum(values as unknown as [T[number], ...T[number][]])
      .optional()
      .catch(undefined),
  );

/** The URL's view (?group=rule|key&severity=…); anything unknown falls back to the default, never an error page. */
export const findingsQuerySchema = z.object({
  group: oneOf(FINDING_GROUPINGS).transform((g) => g ?? "rule"),
  severity: oneOf(SEVERITIES),
});
export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

export function parseFindingsQuery(sp: Record<string, string | string[] | undefined>): FindingsQuery {
  return findingsQuerySchema.parse(sp);
}

export interface FindingGroup {
  /** Rule id or key id. */
  id: string;
  findings: Finding[];
  /** The most severe finding's severity (groups are ordered by it). */
  worst: Severity;
}

export interface FindingsView {
  total: number;
  /** Per severity, over every finding (before the severity filter), for the filter's labels. */
  counts: Record<Severity, number>;
  shown: number;
  groups: FindingGroup[];
}

export function findingsView(audits: readonly KeyAudit[], q: FindingsQuery): FindingsView {
  const all = audits.filter((a) => a.status === "active").flatMap((a) => a.findings);
  all.sort(compareFindings);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of all) counts[f.severity]++;
  const shown = q.severity ? all.filter((f) => f.severity === q.severity) : all;
  const byId = new Map<string, Finding[]>();
  for (const f of shown) {
    const id = q.group === "rule" ? f.rule : f.keyId;
    const list = byId.get(id);
    if (list) list.push(f);
    else byId.set(id, [f]);
  }
  // Findings are sorted most severe first, so a group's first finding is its worst and insertion order already
  // puts the groups with the worst findings first; the sort below only makes that explicit and stable.
  const groups = [...byId.entries()].map(([id, findings]) => ({ id, findings, worst: findings[0].severity }));
  groups.sort((a, b) => severityRank(b.worst) - severityRank(a.worst) || b.findings.length - a.findings.length);
  return { total: all.length, counts, shown: shown.length, groups };
}
