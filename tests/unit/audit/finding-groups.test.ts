// The findings page's view: every finding of the active keys, by rule or by key, filtered by severity.
import { describe, expect, it } from "vitest";
import { findingsView, parseFindingsQuery, RULE_IDS, RULE_NAMES } from "@/lib/audit";
import { finding as f, keyAudit as audit } from "../../support/finding-fixture";

const audits = [
  audit("k1", [f("k1", "withdraw", "critical"), f("k1", "no-ip", "high"), f("k1", "drift", "info")]),
  audit("k2", [f("k2", "no-ip", "high"), f("k2", "age", "medium")]),
  audit("k3", [f("k3", "age", "low")]),
  audit("gone", [f("gone", "withdraw", "critical")], "retired"),
];

describe("findingsView", () => {
  it("lists every finding of active keys, info included, grouped by rule, worst group first", () => {
    const v = findingsView(audits, parseFindingsQuery({}));
    expect(v.total).toBe(6);
    expect(v.counts).toEqual({ critical: 1, high: 2, medium: 1, low: 1, info: 1 });
    expect(v.groups.map((g) => g.id)).toEqual(["withdraw", "no-ip", "age", "drift"]);
    expect(v.groups.find((g) => g.id === "age")!.findings.map((x) => x.severity)).toEqual(["medium", "low"]);
  });

  it("groups by key and filters by severity (counts stay those of all findings)", () => {
    const byKey = findingsView(audits, parseFindingsQuery({ group: "key" }));
    expect(byKey.groups.map((g) => [g.id, g.findings.length])).toEqual([
      ["k1", 3],
      ["k2", 2],
      ["k3", 1],
    ]);
    const high = findingsView(audits, parseFindingsQuery({ group: "key", severity: "high" }));
    expect(high.shown).toBe(2);
    expect(high.total).toBe(6);
    expect(high.groups.map((g) => g.id)).toEqual(["k1", "k2"]);
  });

  it("falls back to the defaults for unknown URL values", () => {
    expect(parseFindingsQuery({ group: "evil", severity: ["nope"] })).toEqual({ group: "rule", severity: undefined });
    expect(parseFindingsQuery({ group: ["key", "rule"], severity: "low" })).toEqual({ group: "key", severity: "low" });
  });

  it("names every rule", () => {
    for (const r of RULE_IDS) expect(RULE_NAMES[r]).toBeTruthy();
  });
});
