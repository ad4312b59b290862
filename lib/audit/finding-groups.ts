// The findings page's view: every finding of the active keys, filtered by severity and grouped by rule or by key.
// Pure, so the page and its unit test agree on what "every finding" means (info included, retired keys excluded).
import { z } from "zod";
import { compareFindings, severityRank, SEVERITIES } from "./severity";
import type { Finding, KeyAudit, RuleId, Severity } from "./types";
import { RULE_IDS } from "./rules";
import { pageOf, parsePage } from "@/lib/paging/page-of";

/** Keys per page when grouped by key: each key has at most a dozen or so findings, so a page stays small. */
export const KEY_GROUPS_PER_PAGE = 25;
/**
 * Cards per rule on the by-rule overview. There are only a handful of rules, and someone scanning by rule wants to
 * see every rule at once, so the rules are not paged; a rule that hit many keys shows its worst cards (as many as a
 * page of keys) and a "show all" link to that rule alone (`?rule=…`), paged FINDINGS_PER_PAGE cards a page.
 */
export const RULE_PREVIEW = 25;
export const FINDINGS_PER_PAGE = 25;

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

/**
 * The URL's view (?group=rule|key&severity=…&rule=…&page=…); anything unknown falls back to the default, never an
 * error page. `rule` shows that one rule's findings, paged; `page` is undefined on page 1.
 */
export const findingsQuerySchema = z.object({
  group: oneOf(FINDING_GROUPINGS).transform((g) => g ?? "rule"),
  severity: oneOf(SEVERITIES),
  rule: oneOf(RULE_IDS),
  page: z.preprocess(parsePage, z.number().int().optional()),
});
export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

export function parseFindingsQuery(sp: Record<string, string | string[] | undefined>): FindingsQuery {
  const q = findingsQuerySchema.parse(sp);
  // One rule's findings are a by-rule view; with group=key the rule is dropped rather than half-applied.
  return q.group === "key" && q.rule ? { ...q, rule: undefined } : q;
}

/** The URL of a findings view with some parameters changed; defaults and page 1 are left out. */
export function findingsHref(q: FindingsQuery, change: Partial<FindingsQuery>): string {
  const next = { ...q, ...change };
  const sp = new URLSearchParams();
  if (next.group !== "rule") sp.set("group", next.group);
  if (next.rule && next.group === "rule") sp.set("rule", next.rule);
  if (next.severity) sp.set("severity", next.severity);
  if (next.page && next.page > 1) sp.set("page", String(next.page));
  const s = sp.toString();
  return s ? `/findings?${s}` : "/findings";
}

export interface FindingGroup {
  /** Rule id or key id. */
  id: string;
  /** The findings shown: a rule's first RULE_PREVIEW on the overview, or one page of them with ?rule=. */
  findings: Finding[];
  /** How many findings the group has in all (the filter applied), whatever is shown. */
  count: number;
  /** The most severe finding's severity (groups are ordered by it). */
  worst: Severity;
}

export interface FindingsView {
  total: number;
  /** Per severity, over every finding (before the severity filter), for the filter's labels. */
  counts: Record<Severity, number>;
  shown: number;
  /** Groups in all (rules or keys), before paging. */
  groupCount: number;
  /** Only the groups of the page shown, so the page renders only those cards. */
  groups: FindingGroup[];
  /** The page shown (clamped to the last one) and how many there are. */
  page: number;
  pages: number;
}

export function findingsView(audits: readonly KeyAudit[], q: FindingsQuery): FindingsView {
  const all = audits.filter((a) => a.status === "active").flatMap((a) => a.findings);
  all.sort(compareFindings);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of all) counts[f.severity]++;
  const shown = all.filter((f) => (!q.severity || f.severity === q.severity) && (!q.rule || f.rule === q.rule));
  const byId = new Map<string, Finding[]>();
  for (const f of shown) {
    const id = q.group === "rule" ? f.rule : f.keyId;
    const list = byId.get(id);
    if (list) list.push(f);
    else byId.set(id, [f]);
  }
  // Findings are sorted most severe first, so a group's first finding is its worst and insertion order already
  // puts the groups with the worst findings first; the sort below only makes that explicit and stable.
  const groups = [...byId.entries()].map(([id, findings]) => ({ id, findings, count: findings.length, worst: findings[0].severity }));
  groups.sort((a, b) => severityRank(b.worst) - severityRank(a.worst) || b.count - a.count);
  const base = { total: all.length, counts, shown: shown.length, groupCount: groups.length };
  if (q.group === "key") {
    const p = pageOf(groups, q.page, KEY_GROUPS_PER_PAGE);
    return { ...base, groups: p.rows, page: p.page, pages: p.pages };
  }
  if (q.rule) {
    // At most one group: page its cards.
    const g = groups[0];
    const p = pageOf(g?.findings ?? [], q.page, FINDINGS_PER_PAGE);
    return { ...base, groups: g ? [{ ...g, findings: p.rows }] : [], page: p.page, pages: p.pages };
  }
  return { ...base, groups: groups.map((g) => ({ ...g, findings: g.findings.slice(0, RULE_PREVIEW) })), page: 1, pages: 1 };
}
