// Paging of the findings view: a large vault's /findings renders one page of keys, or each rule's worst cards with
// a paged view of one rule, and the URL's page is clamped like /keys'.
import { describe, expect, it } from "vitest";
import { FINDINGS_PER_PAGE, KEY_GROUPS_PER_PAGE, RULE_PREVIEW, findingsHref, findingsView, parseFindingsQuery } from "@/lib/audit";
import { finding as f, keyAudit as audit } from "../../support/finding-fixture";

// 60 keys: each has an age finding and a no-IP finding; every 10th also withdraw (critical).
const KEYS = 60;
const audits = Array.from({ length: KEYS }, (_, i) => {
  const id = `k${String(i).padStart(2, "0")}`;
  return audit(id, [f(id, "age", i % 2 ? "low" : "medium"), f(id, "no-ip", "high"), ...(i % 10 === 0 ? [f(id, "withdraw", "critical")] : [])]);
});
const cards = (v: ReturnType<typeof findingsView>) => v.groups.reduce((n, g) => n + g.findings.length, 0);

describe("findingsView paging", () => {
  it("by key: one page of keys, the totals unchanged, the last page partly filled", () => {
    const p1 = findingsView(audits, parseFindingsQuery({ group: "key" }));
    expect(p1).toMatchObject({ page: 1, pages: Math.ceil(KEYS / KEY_GROUPS_PER_PAGE), groupCount: KEYS, total: KEYS * 2 + 6, shown: KEYS * 2 + 6 });
    expect(p1.groups).toHaveLength(KEY_GROUPS_PER_PAGE);
    // Worst keys first: the six with a critical finding lead page 1.
    expect(p1.groups.slice(0, 6).every((g) => g.worst === "critical")).toBe(true);
    const last = findingsView(audits, parseFindingsQuery({ group: "key", page: "3" }));
    expect(last.groups).toHaveLength(KEYS - 2 * KEY_GROUPS_PER_PAGE);
    const seen = [1, 2, 3].flatMap((page) => findingsView(audits, parseFindingsQuery({ group: "key", page: String(page) })).groups.map((g) => g.id));
    expect(new Set(seen).size).toBe(KEYS);
  });

  it("junk pages are page 1; a page past the end is the last page", () => {
    // Beyond a safe integer is junk too, as on /keys.
    for (const page of ["abc", "0", "-4", "", "1.5e3x", "99999999999999999999"]) {
      const q = parseFindingsQuery({ group: "key", page });
      expect(findingsView(audits, q).page, page).toBe(1);
    }
    expect(parseFindingsQuery({ page: "abc" }).page).toBeUndefined();
    expect(parseFindingsQuery({ page: ["2", "5"] }).page).toBe(2);
    const past = findingsView(audits, parseFindingsQuery({ group: "key", page: "40" }));
    expect(past).toMatchObject({ page: 3, pages: 3 });
    expect(past.groups.length).toBeGreaterThan(0);
  });

  it("by rule: every rule shown, each capped at its worst RULE_PREVIEW cards, with its full count", () => {
    const v = findingsView(audits, parseFindingsQuery({ page: "2" }));
    expect(v).toMatchObject({ page: 1, pages: 1, groupCount: 3 });
    expect(v.groups.map((g) => [g.id, g.count, g.findings.length])).toEqual([
      ["withdraw", 6, 6],
      ["no-ip", KEYS, RULE_PREVIEW],
      ["age", KEYS, RULE_PREVIEW],
    ]);
    // The preview is the worst of the rule: every medium age finding comes before any low one.
    expect(v.groups[2].findings.every((x) => x.severity === "medium")).toBe(true);
    expect(cards(v)).toBe(6 + 2 * RULE_PREVIEW);
  });

  it("one rule (?rule=): only that rule, its cards paged", () => {
    const p2 = findingsView(audits, parseFindingsQuery({ rule: "age", page: "2" }));
    expect(p2).toMatchObject({ page: 2, pages: Math.ceil(KEYS / FINDINGS_PER_PAGE), groupCount: 1, shown: KEYS, total: KEYS * 2 + 6 });
    expect(p2.groups[0]).toMatchObject({ id: "age", count: KEYS });
    expect(p2.groups[0].findings).toHaveLength(FINDINGS_PER_PAGE);
    const lowOnly = findingsView(audits, parseFindingsQuery({ rule: "age", severity: "low", page: "9" }));
    expect(lowOnly).toMatchObject({ page: 2, pages: 2, shown: KEYS / 2 });
    expect(lowOnly.groups[0].findings).toHaveLength(KEYS / 2 - FINDINGS_PER_PAGE);
    // A rule with no findings, or an unknown rule, is an empty view or the overview, never an error.
    expect(findingsView(audits, parseFindingsQuery({ rule: "frozen" }))).toMatchObject({ shown: 0, groups: [], page: 1, pages: 1 });
    expect(parseFindingsQuery({ rule: "nope" }).rule).toBeUndefined();
    expect(parseFindingsQuery({ group: "key", rule: "age" }).rule).toBeUndefined();
  });

  it("links keep the view; a filter or grouping change goes back to page 1 (the page leaves page out)", () => {
    const q = parseFindingsQuery({ group: "key", severity: "high", page: "3" });
    expect(findingsHref(q, {})).toBe("/findings?group=key&severity=high&page=3");
    expect(findingsHref(q, { page: 2 })).toBe("/findings?group=key&severity=high&page=2");
    expect(findingsHref(q, { page: 1 })).toBe("/findings?group=key&severity=high");
    expect(findingsHref(q, { page: undefined, severity: "low" })).toBe("/findings?group=key&severity=low");
    expect(findingsHref(q, { page: undefined, group: "rule" })).toBe("/findings?severity=high");
    const one = parseFindingsQuery({ rule: "age", page: "2" });
    expect(findingsHref(one, { page: undefined, severity: "low" })).toBe("/findings?rule=age&severity=low");
    expect(findingsHref(one, { page: undefined, group: "key", rule: undefined })).toBe("/findings?group=key");
  });
});
